// Outgoing webhooks (issue 13): what an ERP may subscribe to, what it
// receives, and the delivery log. Every POST to a subscriber carries
// `Tournee-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
import { z } from 'zod';
import { Id, Instant, JsonObject, Pagination, Text, Timestamps, optional } from './common.ts';

export const WEBHOOK_EVENT_TYPES = [
  'intervention.created',
  'intervention.planned',
  'intervention.dispatched',
  'intervention.started',
  'intervention.done',
  'quote.issued',
  'invoice.issued',
  'credit_note.issued',
  'payment.recorded',
  'stock.movement',
  'stock.shortage',
  'warranty_claim.moved',
  'part_request.created',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

/** The header carrying the signature, and how old a timestamp a receiver should accept (replays). */
export const WEBHOOK_SIGNATURE_HEADER = 'Tournee-Signature';
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** An http(s) URL without credentials; where it may point is checked at each delivery (server/src/webhooks/target.ts). */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
  .max(2000)
  .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), 'must not carry a user name or password: the signature authenticates us');

export const WebhookSubscriptionInput = z.object({
  url: WebhookUrl,
  description: optional(Text(200)),
  events: z.array(WebhookEventType).min(1, 'at least one event').max(WEBHOOK_EVENT_TYPES.length),
  active: z.boolean().optional(),
});
export const WebhookSubscriptionPatch = WebhookSubscriptionInput.partial();
export const WebhookSubscription = z.object({
  id: Id,
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(WebhookEventType),
  active: z.boolean(),
  ...Timestamps,
});
/** The answer to a creation: the only time the secret is shown. */
export const WebhookSubscriptionCreated = WebhookSubscription.extend({
  secret: z.string().describe('whsec_… — the HMAC-SHA256 key of Tournee-Signature; shown once, keep it in the ERP'),
});

export const WebhookDeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);
export const WebhookDelivery = z.object({
  id: Id,
  subscriptionId: Id,
  eventId: Id,
  eventType: WebhookEventType,
  status: WebhookDeliveryStatus,
  attempts: z.number().int(),
  replays: z.number().int(),
  responseStatus: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  lastAttemptAt: Instant.nullable(),
  nextAttemptAt: Instant.nullable(),
  ...Timestamps,
});
export const WebhookDeliveryQuery = Pagination.extend({
  subscriptionId: Id.optional(),
  status: WebhookDeliveryStatus.optional(),
});

/**
 * The body POSTed to a subscriber. `data` is the record as the API answers
 * it (an intervention, a billing document, a payment, a movement, a claim, a
 * part request…), at the time of the event; `intervention.done` adds the
 * technician's `report`.
 */
export const WebhookEventEnvelope = z.object({
  id: Id.describe('the event id: the same in every retry and replay (deduplicate on it)'),
  type: WebhookEventType,
  createdAt: Instant,
  agencyId: Id.nullable(),
  data: JsonObject,
});
export type WebhookEventEnvelope = z.infer<typeof WebhookEventEnvelope>;
