// The movements the service desk and the technicians make, each one
// transaction: receipts against supplier orders, consumption on a visit,
// transfers depot → van, returns, inventory adjustments, deliveries of
// customer orders.
import { booksDay } from '../days.ts';
import { inTransaction, type Db, type Tx } from '../db.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { detectWarranty } from '../warranties/detect.ts';
import type { CoverageVerdict } from '../warranties/coverage.ts';
import { levelKey, lockLevels } from './locks.ts';
import { recordMovements, type RecordedBatch } from './movements.ts';

interface Actor {
  readonly userId?: string | undefined;
  readonly now?: Date | undefined;
}
type PartQuantity = { readonly partId: string; readonly quantity: number };

const positive = (lines: readonly { quantity: number }[], field = 'quantity') => {
  lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0)
      throw invalid('quantities are positive whole numbers', [{ path: `lines[${i}].${field}`, message: 'a positive whole number' }]);
  });
};

export async function receiveSupplierOrder(
  prisma: Db,
  orderId: string,
  lines: readonly { lineId: string; quantity: number }[],
  actor: Actor = {},
): Promise<RecordedBatch> {
  positive(lines);
  return inTransaction(prisma, async (tx) => {
    // The order row lock serialises two receipts of the same order.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM supplier_orders WHERE id = ${orderId} FOR UPDATE`;
    if (locked.length === 0) throw notFound('supplier order');
    const order = await tx.supplierOrder.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true } });
    if (order.status !== 'ordered' && order.status !== 'partially_received') {
      throw conflict(`a ${order.status} order cannot be received: mark it ordered first`, [{ path: '', message: `status ${order.status}` }]);
    }
    const byId = new Map(order.lines.map((l) => [l.id, l]));
    const movementLines = lines.map((r, i) => {
      const line = byId.get(r.lineId);
      if (!line) throw notFound('order line', `lines[${i}].lineId`);
      if (line.receivedQuantity + r.quantity > line.quantity) {
        throw invalid('more than ordered', [{ path: `lines[${i}].quantity`, message: `${line.quantity - line.receivedQuantity} still expected on this line` }]);
      }
      return { partId: line.partId, depotId: order.depotId, quantity: r.quantity, kind: 'receipt' as const, supplierOrderLineId: line.id, path: `lines[${i}]` };
    });
    const batch = await recordMovements(tx, {
      lines: movementLines,
      pieceRef: order.reference,
      label: `Réception commande ${order.reference}`,
      occurredAt: actor.now,
      createdById: actor.userId,
    });
    for (const r of lines) await tx.supplierOrderLine.update({ where: { id: r.lineId }, data: { receivedQuantity: { increment: r.quantity } } });
    const after = await tx.supplierOrderLine.findMany({ where: { orderId }, select: { quantity: true, receivedQuantity: true } });
    const complete = after.every((l) => l.receivedQuantity >= l.quantity);
    await tx.supplierOrder.update({ where: { id: orderId }, data: { status: complete ? 'received' : 'partially_received' } });
    return batch;
  });
}

/**
 * Parts used on a visit (from the technician's report). Consumes the visit's
 * reservations of those parts first, so reserved stock is not counted twice.
 */
export async function consumeOnIntervention(
  prisma: Db,
  x: { interventionId: string; depotId: string; lines: readonly PartQuantity[] } & Actor,
): Promise<RecordedBatch> {
  positive(x.lines);
  return inTransaction(prisma, (tx) => consumeOnInterventionIn(tx, x));
}

