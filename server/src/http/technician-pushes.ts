// What a technician's app must hear when an office user changes one of their
// interventions: assigned to them, taken away, rescheduled, updated or
// cancelled. Pushed through the realtime outbox (stored, replayed on
// reconnect). A technician's own field moves push nothing back to them.
import type { AssignmentKind } from '../contracts/realtime.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { assignmentOf } from '../planning/publish.ts';
import type { AppDeps } from './deps.ts';

export interface PushState {
  readonly id: string;
  readonly status: string;
  readonly technicianId: string | null;
  readonly plannedStart: Date | null;
  readonly plannedEnd: Date | null;
}

/** States in which the intervention is on a technician's list. */
const ON_THEIR_LIST = new Set(['planned', 'assigned', 'dispatched', 'en_route', 'on_site']);

export function pushesFor(before: PushState | null, after: PushState): Array<{ technicianId: string; kind: AssignmentKind }> {
  const pushes: Array<{ technicianId: string; kind: AssignmentKind }> = [];
  const had = before && ON_THEIR_LIST.has(before.status) ? before.technicianId : null;
  const has = ON_THEIR_LIST.has(after.status) ? after.technicianId : null;
  if (had && had !== has) {
    // Still theirs but off the list: cancelled, or finished by the office.
    const kind = had !== after.technicianId ? 'unassigned' : after.status === 'cancelled' ? 'cancelled' : 'updated';
    pushes.push({ technicianId: had, kind });
  }
  if (has && has !== had) pushes.push({ technicianId: has, kind: 'assigned' });
  else if (has) {
    const moved = before!.plannedStart?.getTime() !== after.plannedStart?.getTime() || before!.plannedEnd?.getTime() !== after.plannedEnd?.getTime();
    pushes.push({ technicianId: has, kind: moved ? 'rescheduled' : 'updated' });
  }
  return pushes;
}

export async function pushToTechnicians(
  prisma: PrismaClient,
  broadcaster: AppDeps['broadcaster'],
  before: PushState | null,
  after: PushState,
  log: (message: string, error?: unknown) => void,
): Promise<void> {
  if (!broadcaster?.assignmentPushed) return;
  for (const { technicianId, kind } of pushesFor(before, after)) {
    try {
      // assignmentOf reads the tour and labels; the kind is ours.
      const base = await assignmentOf(prisma, { technicianId, interventionId: after.id, kind: kind === 'unassigned' ? 'unassigned' : 'assigned' });
      await broadcaster.assignmentPushed(technicianId, { ...base, kind });
    } catch (error) {
      // The change itself is stored; the app catches up on its next sync.
      log(`could not push ${kind} of intervention ${after.id} to technician ${technicianId}`, error);
    }
  }
}
