// Back-office events reach a subscribed ERP: an invoice issued, a payment,
// stock movements and the shortage they cause. On PGlite with the in-process
// queue (the delivery path itself is tested on both backends in erp-sync.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../http/harness.ts';
import { startWorld, type World } from '../erp-sync/world.ts';

describe('back-office webhooks', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(openPglite, undefined);
    const created = await w.call('POST', '/api/webhooks/subscriptions', {
      token: w.token.admin,
      body: { url: w.erp.url, events: ['invoice.issued', 'payment.recorded', 'stock.movement', 'stock.shortage'] },
    });
    w.erp.secret = created.body.secret;
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  }, 60_000);

  it('sends invoice.issued with the numbered invoice, then payment.recorded', async () => {
    const draft = await w.call('POST', '/api/billing-documents', {
      token: w.token.dispatcherA,
      body: {
        kind: 'invoice',
        agencyId: w.fixtures.agencyA.id,
        customerId: w.fixtures.customer.id,
        lines: [{ kind: 'labour', description: 'Main-d’œuvre dépannage', quantity: 1, unitPriceCents: 9000 }],
      },
    });
    expect(draft.status).toBe(201);
    const issued = await w.call('POST', `/api/billing-documents/${draft.body.id}/issue`, { token: w.token.dispatcherA });
    expect(issued.status).toBe(200);
    const [hook] = await w.erp.waitFor('invoice.issued');
    expect(hook!.signatureValid).toBe(true);
    expect(hook!.envelope).toMatchObject({ agencyId: w.fixtures.agencyA.id, data: { id: draft.body.id, number: issued.body.number, status: 'issued' } });

    const paid = await w.call('POST', `/api/billing-documents/${draft.body.id}/payments`, {
      token: w.token.dispatcherA,
      body: { amountCents: 5000, method: 'transfer', receivedOn: issued.body.issuedOn },
    });
    expect(paid.status).toBe(201);
    const [payment] = await w.erp.waitFor('payment.recorded');
    expect(payment!.envelope.data).toMatchObject({ payment: { id: paid.body.payment.id, amountCents: 5000 } });
  });

  it('sends stock.movement for an adjustment, and stock.shortage when it leaves a level under its minimum', async () => {
    const prisma = w.opened.db.prisma;
    const depot = await prisma.depot.create({ data: { agencyId: w.fixtures.agencyA.id, code: 'AIX-C', name: 'Dépôt Aix', kind: 'central' } });
    const part = await prisma.part.create({ data: { reference: 'JOINT-12', name: 'Joint 12 mm', unitCostCents: 100, unitPriceCents: 250 } });
    await prisma.stockLevel.create({ data: { depotId: depot.id, partId: part.id, onHand: 0, minQuantity: 5 } });
    const counted = await w.call('POST', '/api/stock-movements/adjustments', {
      token: w.token.dispatcherA,
      body: { depotId: depot.id, reason: 'Inventaire', lines: [{ partId: part.id, countedQuantity: 8 }] },
    });
    expect(counted.status).toBe(201);
    const [movement] = await w.erp.waitFor('stock.movement');
    expect(movement!.envelope.data).toMatchObject({ batchId: counted.body.batchId, movements: [{ partId: part.id, depotId: depot.id, quantity: 8 }] });
    expect(w.erp.received.some((r) => r.envelope.type === 'stock.shortage')).toBe(false);

    const broken = await w.call('POST', '/api/stock-movements/adjustments', {
      token: w.token.dispatcherA,
      body: { depotId: depot.id, reason: 'Casse', lines: [{ partId: part.id, quantity: -5 }] },
    });
    expect(broken.status).toBe(201);
    const [shortage] = await w.erp.waitFor('stock.shortage');
    expect(shortage!.envelope).toMatchObject({ agencyId: w.fixtures.agencyA.id, data: { partId: part.id, depotId: depot.id, onHand: 3, minQuantity: 5 } });
  });
});
