// How the job runner behaves, beyond the shared Config: read from the
// environment by jobOptionsFromEnv (documented in the README), overridable
// by tests.
import { ConfigError } from '../config.ts';
import type { SolverPool } from '../planning/solver-pool.ts';
import { componentLogger } from '../logger.ts';

const jobsLogger = componentLogger('jobs');

export interface OvernightSchedule {
  /** Local time of the agency (its own time zone) at which the run starts. */
  readonly hour: number;
  readonly minute: number;
  /** 1 = plan tomorrow. */
  readonly daysAhead: number;
  readonly dayCount: number;
  readonly timeLimitMs: number;
}

/** The nightly service-plan generation per agency (local time of the agency). */
export interface ServicePlanSchedule {
  readonly hour: number;
  readonly minute: number;
  /** Visits that become plannable within this many days are created. */
  readonly horizonDays: number;
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** First retry after this, then doubling (exponential backoff). */
  readonly backoffMs: number;
}

export interface JobRunnerOptions {
  /** Process jobs in this process (the server's default); false: only submit (workers elsewhere). */
  readonly runWorkers: boolean;
  /** Namespaces the queues' Redis keys (tests use a unique one). */
  readonly queuePrefix: string;
  /** Overnight planning per agency; null: no scheduler. */
  readonly overnight: OvernightSchedule | null;
  /** Service-plan generation per agency, before the overnight planning; null: no scheduler. */
  readonly servicePlans: ServicePlanSchedule | null;
  readonly planningRetry: RetryPolicy;
  readonly dispatchRetry: RetryPolicy;
  /**
   * BullMQ's lock on a job in hand, renewed while it runs (default 30 s): a
   * worker that died (kill -9, lost machine) loses it after this long, and the
   * next stalled check hands the job to another worker.
   */
  readonly lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired (default 30 s). */
  readonly stalledIntervalMs?: number;
  /** Planning jobs processed at once by this process. */
  readonly planningConcurrency: number;
  /** Threads solving engine problems (0: on the event loop, for tests only). */
  readonly solverThreads: number;
  /** Replaces the runner's own solver pool (tests inject failures; embedders share one). */
  readonly solver?: SolverPool;
  /** The clock planning reads "now" from (tests pin it). */
  readonly now: () => Date;
  readonly log: (message: string) => void;
}

export const DEFAULT_JOB_OPTIONS: JobRunnerOptions = {
  runWorkers: true,
  queuePrefix: 'tournee',
  overnight: { hour: 2, minute: 0, daysAhead: 1, dayCount: 1, timeLimitMs: 60_000 },
  // Half an hour before the planning, so that the visits it creates are planned the same night.
  servicePlans: { hour: 1, minute: 30, horizonDays: 30 },
  planningRetry: { attempts: 3, backoffMs: 5_000 },
  dispatchRetry: { attempts: 3, backoffMs: 500 },
  planningConcurrency: 1,
  solverThreads: 1,
  now: () => new Date(),
  log: (message) => jobsLogger.info(message),
};

/**
 * JOBS_IN_PROCESS (default on; off when `npm run worker` processes do the work),
 * QUEUE_PREFIX, PLANNING_AT ("02:00", or "off"), PLANNING_DAYS_AHEAD,
 * PLANNING_DAYS, PLANNING_TIME_LIMIT_MS, SERVICE_PLANS_AT ("01:30", or "off"),
 * SERVICE_PLANS_HORIZON_DAYS, SOLVER_THREADS, JOBS_LOCK_MS, JOBS_STALLED_INTERVAL_MS.
 */
export function jobOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<JobRunnerOptions> {
  const out: { -readonly [K in keyof JobRunnerOptions]?: JobRunnerOptions[K] } = {};
  if (env.JOBS_IN_PROCESS) out.runWorkers = bool('JOBS_IN_PROCESS', env.JOBS_IN_PROCESS);
  if (env.QUEUE_PREFIX) out.queuePrefix = env.QUEUE_PREFIX;
  const base = DEFAULT_JOB_OPTIONS.overnight!;
  const at = env.PLANNING_AT?.trim();
  if (at && ['off', 'false', '0', 'no'].includes(at.toLowerCase())) {
    out.overnight = null;
  } else if (at || env.PLANNING_DAYS_AHEAD || env.PLANNING_DAYS || env.PLANNING_TIME_LIMIT_MS) {
    const m = at ? /^(\d{1,2}):(\d{2})$/.exec(at) : null;
    if (at && (!m || Number(m[1]) > 23 || Number(m[2]) > 59)) throw new ConfigError(`PLANNING_AT must be HH:MM or off, got "${at}"`);
    out.overnight = {
      hour: m ? Number(m[1]) : base.hour,
      minute: m ? Number(m[2]) : base.minute,
      daysAhead: int('PLANNING_DAYS_AHEAD', env.PLANNING_DAYS_AHEAD, base.daysAhead, 0, 30),
      dayCount: int('PLANNING_DAYS', env.PLANNING_DAYS, base.dayCount, 1, 14),
      timeLimitMs: int('PLANNING_TIME_LIMIT_MS', env.PLANNING_TIME_LIMIT_MS, base.timeLimitMs, 100, 600_000),
    };
  }
  const plansAt = env.SERVICE_PLANS_AT?.trim();
  if (plansAt && ['off', 'false', '0', 'no'].includes(plansAt.toLowerCase())) {
    out.servicePlans = null;
  } else if (plansAt || env.SERVICE_PLANS_HORIZON_DAYS) {
    const plans = DEFAULT_JOB_OPTIONS.servicePlans!;
    const time = plansAt ? clock('SERVICE_PLANS_AT', plansAt) : plans;
    out.servicePlans = { ...time, horizonDays: int('SERVICE_PLANS_HORIZON_DAYS', env.SERVICE_PLANS_HORIZON_DAYS, plans.horizonDays, 0, 730) };
  }
  if (env.JOBS_LOCK_MS) out.lockDurationMs = int('JOBS_LOCK_MS', env.JOBS_LOCK_MS, 30_000, 1_000, 600_000);
  if (env.JOBS_STALLED_INTERVAL_MS) out.stalledIntervalMs = int('JOBS_STALLED_INTERVAL_MS', env.JOBS_STALLED_INTERVAL_MS, 30_000, 500, 600_000);
  if (env.SOLVER_THREADS) out.solverThreads = int('SOLVER_THREADS', env.SOLVER_THREADS, 1, 1, 64);
  return out;
}

function clock(name: string, raw: string): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(raw);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new ConfigError(`${name} must be HH:MM or off, got "${raw}"`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function bool(name: string, raw: string): boolean {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(`${name} must be on or off, got "${raw}"`);
}