/** The same inside the caller's transaction (the technician app's report). */
export async function consumeOnInterventionIn(
  tx: Tx,
  x: { interventionId: string; depotId: string; lines: readonly PartQuantity[] } & Actor,
): Promise<RecordedBatch> {
  positive(x.lines);
  const intervention = await tx.intervention.findUnique({ where: { id: x.interventionId }, select: { id: true, status: true } });
  if (!intervention) throw notFound('intervention');
  if (intervention.status === 'cancelled' || intervention.status === 'closed') {
    throw conflict(`parts cannot be consumed on a ${intervention.status} intervention`);
  }
  const batch = await recordMovements(tx, {
    lines: x.lines.map((l, i) => ({
      partId: l.partId,
      depotId: x.depotId,
      quantity: -l.quantity,
      kind: 'consumption' as const,
      interventionId: x.interventionId,
      path: `lines[${i}]`,
    })),
    pieceRef: `INT-${x.interventionId.slice(-12)}`,
    label: 'Consommation sur intervention',
    occurredAt: x.now,
    createdById: x.userId,
  });
  for (const l of x.lines) await settleReservations(tx, x.interventionId, l.partId, x.depotId, l.quantity);
  return batch;
}

/**
 * Marks reserved units as consumed: this depot's reservations first, then the
 * visit's others. Call it after recording a consumption outside
 * consumeOnIntervention, or the reservations keep holding stock already used.
 */
export async function settleReservations(tx: Tx, interventionId: string, partId: string, depotId: string, quantity: number): Promise<void> {
  const reservations = await tx.stockReservation.findMany({ where: { interventionId, partId, status: 'active' }, orderBy: { createdAt: 'asc' } });
  reservations.sort((a, b) => Number(b.depotId === depotId) - Number(a.depotId === depotId));
  let left = quantity;
  for (const r of reservations) {
    if (left <= 0) break;
    if (r.quantity <= left) {
      await tx.stockReservation.update({ where: { id: r.id }, data: { status: 'consumed' } });
      left -= r.quantity;
    } else {
      await tx.stockReservation.update({ where: { id: r.id }, data: { quantity: r.quantity - left } });
      await tx.stockReservation.create({ data: { interventionId, partId, depotId: r.depotId, quantity: left, status: 'consumed' } });
      left = 0;
    }
  }
}

export async function transferStock(
  prisma: Db,
  x: { fromDepotId: string; toDepotId: string; lines: readonly PartQuantity[]; reason?: string | undefined } & Actor,
): Promise<RecordedBatch> {
  positive(x.lines);
  if (x.fromDepotId === x.toDepotId) throw invalid('a transfer goes to another depot', [{ path: 'toDepotId', message: 'same as fromDepotId' }]);
  return inTransaction(prisma, (tx) => transferStockIn(tx, x));
}

/** The same inside the caller's transaction (a part request fulfilled from stock moves with its status). */
export async function transferStockIn(
  tx: Tx,
  x: { fromDepotId: string; toDepotId: string; lines: readonly PartQuantity[]; reason?: string | undefined } & Actor,
): Promise<RecordedBatch> {
  positive(x.lines);
  if (x.fromDepotId === x.toDepotId) throw invalid('a transfer goes to another depot', [{ path: 'toDepotId', message: 'same as fromDepotId' }]);
  return recordMovements(tx, {
    lines: x.lines.flatMap((l, i) => [
      { partId: l.partId, depotId: x.fromDepotId, quantity: -l.quantity, kind: 'transfer_out' as const, reason: x.reason, path: `lines[${i}]` },
      { partId: l.partId, depotId: x.toDepotId, quantity: l.quantity, kind: 'transfer_in' as const, reason: x.reason, path: `lines[${i}]` },
    ]),
    pieceRef: 'TRANSFERT',
    label: 'Transfert entre dépôts',
    occurredAt: x.now,
    createdById: x.userId,
  });
}

/**
 * Parts coming back into a depot (unused from a visit, or a customer's item
 * returned). When the item is a piece of equipment its warranty is looked up
 * at once — the third moment the article names.
 */
