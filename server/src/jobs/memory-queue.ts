// The in-process queue used without REDIS_URL, with BullMQ's semantics where
// they matter to callers: job ids (adding an id that exists returns the
// existing job), progress, attempts with exponential backoff, and
// UnrecoverableError failing at once. What it cannot give (README): jobs live
// in this process's memory only — lost on crash or restart — and no other
// process can share the work.
import { EventEmitter } from 'node:events';
import { UnrecoverableError } from 'bullmq';

export type MemoryJobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

export interface MemoryJob {
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
  readonly attempts: number;
  readonly backoffMs: number;
  state: MemoryJobState;
  progress: number;
  attemptsMade: number;
  failedReason: string | null;
  returnvalue: unknown;
  readonly timestamp: number;
  finishedOn: number | null;
}

export type MemoryProcessor = (job: MemoryJob, updateProgress: (p: number) => Promise<void>) => Promise<unknown>;

export interface MemoryQueueOptions {
  readonly concurrency?: number;
  /** Finished jobs kept for getJob and id de-duplication. */
  readonly keepFinished?: number;
}

export class MemoryQueue extends EventEmitter {
  private readonly jobs = new Map<string, MemoryJob>();
  private readonly waiting: MemoryJob[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly active = new Set<Promise<void>>();
  private readonly finished: string[] = [];
  private processor: MemoryProcessor | null = null;
  private closed = false;
  private concurrency: number;
  private readonly keepFinished: number;

  constructor(
    readonly name: string,
    options: MemoryQueueOptions = {},
  ) {
    super();
    this.concurrency = options.concurrency ?? 1;
    this.keepFinished = options.keepFinished ?? 1000;
  }

  /** Starts processing (a queue without a processor only holds jobs). */
  process(processor: MemoryProcessor, concurrency?: number): void {
    this.processor = processor;
    if (concurrency !== undefined) this.concurrency = Math.max(1, concurrency);
    this.pump();
  }

  add(name: string, data: unknown, opts: { jobId: string; attempts?: number; backoffMs?: number }): MemoryJob {
    if (this.closed) throw new Error(`queue ${this.name} is closed`);
    const existing = this.jobs.get(opts.jobId);
    if (existing) return existing;
    const job: MemoryJob = {
      id: opts.jobId,
      name,
      data: structuredClone(data),
      attempts: Math.max(1, opts.attempts ?? 1),
      backoffMs: opts.backoffMs ?? 0,
      state: 'waiting',
      progress: 0,
      attemptsMade: 0,
      failedReason: null,
      returnvalue: undefined,
      timestamp: Date.now(),
      finishedOn: null,
    };
    this.jobs.set(job.id, job);
    this.waiting.push(job);
    queueMicrotask(() => this.pump());
    return job;
  }

  getJob(id: string): MemoryJob | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when the job completes, rejects when it fails for good. */
  finished$(id: string): Promise<unknown> {
    const job = this.jobs.get(id);
    if (!job) return Promise.reject(new Error(`no job ${id}`));
    if (job.state === 'completed') return Promise.resolve(job.returnvalue);
    if (job.state === 'failed') return Promise.reject(new Error(job.failedReason ?? 'failed'));
    return new Promise((resolve, reject) => {
      const onCompleted = (j: MemoryJob) => j.id === id && (off(), resolve(j.returnvalue));
      const onFailed = (j: MemoryJob) => j.id === id && (off(), reject(new Error(j.failedReason ?? 'failed')));
      const off = () => {
        this.off('completed', onCompleted);
        this.off('failed', onFailed);
      };
      this.on('completed', onCompleted);
      this.on('failed', onFailed);
    });
  }

  /** Stops taking jobs and waits for the running ones. Waiting and delayed jobs are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting.length = 0;
    await Promise.allSettled([...this.active]);
  }

  private pump(): void {
    while (!this.closed && this.processor && this.active.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      const run = this.run(job).finally(() => {
        this.active.delete(run);
        this.pump();
      });
      this.active.add(run);
    }
  }

  private async run(job: MemoryJob): Promise<void> {
    job.state = 'active';
    this.emit('active', job);
    try {
      job.returnvalue = await this.processor!(job, async (p) => {
        job.progress = p;
        this.emit('progress', job, p);
      });
      job.attemptsMade++;
      this.finish(job, 'completed');
    } catch (error) {
      job.attemptsMade++;
      job.failedReason = error instanceof Error ? error.message : String(error);
      if (error instanceof UnrecoverableError || job.attemptsMade >= job.attempts || this.closed) {
        this.finish(job, 'failed');
        return;
      }
      // Exponential backoff, as BullMQ's: delay × 2^(attempts made − 1).
      job.state = 'delayed';
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          job.state = 'waiting';
          this.waiting.push(job);
          this.pump();
        },
        job.backoffMs * 2 ** (job.attemptsMade - 1),
      );
      this.timers.add(timer);
      this.emit('retrying', job);
    }
  }

  private finish(job: MemoryJob, state: 'completed' | 'failed'): void {
    job.state = state;
    job.finishedOn = Date.now();
    this.finished.push(job.id);
    while (this.finished.length > this.keepFinished) this.jobs.delete(this.finished.shift()!);
    this.emit(state, job);
  }
}
