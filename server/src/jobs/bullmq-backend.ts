// Queues `planning` and `dispatch` on Redis with BullMQ. Any number of
// processes may add jobs and run workers; Redis holds the jobs, so they
// survive restarts and spread over the workers.
import { type ConnectionOptions, type Job, Queue, Worker } from 'bullmq';
import { JOB_QUEUES, type JobQueue } from '@tournee/contracts/realtime';
import type { JobContext } from './context.ts';
import type { JobStateName, QueueBackend } from './backend.ts';
import { cronPattern } from './schedule.ts';

export interface BullmqBackendOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly log: (message: string) => void;
}

export async function createBullmqBackend(options: BullmqBackendOptions): Promise<QueueBackend> {
  // Workers block on Redis: BullMQ wants maxRetriesPerRequest null on their connections.
  const connection: ConnectionOptions = { url: options.redisUrl, maxRetriesPerRequest: null };
  const queues = Object.fromEntries(JOB_QUEUES.map((name) => [name, new Queue(name, { connection, prefix: options.prefix })])) as Record<JobQueue, Queue>;
  await Promise.all(Object.values(queues).map((q) => q.waitUntilReady()));
  const workers: Worker[] = [];

  return {
    mode: 'redis',

    async add(queue, name, data, { jobId, retry }) {
      await queues[queue].add(name, data, {
        jobId,
        attempts: retry.attempts,
        backoff: { type: 'exponential', delay: retry.backoffMs },
        // Kept a day so that re-submissions find them; the PlanningRun row keeps the rest.
        removeOnComplete: { age: 24 * 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
      });
    },

    async getJob(queue, id) {
      // State first: read after it, the job's fields are at least as new (a finished job's are final).
      const state = await queues[queue].getJobState(id);
      const job = await queues[queue].getJob(id);
      if (!job) return null;
      return {
        id: job.id ?? id,
        queue,
        name: job.name,
        state: (['waiting', 'active', 'delayed', 'completed', 'failed'].includes(state) ? state : state === 'prioritized' ? 'waiting' : 'unknown') as JobStateName,
        progress: typeof job.progress === 'number' ? job.progress : 0,
        attemptsMade: job.attemptsMade,
        failedReason: job.failedReason || null,
        result: job.returnvalue ?? null,
      };
    },

    async syncSchedulers(agencies, job) {
      const queue = queues[job.queue];
      const wanted = new Set(job.at ? agencies.map((a) => `${job.prefix}${a.agencyId}`) : []);
      for (const s of await queue.getJobSchedulers(0, -1)) {
        if (s.key.startsWith(job.prefix) && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
      }
      if (!job.at) return;
      for (const a of agencies) {
        await queue.upsertJobScheduler(
          `${job.prefix}${a.agencyId}`,
          { pattern: cronPattern(job.at), tz: a.timezone },
          { name: job.name, data: job.template(a.agencyId), opts: { attempts: job.retry.attempts, backoff: { type: 'exponential', delay: job.retry.backoffMs } } },
        );
      }
    },

    async listSchedulers(prefix) {
      const all = await Promise.all(Object.values(queues).map((q) => q.getJobSchedulers(0, -1)));
      return all.flat()
        .filter((s) => s.key.startsWith(prefix))
        .map((s) => ({
          agencyId: s.key.slice(prefix.length),
          next: s.next ? new Date(s.next) : null,
          pattern: s.pattern ?? '',
          timezone: s.tz ?? 'UTC',
        }));
    },

    async startWorkers(processors, concurrency) {
      for (const name of JOB_QUEUES) {
        const worker = new Worker(name, (job: Job) => processors[name](contextOf(job), job.data), {
          connection,
          prefix: options.prefix,
          concurrency: concurrency[name],
        });
        worker.on('error', (error) => options.log(`${name} worker: ${error.message}`));
        workers.push(worker);
      }
      await Promise.all(workers.map((w) => w.waitUntilReady()));
    },

    async close() {
      // Workers first: they finish the job in hand before letting go.
      await Promise.all(workers.splice(0).map((w) => w.close()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
    },
  };
}

function contextOf(job: Job): JobContext {
  return {
    id: job.id!,
    name: job.name,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    updateProgress: (p) => job.updateProgress(p),
  };
}
