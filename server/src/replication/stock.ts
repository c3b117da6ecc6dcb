// The technician app's side of the back office's stock (Part, Depot,
// StockLevel, StockMovement): what a van and the agency's central depots
// hold, and the parts a report consumes from the van. On hand is never
// written here: a consumption goes through the back office's
// `consumeOnInterventionIn`, inside the report's transaction — the same
// function behind the office's `POST /api/interventions/:id/consumptions` —
// so the movement, its journal entry and the settling of the visit's
// reservations are exactly the office's. The shortage is checked first under
// the levels' row locks (taken in the back office's order), so two reports
// using the last part cannot both pass, and the loser gets the numbers (on
// hand, used) in an `out_of_stock` conflict that keeps its report.
import { Prisma } from '../generated/prisma/client.ts';
import type { DepotStock, PartInfo, StockShortage } from '@tournee/contracts/replication';
import { BackOfficeError, consumeOnInterventionIn } from '../back-office/index.ts';
import { conflict, rejected, type Actor, type Db, type Tx } from './types.ts';

export interface Van {
  readonly id: string;
  readonly name: string;
  readonly allowNegative: boolean;
}

export async function vanOf(db: Db, technicianId: string): Promise<Van | null> {
  return db.depot.findFirst({ where: { technicianId, kind: 'van', active: true }, select: { id: true, name: true, allowNegative: true } });
}

/**
 * On hand of these parts in one depot, rows locked until the transaction
 * ends. One statement ordered by part, as the back office's `lockLevels`
 * orders them (depot, part): the recorder's own lock afterwards is a no-op,
 * and two transactions queue instead of deadlocking. A part never stocked
 * there has no row (0 on hand; the recorder creates it if it must).
 */
async function lockedOnHand(tx: Tx, depotId: string, partIds: readonly string[]): Promise<Map<string, number>> {
  const sorted = [...partIds].sort();
  const rows = await tx.$queryRaw<{ part_id: string; on_hand: number }[]>`
    SELECT part_id, on_hand FROM stock_levels
    WHERE depot_id = ${depotId} AND part_id IN (${Prisma.join(sorted)})
    ORDER BY depot_id, part_id
    FOR UPDATE`;
  return new Map(rows.map((r) => [r.part_id, Number(r.on_hand)]));
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
 * written), then consumes them on the visit through the back office: one
 * movement per part out of the van, posted to the ledger, and the visit's
 * reservations of those parts settled (van first, then its other depots).
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
    throw rejected(
      'unknown parts',
      unknown.map(([id, t]) => ({ path: `partsUsed[${t.index}].partId`, message: `no part ${id}` })),
      where,
    );
  }
  const van = await vanOf(tx, actor.technicianId);
  const levels = van ? await lockedOnHand(tx, van.id, [...totals.keys()]) : new Map<string, number>();
  const shortageOf = (partId: string, quantity: number): StockShortage => {
    const part = byId.get(partId)!;
    return {
      partId,
      reference: part.reference,
      name: part.name,
      depotId: van?.id ?? null,
      depotName: van?.name ?? null,
      onHand: levels.get(partId) ?? 0,
      requested: quantity,
    };
  };
  const outOfStock = (shortage: StockShortage) =>
    conflict(
      'out_of_stock',
      van
        ? `${shortage.reference} ${shortage.name}: ${shortage.onHand} in your van, ${shortage.requested} used`
        : `${shortage.reference} ${shortage.name}: you have no van depot to take it from`,
      { shortage },
      where,
    );
  for (const [partId, { quantity }] of totals) {
    if (!van || ((levels.get(partId) ?? 0) < quantity && !van.allowNegative)) throw outOfStock(shortageOf(partId, quantity));
  }
  const lines = [...totals].map(([partId, { quantity }]) => ({ partId, quantity }));
  try {
    await consumeOnInterventionIn(tx, { interventionId: visit.id, depotId: van!.id, lines, userId: actor.userId, now: at });
  } catch (error) {
    if (!(error instanceof BackOfficeError)) throw error;
    // Checked above under the same locks, so these are the back office's own
    // refusals: the report is kept with them rather than failing the batch.
    const line = /^lines\[(\d+)\]/.exec(error.fields[0]?.path ?? '');
    const [partId, { quantity, index }] = [...totals][line ? Number(line[1]) : 0]!;
    if (error.reason === 'stock_below_zero') throw outOfStock(shortageOf(partId, quantity));
    if (error.code === 'conflict') {
      throw conflict('status_changed', error.message, {}, where);
    }
    throw rejected(error.message, [{ path: `partsUsed[${index}]`, message: error.fields[0]?.message ?? error.message }], where);
  }
  return [...totals].map(([partId, { quantity }]) => {
    const part = byId.get(partId)!;
    return { partId, reference: part.reference, name: part.name, quantity };
  });
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
      where: {
        active: true,
        OR: [
          { technicianId, kind: 'van' },
          { agencyId, kind: 'central' },
        ],
      },
      select: { id: true, name: true, kind: true, technicianId: true, levels: { select: { partId: true, onHand: true } } },
      orderBy: { name: 'asc' },
    }),
  ]);
  const view = (d: (typeof depots)[number]): DepotStock => ({
    depotId: d.id,
    name: d.name,
    kind: d.kind,
    levels: d.levels.map((l) => ({ partId: l.partId, onHand: l.onHand })),
  });
  const van = depots.find((d) => d.kind === 'van' && d.technicianId === technicianId);
  return { parts, van: van ? view(van) : null, central: depots.filter((d) => d.kind === 'central').map(view) };
}
