// The job runner: one interface whether jobs go through BullMQ on Redis
// (REDIS_URL set) or stay in this process. Submitting validates the payload,
// records the PlanningRun, and adds the job under an id derived from the
// payload; workers (in this process unless told otherwise) run the
// processors; an overnight planning scheduler is kept per agency.
import type { Config } from '../config.ts';
import type { JobQueue } from '../contracts/realtime.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { PlanBroadcaster } from '../planning/publish.ts';
import { createSolverPool, type SolverPool } from '../planning/solver-pool.ts';
import type { JobStatus, QueueBackend } from './backend.ts';
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
  OvernightPlanningPayload,
  PLANNING_JOB,
  PlanningJobPayload,
  planningJobId,
  type PlanningJobInput,
  planningRunId,
} from './payloads.ts';
import { processPlanningJob } from './planning-processor.ts';
import { ensurePlanningRun, planningRunView, type PlanningRunView } from './planning-runs.ts';

export type { JobStatus } from './backend.ts';

export interface JobRunner {
  readonly mode: 'redis' | 'memory';
  /** The engine off the event loop, shared with synchronous solves (POST /api/optimization). */
  readonly solver: SolverPool;
  /** Throws a ZodError for an invalid payload. Same payload (request id) → same job and run. */
  submitPlanning(input: PlanningJobInput): Promise<{ jobId: string; runId: string; run: PlanningRunView }>;
  submitDispatch(input: DispatchJobInput): Promise<{ jobId: string }>;
  getPlanningRun(runId: string): Promise<PlanningRunView | null>;
  getJob(queue: JobQueue, jobId: string): Promise<JobStatus | null>;
  /** Adds a job as is; its processor validates it (for scripts and tests of invalid payloads). */
  enqueue(queue: JobQueue, name: string, data: unknown, jobId: string): Promise<void>;
  /** One overnight scheduler per agency in the database (call after creating or deleting one). */
  syncSchedules(): Promise<void>;
  listSchedules(): Promise<{ agencyId: string; next: Date | null; pattern: string; timezone: string }[]>;
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
    ? await createBullmqBackend({ redisUrl: deps.config.redisUrl, prefix: options.queuePrefix, log: options.log })
    : createMemoryBackend({ now: options.now, log: options.log });
  // Without Redis the queue is this process's memory: every process runs its own jobs.
  const runWorkers = backend.mode === 'memory' || options.runWorkers;
  // Threads start on first use: a runner that only submits never spawns one unless /api/optimization asks.
  const solver = options.solver ?? createSolverPool({ threads: options.solverThreads });
  const processorDeps: ProcessorDeps = { prisma, solver, broadcaster: deps.broadcaster, now: options.now, log: options.log };

  if (backend.mode === 'memory') await failInterruptedRuns(prisma, options.now());
  if (runWorkers) {
    await backend.startWorkers(
      { planning: (ctx, data) => processPlanningJob(processorDeps, ctx, data), dispatch: (ctx, data) => processDispatchJob(processorDeps, ctx, data) },
      { planning: options.planningConcurrency, dispatch: 2 },
    );
  }

  const runner: JobRunner = {
    mode: backend.mode,
    solver,

    async submitPlanning(input) {
      const payload = PlanningJobPayload.parse(input);
      const jobId = planningJobId(payload);
      const runId = planningRunId(jobId);
      const run = await ensurePlanningRun(prisma, runId, payload, jobId);
      // A run that already started or ended is that request's answer; a queued one may have lost its job.
      if (run.status === 'queued') {
        await backend.add('planning', PLANNING_JOB, payload, { jobId, retry: options.planningRetry });
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
      const agencies = await prisma.agency.findMany({ select: { id: true, timezone: true }, orderBy: { id: 'asc' } });
      const schedule = options.overnight;
      await backend.syncSchedulers(
        agencies.map((a) => ({ agencyId: a.id, timezone: a.timezone })),
        schedule,
        (agencyId) =>
          OvernightPlanningPayload.parse({
            agencyId,
            daysAhead: schedule!.daysAhead,
            dayCount: schedule!.dayCount,
            timeLimitMs: schedule!.timeLimitMs,
          }),
        options.planningRetry,
      );
    },

    listSchedules: () => backend.listSchedulers(),

    async close() {
      await backend.close();
      if (!options.solver) await solver.close();
    },
  };
  await runner.syncSchedules();
  return runner;
}

/** In-memory jobs do not survive the process: their runs would stay "running" forever. */
async function failInterruptedRuns(prisma: PrismaClient, now: Date): Promise<void> {
  await prisma.planningRun.updateMany({
    where: { status: { in: ['queued', 'running'] } },
    data: { status: 'failed', error: 'the server stopped before this run finished (without REDIS_URL, jobs live in memory)', finishedAt: now },
  });
}
