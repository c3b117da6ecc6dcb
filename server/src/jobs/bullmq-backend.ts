// Queues `planning` and `dispatch` on Redis with BullMQ. Any number of
// processes may add jobs and run workers; Redis holds the jobs, so they
// survive restarts and spread over the workers.
//
// Redis may be down at start-up or go away later (issue 11). The queues'
// own connection (one ioredis client, ours) fails fast while disconnected —
// no offline queue, one retry — and every call is bounded in time, so a
// request gets QueueUnavailableError (503) instead of hanging; the workers'
// connections retry forever (BullMQ's requirement) and pick up again once
// Redis returns. Start-up never waits more than `connectTimeoutMs`.
import { hostname } from 'node:os';
import { type ConnectionOptions, type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_QUEUES, type JobQueue } from '@tournee/contracts/realtime';
import type { JobContext } from './context.ts';
import type { JobStateName, QueueBackend } from './backend.ts';
import { QueueUnavailableError, withQueueTimeout } from './queue-unavailable.ts';
import { cronPattern } from './schedule.ts';
import { withinTime } from '../within-time.ts';

export interface BullmqBackendOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly log: (message: string) => void;
  /** How long a dead worker keeps its job (BullMQ's lockDuration; its default when absent). */
  readonly lockDurationMs?: number;
  /** How often workers take back the jobs of dead ones (BullMQ's stalledInterval). */
  readonly stalledIntervalMs?: number;
  /** Start-up waits this long for Redis, then goes on degraded (default 3 s). */
  readonly connectTimeoutMs?: number;
  /** Each queue call (enqueue, job state, schedulers) fails with QueueUnavailableError after this (default 5 s). */
  readonly callTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
const DEFAULT_CALL_TIMEOUT_MS = 5_000;
/** Reconnection attempts back off up to this interval. */
const MAX_RECONNECT_DELAY_MS = 2_000;

export async function createBullmqBackend(options: BullmqBackendOptions): Promise<QueueBackend> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const retryStrategy = (times: number) => Math.min(100 * 2 ** times, MAX_RECONNECT_DELAY_MS);
  // Workers block on Redis: BullMQ wants maxRetriesPerRequest null on their connections.
  const connection: ConnectionOptions = { url: options.redisUrl, maxRetriesPerRequest: null, retryStrategy };
  // The queues' client: commands fail at once while disconnected instead of waiting in an offline queue.
  const client = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: connectTimeoutMs, retryStrategy });
  const readyListeners: Array<() => void> = [];
  let lastError = 'connecting';
  let down = false;
  let initialised = false;
  const onError = (error: Error) => {
    lastError = error.message || error.name;
    // One line when an outage starts (and one when it ends), not one per reconnection attempt.
    if (!down) options.log(`Redis unreachable: ${lastError}; planning requests get 503 until it returns`);
    down = true;
  };
  client.on('error', onError);
  const queues = Object.fromEntries(JOB_QUEUES.map((name) => [name, new Queue(name, { connection: client, prefix: options.prefix })])) as Record<
    JobQueue,
    Queue
  >;
  for (const queue of Object.values(queues)) queue.on('error', onError);
  const workers: Worker[] = [];
  const whenReady = Promise.all(Object.values(queues).map((q) => q.waitUntilReady())).then(() => {
    initialised = true;
  });
  whenReady.catch(() => {}); // closed before Redis came: nothing to do
  client.on('ready', () => {
    // The queues load their scripts once connected: wait for that before saying the queue is back.
    void whenReady.then(() => {
      if (down) options.log('Redis is back: the job queue answers again');
      down = false;
      for (const listener of readyListeners) listener();
    });
  });
  if (!(await withinTime(whenReady, connectTimeoutMs))) {
    if (!down) options.log(`Redis did not answer within ${connectTimeoutMs} ms: starting without the job queue (degraded), still trying`);
    down = true;
  }
  const ready = () => initialised && client.status === 'ready';
  /** A queue call, refused at once when Redis is known down, bounded in time otherwise. */
  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    if (!ready()) return Promise.reject(new QueueUnavailableError(`the job queue (Redis) is unavailable (${lastError}): try again shortly`));
    return withQueueTimeout(fn(), callTimeoutMs, what);
  };

  return {
    mode: 'redis',
    problem: () => (ready() ? null : `Redis (job queue) unreachable: ${lastError}`),
    onReady: (listener) => void readyListeners.push(listener),

    add: (queue, name, data, { jobId, retry }) =>
      call(`adding job ${jobId}`, async () => {
        await queues[queue].add(name, data, {
          jobId,
          attempts: retry.attempts,
          backoff: { type: 'exponential', delay: retry.backoffMs },
          // Kept a day so that re-submissions find them; the PlanningRun row keeps the rest.
          removeOnComplete: { age: 24 * 3600, count: 1000 },
          removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
        });
      }),

    getJob: (queue, id) =>
      call(`reading job ${id}`, async () => {
        // State first: read after it, the job's fields are at least as new (a finished job's are final).
        const state = await queues[queue].getJobState(id);
        const job = await queues[queue].getJob(id);
        if (!job) return null;
        return {
          id: job.id ?? id,
          queue,
          name: job.name,
          state: (['waiting', 'active', 'delayed', 'completed', 'failed'].includes(state)
            ? state
            : state === 'prioritized'
              ? 'waiting'
              : 'unknown') as JobStateName,
          progress: typeof job.progress === 'number' ? job.progress : 0,
          attemptsMade: job.attemptsMade,
          failedReason: job.failedReason || null,
          result: job.returnvalue ?? null,
        };
      }),

    syncSchedulers: (agencies, job) =>
      call('syncing schedulers', async () => {
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
            {
              name: job.name,
              data: job.template(a.agencyId),
              opts: { attempts: job.retry.attempts, backoff: { type: 'exponential', delay: job.retry.backoffMs } },
            },
          );
        }
      }),

    listSchedulers: (prefix) =>
      call('listing schedulers', async () => {
        const all = await Promise.all(Object.values(queues).map((q) => q.getJobSchedulers(0, -1)));
        return all
          .flat()
          .filter((s) => s.key.startsWith(prefix))
          .map((s) => ({
            agencyId: s.key.slice(prefix.length),
            next: s.next ? new Date(s.next) : null,
            pattern: s.pattern ?? '',
            timezone: s.tz ?? 'UTC',
          }));
      }),

    async startWorkers(processors, concurrency) {
      for (const name of JOB_QUEUES) {
        const worker = new Worker(name, (job: Job) => processors[name](contextOf(job), job.data), {
          connection,
          prefix: options.prefix,
          concurrency: concurrency[name],
          // Recorded on the job as processedBy: says which process holds a job (operators, and the tests that kill it).
          name: workerName(),
          ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
          ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
        });
        // While Redis is down the workers' connections report every failed reconnection: the queues' client already said so once.
        worker.on('error', (error) => {
          if (ready()) options.log(`${name} worker: ${error.message}`);
        });
        workers.push(worker);
      }
      // They start taking jobs whenever Redis is there; start-up does not wait for it longer than for the queues.
      await withinTime(Promise.all(workers.map((w) => w.waitUntilReady())), connectTimeoutMs);
    },

    async close() {
      // Workers first: they finish the job in hand before letting go. Without Redis there is nothing to wait for.
      const forceWorkers = !ready();
      await Promise.allSettled(workers.splice(0).map((w) => w.close(forceWorkers)));
      await Promise.allSettled(Object.values(queues).map((q) => q.close()));
      client.disconnect();
    },
  };
}

/** `host:pid` of this process. */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
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
