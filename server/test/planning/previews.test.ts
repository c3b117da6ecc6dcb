// Preview runs through the job runner (in process), then their fate: a
// preview stores nothing and broadcasts nothing; accepting stores exactly the
// proposal and broadcasts it; a plan that changed meanwhile is refused with
// nothing applied; discarding; a decision is taken once. On PGlite, and on
// PostgreSQL when it is reachable.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { acceptPlan, discardPlan, PlanDecisionError } from '../../src/planning/decide-plan.ts';
import { readProposal } from '../../src/planning/proposal.ts';
import { createSolverPool, type SolverPool } from '../../src/planning/solver-pool.ts';
import { until } from '../jobs/support.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { BEFORE, DAY } from './fixtures.ts';
import { recordingBroadcaster, type RecordingBroadcaster } from './recording-broadcaster.ts';
import { seedAgency } from './seed-agency.ts';
import { openPgliteTestDb, openPostgresTestDb, type OpenTestDb } from './test-db.ts';

function previewCases(open: () => Promise<OpenTestDb>): void {
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

  const start = async (broadcaster: RecordingBroadcaster) => {
    const runner = await createJobRunner(
      { config: { redisUrl: undefined }, prisma, broadcaster },
      { overnight: null, now: () => BEFORE, solver, log: () => {} },
    );
    runners.push(runner);
    return runner;
  };
  const plan = async (runner: JobRunner, agencyId: string, requestId: string, preview: boolean) => {
    const { runId } = await runner.submitPlanning({ agencyId, days: [DAY], timeLimitMs: 5_000, maxIterations: 300, requestId, preview });
    return until(async () => {
      const run = await runner.getPlanningRun(runId);
      return run && (run.status === 'succeeded' || run.status === 'failed') ? run : null;
    }, `run ${runId}`);
  };
  const snapshot = async (agencyId: string) => ({
    tours: await prisma.tour.count({ where: { agencyId } }),
    interventions: await prisma.intervention.findMany({ where: { agencyId }, select: { id: true, version: true, status: true }, orderBy: { id: 'asc' } }),
  });

  it('stores nothing for a preview; accepting stores exactly its proposal and broadcasts it', async () => {
    const seeded = await seedAgency(prisma, 5);
    const broadcaster = recordingBroadcaster();
    const runner = await start(broadcaster);
    const before = await snapshot(seeded.agencyId);
    const run = await plan(runner, seeded.agencyId, 'preview-1', true);

    expect(run).toMatchObject({ status: 'succeeded', preview: true, decision: 'pending', decidedAt: null });
    const result = run.result as any;
    expect(result.summary).toMatchObject({ planned: 5, unassigned: 0, interventionsChanged: 5 });
    expect(result.summary.toursChanged).toBeGreaterThan(0);
    expect(result.summary.workSeconds).toBeGreaterThan(result.summary.travelSeconds);
    expect(result.summary.overtimeSeconds).toBe(0);
    expect(result.before).toEqual({ planned: 0, unassigned: 5, travelSeconds: 0, travelMeters: 0, tours: 0, workSeconds: 0, overtimeSeconds: 0 });
    expect(await snapshot(seeded.agencyId)).toEqual(before);
    expect(broadcaster.plans).toEqual([]);
    expect(broadcaster.progress.at(-1)?.progress).toMatchObject({ state: 'succeeded', runId: run.id });

    const row = await prisma.planningRun.findUniqueOrThrow({ where: { id: run.id } });
    const proposal = readProposal(row.proposal);
    const accepted = await acceptPlan({ prisma, broadcaster, now: () => BEFORE, log: () => {} }, run.id, null);
    expect(accepted).toMatchObject({ decision: 'accepted', decidedAt: BEFORE });

    const tours = await prisma.tour.findMany({ where: { agencyId: seeded.agencyId }, include: { stops: { orderBy: { sequence: 'asc' } } } });
    const proposed = proposal.plan.tours.filter((t) => t.stops.length > 0);
    expect(tours).toHaveLength(proposed.length);
    for (const t of proposed) {
      const stored = tours.find((s) => s.technicianId === t.technicianId)!;
      expect(stored.planningRunId).toBe(run.id);
      expect(stored.stops.map((s) => [s.interventionId, s.plannedStart?.toISOString()])).toEqual(
        t.stops.map((s) => [s.interventionId, s.plannedStart?.toISOString()]),
      );
    }
    const after = await prisma.intervention.findMany({ where: { agencyId: seeded.agencyId } });
    expect(after.every((i) => i.status === 'planned' && i.version === 2)).toBe(true);
    expect(broadcaster.plans.map((p) => p.change.reason)).toEqual(['planning_run']);
    expect(broadcaster.plans[0]!.change.interventions).toHaveLength(5);

    // Taken once.
    await expect(acceptPlan({ prisma, broadcaster, now: () => BEFORE }, run.id, null)).rejects.toThrow(/already accepted/);
    await expect(discardPlan({ prisma }, run.id, null)).rejects.toThrow(/already accepted/);
  });

  it('refuses a preview whose plan changed meanwhile, applying nothing, and says how much changed', async () => {
    const seeded = await seedAgency(prisma, 3);
    const broadcaster = recordingBroadcaster();
    const run = await plan(await start(broadcaster), seeded.agencyId, 'preview-2', true);
    await prisma.intervention.update({ where: { id: seeded.interventionIds[1]! }, data: { priority: 90, version: { increment: 1 } } });
    const before = await snapshot(seeded.agencyId);

    const refused = await acceptPlan({ prisma, broadcaster, now: () => BEFORE }, run.id, null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlanDecisionError);
    expect((refused as Error).message).toMatch(/changed since this preview was computed \(1 visit changed\).*nothing was applied/);
    expect(await snapshot(seeded.agencyId)).toEqual(before);
    expect(broadcaster.plans).toEqual([]);
    expect(await prisma.planningRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ decision: 'pending', decidedAt: null });
  });

  it('discards a preview once, and only a preview', async () => {
    const seeded = await seedAgency(prisma, 2);
    const broadcaster = recordingBroadcaster();
    const runner = await start(broadcaster);
    const preview = await plan(runner, seeded.agencyId, 'preview-3', true);
    const discarded = await discardPlan({ prisma, now: () => BEFORE }, preview.id, null);
    expect(discarded).toMatchObject({ decision: 'discarded', decidedAt: BEFORE });
    await expect(discardPlan({ prisma }, preview.id, null)).rejects.toThrow(/already discarded/);
    await expect(acceptPlan({ prisma, broadcaster }, preview.id, null)).rejects.toThrow(/already discarded/);
    expect(await prisma.tour.count({ where: { agencyId: seeded.agencyId } })).toBe(0);

    // Nor a preview whose days have all gone by.
    const stale = await plan(runner, seeded.agencyId, 'preview-3b', true);
    await expect(acceptPlan({ prisma, broadcaster, now: () => new Date(`${DAY}T23:30:00Z`) }, stale.id, null)).rejects.toThrow(/is past/);

    const direct = await plan(runner, seeded.agencyId, 'direct-3', false);
    expect(direct).toMatchObject({ status: 'succeeded', preview: false, decision: null });
    await expect(discardPlan({ prisma }, direct.id, null)).rejects.toThrow(/only a preview/);
  });

  it('compares with the plan in force: a preview after a direct run starts from what that run stored', async () => {
    const seeded = await seedAgency(prisma, 4);
    const runner = await start(recordingBroadcaster());
    const direct = (await plan(runner, seeded.agencyId, 'direct-4', false)).result as any;
    expect(direct.before).toMatchObject({ planned: 0, unassigned: 4 });
    const preview = (await plan(runner, seeded.agencyId, 'preview-4', true)).result as any;
    expect(preview.before).toEqual({
      planned: direct.summary.planned,
      unassigned: direct.summary.unassigned,
      travelSeconds: direct.summary.travelSeconds,
      travelMeters: direct.summary.travelMeters,
      tours: direct.summary.tours,
      workSeconds: direct.summary.workSeconds,
      overtimeSeconds: direct.summary.overtimeSeconds,
    });
    // Same seed, same records: nothing would change.
    expect(preview.summary).toMatchObject({ toursChanged: 0, interventionsChanged: 0 });
  });
}

describe('plan previews, on PGlite', () => previewCases(openPgliteTestDb));
describeWithService(await checkPostgres(), 'plan previews, on PostgreSQL', () => previewCases(openPostgresTestDb));
