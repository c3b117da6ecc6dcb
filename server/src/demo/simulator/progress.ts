// Moves a toured intervention's status along with the simulated technician.
// The demo has no dispatcher at the keyboard, so the simulator also plays
// theirs: a planned visit is assigned and dispatched when the technician sets
// off; then en route, on site, done. One lifecycle step at a time, each
// checked by the shared lifecycle rules, each guarded by the status it read
// (a real dispatcher's change in between wins), each broadcast.
import { checkTransition, type InterventionStatus } from '@tournee/contracts/lifecycle';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Broadcaster } from '../../realtime/broadcaster.ts';
import { recordVisitDone } from '../../service-plans/complete.ts';
import type { StopPhase, TimelineStop } from './timeline.ts';

const STEPS: readonly InterventionStatus[] = ['planned', 'assigned', 'dispatched', 'en_route', 'on_site', 'done'];
const DISPATCHER_STEPS: ReadonlySet<InterventionStatus> = new Set(['assigned', 'dispatched']);
const TARGET: Record<Exclude<StopPhase, 'before'>, InterventionStatus> = { en_route: 'en_route', on_site: 'on_site', done: 'done' };

export type StatusBroadcaster = Pick<Broadcaster, 'interventionChanged'>;

export interface Mover {
  technicianId: string;
  agencyId: string;
  sectorId: string | null;
}

/** Returns how many transitions it made. */
export async function advanceStop(
  prisma: PrismaClient,
  broadcaster: StatusBroadcaster,
  mover: Mover,
  stop: TimelineStop,
  phase: StopPhase,
  now: Date,
  { dispatch = true }: { dispatch?: boolean } = {},
): Promise<number> {
  if (phase === 'before') return 0;
  const target = STEPS.indexOf(TARGET[phase]);
  const current = await prisma.intervention.findUnique({
    where: { id: stop.interventionId },
    select: { status: true, technicianId: true },
  });
  if (!current || current.technicianId !== mover.technicianId) return 0;
  let index = STEPS.indexOf(current.status);
  // requested, closed or cancelled: not ours to move; nor, when not playing
  // the dispatcher, a visit that was not dispatched.
  if (index < 0 || (!dispatch && index < STEPS.indexOf('dispatched'))) return 0;
  let moves = 0;
  while (index < target) {
    const from = STEPS[index]!;
    const to = STEPS[index + 1]!;
    const role = DISPATCHER_STEPS.has(to) ? 'dispatcher' : 'technician';
    if (!checkTransition({ from, to, role, hasTechnician: true }).ok) break;
    const at = to === 'on_site' ? stop.arrival : to === 'done' ? stop.end : now.getTime();
    let updated;
    try {
      updated = await prisma.intervention.update({
        where: { id: stop.interventionId, status: from, technicianId: mover.technicianId },
        data: {
          status: to,
          version: { increment: 1 },
          ...(to === 'on_site' ? { actualStart: new Date(Math.min(at, now.getTime())) } : {}),
          ...(to === 'done' ? { actualEnd: new Date(Math.min(at, now.getTime())), report: 'Intervention réalisée (simulation de démonstration).' } : {}),
        },
        select: { version: true },
      });
    } catch {
      break; // changed meanwhile (P2025): leave it to whoever changed it
    }
    broadcaster.interventionChanged({
      interventionId: stop.interventionId,
      agencyId: mover.agencyId,
      technicianId: mover.technicianId,
      sectorId: mover.sectorId,
      status: to,
      previousStatus: from,
      version: updated.version,
      source: role === 'dispatcher' ? 'system' : 'technician',
      changedAt: new Date(Math.min(at, now.getTime())),
    });
    if (to === 'done') await recordVisitDone(prisma, stop.interventionId, now);
    moves += 1;
    index += 1;
  }
  return moves;
}
