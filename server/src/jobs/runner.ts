// The job runner: one interface whether jobs go through BullMQ on Redis
// (REDIS_URL set) or stay in this process. Submitting validates the payload,
// records the PlanningRun, and adds the job under an id derived from the
// payload; workers (in this process unless told otherwise) run the
// processors; two nightly schedulers are kept per agency: the service-plan
// generation, then the overnight planning (both on the planning queue).
import type { Config } from '../config.ts';
import type { JobQueue } from '@tournee/contracts/realtime';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { PlanBroadcaster } from '../planning/publish.ts';
import { createSolverPool, type SolverPool } from '../planning/solver-pool.ts';
import { onAgenciesChanged } from './agency-schedules.ts';
import type { DailyJob, JobStatus, QueueBackend, ScheduleInfo } from './backend.ts';
import { createBullmqBackend } from './bullmq-backend.ts';
import type { ProcessorDeps } from './context.ts';
import { processDispatchJob } from './dispatch-processor.ts';
import { createMemoryBackend } from './memory-backend.ts';
import { DEFAULT_JOB_OPTIONS, type JobRunnerOptions } from './options.ts';
import {
  DISPATCH_JOB,
  DispatchJobPayload,
  dispatchJobId,
  type DispatchJobInput,
  OVERNIGHT_JOB,
  OvernightPlanningPayload,
  overnightSchedulerId,
  PLANNING_JOB,
  PlanningJobPayload,
  planningJobId,
  type PlanningJobInput,
  planningRunId,
} from './payloads.ts';
import { processPlanningJob } from './planning-processor.ts';
import { ensurePlanningRun, planningRunView, type PlanningRunView } from './planning-runs.ts';
import { QueueUnavailableError } from './queue-unavailable.ts';
import { SERVICE_PLANS_JOB, ServicePlanJobPayload, servicePlansSchedulerId } from './service-plan-payloads.ts';
import { sweepInterruptedRuns } from './sweep-runs.ts';
import { processServicePlanJob } from './service-plan-processor.ts';

export type { JobStatus } from './backend.ts';

export interface JobRunner {
  readonly mode: 'redis' | 'memory';
  /** Null when jobs can be queued; why not otherwise (Redis down), for the health check. */
  problem(): string | null;
  /** The engine off the event loop, shared with synchronous solves (POST /api/optimization). */
  readonly solver: SolverPool;
  /**
   * Throws a ZodError for an invalid payload, QueueUnavailableError when Redis
   * cannot take the job (nothing is kept then). Same payload (request id) → same job and run.
   */
  submitPlanning(input: PlanningJobInput): Promise<{ jobId: string; runId: string; run: PlanningRunView }>;
  submitDispatch(input: DispatchJobInput): Promise<{ jobId: string }>;
  getPlanningRun(runId: string): Promise<PlanningRunView | null>;
  getJob(queue: JobQueue, jobId: string): Promise<JobStatus | null>;
  /** Adds a job as is; its processor validates it (for scripts and tests of invalid payloads). */
  enqueue(queue: JobQueue, name: string, data: unknown, jobId: string): Promise<void>;
  /**
   * One overnight planning scheduler and one service-plan scheduler per
   * agency in the database. Runs at creation, and whenever the organisation
   * routes report an agency created, deleted or moved to another time zone
   * (agency-schedules.ts).
   */
  syncSchedules(): Promise<void>;
  /** The agencies' schedulers of one nightly job (default: the overnight planning). */
  listSchedules(job?: typeof OVERNIGHT_JOB | typeof SERVICE_PLANS_JOB): Promise<ScheduleInfo[]>;
  /** Finishes the jobs in hand, then lets go of queues, threads and timers. */
  close(): Promise<void>;
}

export interface JobRunnerDeps {
  readonly config: Pick<Config, 'redisUrl'>;
  readonly prisma: PrismaClient;
  readonly broadcaster: PlanBroadcaster;
}

