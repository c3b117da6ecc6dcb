// POST /api/positions refuses a position outside its time window on its own
// and keeps the rest of the batch (issue 11, finding 5: year 0000 got 202,
// then the whole batch failed in PostgreSQL and every technician's positions
// in it were lost).
import { expect, it } from 'vitest';
import { POSITION_MAX_AGE_MS, POSITION_MAX_AHEAD_MS } from '@tournee/contracts/api/positions';
import { describeOnEachDatabase } from './harness.ts';

describeOnEachDatabase('positions in their time window', (h) => {
  it('refuses positions older than a week or from the future one by one, and stores the others', async () => {
    const { call, tokens, fixtures, db, app } = h();
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const recent = iso(now - 30_000);
    const res = await call('POST', '/api/positions', {
      token: tokens.dispatcherA,
      body: {
        positions: [
          { technicianId: fixtures.t1.id, lat: 43.52, lon: 5.44, recordedAt: recent },
          { technicianId: fixtures.t2.id, lat: 43.53, lon: 5.45, recordedAt: iso(now - POSITION_MAX_AGE_MS - 3_600_000) },
          { technicianId: fixtures.t2.id, lat: 43.54, lon: 5.46, recordedAt: iso(now + POSITION_MAX_AHEAD_MS + 3_600_000) },
          { technicianId: fixtures.t2.id, lat: 43.55, lon: 5.47, recordedAt: '1900-01-01T00:00:00Z' },
          { technicianId: fixtures.t2.id, lat: 43.56, lon: 5.48, recordedAt: recent },
        ],
      },
    });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(2);
    expect(res.body.refused.map((r: { index: number; path: string }) => [r.index, r.path])).toEqual([
      [1, 'positions[1].recordedAt'],
      [2, 'positions[2].recordedAt'],
      [3, 'positions[3].recordedAt'],
    ]);
    expect(res.body.refused[0].reason).toMatch(/older than 7 days/);
    expect(res.body.refused[1].reason).toMatch(/ahead of the server's clock/);
    await app.positions.flush();
    const stored = await db.prisma.technicianPosition.findMany({
      where: { technicianId: { in: [fixtures.t1.id, fixtures.t2.id] }, lat: { gte: 43.52 } },
      orderBy: { lat: 'asc' },
    });
    expect(stored.map((p) => p.lat)).toEqual([43.52, 43.56]);
  });

  it('answers year 0000 with 400 naming the field, storing nothing of the batch', async () => {
    const { call, tokens, fixtures } = h();
    const res = await call('POST', '/api/positions', {
      token: tokens.dispatcherA,
      body: { positions: [{ technicianId: fixtures.t1.id, lat: 43.5, lon: 5.4, recordedAt: '0000-01-01T00:00:00Z' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.details[0].path).toBe('positions[0].recordedAt');
  });
});
