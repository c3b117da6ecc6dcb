// The delivery worker: takes queued deliveries, POSTs them signed, records
// each attempt in the delivery log and retries failures with exponential
// backoff. BullMQ on Redis when the server has one (deliveries survive a
// restart and spread over the workers), the in-process queue otherwise
// (jobs/memory-queue.ts; a restart loses the queue, not the log: the sweep
// below queues again what stayed pending).
//
// Off the request path by construction: requests only publish (publish.ts);
// attempts run here with a timeout each, a few at a time, so a dead or slow
// endpoint delays only its own deliveries.
import { type ConnectionOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { WebhookEventEnvelope, WebhookEventType } from '@tournee/contracts/api';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { ConfigError } from '../config.ts';
import { MemoryQueue } from '../jobs/memory-queue.ts';
import { postWebhook } from './post.ts';
import { deliveryJobId, publicationsSettled, registerDeliveryQueue } from './publish.ts';

export interface WebhookDeliveryOptions {
  readonly prisma: PrismaClient;
  /** BullMQ on this Redis; absent: the in-process queue. */
  readonly redisUrl?: string | null | undefined;
  /** BullMQ key prefix (tests use a unique one). */
  readonly queuePrefix?: string;
  /** Run the deliveries in this process (false: only queue them, workers elsewhere). */
  readonly runWorkers?: boolean;
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** First retry after this, doubling each time. */
  readonly backoffMs: number;
  /** Each attempt's bound, connection and answer included. */
  readonly timeoutMs: number;
  /** Loopback and private addresses allowed (target.ts). */
  readonly allowPrivateNetworks: boolean;
  readonly concurrency?: number;
  /** How often deliveries left pending (lost jobs) are queued again, and old events deleted; 0: never. */
  readonly sweepMs?: number;
  /** Events (and their deliveries) are kept this many days in the log (default 30). */
  readonly retentionDays?: number;
  readonly log: (message: string, error?: unknown) => void;
}

export interface WebhookDelivery {
  readonly mode: 'redis' | 'memory';
  close(): Promise<void>;
}

const QUEUE = 'webhooks';
const JOB = 'deliver';

export function webhookOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Pick<WebhookDeliveryOptions, 'attempts' | 'backoffMs' | 'timeoutMs' | 'allowPrivateNetworks' | 'retentionDays'> {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive whole number, got ${raw}`);
    return value;
  };
  const allow = env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS;
  if (allow !== undefined && allow !== '' && allow !== 'true' && allow !== 'false') {
    throw new ConfigError(`WEBHOOKS_ALLOW_PRIVATE_NETWORKS must be true or false, got ${allow}`);
  }
  return {
    attempts: int('WEBHOOKS_ATTEMPTS', 8),
    backoffMs: int('WEBHOOKS_BACKOFF_MS', 30_000),
    timeoutMs: int('WEBHOOKS_TIMEOUT_MS', 10_000),
    allowPrivateNetworks: allow === 'true',
    retentionDays: int('WEBHOOKS_RETENTION_DAYS', 30),
  };
}

export async function createWebhookDelivery(options: WebhookDeliveryOptions): Promise<WebhookDelivery> {
  const { prisma, log } = options;
  const runWorkers = options.runWorkers ?? true;
  const concurrency = options.concurrency ?? 4;

  /** One attempt; `previous` = attempts this job made before. Throws to have the queue retry. */
  const attempt = async (deliveryId: string, previous: number): Promise<string> => {
    const delivery = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { subscription: true, event: true } });
    if (!delivery) return 'gone';
    const { subscription, event } = delivery;
    if (!subscription.active) {
      await prisma.webhookDelivery.update({
        where: { id: deliveryId },
        data: { status: 'failed', error: 'the subscription is disabled', nextAttemptAt: null },
      });
      throw new UnrecoverableError('the subscription is disabled');
    }
    const envelope: WebhookEventEnvelope = {
      id: event.id,
      type: event.type as WebhookEventType,
      createdAt: event.createdAt.toISOString(),
      agencyId: event.agencyId,
      data: event.data as Record<string, unknown>,
    };
    const outcome = await postWebhook(subscription.url, subscription.secret, JSON.stringify(envelope), {
      timeoutMs: options.timeoutMs,
      allowPrivateNetworks: options.allowPrivateNetworks,
      eventId: event.id,
      eventType: event.type,
    });
    const last = outcome.ok || previous + 1 >= options.attempts;
    await prisma.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        status: outcome.ok ? 'succeeded' : last ? 'failed' : 'pending',
        attempts: { increment: 1 },
        responseStatus: outcome.status,
        durationMs: outcome.durationMs,
        error: outcome.error,
        lastAttemptAt: new Date(),
        nextAttemptAt: last ? null : new Date(Date.now() + options.backoffMs * 2 ** previous),
      },
    });
    if (!outcome.ok) throw new Error(outcome.error ?? 'failed');
    return `answered ${outcome.status}`;
  };

  let enqueue: (deliveryId: string, jobId: string) => Promise<void>;
  let closeQueue: () => Promise<void>;
  let mode: 'redis' | 'memory';

  if (options.redisUrl) {
    mode = 'redis';
    const prefix = options.queuePrefix ?? 'tournee';
    // Adding fails at once while Redis is away (the delivery stays pending in the log; the sweep queues it later).
    const client = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(100 * 2 ** n, 2_000) });
    client.on('error', () => {});
    const queue = new Queue(QUEUE, { connection: client, prefix });
    queue.on('error', () => {});
    const connection: ConnectionOptions = { url: options.redisUrl, maxRetriesPerRequest: null };
    const worker = runWorkers
      ? new Worker(QUEUE, async (job) => attempt((job.data as { deliveryId: string }).deliveryId, job.attemptsMade), { connection, prefix, concurrency })
      : null;
    worker?.on('error', (error) => log('webhook worker: Redis error', error));
    enqueue = async (deliveryId, jobId) => {
      await queue.add(
        JOB,
        { deliveryId },
        {
          jobId,
          attempts: options.attempts,
          backoff: { type: 'exponential', delay: options.backoffMs },
          removeOnComplete: { count: 1000 },
          removeOnFail: { count: 5000 },
        },
      );
    };
    closeQueue = async () => {
      // Attempts in hand finish first; without Redis there is nothing to wait for (as the job runner's workers).
      await Promise.allSettled([worker?.close(client.status !== 'ready')]);
      await Promise.allSettled([queue.close()]);
      client.disconnect();
    };
  } else {
    mode = 'memory';
    const queue = new MemoryQueue(QUEUE, { concurrency });
    if (runWorkers) queue.process(async (job) => attempt((job.data as { deliveryId: string }).deliveryId, job.attemptsMade));
    enqueue = async (deliveryId, jobId) => {
      queue.add(JOB, { deliveryId }, { jobId, attempts: options.attempts, backoffMs: options.backoffMs });
    };
    closeQueue = () => queue.close();
  }

  const safeEnqueue = async (deliveryId: string, jobId: string) => {
    try {
      await enqueue(deliveryId, jobId);
    } catch (error) {
      log(`webhook delivery ${deliveryId} not queued now (queued again by the next sweep)`, error);
    }
  };
  const unregister = registerDeliveryQueue(prisma, { enqueue: safeEnqueue, log });

  // Deliveries still pending well after their next attempt was due lost their job (a restart of the
  // in-process queue, Redis lost): queue them again. The job id names the delivery's state, so two
  // processes sweeping at once queue it once.
  const sweep = async () => {
    const grace = new Date(Date.now() - Math.max(2 * options.timeoutMs, 60_000));
    const stuck = await prisma.webhookDelivery.findMany({
      where: { status: 'pending', updatedAt: { lt: grace }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lt: grace } }] },
      select: { id: true, attempts: true, replays: true },
      take: 500,
    });
    for (const d of stuck) await safeEnqueue(d.id, deliveryJobId(d.id, d.attempts, d.replays));
    // The log is kept a month by default: older events go, their deliveries with them (cascade).
    const retentionDays = options.retentionDays ?? 30;
    await prisma.webhookEvent.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - retentionDays * 86_400_000) } } });
  };
  const sweepTimer =
    runWorkers && (options.sweepMs ?? 60_000) > 0
      ? setInterval(() => void sweep().catch((e: unknown) => log('webhook sweep failed', e)), options.sweepMs ?? 60_000)
      : null;
  sweepTimer?.unref();

  return {
    mode,
    async close() {
      if (sweepTimer) clearInterval(sweepTimer);
      await publicationsSettled(prisma);
      unregister();
      await closeQueue();
    },
  };
}
