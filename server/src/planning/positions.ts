// Where technicians were last seen, for planning the rest of today from there.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { LonLat } from './records.ts';

/** Older positions say little about where the technician is now. */
export const POSITION_MAX_AGE_MS = 30 * 60_000;

export async function latestPositions(
  prisma: Pick<PrismaClient, 'technicianPosition'>,
  technicianIds: readonly string[],
  now: Date,
): Promise<Map<string, LonLat>> {
  if (technicianIds.length === 0) return new Map();
  const rows = await prisma.technicianPosition.findMany({
    where: { technicianId: { in: [...technicianIds] }, recordedAt: { gte: new Date(now.getTime() - POSITION_MAX_AGE_MS), lte: now } },
    orderBy: [{ technicianId: 'asc' }, { recordedAt: 'desc' }],
    distinct: ['technicianId'],
    select: { technicianId: true, lat: true, lon: true },
  });
  return new Map(rows.map((r) => [r.technicianId, [r.lon, r.lat] as const]));
}
