// Spare parts in planning (issue 7): a visit whose parts are nowhere stays
// unassigned with `parts_unavailable` and the day a supplier order brings
// them (and is planned from that day on); a visit whose parts are only in one
// technician's van goes to that technician; planned visits hold reservations
// and visits no longer planned give them back. On PGlite, and on PostgreSQL
// when it is reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { runPlanning, type PlanningDeps } from '../../src/planning/run-planning.ts';
import { createSolverPool, type SolverPool } from '../../src/planning/solver-pool.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { BEFORE, DAY, NEXT_DAY } from './fixtures.ts';
import { recordingBroadcaster } from './recording-broadcaster.ts';
import { seedAgency } from './seed-agency.ts';
import { seedParts } from './seed-parts.ts';
import { openPgliteTestDb, openPostgresTestDb, type OpenTestDb } from './test-db.ts';

const WEDNESDAY = '2026-03-04';

function partsCases(open: () => Promise<OpenTestDb>): void {
  let testDb: OpenTestDb;
  let prisma: PrismaClient;
  let solver: SolverPool;
  beforeAll(async () => {
    testDb = await open();
    prisma = testDb.db.prisma;
    solver = createSolverPool({ threads: 1 });
  }, 120_000);
  afterAll(async () => {
    await solver?.close();
    await testDb?.dispose();
  });
  const deps = (): PlanningDeps => ({ prisma, solver, broadcaster: recordingBroadcaster(), now: () => BEFORE, log: () => {} });
  const request = (agencyId: string, days = [DAY]) => ({ agencyId, days, timeLimitMs: 5_000, maxIterations: 300, seed: 1, runId: null });
  const reservations = (interventionId: string) =>
    prisma.stockReservation.findMany({
      where: { interventionId },
      select: { depotId: true, partId: true, quantity: true, status: true },
      orderBy: { createdAt: 'asc' },
    });

  it('leaves a visit whose parts are nowhere unassigned, with the day a supplier order brings them, and plans it from that day', async () => {
    const seeded = await seedAgency(prisma, 3);
    const p = await seedParts(prisma, seeded);
    const visit = seeded.interventionIds[2]!;
    await p.needs(visit, p.parts.fan.id);
    await p.order(p.depots.central.id, p.parts.fan.id, 1, WEDNESDAY);

    const monday = await runPlanning(deps(), request(seeded.agencyId));
    expect(monday.unassigned).toEqual([
      { interventionId: visit, reason: 'parts_unavailable', availableFrom: WEDNESDAY, missingParts: [p.parts.fan.reference] },
    ]);
    expect(monday.summary.planned).toBe(2);
    expect(await prisma.tourStop.count({ where: { interventionId: visit } })).toBe(0);
    expect(await reservations(visit)).toEqual([]);

    // Free to come any day: planned on Wednesday, when the order arrives, not before.
    await prisma.intervention.update({ where: { id: visit }, data: { latestDate: null, version: { increment: 1 } } });
    const week = await runPlanning(deps(), request(seeded.agencyId, [DAY, NEXT_DAY, WEDNESDAY]));
    expect(week.unassigned).toEqual([]);
    const stop = await prisma.tourStop.findFirstOrThrow({ where: { interventionId: visit }, include: { tour: true } });
    expect(stop.tour.date.toISOString().slice(0, 10)).toBe(WEDNESDAY);
  });

  it('gives a visit whose parts are only in one van to that technician, and reserves them there', async () => {
    const seeded = await seedAgency(prisma, 4);
    const p = await seedParts(prisma, seeded);
    const [expert, poolTech] = seeded.technicianIds;
    const visit = seeded.interventionIds[2]!; // no skill needed: either technician could go
    await p.needs(visit, p.parts.valve.id, 2);
    await p.stock(p.depots.vanPool.id, p.parts.valve.id, 2);
    // And the other way round: this one's part is only in the expert's van.
    const other = seeded.interventionIds[3]!;
    await p.needs(other, p.parts.fan.id);
    await p.stock(p.depots.vanExpert.id, p.parts.fan.id, 1);
    // Another visit's part is in the central depot: anybody can fetch it.
    const central = seeded.interventionIds[0]!;
    await p.needs(central, p.parts.filter.id);
    await p.stock(p.depots.central.id, p.parts.filter.id, 5);

    const result = await runPlanning(deps(), request(seeded.agencyId));
    expect(result.unassigned).toEqual([]);
    const row = await prisma.intervention.findUniqueOrThrow({ where: { id: visit } });
    expect(row.technicianId).toBe(poolTech);
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: other } })).technicianId).toBe(expert);
    expect(await reservations(other)).toEqual([{ depotId: p.depots.vanExpert.id, partId: p.parts.fan.id, quantity: 1, status: 'active' }]);
    expect(await reservations(visit)).toEqual([{ depotId: p.depots.vanPool.id, partId: p.parts.valve.id, quantity: 2, status: 'active' }]);
    expect(await reservations(central)).toEqual([{ depotId: p.depots.central.id, partId: p.parts.filter.id, quantity: 1, status: 'active' }]);

    // A second run keeps the reservations as they are.
    await runPlanning(deps(), request(seeded.agencyId));
    expect(await reservations(visit)).toEqual([{ depotId: p.depots.vanPool.id, partId: p.parts.valve.id, quantity: 2, status: 'active' }]);
  });

  it('takes the reservations back from a visit that is no longer planned', async () => {
    const seeded = await seedAgency(prisma, 3);
    const p = await seedParts(prisma, seeded);
    const visit = seeded.interventionIds[2]!;
    await p.needs(visit, p.parts.fan.id);
    await p.stock(p.depots.central.id, p.parts.fan.id, 1);
    await runPlanning(deps(), request(seeded.agencyId));
    expect(await reservations(visit)).toEqual([{ depotId: p.depots.central.id, partId: p.parts.fan.id, quantity: 1, status: 'active' }]);

    // Its site loses its coordinates: it leaves the plan, and its part is free again.
    const { siteId } = await prisma.intervention.findUniqueOrThrow({ where: { id: visit }, select: { siteId: true } });
    await prisma.site.update({ where: { id: siteId }, data: { lat: null, lon: null } });
    const result = await runPlanning(deps(), request(seeded.agencyId));
    expect(result.unassigned).toEqual([{ interventionId: visit, reason: 'no_location' }]);
    expect(await reservations(visit)).toEqual([{ depotId: p.depots.central.id, partId: p.parts.fan.id, quantity: 1, status: 'released' }]);
  });
}

describe('parts in planning, on PGlite', () => partsCases(openPgliteTestDb));
describeWithService(await checkPostgres(), 'parts in planning, on PostgreSQL', () => partsCases(openPostgresTestDb));
