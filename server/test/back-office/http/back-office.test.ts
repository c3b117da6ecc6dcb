// The back office over real HTTP (createApp on PostgreSQL): validation with
// field paths, authorization by role and agency, the last part consumed by
// two technicians at once, a visit invoiced and paid, the FEC download, and
// the routes in the OpenAPI document.
import { expect, it } from 'vitest';
import { describeWithService } from '../../support/services.ts';
import { openPostgres, useHarness } from '../../http/harness.ts';
import { postgres } from '../support.ts';

describeWithService(postgres, 'back office API [PostgreSQL]', () => {
  const h = useHarness(openPostgres);
  const ids: Record<string, string> = {};

  it('validates bodies and queries with the field paths', async () => {
    const { call, tokens } = h();
    const part = await call('POST', '/api/parts', {
      token: tokens.dispatcherA,
      body: { reference: 'FAN-1', name: 'Ventilateur', unitCostCents: -1, unitPriceCents: 1.5 },
    });
    expect(part.status).toBe(400);
    expect(part.body.details.map((d: { path: string; in: string }) => `${d.in}:${d.path}`).sort()).toEqual(['body:unitCostCents', 'body:unitPriceCents']);
    const transfer = await call('POST', '/api/stock-movements/transfers', {
      token: tokens.dispatcherA,
      body: { fromDepotId: 'x', toDepotId: 'x', lines: [{ partId: 'p', quantity: 0 }] },
    });
    expect(transfer.status).toBe(400);
    expect(transfer.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['lines[0].quantity', 'toDepotId']);
    const fec = await call('GET', '/api/accounting/fec?from=2026-03-31&to=2026-03-01', { token: tokens.admin });
    expect(fec.status).toBe(400);
    expect(fec.body.details).toEqual([expect.objectContaining({ path: 'to', in: 'query' })]);
  });

  it('sets up a catalogue and depots, only where the caller may', async () => {
    const { call, tokens, fixtures } = h();
    expect((await call('POST', '/api/parts', { token: tokens.tech1, body: { reference: 'X', name: 'X', unitCostCents: 1, unitPriceCents: 2 } })).status).toBe(
      403,
    );
    const supplier = await call('POST', '/api/suppliers', { token: tokens.dispatcherA, body: { code: 'ATL', name: 'Atlantic' } });
    expect(supplier.status).toBe(201);
    const part = await call('POST', '/api/parts', {
      token: tokens.dispatcherA,
      body: { reference: 'FAN-1', name: 'Ventilateur', unitCostCents: 8_000, unitPriceCents: 15_000, preferredSupplierId: supplier.body.id },
    });
    expect(part.status).toBe(201);
    ids.supplier = supplier.body.id;
    ids.part = part.body.id;
    expect(
      (await call('POST', '/api/depots', { token: tokens.dispatcherB, body: { agencyId: fixtures.agencyA.id, code: 'C', name: 'Central', kind: 'central' } }))
        .status,
    ).toBe(403);
    const van = await call('POST', '/api/depots', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, code: 'VAN', name: 'Van', kind: 'van' },
    });
    expect(van.status).toBe(400);
    expect(van.body.details).toEqual([expect.objectContaining({ path: 'technicianId' })]);
    const central = await call('POST', '/api/depots', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, code: 'AIX-C', name: 'Central Aix', kind: 'central' },
    });
    const van1 = await call('POST', '/api/depots', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, code: 'VAN-1', name: 'Van 1', kind: 'van', technicianId: fixtures.t1.id },
    });
    expect([central.status, van1.status]).toEqual([201, 201]);
    ids.central = central.body.id;
    ids.van1 = van1.body.id;
    // Technicians read parts and their agency's depots.
    expect((await call('GET', '/api/parts', { token: tokens.tech1 })).body.total).toBe(1);
    expect((await call('GET', '/api/depots', { token: tokens.tech1 })).body.items.map((d: { code: string }) => d.code).sort()).toEqual(['AIX-C', 'VAN-1']);
    expect((await call('GET', '/api/depots', { token: tokens.dispatcherB })).body.total).toBe(0);
  });

  it('receives a supplier order and moves parts to a van', async () => {
    const { call, tokens } = h();
    const order = await call('POST', '/api/supplier-orders', {
      token: tokens.dispatcherA,
      body: {
        supplierId: ids.supplier,
        depotId: ids.central,
        reference: 'PO-1',
        status: 'ordered',
        expectedOn: '2026-12-01',
        lines: [{ partId: ids.part, quantity: 3 }],
      },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({ expectedOn: '2026-12-01', lines: [{ quantity: 3, unitCostCents: 8_000, receivedQuantity: 0 }] });
    const receipt = await call('POST', `/api/supplier-orders/${order.body.id}/receipts`, {
      token: tokens.dispatcherA,
      body: { lines: [{ lineId: order.body.lines[0].id, quantity: 4 }] },
    });
    expect(receipt.status).toBe(422);
    expect(receipt.body.details).toEqual([expect.objectContaining({ path: 'lines[0].quantity' })]);
    const ok = await call('POST', `/api/supplier-orders/${order.body.id}/receipts`, {
      token: tokens.dispatcherA,
      body: { lines: [{ lineId: order.body.lines[0].id, quantity: 3 }] },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.onHand).toEqual([{ partId: ids.part, depotId: ids.central, onHand: 3 }]);
    const transfer = await call('POST', '/api/stock-movements/transfers', {
      token: tokens.dispatcherA,
      body: { fromDepotId: ids.central, toDepotId: ids.van1, lines: [{ partId: ids.part, quantity: 2 }] },
    });
    expect(transfer.status).toBe(201);
    const levels = await call('GET', `/api/stock-levels?partId=${ids.part}`, { token: tokens.tech1 });
    expect(levels.body.items.map((l: { depotId: string; onHand: number }) => [l.depotId, l.onHand]).sort()).toEqual(
      [
        [ids.central, 1],
        [ids.van1, 2],
      ].sort(),
    );
  });

  it('lets technicians consume only on their own interventions, and the last part goes to one of two at once', async () => {
    const { call, tokens, fixtures } = h();
    const other = await call('POST', `/api/interventions/${fixtures.interventions.a2.id}/consumptions`, {
      token: tokens.tech1,
      body: { lines: [{ partId: ids.part, quantity: 1 }] },
    });
    expect(other.status).toBe(404); // not theirs: not even visible
    const fromVan = await call('POST', `/api/interventions/${fixtures.interventions.a1.id}/consumptions`, {
      token: tokens.tech1,
      body: { lines: [{ partId: ids.part, quantity: 1 }] },
    });
    expect(fromVan.status, JSON.stringify(fromVan.body)).toBe(201);
    expect(fromVan.body.movements).toEqual([expect.objectContaining({ depotId: ids.van1, kind: 'consumption', quantity: -1 })]);
    const results = await Promise.all([
      call('POST', `/api/interventions/${fixtures.interventions.a1.id}/consumptions`, {
        token: tokens.tech1,
        body: { depotId: ids.central, lines: [{ partId: ids.part, quantity: 1 }] },
      }),
      call('POST', `/api/interventions/${fixtures.interventions.a2.id}/consumptions`, {
        token: tokens.tech2,
        body: { depotId: ids.central, lines: [{ partId: ids.part, quantity: 1 }] },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const lost = results.find((r) => r.status === 409)!;
    expect(lost.body).toMatchObject({
      reason: 'stock_below_zero',
      details: [{ path: 'lines[0].quantity', in: 'body', message: expect.stringContaining('only 0 of part FAN-1 on hand in Central Aix') }],
    });
    const level = await call('GET', `/api/stock-levels?depotId=${ids.central}`, { token: tokens.dispatcherA });
    expect(level.body.items[0].onHand).toBe(0);
  });

  it('invoices a done visit, refuses to edit it once issued, and records a payment', async () => {
    const { call, tokens, fixtures, db } = h();
    await call('PUT', `/api/sites/${fixtures.siteA.id}/vat-profile`, { token: tokens.dispatcherA, body: { premises: 'housing', completedOn: '2001-01-01' } });
    const done = await db.prisma.intervention.create({
      data: {
        agencyId: fixtures.agencyA.id,
        siteId: fixtures.siteA.id,
        equipmentId: fixtures.equipment.id,
        status: 'done',
        estimatedDurationMinutes: 60,
        actualStart: new Date('2026-11-02T08:00:00Z'),
        actualEnd: new Date('2026-11-02T08:40:00Z'),
      },
    });
    const draft = await call('POST', `/api/interventions/${done.id}/billing-documents`, { token: tokens.dispatcherA, body: { kind: 'invoice' } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({
      status: 'draft',
      coverageStatus: 'not_covered',
      netCents: 6_500 * 0.75 + 4_500,
      vatCents: 938,
      lines: [{ kind: 'labour', quantityMilli: 750, vatRateBp: 1000 }, { kind: 'travel' }],
    });
    expect((await call('POST', `/api/billing-documents/${draft.body.id}/issue`, { token: tokens.dispatcherB })).status).toBe(404);
    const issued = await call('POST', `/api/billing-documents/${draft.body.id}/issue`, { token: tokens.dispatcherA });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'issued', number: expect.stringMatching(/^F\d{4}-00001$/), balance: { dueCents: 10_313, status: 'unpaid' } });
    expect(issued.body.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const edit = await call('PUT', `/api/billing-documents/${draft.body.id}/lines`, {
      token: tokens.dispatcherA,
      body: { lines: [{ kind: 'other', description: 'x', quantity: 1, unitPriceCents: 1 }] },
    });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ reason: 'document_issued', error: expect.stringContaining('only credited') });
    expect((await call('DELETE', `/api/billing-documents/${draft.body.id}`, { token: tokens.dispatcherA })).status).toBe(409);
    const paid = await call('POST', `/api/billing-documents/${draft.body.id}/payments`, {
      token: tokens.dispatcherA,
      body: { amountCents: 10_313, receivedOn: '2026-11-20', method: 'card' },
    });
    expect(paid.status).toBe(201);
    expect(paid.body.balance).toMatchObject({ dueCents: 0, status: 'paid' });
    ids.invoice = draft.body.id;
  });

  it('answers the warranty at lookup and flags a request', async () => {
    const { call, tokens, fixtures } = h();
    await call('POST', '/api/warranties', {
      token: tokens.dispatcherA,
      body: {
        equipmentId: fixtures.equipment.id,
        kind: 'manufacturer',
        supplierId: ids.supplier,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        labourPercent: 0,
      },
    });
    const status = await call('GET', `/api/equipment/${fixtures.equipment.id}/warranty-status?on=2026-06-01`, { token: tokens.tech1 });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'partly_covered', endsOn: '2027-12-31', shares: { parts: { percent: 100, supplierId: ids.supplier } } });
    const flag = await call('POST', `/api/interventions/${fixtures.interventions.a1.id}/coverage`, { token: tokens.dispatcherA, body: {} });
    expect(flag.status).toBe(200);
    expect((await call('GET', `/api/interventions/${fixtures.interventions.a1.id}/coverage`, { token: tokens.tech1 })).body).toMatchObject({
      occasion: 'request',
    });
  });

  it('exports the FEC for admins only, balanced', async () => {
    const { call, tokens } = h();
    expect((await call('GET', '/api/accounting/fec?from=2026-01-01&to=2026-12-31', { token: tokens.dispatcherA })).status).toBe(403);
    const res = await fetch(`${h().url}/api/accounting/fec?from=2026-01-01&to=2026-12-31&siren=123456789`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('123456789FEC20261231.txt');
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe(
      'JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise',
    );
    expect(res.headers.get('x-fec-debit')).toBe(res.headers.get('x-fec-credit'));
    expect(Number(res.headers.get('x-fec-lines'))).toBeGreaterThan(6);
    const entries = await call('GET', `/api/journal-entries?sourceId=${ids.invoice}`, { token: tokens.dispatcherA });
    expect(entries.body.items[0]).toMatchObject({ journal: 'VT', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await call('GET', '/api/journal-entries', { token: tokens.dispatcherB })).body.total).toBe(0);
  });

  it('documents every back-office route in the OpenAPI document', async () => {
    const res = await h().call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    for (const path of [
      '/api/stock-levels',
      '/api/interventions/{id}/consumptions',
      '/api/billing-documents/{id}/issue',
      '/api/accounting/fec',
      '/api/warranty-claims/recoverable',
      '/api/stock/shortages',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
  });
});
