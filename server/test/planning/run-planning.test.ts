// A planning run against PostgreSQL: tours and stops stored with versions,
// statuses moved, re-runs idempotent, concurrent edits detected, the day's
// facts kept in place.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { PlanningInputError, runPlanning, type PlanningDeps } from '../../src/planning/run-planning.ts';
import { createSolverPool, type SolverPool } from '../../src/planning/solver-pool.ts';
import { PlanConflictError } from '../../src/planning/store-plan.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { BEFORE, DAY } from './fixtures.ts';
import { recordingBroadcaster } from './recording-broadcaster.ts';
import { seedAgency } from './seed-agency.ts';
import { openPostgresTestDb, type OpenTestDb } from './test-db.ts';

const postgres = await checkPostgres();

describeWithService(postgres, 'runPlanning on PostgreSQL', () => {
  let testDb: OpenTestDb;
  let prisma: PrismaClient;
  let solver: SolverPool;
  beforeAll(async () => {
    testDb = await openPostgresTestDb();
    prisma = testDb.db.prisma;
    solver = createSolverPool({ threads: 1 });
  });
  afterAll(async () => {
    await solver?.close();
    await testDb?.dispose();
  });

  const request = (agencyId: string) => ({ agencyId, days: [DAY], timeLimitMs: 5_000, maxIterations: 300, seed: 1, runId: null });

  it('stores tours, stops and statuses in one go, and a second run changes nothing', async () => {
    const seeded = await seedAgency(prisma);
    const broadcaster = recordingBroadcaster();
    const deps: PlanningDeps = { prisma, solver, broadcaster, now: () => BEFORE };
    const stages: string[] = [];
    const result = await runPlanning(deps, { ...request(seeded.agencyId), onProgress: (_, m) => stages.push(m) });

    expect(result.summary.planned).toBe(6);
    expect(result.summary.travelTimes).toBe('estimated'); // no OSRM here
    expect(result.unassigned).toEqual([]);
    expect(stages[0]).toBe('loading');
    expect(stages.at(-1)).toBe('done');
    const tours = await prisma.tour.findMany({ where: { agencyId: seeded.agencyId }, include: { stops: { orderBy: { sequence: 'asc' } } } });
    expect(tours.reduce((n, t) => n + t.stops.length, 0)).toBe(6);
    for (const t of tours) {
      expect(t.version).toBe(1);
      expect(t.date.toISOString().slice(0, 10)).toBe(DAY);
      expect(t.stops.map((s) => s.sequence)).toEqual(t.stops.map((_, k) => k));
    }
    const rows = await prisma.intervention.findMany({ where: { agencyId: seeded.agencyId } });
    for (const i of rows) {
      expect(i.status).toBe('planned');
      expect(i.version).toBe(2);
      expect(i.plannedStart).not.toBeNull();
    }
    const byId = new Map(rows.map((i) => [i.id, i]));
    const [expert, poolTech] = seeded.technicianIds;
    expect(byId.get(seeded.interventionIds[0]!)!.technicianId).toBe(expert); // hvac ≥ 3
    expect(byId.get(seeded.interventionIds[1]!)!.technicianId).toBe(poolTech); // pool
    expect(broadcaster.plans).toHaveLength(1);
    expect(broadcaster.plans[0]!.change).toMatchObject({ date: DAY, reason: 'planning_run' });
    expect(broadcaster.plans[0]!.change.tours).toHaveLength(tours.length);
    expect(broadcaster.plans[0]!.change.interventions).toHaveLength(6);

    const again = await runPlanning(deps, request(seeded.agencyId));
    expect(again.summary).toMatchObject({ planned: 6, toursChanged: 0, interventionsChanged: 0 });
    const after = await prisma.tour.findMany({ where: { agencyId: seeded.agencyId } });
    expect(after.map((t) => t.version)).toEqual(tours.map(() => 1));
  });

  it('refuses to store a plan computed from records that changed meanwhile', async () => {
    const seeded = await seedAgency(prisma, 3);
    const meddling: SolverPool = {
      solve: (task) => solver.solve(task),
      async plan(task) {
        await prisma.intervention.update({ where: { id: seeded.interventionIds[2]! }, data: { priority: 99, version: { increment: 1 } } });
        return solver.plan(task);
      },
      close: async () => {},
    };
    await expect(
      runPlanning({ prisma, solver: meddling, broadcaster: recordingBroadcaster(), now: () => BEFORE }, request(seeded.agencyId)),
    ).rejects.toBeInstanceOf(PlanConflictError);
    expect(await prisma.tour.count({ where: { agencyId: seeded.agencyId } })).toBe(0);
    expect(await prisma.intervention.count({ where: { agencyId: seeded.agencyId, status: 'planned' } })).toBe(0);
  });

  it('keeps visits done during the day first in their tour and plans the rest after them', async () => {
    const seeded = await seedAgency(prisma, 4);
    const deps: PlanningDeps = { prisma, solver, broadcaster: recordingBroadcaster(), now: () => BEFORE };
    await runPlanning(deps, request(seeded.agencyId));
    const tour = await prisma.tour.findFirstOrThrow({
      where: { agencyId: seeded.agencyId, stops: { some: {} } },
      include: { stops: { orderBy: { sequence: 'asc' } } },
    });
    const first = tour.stops[0]!;
    // The first visit was done between 08:00 and 09:00 local; now it is 10:00 local.
    await prisma.intervention.update({
      where: { id: first.interventionId },
      data: { status: 'done', actualStart: new Date(`${DAY}T07:00:00Z`), actualEnd: new Date(`${DAY}T08:00:00Z`), version: { increment: 1 } },
    });
    const now = new Date(`${DAY}T09:00:00Z`);
    const result = await runPlanning({ ...deps, now: () => now }, request(seeded.agencyId));
    expect(result.unassigned).toEqual([]);
    const replanned = await prisma.tour.findUniqueOrThrow({ where: { id: tour.id }, include: { stops: { orderBy: { sequence: 'asc' } } } });
    expect(replanned.stops[0]!.interventionId).toBe(first.interventionId);
    expect(replanned.stops[0]!.plannedStart?.getTime()).toBe(first.plannedStart?.getTime()); // a fact: untouched
    for (const s of replanned.stops.slice(1)) expect(s.plannedStart!.getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: first.interventionId } })).status).toBe('done');
  });

  it('records why visits stay unassigned, and takes a visit that became impossible out of its tour', async () => {
    const seeded = await seedAgency(prisma, 3);
    const deps: PlanningDeps = { prisma, solver, broadcaster: recordingBroadcaster(), now: () => BEFORE };
    await runPlanning(deps, request(seeded.agencyId));
    const [first, second] = seeded.interventionIds;
    const stop = await prisma.tourStop.findFirstOrThrow({ where: { interventionId: first! }, include: { tour: true } });
    // Now it needs an expert nobody is, and another visit's site lost its coordinates.
    await prisma.interventionSkill.deleteMany({ where: { interventionId: first! } });
    await prisma.intervention.update({
      where: { id: first! },
      data: { version: { increment: 1 }, requiredSkills: { create: [{ skillId: seeded.skillIds.hvac, minLevel: 5 }] } },
    });
    const site = await prisma.intervention.findUniqueOrThrow({ where: { id: second! }, select: { siteId: true } });
    await prisma.site.update({ where: { id: site.siteId }, data: { lat: null, lon: null } });

    const result = await runPlanning(deps, request(seeded.agencyId));
    expect(result.unassigned).toEqual(
      expect.arrayContaining([
        { interventionId: first, reason: 'no_skill' },
        { interventionId: second, reason: 'no_location' },
      ]),
    );
    const after = await prisma.intervention.findUniqueOrThrow({ where: { id: first! } });
    expect(after).toMatchObject({ status: 'requested', technicianId: null, plannedStart: null });
    expect(await prisma.tourStop.count({ where: { interventionId: first! } })).toBe(0);
    const tour = await prisma.tour.findUniqueOrThrow({ where: { id: stop.tourId } });
    expect(tour.version).toBe(stop.tour.version + 1);
  });

  it('plans from now unless asked for whole days, and refuses days that are all past', async () => {
    const seeded = await seedAgency(prisma, 6);
    const late = new Date(`${DAY}T15:00:00Z`); // 16:00 in Aix: one hour of work left
    const deps: PlanningDeps = { prisma, solver, broadcaster: recordingBroadcaster(), now: () => late };
    const fromNow = await runPlanning(deps, request(seeded.agencyId));
    expect(fromNow.summary.planned).toBeLessThan(6);
    const whole = await runPlanning(deps, { ...request(seeded.agencyId), wholeDays: true });
    expect(whole.summary.planned).toBe(6);
    const tomorrow = new Date(`${DAY}T23:30:00Z`);
    await expect(runPlanning({ ...deps, now: () => tomorrow }, request(seeded.agencyId))).rejects.toBeInstanceOf(PlanningInputError);
  });
});
