// Due-visit generation, completion and the overdue query against a real
// database; run on PGlite and on PostgreSQL by the two test files.
import { expect } from 'vitest';
import type { PrismaClient } from '../../../src/generated/prisma/client.ts';
import { recordVisitDone } from '../../../src/service-plans/complete.ts';
import { generateDueVisits } from '../../../src/service-plans/generate.ts';
import { overdueVisits } from '../../../src/service-plans/overdue.ts';
import { servicePlanFixture, TODAY } from './fixture.ts';

export async function servicePlanScenario(prisma: PrismaClient): Promise<void> {
  const f = await servicePlanFixture(prisma);
  const { plans } = f;

  // Two runs at once (two processes, or a double click) create each visit once.
  const [a, b] = await Promise.all([
    generateDueVisits(prisma, { today: TODAY, horizonDays: 30 }),
    generateDueVisits(prisma, { today: TODAY, horizonDays: 30 }),
  ]);
  expect(a.created + b.created).toBe(3);
  const skipped = [...a.skipped, ...b.skipped];
  expect(new Set(skipped.map((s) => s.servicePlanId))).toEqual(new Set([plans.unknownSkill.id, plans.noSector.id]));
  expect(skipped.find((s) => s.servicePlanId === plans.unknownSkill.id)?.reason).toMatch(/"plumbing" does not exist/);

  const visits = await prisma.intervention.findMany({ include: { requiredSkills: true }, orderBy: { dueOn: 'asc' } });
  expect(visits.map((v) => [v.servicePlanId, v.dueOn?.toISOString().slice(0, 10) ?? null, v.dueCounter])).toEqual([
    [plans.poolSeason.id, '2026-10-15', null],
    [plans.boilerYearly.id, '2026-11-10', null],
    [plans.pumpHours.id, null, 6000],
  ]);
  for (const v of visits) {
    expect(v.status).toBe('requested');
    expect(v.agencyId).toBe(f.agency.id);
    expect(v.contractId).toBe(plans.boilerYearly.contractId);
  }
  const boilerVisit = visits.find((v) => v.servicePlanId === plans.boilerYearly.id)!;
  expect(boilerVisit.kind).toBe('regulatory');
  expect(boilerVisit.earliestDate?.toISOString().slice(0, 10)).toBe('2026-09-26');
  expect(boilerVisit.requiredSkills).toEqual([{ interventionId: boilerVisit.id, skillId: f.skills.gas.id, minLevel: 2 }]);
  expect(visits.find((v) => v.servicePlanId === plans.pumpHours.id)!.requiredSkills).toHaveLength(2);

  // Idempotent, and the plans' next due occurrence is stored.
  expect((await generateDueVisits(prisma, { today: TODAY, horizonDays: 30 })).created).toBe(0);
  const stored = await prisma.servicePlan.findUniqueOrThrow({ where: { id: plans.notYet.id } });
  expect(stored.nextDueOn?.toISOString().slice(0, 10)).toBe('2027-06-01');

  // Overdue: the boiler service (20 days) and the winterising (46 days); the
  // pump is not at its threshold yet.
  let overdue = await overdueVisits(prisma, { today: TODAY });
  expect(overdue.map((o) => [o.planName, o.daysOverdue])).toEqual([
    ['Mise en route et hivernage', 46],
    ['Entretien annuel chaudière gaz', 20],
  ]);
  expect(overdue[1]).toMatchObject({
    customerName: 'Mme Fabre',
    city: 'Aix-en-Provence',
    equipmentCategory: 'gas_boiler',
    equipmentBrand: 'Frisquet',
    dueOn: '2026-11-10',
    openInterventionId: boilerVisit.id,
    openInterventionStatus: 'requested',
    agencyId: f.agency.id,
  });
  expect(await overdueVisits(prisma, { today: TODAY, agencyIds: [f.other.id] })).toEqual([]);
  expect(await overdueVisits(prisma, { today: TODAY, agencyIds: [] })).toEqual([]);
  expect((await overdueVisits(prisma, { today: TODAY, customerId: f.customer.id })).length).toBe(2);

  // The pump crosses 6,000 h: due by counter.
  await prisma.equipment.update({ where: { id: f.pump.id }, data: { counters: { operating_hours: 6100 } } });
  overdue = await overdueVisits(prisma, { today: TODAY });
  expect(overdue.find((o) => o.trigger === 'usage_counter')).toMatchObject({ dueCounter: 6000, counterReading: 6100, daysOverdue: null });

  // The boiler service is done today: off the list, next one in a year.
  await prisma.intervention.update({ where: { id: boilerVisit.id }, data: { status: 'done', actualEnd: new Date(`${TODAY}T10:00:00Z`) } });
  const done = await recordVisitDone(prisma, boilerVisit.id, new Date(`${TODAY}T10:05:00Z`));
  expect(done).toEqual({ servicePlanId: plans.boilerYearly.id, lastDoneOn: TODAY, nextDueOn: '2027-11-30', nextDueCounter: null });
  overdue = await overdueVisits(prisma, { today: TODAY });
  expect(overdue.map((o) => o.planName).sort()).toEqual(['Mise en route et hivernage', 'Révision pompe 2 000 h']);
  expect(await recordVisitDone(prisma, visits[0]!.id, new Date())).toBeNull(); // not done: nothing to record

  // A year's horizon reaches next spring's opening, next year's boiler service
  // and the plan due in June; never the ended contract's.
  const year = await generateDueVisits(prisma, { today: TODAY, horizonDays: 365 });
  expect(year.created).toBe(3); // and the plan not due before June 2027 becomes plannable in May
  expect(await prisma.intervention.count({ where: { servicePlanId: plans.poolSeason.id } })).toBe(2);
  expect(await prisma.intervention.count({ where: { servicePlanId: plans.boilerYearly.id } })).toBe(2);
  expect(await prisma.intervention.count({ where: { servicePlanId: { in: [plans.notYet.id, plans.endedPlan.id] } } })).toBe(1);

  // Options are validated at the boundary.
  await expect(generateDueVisits(prisma, { today: '30/11/2026', horizonDays: 30 })).rejects.toThrow(/YYYY-MM-DD/);
}
