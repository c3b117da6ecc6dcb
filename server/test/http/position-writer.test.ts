// The position writer isolates a row the database refuses: the rest of the
// flush is stored (issue 11, finding 5). The bad row goes straight to the
// writer here, as one the route's checks did not foresee would.
import { expect, it } from 'vitest';
import { createPositionWriter, type PositionRow } from '../../src/http/position-writer.ts';
import { describeOnEachDatabase } from './harness.ts';

describeOnEachDatabase('position writer', (h) => {
  it('stores every position of a flush but the one the database refuses', async () => {
    const { db, fixtures } = h();
    const logged: string[] = [];
    const writer = createPositionWriter(db.prisma, { flushMs: 60_000, log: (message) => logged.push(message) });
    const row = (technicianId: string, lat: number, recordedAt = new Date()): PositionRow => ({
      technicianId,
      lat,
      lon: 5.4,
      heading: null,
      speed: null,
      accuracy: null,
      recordedAt,
    });
    const rows = [
      ...Array.from({ length: 9 }, (_, i) => row(fixtures.t1.id, 44 + i / 100)),
      row(fixtures.t2.id, 45, new Date('0000-01-01T00:00:00Z')), // no year 0 in PostgreSQL: SQLSTATE 22008
      ...Array.from({ length: 6 }, (_, i) => row(fixtures.t2.id, 46 + i / 100)),
    ];
    writer.add(rows);
    await writer.close();
    const stored = await db.prisma.technicianPosition.findMany({ where: { lat: { gte: 44 } }, select: { lat: true } });
    expect(stored.map((p) => p.lat).sort()).toEqual(
      rows
        .filter((r) => r.lat !== 45)
        .map((r) => r.lat)
        .sort(),
    );
    expect(logged).toEqual(['dropped 1 of 16 positions that the database refused; the others are stored']);
  });
});
