// The job runner's promises, checked the same way against BullMQ on Redis
// and against the in-process queue (runner.redis.test.ts, runner.memory.test.ts).
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import type { JobRunnerOptions } from '../../src/jobs/options.ts';
import { OVERNIGHT_JOB, overnightRequestId, planningJobId, planningRunId, PlanningJobPayload } from '../../src/jobs/payloads.ts';
import { agenciesChanged } from '../../src/jobs/agency-schedules.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { SERVICE_PLANS_JOB, type ServicePlanJobResult } from '../../src/jobs/service-plan-payloads.ts';
import { discardPlan } from '../../src/planning/decide-plan.ts';
import { createSolverPool, type SolverPool } from '../../src/planning/solver-pool.ts';
import { BEFORE, DAY } from '../planning/fixtures.ts';
import { recordingBroadcaster, type RecordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { seedAgency } from '../planning/seed-agency.ts';
import { flakySolver, purgeQueues, uniquePrefix, until } from './support.ts';

export interface RunnerEnv {
  readonly prisma: PrismaClient;
  readonly redisUrl: string | undefined;
}

export function runnerCases(env: () => RunnerEnv): void {
  let solver: SolverPool;
  const open: JobRunner[] = [];
  const prefixes: string[] = [];
  beforeAll(() => {
    solver = createSolverPool({ threads: 1 });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });
  afterAll(async () => {
    await solver?.close();
    // Leave nothing in Redis: finished jobs and schedulers would otherwise stay.
    const redisUrl = env().redisUrl;
    if (!redisUrl) return;
    for (const prefix of prefixes) await purgeQueues(redisUrl, prefix);
  });

  const start = async (broadcaster: RecordingBroadcaster, options: Partial<JobRunnerOptions> = {}) => {
    const queuePrefix = uniquePrefix();
    prefixes.push(queuePrefix);
    const runner = await createJobRunner(
      { config: { redisUrl: env().redisUrl }, prisma: env().prisma, broadcaster },
      {
        queuePrefix,
        overnight: null,
        servicePlans: null,
        now: () => BEFORE,
        solver,
        planningRetry: { attempts: 3, backoffMs: 200 },
        log: () => {},
        ...options,
      },
    );
    open.push(runner);
    return runner;
  };
  const planning = (agencyId: string, requestId: string) => ({ agencyId, days: [DAY], timeLimitMs: 5_000, maxIterations: 200, requestId });
  const finished = (runner: JobRunner, runId: string) =>
    until(async () => {
      const run = await runner.getPlanningRun(runId);
      return run && (run.status === 'succeeded' || run.status === 'failed') ? run : null;
    }, `run ${runId} to finish`);

  it('runs a planning job that stores tours, reporting progress to the board', async () => {
    const { prisma } = env();
    const seeded = await seedAgency(prisma);
    const broadcaster = recordingBroadcaster();
    const runner = await start(broadcaster);
    const { jobId, runId, run } = await runner.submitPlanning(planning(seeded.agencyId, 'first'));
    expect(run).toMatchObject({ id: runId, status: 'queued', days: [DAY] });
    expect(jobId).toBe(`planning/${seeded.agencyId}/${DAY}/first`);

    const done = await finished(runner, runId);
    expect(done.status).toBe('succeeded');
    expect(done.progress).toBe(1);
    expect(done.result).toMatchObject({ summary: { planned: 6, unassigned: 0 } });
    expect(await prisma.tourStop.count({ where: { tour: { agencyId: seeded.agencyId } } })).toBe(6);
    expect(await prisma.tour.count({ where: { agencyId: seeded.agencyId, planningRunId: runId } })).toBeGreaterThan(0);
    const job = await until(async () => {
      const j = await runner.getJob('planning', jobId);
      return j?.state === 'completed' ? j : null;
    }, 'the job to complete');
    expect(job.attemptsMade).toBe(1);

    const states = broadcaster.progress.filter((p) => p.progress.jobId === jobId).map((p) => p.progress);
    expect(states.every((p) => p.queue === 'planning' && p.runId === runId)).toBe(true);
    expect(states[0]!.state).toBe('running');
    expect(states.at(-1)).toMatchObject({ state: 'succeeded', progress: 1 });
    expect(broadcaster.progress.every((p) => p.agencyId === seeded.agencyId)).toBe(true);
    expect(broadcaster.plans.map((p) => p.change.reason)).toEqual(['planning_run']);
  });

  it('runs a preview job that keeps its plan on the run and stores nothing; one discarded meanwhile stays discarded', async () => {
    const { prisma } = env();
    const seeded = await seedAgency(prisma, 3);
    const broadcaster = recordingBroadcaster();
    const runner = await start(broadcaster);
    const { jobId, runId, run } = await runner.submitPlanning({ ...planning(seeded.agencyId, 'look'), preview: true });
    expect(jobId).toBe(`planning/${seeded.agencyId}/${DAY}/look/preview`);
    expect(run).toMatchObject({ preview: true, decision: null });
    const done = await finished(runner, runId);
    expect(done).toMatchObject({
      status: 'succeeded',
      preview: true,
      decision: 'pending',
      result: { summary: { planned: 3 }, before: { planned: 0, unassigned: 3 } },
    });
    expect(await prisma.tour.count({ where: { agencyId: seeded.agencyId } })).toBe(0);
    expect(broadcaster.plans).toEqual([]);
    const states = broadcaster.progress.filter((p) => p.progress.jobId === jobId).map((p) => p.progress);
    expect(states.at(-1)).toMatchObject({ state: 'succeeded', progress: 1, message: expect.stringMatching(/^preview: 3 planned/) });

    // The same request id without preview is another run, applied directly.
    const direct = await runner.submitPlanning(planning(seeded.agencyId, 'look'));
    expect(direct.runId).not.toBe(runId);

    const second = await runner.submitPlanning({ ...planning(seeded.agencyId, 'discarded'), preview: true });
    await discardPlan({ prisma }, second.runId, null);
    const ended = await finished(runner, second.runId);
    expect(ended).toMatchObject({ status: 'succeeded', decision: 'discarded' });
    await finished(runner, direct.runId);
  });

  it('finds the same job and run when the same request is submitted again', async () => {
    const { prisma } = env();
    const seeded = await seedAgency(prisma, 3);
    const broadcaster = recordingBroadcaster();
    const runner = await start(broadcaster);
    const a = await runner.submitPlanning(planning(seeded.agencyId, 'same'));
    const b = await runner.submitPlanning(planning(seeded.agencyId, 'same'));
    expect(b.jobId).toBe(a.jobId);
    expect(b.runId).toBe(a.runId);
    await finished(runner, a.runId);
    const c = await runner.submitPlanning(planning(seeded.agencyId, 'same'));
    expect(c.run.status).toBe('succeeded');
    await new Promise((r) => setTimeout(r, 300));
    expect(await prisma.planningRun.count({ where: { agencyId: seeded.agencyId } })).toBe(1);
    const starts = broadcaster.progress.filter((p) => p.progress.state === 'running' && p.progress.message === 'started');
    expect(starts).toHaveLength(1);
    expect(broadcaster.plans).toHaveLength(1);
  });

  it('fails an invalid payload at once, without retrying it', async () => {
    const runner = await start(recordingBroadcaster());
    await runner.enqueue('planning', 'plan', { agencyId: 42, days: ['tomorrow'] }, 'invalid-1');
    const job = await until(async () => {
      const j = await runner.getJob('planning', 'invalid-1');
      return j?.state === 'failed' ? j : null;
    }, 'the invalid job to fail');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/invalid planning payload: agencyId: .*days\.0: /);
    await expect(runner.submitPlanning({ agencyId: 'a', days: [], requestId: 'x' })).rejects.toThrow(/days/);
  });

  it('retries a failing job with exponential backoff, then succeeds', async () => {
    const { prisma } = env();
    const seeded = await seedAgency(prisma, 3);
    const broadcaster = recordingBroadcaster();
    const flaky = flakySolver(solver, 1);
    const runner = await start(broadcaster, { solver: flaky });
    const { jobId, runId } = await runner.submitPlanning(planning(seeded.agencyId, 'flaky'));
    const done = await finished(runner, runId);
    expect(done.status).toBe('succeeded');
    expect(flaky.calls).toHaveLength(2);
    expect(flaky.calls[1]! - flaky.calls[0]!).toBeGreaterThanOrEqual(190); // the 200 ms backoff
    const job = await until(async () => {
      const j = await runner.getJob('planning', jobId);
      return j?.state === 'completed' ? j : null;
    }, 'the job to complete');
    expect(job.attemptsMade).toBe(2);
    const retry = broadcaster.progress.find((p) => p.progress.state === 'queued');
    expect(retry?.progress.message).toMatch(/solver thread crashed/);
  });

  it('keeps one overnight scheduler per agency, and its job plans the next day', async () => {
    const { prisma } = env();
    const seeded = await seedAgency(prisma, 3);
    const other = await seedAgency(prisma, 0);
    const runner = await start(recordingBroadcaster(), {
      overnight: { hour: 2, minute: 0, daysAhead: 1, dayCount: 1, timeLimitMs: 2_000 },
    });
    const schedules = await runner.listSchedules();
    const ours = schedules.filter((s) => s.agencyId === seeded.agencyId || s.agencyId === other.agencyId);
    expect(ours).toHaveLength(2);
    for (const s of ours) expect(s).toMatchObject({ pattern: '0 2 * * *', timezone: 'Europe/Paris' });
    expect(schedules.length).toBe(await prisma.agency.count());
    if (runner.mode === 'memory') expect(ours[0]!.next?.toISOString()).toBe('2026-03-02T01:00:00.000Z');

    // What the scheduler stamps each night, run now: BEFORE is the evening of the 1st, so it plans DAY.
    await runner.enqueue('planning', OVERNIGHT_JOB, { agencyId: seeded.agencyId, timeLimitMs: 2_000 }, 'overnight-now');
    const payload = PlanningJobPayload.parse({ agencyId: seeded.agencyId, days: [DAY], timeLimitMs: 2_000, requestId: overnightRequestId(DAY) });
    const runId = planningRunId(planningJobId(payload));
    const run = await until(() => runner.getPlanningRun(runId).then((r) => (r?.status === 'succeeded' ? r : null)), 'the overnight run');
    expect(run.days).toEqual([DAY]);
    expect(await prisma.tourStop.count({ where: { tour: { agencyId: seeded.agencyId } } })).toBe(3);
  });

  it('generates each agency’s due service-plan visits nightly, once however often the job runs', async () => {
    const { prisma } = env();
    const { agencyId } = await seedAgency(prisma, 0);
    const sector = await prisma.sector.create({
      data: { agencyId, code: `S-${agencyId.slice(-6)}`, name: 'Aix', polygon: { type: 'Polygon', coordinates: [] } },
    });
    const customer = await prisma.customer.create({ data: { name: 'M. Roux' } });
    const site = await prisma.site.create({
      data: { customerId: customer.id, sectorId: sector.id, address: '2 rue des Lices', postcode: '13100', city: 'Aix-en-Provence' },
    });
    const contract = await prisma.contract.create({
      data: { customerId: customer.id, reference: `CT-${agencyId.slice(-8)}`, startsOn: new Date('2024-01-01T00:00:00Z') },
    });
    const plan = await prisma.servicePlan.create({
      data: {
        contractId: contract.id,
        siteId: site.id,
        name: 'Entretien annuel',
        trigger: 'frequency',
        frequencyMonths: 12,
        lastDoneOn: new Date('2025-02-10T00:00:00Z'),
        estimatedDurationMinutes: 60,
      },
    });
    const runner = await start(recordingBroadcaster(), { servicePlans: { hour: 1, minute: 30, horizonDays: 30 } });

    const schedules = await runner.listSchedules(SERVICE_PLANS_JOB);
    expect(schedules.length).toBe(await prisma.agency.count());
    expect(schedules.find((s) => s.agencyId === agencyId)).toMatchObject({ pattern: '30 1 * * *', timezone: 'Europe/Paris' });
    if (runner.mode === 'memory') expect(schedules.find((s) => s.agencyId === agencyId)!.next?.toISOString()).toBe('2026-03-02T00:30:00.000Z');
    expect(await runner.listSchedules()).toEqual([]); // no overnight planning asked for

    // What the scheduler stamps each night, delivered twice (a retry after a crash, a second process): one visit.
    const run = async (jobId: string) => {
      await runner.enqueue('planning', SERVICE_PLANS_JOB, { agencyId, horizonDays: 30 }, jobId);
      const job = await until(async () => {
        const j = await runner.getJob('planning', jobId);
        return j && (j.state === 'completed' || j.state === 'failed') ? j : null;
      }, `service-plan job ${jobId}`);
      expect(job.failedReason).toBeNull();
      return job.result as ServicePlanJobResult;
    };
    const first = await run('service-plans-1');
    expect(first).toMatchObject({ agencyId, today: '2026-03-01', plans: 1, created: 1, skipped: [] });
    expect((await run('service-plans-2')).created).toBe(0);
    const visits = await prisma.intervention.findMany({ where: { servicePlanId: plan.id } });
    expect(visits.map((v) => [v.status, v.agencyId, v.dueOn?.toISOString().slice(0, 10)])).toEqual([['requested', agencyId, '2026-02-10']]);

    await runner.enqueue('planning', SERVICE_PLANS_JOB, { agencyId: 'no-such-agency' }, 'service-plans-unknown');
    const failed = await until(async () => {
      const j = await runner.getJob('planning', 'service-plans-unknown');
      return j?.state === 'failed' ? j : null;
    }, 'the unknown agency’s job to fail');
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/agency no-such-agency does not exist/);

    // A bad payload fails for good, naming each field and why.
    await runner.enqueue('planning', SERVICE_PLANS_JOB, { horizonDays: -1, today: '28/11/2026' }, 'service-plans-invalid');
    const invalid = await until(async () => {
      const j = await runner.getJob('planning', 'service-plans-invalid');
      return j?.state === 'failed' ? j : null;
    }, 'the invalid service-plan job to fail');
    expect(invalid.attemptsMade).toBe(1);
    expect(invalid.failedReason).toMatch(/^invalid service-plan payload: agencyId: .*; horizonDays: .*; today: /);

    // Agencies created or deleted through the API get their schedulers at once (routes/organisation.ts calls this).
    const added = await prisma.agency.create({ data: { code: `PTP-${agencyId.slice(-6)}`, name: 'Pointe-à-Pitre', timezone: 'America/Guadeloupe' } });
    await agenciesChanged();
    expect((await runner.listSchedules(SERVICE_PLANS_JOB)).find((s) => s.agencyId === added.id)).toMatchObject({ timezone: 'America/Guadeloupe' });
    await prisma.agency.delete({ where: { id: added.id } });
    await agenciesChanged();
    expect((await runner.listSchedules(SERVICE_PLANS_JOB)).map((s) => s.agencyId)).not.toContain(added.id);
  });

  it('runs a dispatch job: the urgent visit goes to the best technician, who gets it pushed', async () => {
    const { prisma } = env();
    const seeded = await seedAgency(prisma, 4);
    const planner = await start(recordingBroadcaster());
    const { runId } = await planner.submitPlanning(planning(seeded.agencyId, 'before-urgent'));
    await finished(planner, runId);

    const site = await prisma.site.findFirstOrThrow({ where: { interventions: { some: { id: seeded.interventionIds[2]! } } } });
    const urgent = await prisma.intervention.create({
      data: { agencyId: seeded.agencyId, siteId: site.id, estimatedDurationMinutes: 30, priority: 95, slaDeadline: new Date(`${DAY}T15:00:00Z`) },
    });
    const broadcaster = recordingBroadcaster();
    const dispatcher = await start(broadcaster, { now: () => new Date(`${DAY}T08:00:00Z`) });
    const { jobId } = await dispatcher.submitDispatch({ interventionId: urgent.id, requestId: 'urgent-1' });
    const job = await until(async () => {
      const j = await dispatcher.getJob('dispatch', jobId);
      return j && (j.state === 'completed' || j.state === 'failed') ? j : null;
    }, 'the dispatch job');
    expect(job.failedReason).toBeNull();
    const after = await prisma.intervention.findUniqueOrThrow({ where: { id: urgent.id } });
    expect(after.status).toBe('assigned');
    expect(seeded.technicianIds).toContain(after.technicianId);
    expect(after.plannedStart!.getTime()).toBeGreaterThanOrEqual(Date.parse(`${DAY}T08:00:00Z`));
    expect(broadcaster.pushes.find((p) => p.assignment.interventionId === urgent.id)).toMatchObject({
      technicianId: after.technicianId,
      assignment: { kind: 'assigned', priority: 95, date: DAY },
    });
    expect(broadcaster.plans.map((p) => p.change.reason)).toContain('urgent_insertion');
    expect(broadcaster.progress.filter((p) => p.progress.jobId === jobId).at(-1)?.progress).toMatchObject({ queue: 'dispatch', state: 'succeeded' });
  });
}
