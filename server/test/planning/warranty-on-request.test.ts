// Warranty on request (issue 7): creating an intervention flags its coverage
// at once (occasion `request`); when the flag cannot be computed, the
// intervention is still created and the failure is logged. Over HTTP, on
// PGlite (the route is the interventions one; the flag is the back office's).
import { describe, expect, it } from 'vitest';
import { openPglite, useHarness } from '../http/harness.ts';

const logged: string[] = [];

describe('warranty flag on request [PGlite]', () => {
  const h = useHarness(openPglite, { log: (message: string) => logged.push(message) });

  const create = async (extra: Record<string, unknown> = {}) => {
    const { fixtures, tokens, call } = h();
    return call('POST', '/api/interventions', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, siteId: fixtures.siteA.id, estimatedDurationMinutes: 45, ...extra },
    });
  };

  it('flags the coverage of a new request from its equipment’s warranty', async () => {
    const { db, fixtures } = h();
    const end = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    await db.prisma.equipment.update({ where: { id: fixtures.equipment.id }, data: { warrantyEndsOn: new Date(`${end}T00:00:00Z`) } });
    const res = await create({ equipmentId: fixtures.equipment.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const coverage = await db.prisma.interventionCoverage.findUniqueOrThrow({ where: { interventionId: res.body.id } });
    expect(coverage).toMatchObject({ occasion: 'request', status: 'covered', labourPercent: 100 });

    const bare = await create();
    expect(bare.status).toBe(201);
    expect(await db.prisma.interventionCoverage.findUniqueOrThrow({ where: { interventionId: bare.body.id } })).toMatchObject({
      occasion: 'request',
      status: 'not_covered',
    });
  });

  it('keeps the created intervention when the flag cannot be computed, and logs why', async () => {
    const { db } = h();
    await db.prisma.$executeRawUnsafe('ALTER TABLE intervention_coverages RENAME TO intervention_coverages_away');
    try {
      const res = await create({ problemDescription: 'flag fails' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(await db.prisma.intervention.count({ where: { id: res.body.id } })).toBe(1);
      expect(logged.some((m) => m.includes(res.body.id) && m.includes('warranty flag not computed'))).toBe(true);
    } finally {
      await db.prisma.$executeRawUnsafe('ALTER TABLE intervention_coverages_away RENAME TO intervention_coverages');
    }
  });
});