export async function returnToStock(
  prisma: Db,
  x: {
    depotId: string;
    lines: readonly PartQuantity[];
    interventionId?: string | undefined;
    equipmentId?: string | undefined;
    reason?: string | undefined;
  } & Actor,
): Promise<RecordedBatch & { warranty: CoverageVerdict | null }> {
  positive(x.lines);
  return inTransaction(prisma, async (tx) => {
    const batch = await recordMovements(tx, {
      lines: x.lines.map((l, i) => ({
        partId: l.partId,
        depotId: x.depotId,
        quantity: l.quantity,
        kind: 'return' as const,
        interventionId: x.interventionId ?? null,
        equipmentId: x.equipmentId ?? null,
        reason: x.reason,
        path: `lines[${i}]`,
      })),
      pieceRef: 'RETOUR',
      label: 'Retour en stock',
      occurredAt: x.now,
      createdById: x.userId,
    });
    const warranty = x.equipmentId ? await detectWarranty(tx, x.equipmentId, booksDay(x.now ?? new Date())) : null;
    return { ...batch, warranty };
  });
}

/**
 * Inventory: either the change (`quantity`, signed) or what was counted
 * (`countedQuantity`), in which case the difference with on hand — read
 * under the row lock — is recorded.
 */
export async function adjustStock(
  prisma: Db,
  x: { depotId: string; lines: readonly { partId: string; quantity?: number | undefined; countedQuantity?: number | undefined }[]; reason: string } & Actor,
): Promise<RecordedBatch | null> {
  return inTransaction(prisma, async (tx) => {
    const levels = await lockLevels(
      tx,
      x.lines.map((l) => ({ partId: l.partId, depotId: x.depotId })),
    );
    const lines = x.lines.flatMap((l, i) => {
      const onHand = levels.get(levelKey(l.partId, x.depotId))?.onHand;
      if (onHand === undefined) throw notFound('part or depot', `lines[${i}].partId`);
      const change = l.countedQuantity !== undefined ? l.countedQuantity - onHand : l.quantity;
      if (change === undefined || !Number.isSafeInteger(change))
        throw invalid('give quantity or countedQuantity', [{ path: `lines[${i}]`, message: 'quantity or countedQuantity' }]);
      return change === 0
        ? []
        : [{ partId: l.partId, depotId: x.depotId, quantity: change, kind: 'adjustment' as const, reason: x.reason, path: `lines[${i}]` }];
    });
    if (lines.length === 0) return null; // the count matched the books
    return recordMovements(tx, { lines, pieceRef: 'INVENTAIRE', label: `Ajustement d'inventaire: ${x.reason}`, occurredAt: x.now, createdById: x.userId });
  });
}

export async function deliverCustomerOrder(
  prisma: Db,
  orderId: string,
  lines: readonly { lineId: string; quantity: number }[],
  actor: Actor = {},
): Promise<RecordedBatch> {
  positive(lines);
  return inTransaction(prisma, async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM customer_orders WHERE id = ${orderId} FOR UPDATE`;
    if (locked.length === 0) throw notFound('customer order');
    const order = await tx.customerOrder.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true } });
    if (order.status !== 'open') throw conflict(`a ${order.status} order cannot be delivered`);
    const byId = new Map(order.lines.map((l) => [l.id, l]));
    const movementLines = lines.map((r, i) => {
      const line = byId.get(r.lineId);
      if (!line) throw notFound('order line', `lines[${i}].lineId`);
      if (line.deliveredQuantity + r.quantity > line.quantity) {
        throw invalid('more than ordered', [
          { path: `lines[${i}].quantity`, message: `${line.quantity - line.deliveredQuantity} still to deliver on this line` },
        ]);
      }
      return { partId: line.partId, depotId: order.depotId, quantity: -r.quantity, kind: 'sale' as const, customerOrderLineId: line.id, path: `lines[${i}]` };
    });
    const batch = await recordMovements(tx, {
      lines: movementLines,
      pieceRef: order.reference,
      label: `Livraison commande client ${order.reference}`,
      occurredAt: actor.now,
      createdById: actor.userId,
    });
    for (const r of lines) await tx.customerOrderLine.update({ where: { id: r.lineId }, data: { deliveredQuantity: { increment: r.quantity } } });
    const after = await tx.customerOrderLine.findMany({ where: { orderId }, select: { quantity: true, deliveredQuantity: true } });
    if (after.every((l) => l.deliveredQuantity >= l.quantity)) await tx.customerOrder.update({ where: { id: orderId }, data: { status: 'delivered' } });
    return batch;
  });
}
