// The demo's position simulator: moves every technician with a tour today
// along it — at home, driving from stop to stop at road speed between the
// planned times, on site — sending their positions to the boards on each tick
// and storing them every few seconds, and (optionally) moving the toured
// interventions through (assigned → dispatched →) en route → on site → done
// as the day unfolds.
// Deterministic for a seed and a clock; SIMULATE=0 keeps main.ts from
// starting it.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import { DemoRandom } from './random.ts';
import { advanceStop } from './simulator/progress.ts';
import { positionAt, stopPhase } from './simulator/timeline.ts';
import { loadTodaysTours, type SimulatedTechnician } from './simulator/tours.ts';
import { componentLogger, logCallback } from '../logger.ts';

export interface SimulatorOptions {
  prisma: PrismaClient;
  broadcaster: Pick<Broadcaster, 'positions' | 'interventionChanged'>;
  /** Time between ticks; every tick broadcasts a position per moving technician. */
  intervalMs?: number;
  /** The simulated clock; the real one by default (main.ts). Tests pass their own. */
  now?: () => Date;
  seed?: number;
  /** Positions are stored at most this often (boards get every tick). */
  persistEveryMs?: number;
  /** Tours are re-read this often: plans change during the day. */
  reloadEveryMs?: number;
  /** Move interventions' statuses along (default true). */
  advanceStatuses?: boolean;
  /**
   * Also assign and dispatch planned visits as their technician sets off,
   * standing in for the demo's absent dispatcher (default true).
   */
  dispatchPlanned?: boolean;
  /** false: no timer, the caller drives tick() (tests). */
  autoStart?: boolean;
  log?: (message: string, error?: unknown) => void;
}

export interface TickResult {
  at: Date;
  technicians: number;
  positions: number;
  stored: number;
  transitions: number;
}

export interface Simulator {
  /** One step at the clock's current time; ticks never overlap. */
  tick(): Promise<TickResult>;
  /** Stops the timer and waits for the tick in progress. */
  stop(): Promise<void>;
}

export function startSimulator(options: SimulatorOptions): Simulator {
  const {
    prisma,
    broadcaster,
    intervalMs = 2_000,
    now = () => new Date(),
    seed = 1,
    persistEveryMs = 10_000,
    reloadEveryMs = 30_000,
    advanceStatuses = true,
    dispatchPlanned = true,
    autoStart = true,
    log = logCallback(componentLogger('simulator'), 'warn'),
  } = options;
  const random = new DemoRandom(seed, 0);
  let technicians: SimulatedTechnician[] = [];
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loadedDay = '';
  let storedAt = Number.NEGATIVE_INFINITY;
  /** The phase each stop was last moved to: the database is asked only when it changes. */
  let handled = new Map<string, string>();
  let running: Promise<TickResult> | null = null;
  let stopped = false;

  async function step(): Promise<TickResult> {
    const at = now();
    const t = at.getTime();
    const day = at.toISOString().slice(0, 10);
    if (t - loadedAt >= reloadEveryMs || t < loadedAt || day !== loadedDay) {
      technicians = await loadTodaysTours(prisma, at);
      handled = new Map();
      loadedAt = t;
      loadedDay = day;
    }

    const batch = [];
    for (const technician of technicians) {
      const fix = positionAt(technician.timeline, t);
      if (!fix) continue;
      batch.push({
        technicianId: technician.technicianId,
        agencyId: technician.agencyId,
        sectorIds: technician.sectorIds,
        lat: Math.round(fix.lat * 1e6) / 1e6,
        lon: Math.round(fix.lon * 1e6) / 1e6,
        heading: fix.heading,
        speed: fix.speed,
        accuracy: Math.round(random.real(4, 12)),
        recordedAt: at,
      });
    }
    if (batch.length > 0) broadcaster.positions(batch);

    let stored = 0;
    if (batch.length > 0 && t - storedAt >= persistEveryMs) {
      const { count } = await prisma.technicianPosition.createMany({
        data: batch.map(({ technicianId, lat, lon, heading, speed, accuracy }) => ({ technicianId, lat, lon, heading, speed, accuracy, recordedAt: at })),
      });
      stored = count;
      storedAt = t;
    }

    let transitions = 0;
    if (advanceStatuses) {
      for (const technician of technicians) {
        for (const stop of technician.timeline.stops) {
          const phase = stopPhase(stop, t);
          if (phase === 'before' || handled.get(stop.interventionId) === phase) continue;
          handled.set(stop.interventionId, phase);
          const mover = {
            technicianId: technician.technicianId,
            agencyId: technician.agencyId,
            sectorId: technician.sectorOf.get(stop.interventionId) ?? null,
          };
          transitions += await advanceStop(prisma, broadcaster, mover, stop, phase, at, { dispatch: dispatchPlanned });
        }
      }
    }
    return { at, technicians: technicians.length, positions: batch.length, stored, transitions };
  }

  function tick(): Promise<TickResult> {
    // One tick at a time: a slow database makes ticks wait, not pile up.
    running ??= step().finally(() => {
      running = null;
    });
    return running;
  }

  const timer = autoStart
    ? setInterval(() => {
        if (stopped || running) return;
        tick().catch((error: unknown) => log('tick failed', error));
      }, intervalMs)
    : null;
  timer?.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
