// A technician asks for parts (or a replacement machine) from the agency's
// depot. The request is always stored — nothing the technician asked for is
// lost — but when the central depots cannot cover it, it is stored as
// backordered and answered as an out-of-stock conflict, so the technician
// knows at once and the dispatcher is told.
import type { RequestPartAction } from '@tournee/contracts/replication';
import { centralOnHand } from '../stock.ts';
import { rejected, type Actor, type Handled, type Tx } from '../types.ts';
import { visitForAction } from '../visit-access.ts';

export async function applyRequestPart(tx: Tx, actor: Actor, action: RequestPartAction): Promise<Handled> {
  const part = await tx.part.findUnique({ where: { id: action.partId }, select: { id: true, reference: true, name: true, active: true } });
  if (!part?.active)
    throw rejected(`no part ${action.partId} in the catalogue`, [{ path: 'partId', message: 'unknown or discontinued part' }], { agencyId: actor.agencyId });
  if (action.interventionId !== undefined) await visitForAction(tx, actor, action.interventionId);
  const where = { interventionId: action.interventionId ?? null, agencyId: actor.agencyId };
  const noop = { outcome: { status: 'applied', interventionVersion: null, merged: false }, ...where, resultVersion: null, effects: {} } as const;
  if (await tx.partRequest.findUnique({ where: { id: action.requestId }, select: { id: true } })) return noop;

  const stock = await centralOnHand(tx, actor.agencyId, part.id);
  const status = stock.onHand >= action.quantity ? 'requested' : 'backordered';
  await tx.partRequest.create({
    data: {
      id: action.requestId,
      technicianId: actor.technicianId,
      agencyId: actor.agencyId,
      partId: part.id,
      quantity: action.quantity,
      kind: action.what,
      status,
      interventionId: action.interventionId ?? null,
      note: action.note ?? null,
    },
  });
  // Announced after commit (webhook part_request.created).
  const effects = { partRequested: action.requestId };
  if (status === 'requested') return { ...noop, effects };
  return {
    outcome: {
      status: 'conflict',
      reason: 'out_of_stock',
      message: `${part.reference} ${part.name}: ${stock.onHand} at the depot, ${action.quantity} requested — backordered`,
      current: {
        shortage: {
          partId: part.id,
          reference: part.reference,
          name: part.name,
          depotId: stock.depotId,
          depotName: stock.depotName,
          onHand: stock.onHand,
          requested: action.quantity,
        },
        requestStatus: 'backordered',
      },
    },
    ...where,
    resultVersion: null,
    effects,
  };
}
