// Without Redis: the same queues in this process (memory-queue.ts), and the
// overnight schedule as timers. Lost on a crash or restart: waiting and
// running jobs (their PlanningRun rows are marked failed at the next start),
// and any overnight run whose time passed while the server was down.
import { JOB_QUEUES, type JobQueue } from '../contracts/realtime.ts';
import type { Processor, QueueBackend } from './backend.ts';
import { MemoryQueue } from './memory-queue.ts';
import type { OvernightSchedule } from './options.ts';
import { OVERNIGHT_JOB, overnightSchedulerId } from './payloads.ts';
import { cronPattern, nextOccurrence } from './schedule.ts';

export interface MemoryBackendOptions {
  readonly now: () => Date;
  readonly log: (message: string) => void;
}

interface Timer {
  handle: NodeJS.Timeout;
  next: Date;
  timezone: string;
  pattern: string;
}

export function createMemoryBackend(options: MemoryBackendOptions): QueueBackend {
  const queues = Object.fromEntries(JOB_QUEUES.map((name) => [name, new MemoryQueue(name)])) as Record<JobQueue, MemoryQueue>;
  const timers = new Map<string, Timer>();

  const clearTimers = () => {
    for (const t of timers.values()) clearTimeout(t.handle);
    timers.clear();
  };

  return {
    mode: 'memory',

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

    async syncSchedulers(agencies, schedule: OvernightSchedule | null, template, retry) {
      clearTimers();
      if (!schedule) return;
      for (const a of agencies) {
        const arm = () => {
          const next = nextOccurrence(options.now(), schedule, a.timezone);
          // setTimeout holds 32-bit delays (~24.8 days); a day is far below.
          const handle = setTimeout(() => {
            const id = `${overnightSchedulerId(a.agencyId)}/${next.getTime()}`;
            try {
              queues.planning.add(OVERNIGHT_JOB, template(a.agencyId), { jobId: id, attempts: retry.attempts, backoffMs: retry.backoffMs });
            } catch (error) {
              options.log(`overnight planning of ${a.agencyId} not queued: ${String(error)}`);
            }
            arm();
          }, Math.max(0, next.getTime() - options.now().getTime()));
          handle.unref();
          timers.set(a.agencyId, { handle, next, timezone: a.timezone, pattern: cronPattern(schedule) });
        };
        arm();
      }
    },

    async listSchedulers() {
      return [...timers].map(([agencyId, t]) => ({ agencyId, next: t.next, pattern: t.pattern, timezone: t.timezone }));
    },

    async startWorkers(processors, concurrency) {
      for (const name of JOB_QUEUES) {
        const queue = queues[name];
        queue.process((job, updateProgress) =>
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
