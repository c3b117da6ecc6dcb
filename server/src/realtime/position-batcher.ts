// Technicians post positions one by one (or in small batches) at their own
// pace; boards would drown in one event per position. The batcher gathers them
// and sends a frame per room a few times per second: a board's cost then
// depends on the frame rate, not on the fleet size.
//
// Routing: every position goes to its technician's agency room. A technician
// also covering sectors (possibly of other agencies) reaches those sectors'
// rooms too, minus the sockets already in the technician's agency room, so no
// socket receives a position twice.
import { agencyRoom, sectorRoom, type PositionFrame, type PositionSample } from '@tournee/contracts/realtime';

export interface PositionInput {
  readonly technicianId: string;
  readonly agencyId: string;
  /** The sectors the technician covers; their rooms get the position too. */
  readonly sectorIds?: readonly string[];
  readonly lat: number;
  readonly lon: number;
  readonly heading?: number | null;
  readonly speed?: number | null;
  readonly accuracy?: number | null;
  /** Device time: a Date, an ISO string or epoch milliseconds. */
  readonly recordedAt: Date | string | number;
}

export interface FrameEmission {
  readonly rooms: readonly string[];
  readonly except: readonly string[];
  readonly frame: PositionFrame;
}

export interface PositionBatcherOptions {
  /**
   * The least time between two flushes, hence the longest a position waits.
   * 100 ms: at most ten frames a second per room, which keeps board latency
   * under the 150 ms p99 target while a 2,000-technician fleet still arrives
   * as ~200-position frames.
   */
  readonly intervalMs: number;
  /** A frame leaves at once when this many positions wait (bounds frame size under bursts). */
  readonly maxPending: number;
  readonly emit: (emission: FrameEmission) => void;
}

export interface PositionBatcher {
  add(batch: readonly PositionInput[]): void;
  flush(): void;
  close(): void;
}

export const DEFAULT_FRAME_INTERVAL_MS = 100;
export const DEFAULT_MAX_PENDING = 2_000;

interface Pending {
  readonly sample: PositionSample;
  readonly sectorIds: readonly string[];
}

export function createPositionBatcher(options: Partial<PositionBatcherOptions> & Pick<PositionBatcherOptions, 'emit'>): PositionBatcher {
  const intervalMs = options.intervalMs ?? DEFAULT_FRAME_INTERVAL_MS;
  const maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let lastFlush = 0;
  let closed = false;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    lastFlush = Date.now();
    const batch = pending;
    pending = [];
    const sentAt = lastFlush;
    const byAgency = new Map<string, PositionSample[]>();
    const bySector = new Map<string, { sectorId: string; agencyId: string; samples: PositionSample[] }>();
    for (const { sample, sectorIds } of batch) {
      push(byAgency, sample.agencyId, sample);
      for (const sectorId of sectorIds) {
        const key = `${sectorId}\u0000${sample.agencyId}`;
        let group = bySector.get(key);
        if (!group) bySector.set(key, (group = { sectorId, agencyId: sample.agencyId, samples: [] }));
        group.samples.push(sample);
      }
    }
    for (const [agencyId, positions] of byAgency) {
      options.emit({ rooms: [agencyRoom(agencyId)], except: [], frame: { sentAt, positions } });
    }
    for (const { sectorId, agencyId, samples } of bySector.values()) {
      options.emit({ rooms: [sectorRoom(sectorId)], except: [agencyRoom(agencyId)], frame: { sentAt, positions: samples } });
    }
  }

  return {
    add(batch) {
      if (closed) return;
      for (const input of batch) pending.push({ sample: toSample(input), sectorIds: input.sectorIds ?? [] });
      if (pending.length >= maxPending) flush();
      else if (!timer && pending.length > 0) {
        // A throttle, not a delay: after a quiet spell the frame leaves on the
        // next turn of the event loop (gathering what arrives in the same
        // turn); under steady input, one frame per interval.
        timer = setTimeout(flush, Math.max(0, lastFlush + intervalMs - Date.now()));
        // A pending frame must not keep a finishing process alive.
        timer.unref();
      }
    },
    flush,
    close() {
      flush();
      closed = true;
    },
  };
}

function toSample(input: PositionInput): PositionSample {
  const recordedAt = typeof input.recordedAt === 'number' ? input.recordedAt : new Date(input.recordedAt).getTime();
  return {
    technicianId: input.technicianId,
    agencyId: input.agencyId,
    lat: input.lat,
    lon: input.lon,
    heading: input.heading ?? null,
    speed: input.speed ?? null,
    accuracy: input.accuracy ?? null,
    recordedAt,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
