// The delivery sweep: a delivery left pending long after it was due (its job
// lost with a restart of the in-process queue, or Redis away when it was
// queued) is queued again and delivered; events older than the retention go,
// with their deliveries.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../http/harness.ts';
import { startWorld, type World } from '../erp-sync/world.ts';

describe('webhook delivery sweep', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(openPglite, undefined, { sweepMs: 200, retentionDays: 30 });
    const created = await w.call('POST', '/api/webhooks/subscriptions', { token: w.token.admin, body: { url: w.erp.url, events: ['invoice.issued'] } });
    w.erp.secret = created.body.secret;
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  }, 60_000);

  it('queues again a delivery whose job was lost, and deletes events past the retention', async () => {
    const prisma = w.opened.db.prisma;
    const subscription = await prisma.webhookSubscription.findFirstOrThrow();
    // As a crash would leave them: stored, never queued, untouched for minutes.
    const lost = await prisma.webhookEvent.create({
      data: { type: 'invoice.issued', key: `lost:${randomUUID()}`, data: { id: 'inv-lost', number: 'F2026-000042' } },
    });
    const delivery = await prisma.webhookDelivery.create({ data: { subscriptionId: subscription.id, eventId: lost.id } });
    await prisma.$executeRaw`UPDATE webhook_deliveries SET updated_at = now() - interval '10 minutes' WHERE id = ${delivery.id}`;
    const old = await prisma.webhookEvent.create({ data: { type: 'invoice.issued', key: `old:${randomUUID()}`, data: { id: 'inv-old' } } });
    await prisma.webhookDelivery.create({ data: { subscriptionId: subscription.id, eventId: old.id, status: 'succeeded', attempts: 1 } });
    await prisma.$executeRaw`UPDATE webhook_events SET created_at = now() - interval '31 days' WHERE id = ${old.id}`;

    const [received] = await w.erp.waitFor('invoice.issued');
    expect(received!.envelope).toMatchObject({ id: lost.id, data: { number: 'F2026-000042' } });
    expect(received!.signatureValid).toBe(true);
    await expect
      .poll(async () => (await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status, { timeout: 30_000 })
      .toBe('succeeded');
    await expect.poll(() => prisma.webhookEvent.count({ where: { id: old.id } }), { timeout: 30_000 }).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { eventId: old.id } })).toBe(0);
  });
});
