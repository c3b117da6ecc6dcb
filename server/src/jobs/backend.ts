// What the runner needs from a queue implementation: BullMQ on Redis
// (bullmq-backend.ts) or the in-process one (memory-backend.ts).
import type { JobQueue } from '@tournee/contracts/realtime';
import type { JobContext } from './context.ts';
import type { RetryPolicy } from './options.ts';

export type JobStateName = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'unknown';

export interface JobStatus {
  readonly id: string;
  readonly queue: JobQueue;
  readonly name: string;
  readonly state: JobStateName;
  readonly progress: number;
  readonly attemptsMade: number;
  readonly failedReason: string | null;
  readonly result: unknown;
}

export interface AddOptions {
  readonly jobId: string;
  readonly retry: RetryPolicy;
}

export type Processor = (ctx: JobContext, data: unknown) => Promise<unknown>;

export interface ScheduledAgency {
  readonly agencyId: string;
  readonly timezone: string;
}

/**
 * A job every agency gets each night at a local time of its own time zone
 * (overnight planning, service plans). Its schedulers are `<prefix><agencyId>`.
 */
export interface DailyJob {
  /** Scheduler id prefix, e.g. `overnight/`: syncing removes this prefix's schedulers of agencies that are gone. */
  readonly prefix: string;
  readonly queue: JobQueue;
  /** The job name each run gets. */
  readonly name: string;
  /** Local time of each agency; null: no scheduler at all. */
  readonly at: { readonly hour: number; readonly minute: number } | null;
  /** The payload each run carries. */
  readonly template: (agencyId: string) => unknown;
  readonly retry: RetryPolicy;
}

export interface ScheduleInfo {
  readonly agencyId: string;
  readonly next: Date | null;
  readonly pattern: string;
  readonly timezone: string;
}

export interface QueueBackend {
  readonly mode: 'redis' | 'memory';
  /** Null when the queue answers; why not otherwise (Redis down), for the health check. */
  problem(): string | null;
  /** Called each time the queue's Redis is (again) reachable; never for the in-process queue. */
  onReady(listener: () => void): void;
  add(queue: JobQueue, name: string, data: unknown, options: AddOptions): Promise<void>;
  getJob(queue: JobQueue, id: string): Promise<JobStatus | null>;
  /** Makes the job's schedulers exactly one per agency given (none when `job.at` is null). */
  syncSchedulers(agencies: readonly ScheduledAgency[], job: DailyJob): Promise<void>;
  /** The agencies that have a scheduler with this prefix, with its next run. */
  listSchedulers(prefix: string): Promise<ScheduleInfo[]>;
  startWorkers(processors: Record<JobQueue, Processor>, concurrency: Record<JobQueue, number>): Promise<void>;
  close(): Promise<void>;
}
