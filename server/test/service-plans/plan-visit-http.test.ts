// « Créer la visite » (issue 12) through the API, on PGlite and PostgreSQL:
// POST /api/service-plans/:id/visit creates the plan's next due visit with the
// plan's skills, duration, priority and dates in the agency of the plan's
// site; a second call finds it (409 naming it); another agency's dispatcher,
// a technician and an inactive plan are refused.
import { expect, it } from 'vitest';
import { describeOnEachDatabase, type Harness } from '../http/harness.ts';

const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [5, 43],
      [6, 43],
      [6, 44],
      [5, 44],
      [5, 43],
    ],
  ],
};

async function seedPlan(h: Harness, overrides: { active?: boolean } = {}) {
  const { prisma } = h.db;
  const f = h.fixtures;
  const sector = await prisma.sector.upsert({
    where: { agencyId_code: { agencyId: f.agencyA.id, code: 'AIX-PV' } },
    update: {},
    create: { agencyId: f.agencyA.id, code: 'AIX-PV', name: 'Aix plan visits', polygon: SQUARE },
  });
  const site = await prisma.site.create({
    data: { customerId: f.customer.id, sectorId: sector.id, address: '3 rue Espariat', postcode: '13100', city: 'Aix-en-Provence', lat: 43.526, lon: 5.446 },
  });
  const equipment = await prisma.equipment.create({ data: { siteId: site.id, category: 'boiler', brand: 'Viessmann' } });
  const contract = await prisma.contract.create({
    data: { customerId: f.customer.id, reference: `CT-${Math.random().toString(36).slice(2, 8)}`, startsOn: new Date('2026-01-01'), status: 'active' },
  });
  const plan = await prisma.servicePlan.create({
    data: {
      contractId: contract.id,
      siteId: site.id,
      equipmentId: equipment.id,
      name: 'Entretien annuel chaudière',
      trigger: 'fixed_dates',
      fixedDates: [new Date('2026-03-15'), new Date('2099-01-20')],
      interventionKind: 'preventive',
      requiredSkills: [{ skill: f.skill.code, minLevel: 2 }],
      estimatedDurationMinutes: 75,
      priority: 35,
      leadDays: 20,
      active: overrides.active ?? true,
    },
  });
  return { sector, site, equipment, contract, plan };
}

describeOnEachDatabase('service plan « Créer la visite »', (harness) => {
  it("creates the plan's next due visit in the site's agency, once", async () => {
    const h = harness();
    const { site, equipment, contract, plan } = await seedPlan(h);
    const res = await h.call('POST', `/api/service-plans/${plan.id}/visit`, { token: h.tokens.dispatcherA });
    expect(res.status).toBe(201);
    // The first occurrence not done: 15 March 2026 (past, so overdue), plannable from 20 days before.
    expect(res.body).toMatchObject({
      agencyId: h.fixtures.agencyA.id,
      status: 'requested',
      kind: 'preventive',
      siteId: site.id,
      equipmentId: equipment.id,
      contractId: contract.id,
      servicePlanId: plan.id,
      estimatedDurationMinutes: 75,
      priority: 35,
      problemDescription: 'Entretien annuel chaudière',
      earliestDate: '2026-02-23',
      technicianId: null,
    });
    expect(res.body.requiredSkills).toEqual([{ skillId: h.fixtures.skill.id, minLevel: 2 }]);
    const stored = await h.db.prisma.intervention.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored.dueOn?.toISOString().slice(0, 10)).toBe('2026-03-15');

    const again = await h.call('POST', `/api/service-plans/${plan.id}/visit`, { token: h.tokens.admin });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ interventionId: res.body.id, dueOn: '2026-03-15' });
    expect(await h.db.prisma.intervention.count({ where: { servicePlanId: plan.id } })).toBe(1);

    // Once that visit is done, the next one is the 2099 date.
    await h.db.prisma.intervention.update({ where: { id: res.body.id }, data: { status: 'done', actualEnd: new Date('2026-03-16T10:00:00Z') } });
    const next = await h.call('POST', `/api/service-plans/${plan.id}/visit`, { token: h.tokens.dispatcherA });
    expect(next.status).toBe(201);
    const nextStored = await h.db.prisma.intervention.findUniqueOrThrow({ where: { id: next.body.id } });
    expect(nextStored.dueOn?.toISOString().slice(0, 10)).toBe('2099-01-20');
  });

  it("refuses another agency's dispatcher, a technician, an unknown plan and an inactive one", async () => {
    const h = harness();
    const { plan } = await seedPlan(h);
    const other = await h.call('POST', `/api/service-plans/${plan.id}/visit`, { token: h.tokens.dispatcherB });
    expect(other.status).toBe(403);
    expect(other.body.error).toContain('not in one of your agencies');
    expect((await h.call('POST', `/api/service-plans/${plan.id}/visit`, { token: h.tokens.tech1 })).status).toBe(403);
    expect((await h.call('POST', '/api/service-plans/01930000-0000-7000-8000-000000000000/visit', { token: h.tokens.admin })).status).toBe(404);
    expect(await h.db.prisma.intervention.count({ where: { servicePlanId: plan.id } })).toBe(0);

    const { plan: inactive } = await seedPlan(h, { active: false });
    const refused = await h.call('POST', `/api/service-plans/${inactive.id}/visit`, { token: h.tokens.dispatcherA });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('the service plan is not active');
  });
});
