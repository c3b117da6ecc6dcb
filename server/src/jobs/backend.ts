// What the runner needs from a queue implementation: BullMQ on Redis
// (bullmq-backend.ts) or the in-process one (memory-backend.ts).
import type { JobQueue } from '../contracts/realtime.ts';
import type { JobContext } from './context.ts';
import type { OvernightSchedule, RetryPolicy } from './options.ts';
import type { OvernightPlanningPayload } from './payloads.ts';

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

export interface QueueBackend {
  readonly mode: 'redis' | 'memory';
  add(queue: JobQueue, name: string, data: unknown, options: AddOptions): Promise<void>;
  getJob(queue: JobQueue, id: string): Promise<JobStatus | null>;
  /** Makes the overnight schedulers exactly these (null schedule: none). */
  syncSchedulers(
    agencies: readonly ScheduledAgency[],
    schedule: OvernightSchedule | null,
    template: (agencyId: string) => OvernightPlanningPayload,
    retry: RetryPolicy,
  ): Promise<void>;
  /** The agencies that have an overnight scheduler, with its next run. */
  listSchedulers(): Promise<{ agencyId: string; next: Date | null; pattern: string; timezone: string }[]>;
  startWorkers(processors: Record<JobQueue, Processor>, concurrency: Record<JobQueue, number>): Promise<void>;
  close(): Promise<void>;
}
