// Row locks on stock levels. Every write that reads on hand to decide takes
// these locks first, in one statement ordered by (depot, part), so two
// transactions touching the same rows queue instead of deadlocking, and the
// second one decides on what the first one left.
import { Prisma } from '../../generated/prisma/client.ts';
import type { Tx } from '../db.ts';

export interface LockedLevel {
  readonly partId: string;
  readonly depotId: string;
  readonly onHand: number;
  readonly allowNegative: boolean;
  readonly agencyId: string;
  readonly depotName: string;
  readonly partReference: string;
}

export const levelKey = (partId: string, depotId: string): string => `${partId}|${depotId}`;

export async function lockLevels(tx: Tx, keys: readonly { partId: string; depotId: string }[]): Promise<Map<string, LockedLevel>> {
  const unique = [...new Map(keys.map((k) => [levelKey(k.partId, k.depotId), k])).values()];
  const out = new Map<string, LockedLevel>();
  if (unique.length === 0) return out;
  // A level row exists from a part's first movement in a depot; create the
  // missing ones (at zero) so there is a row to lock.
  await tx.stockLevel.createMany({ data: unique.map((k) => ({ partId: k.partId, depotId: k.depotId })), skipDuplicates: true });
  const pairs = Prisma.join(unique.map((k) => Prisma.sql`(${k.partId}, ${k.depotId})`));
  const rows = await tx.$queryRaw<
    { part_id: string; depot_id: string; on_hand: number; allow_negative: boolean; agency_id: string; depot_name: string; part_reference: string }[]
  >`
    SELECT l.part_id, l.depot_id, l.on_hand, d.allow_negative, d.agency_id, d.name AS depot_name, p.reference AS part_reference
    FROM stock_levels l JOIN depots d ON d.id = l.depot_id JOIN parts p ON p.id = l.part_id
    WHERE (l.part_id, l.depot_id) IN (${pairs})
    ORDER BY l.depot_id, l.part_id
    FOR UPDATE OF l`;
  for (const r of rows) {
    out.set(levelKey(r.part_id, r.depot_id), {
      partId: r.part_id,
      depotId: r.depot_id,
      onHand: Number(r.on_hand),
      allowNegative: r.allow_negative,
      agencyId: r.agency_id,
      depotName: r.depot_name,
      partReference: r.part_reference,
    });
  }
  return out;
}

/** Active reservations per (part, depot), read under the same locks. */
export async function reservedQuantities(
  tx: Tx,
  keys: readonly { partId: string; depotId: string }[],
  excludeInterventionId?: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (keys.length === 0) return out;
  const rows = await tx.stockReservation.groupBy({
    by: ['partId', 'depotId'],
    where: {
      status: 'active',
      OR: keys.map((k) => ({ partId: k.partId, depotId: k.depotId })),
      ...(excludeInterventionId ? { interventionId: { not: excludeInterventionId } } : {}),
    },
    _sum: { quantity: true },
  });
  for (const r of rows) out.set(levelKey(r.partId, r.depotId), r._sum.quantity ?? 0);
  return out;
}
