// Reading stock: levels with what is reserved and free, and the check that
// on hand still equals the sum of the movements (it does by construction;
// the check is for operators and tests).
import type { Db } from '../db.ts';

export async function stockDrift(prisma: Db): Promise<{ partId: string; depotId: string; onHand: number; movements: number }[]> {
  const rows = await prisma.$queryRaw<{ part_id: string; depot_id: string; on_hand: number; movements: bigint | number }[]>`
    SELECT coalesce(l.part_id, m.part_id) AS part_id, coalesce(l.depot_id, m.depot_id) AS depot_id,
           coalesce(l.on_hand, 0) AS on_hand, coalesce(m.total, 0) AS movements
    FROM stock_levels l
    FULL JOIN (SELECT part_id, depot_id, sum(quantity) AS total FROM stock_movements GROUP BY part_id, depot_id) m
      ON m.part_id = l.part_id AND m.depot_id = l.depot_id
    WHERE coalesce(l.on_hand, 0) <> coalesce(m.total, 0)`;
  return rows.map((r) => ({ partId: r.part_id, depotId: r.depot_id, onHand: Number(r.on_hand), movements: Number(r.movements) }));
}

export async function setLevelSettings(
  prisma: Db,
  partId: string,
  depotId: string,
  settings: { minQuantity?: number | null | undefined; maxQuantity?: number | null | undefined; bin?: string | null | undefined },
) {
  await prisma.stockLevel.createMany({ data: [{ partId, depotId }], skipDuplicates: true });
  const data = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  return prisma.stockLevel.update({ where: { partId_depotId: { partId, depotId } }, data });
}
