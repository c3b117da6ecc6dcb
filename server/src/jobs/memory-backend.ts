// Without Redis: the same queues in this process (memory-queue.ts), and the
// nightly schedules (overnight planning, service plans) as timers. Lost on a crash or restart: waiting and
// running jobs (their PlanningRun rows are marked failed at the next start),
// and any overnight run whose time passed while the server was down.
import { JOB_QUEUES, type JobQueue } from '@tournee/contracts/realtime';
import type { QueueBackend } from './backend.ts';
import { MemoryQueue } from './memory-queue.ts';
import { cronPattern, nextOccurrence } from './schedule.ts';

export interface MemoryBackendOptions {
  readonly now: () => Date;
  readonly log: (message: string) => void;
}

interface Timer {
  prefix: string;
  agencyId: string;
  handle: NodeJS.Timeout;
  next: Date;
  timezone: string;
  pattern: string;
}

export function createMemoryBackend(options: MemoryBackendOptions): QueueBackend {
  const queues = Object.fromEntries(JOB_QUEUES.map((name) => [name, new MemoryQueue(name)])) as Record<JobQueue, MemoryQueue>;
  /** By scheduler id (`<prefix><agencyId>`). */
  const timers = new Map<string, Timer>();

  const clearTimers = (prefix?: string) => {
    for (const [id, t] of timers) {
      if (prefix !== undefined && t.prefix !== prefix) continue;
      clearTimeout(t.handle);
      timers.delete(id);
    }
  };

  return {
    mode: 'memory',
    problem: () => null,
    onReady: () => {},

    async add(queue, name, data, { jobId, retry }) {
      queues[queue].add(name, data, { jobId, attempts: retry.attempts, backoffMs: retry.backoffMs });
    },

    async getJob(queue, id) {
      const job = queues[queue].getJob(id);
      if (!job) return null;
      return {
        id: job.id,
        queue,
        name: job.name,
        state: job.state,
        progress: job.progress,
        attemptsMade: job.attemptsMade,
        failedReason: job.failedReason,
        result: job.returnvalue ?? null,
      };
    },

    async syncSchedulers(agencies, job) {
      clearTimers(job.prefix);
      const at = job.at;
      if (!at) return;
      for (const a of agencies) {
        const schedulerId = `${job.prefix}${a.agencyId}`;
        const arm = () => {
          const next = nextOccurrence(options.now(), at, a.timezone);
          // setTimeout holds 32-bit delays (~24.8 days); a day is far below.
          const handle = setTimeout(
            () => {
              const id = `${schedulerId}/${next.getTime()}`;
              try {
                queues[job.queue].add(job.name, job.template(a.agencyId), { jobId: id, attempts: job.retry.attempts, backoffMs: job.retry.backoffMs });
              } catch (error) {
                options.log(`${job.name} of ${a.agencyId} not queued: ${String(error)}`);
              }
              arm();
            },
            Math.max(0, next.getTime() - options.now().getTime()),
          );
          handle.unref();
          timers.set(schedulerId, { prefix: job.prefix, agencyId: a.agencyId, handle, next, timezone: a.timezone, pattern: cronPattern(at) });
        };
        arm();
      }
    },

    async listSchedulers(prefix) {
      return [...timers.values()]
        .filter((t) => t.prefix === prefix)
        .map((t) => ({ agencyId: t.agencyId, next: t.next, pattern: t.pattern, timezone: t.timezone }));
    },

    async startWorkers(processors, concurrency) {
      for (const name of JOB_QUEUES) {
        const queue = queues[name];
        queue.process(
          (job, updateProgress) =>
            processors[name]({ id: job.id, name: job.name, attemptsMade: job.attemptsMade, attempts: job.attempts, updateProgress }, job.data),
          concurrency[name],
        );
      }
    },

    async close() {
      clearTimers();
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}
