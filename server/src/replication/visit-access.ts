// Whether a technician may act on a visit, decided inside the action's
// transaction. Their own assignment: yes (unless cancelled meanwhile). A
// visit their app was given (portfolio) but the dispatcher has since taken
// away: a conflict both sides must see. Any other visit: refused, saying no
// more than that it is not theirs.
import type { VisitState } from '@tournee/contracts/replication';
import { conflict, rejected, type Actor, type Tx } from './types.ts';

export const VISIT_SELECT = {
  id: true,
  agencyId: true,
  status: true,
  version: true,
  technicianId: true,
  cancelReason: true,
  siteId: true,
  equipmentId: true,
  actualStart: true,
  site: { select: { sectorId: true } },
} as const;

export interface VisitRow {
  readonly id: string;
  readonly agencyId: string;
  readonly status: VisitState['status'];
  readonly version: number;
  readonly technicianId: string | null;
  readonly cancelReason: string | null;
  readonly siteId: string;
  readonly equipmentId: string | null;
  readonly actualStart: Date | null;
  readonly site: { readonly sectorId: string | null };
}

export function visitState(row: VisitRow, actor: Actor): VisitState {
  return {
    interventionId: row.id,
    status: row.status,
    version: row.version,
    assignedToYou: row.technicianId === actor.technicianId,
    cancelReason: row.cancelReason,
  };
}

export async function visitForAction(tx: Tx, actor: Actor, interventionId: string, path = 'interventionId'): Promise<VisitRow> {
  const row = await tx.intervention.findUnique({ where: { id: interventionId }, select: VISIT_SELECT });
  if (!row) throw rejected(`no intervention ${interventionId}`, [{ path, message: 'not found' }]);
  const where = { interventionId: row.id, agencyId: row.agencyId };
  if (row.technicianId === actor.technicianId) {
    if (row.status === 'cancelled') {
      throw conflict('cancelled', `the visit was cancelled${row.cancelReason ? `: ${row.cancelReason}` : ''}`, { visit: visitState(row, actor) }, where);
    }
    return row;
  }
  const granted = await tx.technicianVisitGrant.findUnique({
    where: { technicianId_interventionId: { technicianId: actor.technicianId, interventionId: row.id } },
    select: { grantedAt: true },
  });
  if (!granted) throw rejected('this visit is not one of your assignments', [{ path, message: 'not assigned to you' }]);
  const visit = visitState(row, actor);
  if (row.status === 'cancelled') throw conflict('cancelled', `the visit was cancelled${row.cancelReason ? `: ${row.cancelReason}` : ''}`, { visit }, where);
  if (row.technicianId === null) throw conflict('unassigned', 'the dispatcher took the visit off your tour', { visit }, where);
  throw conflict('reassigned', 'the dispatcher gave the visit to another technician', { visit }, where);
}
