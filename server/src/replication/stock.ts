// The technician app's side of the back office's stock (Part, Depot,
// StockLevel, StockMovement): what a van and the agency's central depots
// hold, and the parts a report consumes from the van. On hand is never
// written here: a consumption is a movement recorded by the back office's
// recorder, inside the report's transaction. The shortage is checked first
// under the level's row lock, so two reports using the last part cannot both
// pass, and the technician gets the numbers (on hand, used) in the conflict.
import type { DepotStock, PartInfo, StockShortage } from '../contracts/replication.ts';
import { recordMovements } from '../back-office/stock/movements.ts';
import { conflict, rejected, type Actor, type Db, type Tx } from './types.ts';

export interface Van {
  readonly id: string;
  readonly name: string;
  readonly allowNegative: boolean;
}

export async function vanOf(db: Db, technicianId: string): Promise<Van | null> {
  return db.depot.findFirst({ where: { technicianId, kind: 'van', active: true }, select: { id: true, name: true, allowNegative: true } });
}

async function lockedOnHand(tx: Tx, partId: string, depotId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ on_hand: number }[]>`
    SELECT on_hand FROM stock_levels WHERE part_id = ${partId} AND depot_id = ${depotId} FOR UPDATE`;
  return rows[0] ? Number(rows[0].on_hand) : 0;
}

export interface PartUse {
  readonly partId: string;
  readonly quantity: number;
}

export interface Consumed {
  readonly partId: string;
  readonly reference: string;
  readonly name: string;
  readonly quantity: number;
}

/**
 * Checks every part first (unknown → rejected, short → conflict, nothing
 * written), then records one consumption movement per part.
 */
export async function consumeFromVan(
  tx: Tx,
  actor: Actor,
  visit: { readonly id: string; readonly agencyId: string },
  uses: readonly PartUse[],
  at: Date,
): Promise<Consumed[]> {
  if (uses.length === 0) return [];
  const where = { interventionId: visit.id, agencyId: visit.agencyId };
  // The same part listed twice counts once, with the total.
  const totals = new Map<string, { quantity: number; index: number }>();
  uses.forEach((u, index) => {
    const held = totals.get(u.partId);
    totals.set(u.partId, { quantity: (held?.quantity ?? 0) + u.quantity, index: held?.index ?? index });
  });
  const parts = await tx.part.findMany({
    where: { id: { in: [...totals.keys()] } },
    select: { id: true, reference: true, name: true },
  });
  const byId = new Map(parts.map((p) => [p.id, p]));
  const unknown = [...totals].filter(([id]) => !byId.has(id));
  if (unknown.length > 0) {
    throw rejected('unknown parts', unknown.map(([id, t]) => ({ path: `partsUsed[${t.index}].partId`, message: `no part ${id}` })), where);
  }
  const van = await vanOf(tx, actor.technicianId);
  for (const [partId, { quantity }] of totals) {
    const part = byId.get(partId)!;
    const onHand = van ? await lockedOnHand(tx, partId, van.id) : 0;
    if (!van || (onHand < quantity && !van.allowNegative)) {
      const shortage: StockShortage = {
        partId, reference: part.reference, name: part.name, depotId: van?.id ?? null, depotName: van?.name ?? null, onHand, requested: quantity,
      };
      const message = van
        ? `${part.reference} ${part.name}: ${onHand} in your van, ${quantity} used`
        : `${part.reference} ${part.name}: you have no van depot to take it from`;
      throw conflict('out_of_stock', message, { shortage }, where);
    }
  }
  // The back office's movement recorder: the trigger folds the movements into
  // on hand and the consumption is posted to the ledger, as any other.
  await recordMovements(tx, {
    lines: [...totals].map(([partId, { quantity, index }]) => ({
      partId, depotId: van!.id, quantity: -quantity, kind: 'consumption' as const, interventionId: visit.id,
      reason: 'technician report', path: `partsUsed[${index}]`,
    })),
    pieceRef: `INT-${visit.id.slice(-12)}`,
    label: 'Consommation sur intervention',
    occurredAt: at,
    createdById: actor.userId,
  });
  const consumed: Consumed[] = [...totals].map(([partId, { quantity }]) => {
    const part = byId.get(partId)!;
    return { partId, reference: part.reference, name: part.name, quantity };
  });
  return consumed;
}

/** On hand in the agency's central depots, all together (for a request). */
export async function centralOnHand(db: Db, agencyId: string, partId: string): Promise<{ onHand: number; depotId: string | null; depotName: string | null }> {
  const levels = await db.stockLevel.findMany({
    where: { partId, depot: { agencyId, kind: 'central', active: true } },
    select: { onHand: true, depot: { select: { id: true, name: true } } },
  });
  const best = [...levels].sort((a, b) => b.onHand - a.onHand)[0];
  return { onHand: levels.reduce((sum, l) => sum + l.onHand, 0), depotId: best?.depot.id ?? null, depotName: best?.depot.name ?? null };
}

/** The part catalogue and the stock a technician sees: their van and their agency's central depots. */
export async function stockView(db: Db, technicianId: string, agencyId: string): Promise<{ parts: PartInfo[]; van: DepotStock | null; central: DepotStock[] }> {
  const [parts, depots] = await Promise.all([
    db.part.findMany({ where: { active: true }, select: { id: true, reference: true, name: true }, orderBy: { reference: 'asc' }, take: 5_000 }),
    db.depot.findMany({
      where: { active: true, OR: [{ technicianId, kind: 'van' }, { agencyId, kind: 'central' }] },
      select: { id: true, name: true, kind: true, technicianId: true, levels: { select: { partId: true, onHand: true } } },
      orderBy: { name: 'asc' },
    }),
  ]);
  const view = (d: (typeof depots)[number]): DepotStock => ({
    depotId: d.id, name: d.name, kind: d.kind, levels: d.levels.map((l) => ({ partId: l.partId, onHand: l.onHand })),
  });
  const van = depots.find((d) => d.kind === 'van' && d.technicianId === technicianId);
  return { parts, van: van ? view(van) : null, central: depots.filter((d) => d.kind === 'central').map(view) };
}
