// Publishing an event: one row per occurrence (its key makes a repeat a
// no-op), one delivery row per active subscription wanting it, each handed to
// the delivery queue. Called after the change it reports is stored, and never
// on the caller's path: it returns at once, and a failure is logged, never
// thrown — a dead ERP or a database hiccup here must not fail an
// intervention or an invoice.
//
// The services that publish only have the Prisma client; the dispatcher
// running for that client (delivery.ts) registers itself here. With none (a
// test app without webhooks, a script), nothing is published.
import { randomUUID } from 'node:crypto';
import type { WebhookEventType } from '@tournee/contracts/api';
import type { PrismaClient } from '../generated/prisma/client.ts';

export interface WebhookEventInput {
  readonly type: WebhookEventType;
  /** What makes two publications the same occurrence, e.g. `intervention.planned:<id>:<version>`. */
  readonly key: string;
  readonly agencyId?: string | null | undefined;
  /** The record, or a function reading it (called only when someone subscribed). */
  readonly data: Record<string, unknown> | (() => Promise<Record<string, unknown> | null>);
}

export interface DeliveryQueue {
  /** Queues one delivery (its attempts and backoff are the queue's). */
  enqueue(deliveryId: string, jobId: string): Promise<void>;
  readonly log: (message: string, error?: unknown) => void;
}

const queues = new WeakMap<PrismaClient, DeliveryQueue>();
const inFlight = new WeakMap<PrismaClient, Set<Promise<void>>>();

export function registerDeliveryQueue(prisma: PrismaClient, queue: DeliveryQueue): () => void {
  queues.set(prisma, queue);
  return () => {
    if (queues.get(prisma) === queue) queues.delete(prisma);
  };
}

export function deliveryQueueOf(prisma: PrismaClient): DeliveryQueue | undefined {
  return queues.get(prisma);
}

/** Publishes in the background; see the file's comment. */
export function publishWebhookEvent(prisma: PrismaClient, event: WebhookEventInput): void {
  const queue = queues.get(prisma);
  if (!queue) return;
  const pending = inFlight.get(prisma) ?? new Set();
  inFlight.set(prisma, pending);
  const work = publishNow(prisma, queue, event)
    .catch((error: unknown) => queue.log(`webhook event ${event.type} (${event.key}) not published`, error))
    .finally(() => pending.delete(work));
  pending.add(work);
}

/** Resolves when the publications started so far are stored and queued (shutdown, tests). */
export async function publicationsSettled(prisma: PrismaClient): Promise<void> {
  await Promise.allSettled([...(inFlight.get(prisma) ?? [])]);
}

async function publishNow(prisma: PrismaClient, queue: DeliveryQueue, event: WebhookEventInput): Promise<void> {
  const subscriptions = await prisma.webhookSubscription.findMany({ where: { active: true, events: { has: event.type } }, select: { id: true } });
  if (subscriptions.length === 0) return;
  const data = typeof event.data === 'function' ? await event.data() : event.data;
  if (!data) return;
  // Only the first publication of an occurrence creates the event (a unique key, safe across processes).
  const created = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO webhook_events (id, type, key, agency_id, data)
    VALUES (${randomUUID()}, ${event.type}, ${event.key}, ${event.agencyId ?? null}, ${JSON.stringify(data)}::jsonb)
    ON CONFLICT (key) DO NOTHING
    RETURNING id`;
  const eventId = created[0]?.id;
  if (!eventId) return;
  await prisma.webhookDelivery.createMany({ data: subscriptions.map((s) => ({ subscriptionId: s.id, eventId })), skipDuplicates: true });
  const deliveries = await prisma.webhookDelivery.findMany({ where: { eventId }, select: { id: true } });
  for (const d of deliveries) await queue.enqueue(d.id, deliveryJobId(d.id, 0, 0));
}

/** Deterministic job ids: two processes queuing the same delivery state queue it once. */
export function deliveryJobId(deliveryId: string, attempts: number, replays: number): string {
  return `${deliveryId}-a${attempts}-r${replays}`;
}
