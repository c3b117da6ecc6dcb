// The calls of the ERP webhooks screen (admin), each naming its route in the
// contracts' route table through the typed client (ui/src/api/client.ts).
import type { z } from 'zod';
import { createCallApi } from '../../api/client.ts';
import type { BackOfficeHttp } from '../shared/client.ts';
import { WEBHOOK_EVENT_TYPES } from '@tournee/contracts/api/webhooks';

type Contracts = typeof import('@tournee/contracts/api/webhooks');
type Out<K extends keyof Contracts> = Contracts[K] extends z.ZodType ? z.output<Contracts[K]> : never;
type In<K extends keyof Contracts> = Contracts[K] extends z.ZodType ? z.input<Contracts[K]> : never;

export type Subscription = Out<'WebhookSubscription'>;
export type SubscriptionCreated = Out<'WebhookSubscriptionCreated'>;
export type SubscriptionInput = In<'WebhookSubscriptionInput'>;
export type Delivery = Out<'WebhookDelivery'>;
export type DeliveryStatus = Delivery['status'];
export type EventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const EVENT_TYPES: readonly EventType[] = WEBHOOK_EVENT_TYPES;
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'succeeded', 'failed'];

export function webhooksApi(http: BackOfficeHttp) {
  const call = createCallApi(http);
  return {
    subscriptions: () => call('GET /api/webhooks/subscriptions', {}).then((p) => p.items),
    subscribe: (input: SubscriptionInput) => call('POST /api/webhooks/subscriptions', { body: input }),
    setActive: (id: string, active: boolean) => call('PATCH /api/webhooks/subscriptions/:id', { params: { id }, body: { active } }),
    remove: (id: string) => call('DELETE /api/webhooks/subscriptions/:id', { params: { id } }),
    deliveries: (q: { subscriptionId?: string | undefined; status?: DeliveryStatus | undefined }) =>
      call('GET /api/webhooks/deliveries', { query: { limit: 100, ...q } }),
    replay: (id: string) => call('POST /api/webhooks/deliveries/:id/replay', { params: { id } }),
  };
}
export type WebhooksApi = ReturnType<typeof webhooksApi>;

/** The dictionary key of each event's name (i18next keys hold no dots: 'credit_note.issued' → creditNoteIssued). */
const EVENT_LABEL_KEYS = {
  'intervention.created': 'webhooks.event.interventionCreated',
  'intervention.planned': 'webhooks.event.interventionPlanned',
  'intervention.dispatched': 'webhooks.event.interventionDispatched',
  'intervention.started': 'webhooks.event.interventionStarted',
  'intervention.done': 'webhooks.event.interventionDone',
  'quote.issued': 'webhooks.event.quoteIssued',
  'invoice.issued': 'webhooks.event.invoiceIssued',
  'credit_note.issued': 'webhooks.event.creditNoteIssued',
  'payment.recorded': 'webhooks.event.paymentRecorded',
  'stock.movement': 'webhooks.event.stockMovement',
  'stock.shortage': 'webhooks.event.stockShortage',
  'warranty_claim.moved': 'webhooks.event.warrantyClaimMoved',
  'part_request.created': 'webhooks.event.partRequestCreated',
} as const satisfies Record<EventType, string>;
export const eventLabelKey = (type: EventType) => EVENT_LABEL_KEYS[type];

/** "erp.example.fr/hooks" — the URL without its scheme, for tables. */
export const endpointLabel = (url: string): string => url.replace(/^https?:\/\//, '').replace(/\/$/, '');
