// The intervention version an action was recorded against: the one the
// device read from the server (`baseVersion`), or the one its own earlier
// action on the visit produced (`after`), looked up in the replicated
// actions. A chain recorded offline is thus judged against what the device
// knew, and an earlier link that was not applied makes the rest conflict
// rather than apply out of context.
import type { VisitRow } from './visit-access.ts';
import { conflict, rejected, type Actor, type Tx } from './types.ts';

export async function expectedVersion(
  tx: Tx,
  actor: Actor,
  visit: VisitRow,
  base: { readonly baseVersion?: number | undefined; readonly after?: string | undefined },
): Promise<number> {
  const where = { interventionId: visit.id, agencyId: visit.agencyId };
  if (base.baseVersion !== undefined) {
    if (base.baseVersion > visit.version) {
      throw rejected(
        `baseVersion ${base.baseVersion} is newer than the server's ${visit.version}`,
        [{ path: 'baseVersion', message: 'never sent by the server' }],
        where,
      );
    }
    return base.baseVersion;
  }
  const after = base.after!;
  const previous = await tx.replicationAction.findUnique({
    where: { id: after },
    select: { technicianId: true, interventionId: true, outcome: true, resultVersion: true },
  });
  if (!previous || previous.technicianId !== actor.technicianId || previous.interventionId !== visit.id) {
    throw rejected(
      `after: no earlier action ${after} of yours on this visit (send actions in the order they were recorded)`,
      [{ path: 'after', message: 'unknown action' }],
      where,
    );
  }
  if (previous.outcome !== 'applied') {
    throw conflict('depends_on_conflict', 'it follows an action that was not applied', { dependsOn: after }, where);
  }
  if (previous.resultVersion === null) {
    throw rejected('after must name a status move or a report', [{ path: 'after', message: 'that action changed no version' }], where);
  }
  return previous.resultVersion;
}