export async function createJobRunner(deps: JobRunnerDeps, overrides: Partial<JobRunnerOptions> = {}): Promise<JobRunner> {
  const options: JobRunnerOptions = { ...DEFAULT_JOB_OPTIONS, ...overrides };
  const { prisma } = deps;
  const backend: QueueBackend = deps.config.redisUrl
    ? await createBullmqBackend({
        redisUrl: deps.config.redisUrl,
        prefix: options.queuePrefix,
        log: options.log,
        lockDurationMs: options.lockDurationMs,
        stalledIntervalMs: options.stalledIntervalMs,
      })
    : createMemoryBackend({ now: options.now, log: options.log });
  // Without Redis the queue is this process's memory: every process runs its own jobs.
  const runWorkers = backend.mode === 'memory' || options.runWorkers;
  // Threads start on first use: a runner that only submits never spawns one unless /api/optimization asks.
  const solver = options.solver ?? createSolverPool({ threads: options.solverThreads });
  const processorDeps: ProcessorDeps = { prisma, solver, broadcaster: deps.broadcaster, now: options.now, log: options.log };

  if (backend.mode === 'memory') await failInterruptedRuns(prisma, options.now());
  if (runWorkers) {
    await backend.startWorkers(
      {
        // The nightly service-plan generation shares the planning queue: it runs before the overnight planning, one at a time.
        planning: (ctx, data) =>
          ctx.name === SERVICE_PLANS_JOB ? processServicePlanJob(processorDeps, ctx, data) : processPlanningJob(processorDeps, ctx, data),
        dispatch: (ctx, data) => processDispatchJob(processorDeps, ctx, data),
      },
      { planning: options.planningConcurrency, dispatch: 2 },
    );
  }

  const runner: JobRunner = {
    mode: backend.mode,
    problem: () => backend.problem(),
    solver,

    async submitPlanning(input) {
      const payload = PlanningJobPayload.parse(input);
      const jobId = planningJobId(payload);
      const runId = planningRunId(jobId);
      const run = await ensurePlanningRun(prisma, runId, payload, jobId);
      // A run that already started or ended is that request's answer; a queued one may have lost its job.
      if (run.status === 'queued') {
        try {
          await backend.add('planning', PLANNING_JOB, payload, { jobId, retry: options.planningRetry });
        } catch (error) {
          // Not accepted, so not kept: the row goes (unless a worker already took the job) and the request can be sent again.
          if (error instanceof QueueUnavailableError) await prisma.planningRun.deleteMany({ where: { id: runId, status: 'queued', startedAt: null } });
          throw error;
        }
      }
      return { jobId, runId, run: planningRunView(run) };
    },

    async submitDispatch(input) {
      const payload = DispatchJobPayload.parse(input);
      const jobId = dispatchJobId(payload);
      await backend.add('dispatch', DISPATCH_JOB, payload, { jobId, retry: options.dispatchRetry });
      return { jobId };
    },

    async getPlanningRun(runId) {
      const run = await prisma.planningRun.findUnique({ where: { id: runId } });
      return run ? planningRunView(run) : null;
    },

    getJob: (queue, jobId) => backend.getJob(queue, jobId),

    enqueue: (queue, name, data, jobId) =>
      backend.add(queue, name, data, { jobId, retry: queue === 'planning' ? options.planningRetry : options.dispatchRetry }),

    async syncSchedules() {
      const agencies = (await prisma.agency.findMany({ select: { id: true, timezone: true }, orderBy: { id: 'asc' } })).map((a) => ({
        agencyId: a.id,
        timezone: a.timezone,
      }));
      for (const job of dailyJobs()) await backend.syncSchedulers(agencies, job);
    },

    listSchedules: (job = OVERNIGHT_JOB) => backend.listSchedulers(job === SERVICE_PLANS_JOB ? servicePlansSchedulerId('') : overnightSchedulerId('')),

    async close() {
      stopFollowing();
      await backend.close();
      if (!options.solver) await solver.close();
    },
  };
  function dailyJobs(): DailyJob[] {
    const overnight = options.overnight;
    const plans = options.servicePlans;
    return [
      {
        prefix: overnightSchedulerId(''),
        queue: 'planning',
        name: OVERNIGHT_JOB,
        at: overnight,
        retry: options.planningRetry,
        template: (agencyId) =>
          OvernightPlanningPayload.parse({
            agencyId,
            daysAhead: overnight!.daysAhead,
            dayCount: overnight!.dayCount,
            timeLimitMs: overnight!.timeLimitMs,
          }),
      },
      {
        prefix: servicePlansSchedulerId(''),
        queue: 'planning',
        name: SERVICE_PLANS_JOB,
        at: plans,
        retry: options.planningRetry,
        template: (agencyId) => ServicePlanJobPayload.parse({ agencyId, horizonDays: plans!.horizonDays }),
      },
    ];
  }
  // With Redis: schedulers and interrupted runs now if Redis answers, and again each time it comes back.
  const recover = async () => {
    try {
      await runner.syncSchedules();
      if (backend.mode === 'redis') await sweepInterruptedRuns(prisma, backend, { retry: options.planningRetry, now: options.now, log: options.log });
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) throw error;
      options.log(`schedulers and interrupted runs wait for Redis: ${error.message}`);
    }
  };
  backend.onReady(
    () =>
      void recover().catch((error: unknown) => options.log(`recovery after Redis returned failed: ${error instanceof Error ? error.message : String(error)}`)),
  );
  await recover();
  const stopFollowing = onAgenciesChanged(() => runner.syncSchedules());
  return runner;
}

/** In-memory jobs do not survive the process: their runs would stay "running" forever. */
async function failInterruptedRuns(prisma: PrismaClient, now: Date): Promise<void> {
  await prisma.planningRun.updateMany({
    where: { status: { in: ['queued', 'running'] } },
    data: { status: 'failed', error: 'the server stopped before this run finished (without REDIS_URL, jobs live in memory)', finishedAt: now },
  });
}
