// Webhook subscriptions and their delivery log (issue 13). Company-wide, the
// admin's: an ERP integration sees every agency's events, so only whoever
// may see every agency sets one up.
import {
  IdParams,
  Page,
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookSubscription,
  WebhookSubscriptionCreated,
  WebhookSubscriptionInput,
  WebhookSubscriptionPatch,
} from '@tournee/contracts/api';
import { defined } from '../crud.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';
import { deliveryView, replayDelivery } from '../../webhooks/delivery-log.ts';
import { newWebhookSecret } from '../../webhooks/signature.ts';

const TAG = 'Webhooks';
const ADMIN = ['admin'] as const;
const SUBSCRIPTION_FIELDS = { id: true, url: true, description: true, events: true, active: true, createdAt: true, updatedAt: true } as const;

export function webhookRoutes(api: ApiRegistry, { prisma }: Pick<AppDeps, 'prisma'>): void {
  const base = '/api/webhooks/subscriptions';
  const exists = async (id: string) => {
    if (!(await prisma.webhookSubscription.findUnique({ where: { id }, select: { id: true } }))) throw notFound('webhook subscription');
  };

  api.route(
    { method: 'get', path: base, summary: 'List webhook subscriptions', tag: TAG, roles: ADMIN, agency: 'shared', response: Page(WebhookSubscription) },
    async () => {
      const items = await prisma.webhookSubscription.findMany({ select: SUBSCRIPTION_FIELDS, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return { items, total: items.length, limit: items.length, offset: 0 };
    },
  );

  api.route(
    {
      method: 'post',
      path: base,
      summary: 'Subscribe an endpoint to events',
      description: 'The answer carries the signing secret, shown this once: the receiver checks Tournee-Signature with it.',
      tag: TAG,
      roles: ADMIN,
      agency: 'shared',
      body: WebhookSubscriptionInput,
      response: WebhookSubscriptionCreated,
      status: 201,
    },
    async ({ auth, body }) => {
      const secret = newWebhookSecret();
      const created = await prisma.webhookSubscription.create({
        data: { ...body, events: [...new Set(body.events)], secret, createdById: auth.sub },
        select: SUBSCRIPTION_FIELDS,
      });
      return { ...created, secret };
    },
  );

  api.route(
    {
      method: 'get',
      path: `${base}/:id`,
      summary: 'Get one webhook subscription',
      tag: TAG,
      roles: ADMIN,
      agency: 'shared',
      params: IdParams,
      response: WebhookSubscription,
    },
    async ({ params }) => {
      const row = await prisma.webhookSubscription.findUnique({ where: { id: params.id }, select: SUBSCRIPTION_FIELDS });
      if (!row) throw notFound('webhook subscription');
      return row;
    },
  );

  api.route(
    {
      method: 'patch',
      path: `${base}/:id`,
      summary: 'Change a subscription (URL, events, on/off); the secret stays',
      tag: TAG,
      roles: ADMIN,
      agency: 'shared',
      params: IdParams,
      body: WebhookSubscriptionPatch,
      response: WebhookSubscription,
    },
    async ({ params, body }) => {
      await exists(params.id);
      return prisma.webhookSubscription.update({
        where: { id: params.id },
        data: { ...body, ...(body.events ? { events: [...new Set(body.events)] } : {}) },
        select: SUBSCRIPTION_FIELDS,
      });
    },
  );

  api.route(
    {
      method: 'delete',
      path: `${base}/:id`,
      summary: 'Delete a subscription and its delivery log',
      tag: TAG,
      roles: ADMIN,
      agency: 'shared',
      params: IdParams,
    },
    async ({ params }) => {
      await exists(params.id);
      await prisma.webhookSubscription.delete({ where: { id: params.id } });
      return undefined;
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/webhooks/deliveries',
      summary: 'The delivery log, newest first',
      tag: TAG,
      roles: ADMIN,
      agency: 'shared',
      query: WebhookDeliveryQuery,
      response: Page(WebhookDelivery),
    },
    async ({ query }) => {
      const where = defined({ subscriptionId: query.subscriptionId, status: query.status });
      const [rows, total] = await Promise.all([
        prisma.webhookDelivery.findMany({
          where,
          include: { event: { select: { type: true } } },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: query.limit,
          skip: query.offset,
        }),
        prisma.webhookDelivery.count({ where }),
      ]);
      return { items: rows.map(deliveryView), total, limit: query.limit, offset: query.offset };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/webhooks/deliveries/:id/replay',
      summary: 'Send a delivery again (the same event, signed anew)',
      tag: TAG,
      roles: ADMIN,
      agency: 'shared',
      params: IdParams,
      response: WebhookDelivery,
      status: 202,
      errors: [503],
    },
    async ({ params }) => {
      if (!(await prisma.webhookDelivery.findUnique({ where: { id: params.id }, select: { id: true } }))) throw notFound('webhook delivery');
      await replayDelivery(prisma, params.id);
      return deliveryView(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: params.id }, include: { event: { select: { type: true } } } }));
    },
  );
}
