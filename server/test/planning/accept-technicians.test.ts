// Accepting a preview technician by technician (issue 12, "Optimize you can
// trust"): what the preview would change per technician (plan-changes.ts);
// accepting one technician writes only their day, leaves the rest of the
// preview acceptable (the proposal's records follow what was written), refuses
// the rest when someone else changed it since, and decides the preview once
// nobody is left with a change. Refusals carry a message code. On PGlite, and
// on PostgreSQL when it is reachable.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { acceptTechnicians, PlanSelectionError } from '../../src/planning/accept-technicians.ts';
import { acceptPlan, PlanDecisionError } from '../../src/planning/decide-plan.ts';
import { planChanges } from '../../src/planning/plan-changes.ts';
import { readProposal } from '../../src/planning/proposal.ts';
import { createSolverPool, type SolverPool } from '../../src/planning/solver-pool.ts';
import { until } from '../jobs/support.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { BEFORE, DAY } from './fixtures.ts';
import { recordingBroadcaster } from './recording-broadcaster.ts';
import { seedAgency } from './seed-agency.ts';
import { openPgliteTestDb, openPostgresTestDb, type OpenTestDb } from './test-db.ts';

function cases(open: () => Promise<OpenTestDb>): void {
  let testDb: OpenTestDb;
  let prisma: PrismaClient;
  let solver: SolverPool;
  const runners: JobRunner[] = [];
  beforeAll(async () => {
    testDb = await open();
    prisma = testDb.db.prisma;
    solver = createSolverPool({ threads: 1 });
  }, 120_000);
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await solver?.close();
    await testDb?.dispose();
  });

  const broadcaster = recordingBroadcaster();
  const deps = () => ({ prisma, broadcaster, now: () => BEFORE, log: () => {} });
  const plan = async (agencyId: string, requestId: string, preview: boolean) => {
    const runner = await createJobRunner(
      { config: { redisUrl: undefined }, prisma, broadcaster },
      { overnight: null, now: () => BEFORE, solver, log: () => {} },
    );
    runners.push(runner);
    const { runId } = await runner.submitPlanning({ agencyId, days: [DAY], timeLimitMs: 5_000, maxIterations: 300, requestId, preview });
    const run = await until(async () => {
      const r = await runner.getPlanningRun(runId);
      return r && (r.status === 'succeeded' || r.status === 'failed') ? r : null;
    }, `run ${runId}`);
    expect(run.status).toBe('succeeded');
    return run.id;
  };
  const changesOf = async (runId: string) => planChanges(readProposal((await prisma.planningRun.findUniqueOrThrow({ where: { id: runId } })).proposal));
  const tourOf = (technicianId: string) => prisma.tour.findFirst({ where: { technicianId }, include: { stops: { orderBy: { sequence: 'asc' } } } });

  it('lists each technician’s changes, accepts one technician only, then the rest', async () => {
    const seeded = await seedAgency(prisma, 6);
    const [expert, pool] = seeded.technicianIds;
    const runId = await plan(seeded.agencyId, 'partial-1', true);

    const before = await changesOf(runId);
    expect(before.map((c) => c.technicianId).sort()).toEqual([expert, pool].sort());
    for (const c of before) {
      expect(c.changed).toBe(true);
      expect(c.leaving).toEqual([]);
      expect(c.stops.every((s) => s.change === 'in' && s.from === null && s.location !== null)).toBe(true);
    }
    const proposedExpert = before.find((c) => c.technicianId === expert)!.stops.map((s) => s.interventionId);
    const proposedPool = before.find((c) => c.technicianId === pool)!.stops.map((s) => s.interventionId);

    const answer = await acceptTechnicians(deps(), runId, [expert], null);
    expect(answer).toEqual({ accepted: [expert], remaining: [pool] });
    expect((await tourOf(expert))!.stops.map((s) => s.interventionId)).toEqual(proposedExpert);
    expect(await tourOf(pool)).toBeNull();
    const poolVisits = await prisma.intervention.findMany({ where: { id: { in: proposedPool } } });
    expect(poolVisits.every((i) => i.status === 'requested' && i.version === 1)).toBe(true);
    expect(await prisma.planningRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ decision: 'pending' });

    const after = await changesOf(runId);
    expect(after.find((c) => c.technicianId === expert)).toMatchObject({ accepted: true, changed: false });
    expect(after.find((c) => c.technicianId === pool)).toMatchObject({ accepted: false, changed: true });
    // Accepted already: nothing to accept, naming the field.
    const again = await acceptTechnicians(deps(), runId, [expert], null).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(PlanSelectionError);
    expect((again as PlanSelectionError).path).toBe('technicianIds[0]');

    // The rest of the preview stays acceptable as it was reviewed.
    const expertVersion = (await tourOf(expert))!.version;
    const accepted = await acceptPlan(deps(), runId, null);
    expect(accepted).toMatchObject({ decision: 'accepted' });
    expect((await tourOf(pool))!.stops.map((s) => s.interventionId)).toEqual(proposedPool);
    expect((await tourOf(expert))!.version).toBe(expertVersion);
  });

  it('sends a visit the preview takes from a technician back to the queue until its new technician is accepted', async () => {
    const seeded = await seedAgency(prisma, 5);
    const [expert, pool] = seeded.technicianIds;
    await acceptPlan(deps(), await plan(seeded.agencyId, 'direct-2', true), null);
    // A dispatcher gave the expert-only visit (HVAC level 3) to the pool technician: the next preview gives it back.
    const hvac = seeded.interventionIds[0]!;
    const expertTour = (await tourOf(expert))!;
    const poolTour = (await tourOf(pool))!;
    expect(expertTour.stops.some((s) => s.interventionId === hvac)).toBe(true);
    await prisma.$transaction([
      prisma.tourStop.deleteMany({ where: { tourId: expertTour.id, interventionId: hvac } }),
      prisma.tourStop.create({ data: { tourId: poolTour.id, interventionId: hvac, sequence: 99 } }),
      prisma.tour.updateMany({ where: { id: { in: [expertTour.id, poolTour.id] } }, data: { version: { increment: 1 } } }),
      prisma.intervention.update({ where: { id: hvac }, data: { technicianId: pool, version: { increment: 1 } } }),
    ]);
    const runId = await plan(seeded.agencyId, 'partial-2', true);
    const changes = await changesOf(runId);
    expect(changes.find((c) => c.technicianId === pool)!.leaving).toEqual([expect.objectContaining({ interventionId: hvac, to: expert })]);
    expect(changes.find((c) => c.technicianId === expert)!.stops.find((s) => s.interventionId === hvac)).toMatchObject({ change: 'in', from: pool });

    expect(await acceptTechnicians(deps(), runId, [pool], null)).toEqual({ accepted: [pool], remaining: [expert] });
    expect((await tourOf(pool))!.stops.some((s) => s.interventionId === hvac)).toBe(false);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: hvac } })).toMatchObject({ status: 'requested', technicianId: null });
    expect((await tourOf(expert))!.version).toBe(expertTour.version + 1);
    // Now it comes from the queue.
    expect((await changesOf(runId)).find((c) => c.technicianId === expert)!.stops.find((s) => s.interventionId === hvac)).toMatchObject({
      change: 'in',
      from: null,
    });

    expect(await acceptTechnicians(deps(), runId, [expert], null)).toEqual({ accepted: [expert], remaining: [] });
    expect((await tourOf(expert))!.stops.some((s) => s.interventionId === hvac)).toBe(true);
    expect(await prisma.planningRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ decision: 'accepted' });
  });

  it('refuses the rest of a preview someone changed since, with a code, and keeps what was accepted', async () => {
    const seeded = await seedAgency(prisma, 6);
    const [expert, pool] = seeded.technicianIds;
    const runId = await plan(seeded.agencyId, 'partial-3', true);
    const poolVisit = (await changesOf(runId)).find((c) => c.technicianId === pool)!.stops[0]!.interventionId;
    await acceptTechnicians(deps(), runId, [expert], null);
    await prisma.intervention.update({ where: { id: poolVisit }, data: { priority: 90, version: { increment: 1 } } });

    const refused = await acceptTechnicians(deps(), runId, [pool], null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlanDecisionError);
    expect((refused as PlanDecisionError).coded).toEqual({ code: 'plan.changed_since_preview', params: { days: DAY, visits: 1, tours: 0 } });
    expect(await tourOf(pool)).toBeNull();
    expect(await tourOf(expert)).not.toBeNull();
    const decided = await acceptPlan(deps(), runId, null).catch((e: unknown) => e);
    expect((decided as PlanDecisionError).coded.code).toBe('plan.changed_since_preview');
  });
}

describe('accepting a preview per technician, on PGlite', () => cases(openPgliteTestDb));
describeWithService(await checkPostgres(), 'accepting a preview per technician, on PostgreSQL', () => cases(openPostgresTestDb));
