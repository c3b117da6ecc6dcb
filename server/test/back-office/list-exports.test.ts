// The back office's lists as CSV and XLSX (issue 13), on PGlite and
// PostgreSQL: billing documents with what remains due, payments, warranty
// claims, stock movements, supplier orders, shortages and overdue visits —
// each export's rows are the list's (same filters, same order), amounts in
// euros (12,50 in CSV, numbers with a euro format in XLSX), French headers;
// another agency's dispatcher and a technician are refused, bad filters are
// 400 naming the field.
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase, type Harness } from '../http/harness.ts';
import { download, XLSX_TYPE } from '../import/support.ts';

const TODAY = new Date().toISOString().slice(0, 10);
const dayBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const YESTERDAY = dayBefore(TODAY, 1);
const LISTS = ['billing-documents', 'payments', 'warranty-claims', 'stock-movements', 'supplier-orders', 'shortages', 'overdue-visits'] as const;

function csvLines(bytes: Uint8Array): string[][] {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      line
        .match(/("([^"]|"")*"|[^;]*)(;|$)/g)!
        .filter((c, i, all) => c !== '' || i < all.length - 1)
        .map((c) => c.replace(/;$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
}

/** The export as CSV: its header and its rows as objects by header. */
async function exported(h: Harness, token: string, path: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const res = await download(h, token, path + (path.includes('?') ? '&' : '?') + 'format=csv');
  expect(res.status, path).toBe(200);
  expect(res.type).toBe('text/csv; charset=utf-8');
  const [header, ...lines] = csvLines(res.bytes);
  return { header: header!, rows: lines.map((l) => Object.fromEntries(header!.map((name, i) => [name, l[i] ?? '']))) };
}

const eurosText = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const frenchDay = (day: string | null) => (day ? day.split('-').reverse().join('/') : '');

interface World {
  invoiceA: { id: string; number: string };
  invoiceB: { id: string; number: string };
  depotA: string;
  depotB: string;
  part: string;
  supplier: string;
}

async function seed(h: Harness): Promise<World> {
  const { prisma } = h.db;
  const f = h.fixtures;
  const a = h.tokens.dispatcherA;
  const b = h.tokens.dispatcherB;
  const ok = async (res: Promise<{ status: number; body: any }>, status = 201) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const line = (cents: number) => ({ kind: 'labour', description: 'Main-d’œuvre', quantity: 1, unitPriceCents: cents, vatRateBp: 2000 });
  const invoice = async (token: string, agencyId: string, siteId: string, cents: number) => {
    const draft = await ok(
      h.call('POST', '/api/billing-documents', { token, body: { kind: 'invoice', agencyId, customerId: f.customer.id, siteId, lines: [line(cents)] } }),
    );
    return ok(h.call('POST', `/api/billing-documents/${draft.id}/issue`, { token }), 200);
  };
  // Agency A: an invoice partly paid and partly credited, one unpaid, a draft quote; agency B: an invoice paid.
  const invoiceA = await invoice(a, f.agencyA.id, f.siteA.id, 10_000);
  await ok(
    h.call('POST', `/api/billing-documents/${invoiceA.id}/payments`, {
      token: a,
      body: { amountCents: 5_000, receivedOn: YESTERDAY, method: 'cheque', reference: 'CHQ 1234' },
    }),
  );
  const credit = await ok(
    h.call('POST', `/api/billing-documents/${invoiceA.id}/credit-notes`, {
      token: a,
      body: { lines: [{ kind: 'labour', description: 'Geste commercial', netCents: 1_000, vatRateBp: 2000 }] },
    }),
  );
  await ok(h.call('POST', `/api/billing-documents/${credit.id}/issue`, { token: a }), 200);
  await invoice(a, f.agencyA.id, f.siteA.id, 2_550);
  await ok(
    h.call('POST', '/api/billing-documents', { token: a, body: { kind: 'quote', agencyId: f.agencyA.id, customerId: f.customer.id, lines: [line(9_900)] } }),
  );
  const invoiceB = await invoice(b, f.agencyB.id, f.siteB.id, 7_000);
  await ok(
    h.call('POST', `/api/billing-documents/${invoiceB.id}/payments`, { token: b, body: { amountCents: 8_400, receivedOn: YESTERDAY, method: 'transfer' } }),
  );

  // Stock: a supplier, a part, a central depot per agency, movements, a level below its minimum, orders.
  const supplier = await prisma.supplier.create({ data: { code: 'ATL', name: 'Atlantic Distribution', accountNumber: '401ATL' } });
  const part = await prisma.part.create({
    data: { reference: 'CAP-35', name: 'Condensateur 35 µF', unitCostCents: 1_250, unitPriceCents: 2_900, preferredSupplierId: supplier.id },
  });
  const depotA = await prisma.depot.create({ data: { agencyId: f.agencyA.id, code: 'AIX-C', name: 'Dépôt Aix', kind: 'central' } });
  const depotB = await prisma.depot.create({ data: { agencyId: f.agencyB.id, code: 'MRS-C', name: 'Dépôt Marseille', kind: 'central' } });
  await ok(
    h.call('POST', '/api/stock-movements/adjustments', {
      token: a,
      body: { depotId: depotA.id, reason: 'Inventaire; rayon 2', lines: [{ partId: part.id, quantity: 4 }] },
    }),
  );
  await ok(
    h.call('POST', '/api/stock-movements/adjustments', { token: a, body: { depotId: depotA.id, reason: 'Casse', lines: [{ partId: part.id, quantity: -1 }] } }),
  );
  await ok(
    h.call('POST', '/api/stock-movements/adjustments', {
      token: b,
      body: { depotId: depotB.id, reason: 'Inventaire', lines: [{ partId: part.id, quantity: 9 }] },
    }),
  );
  await prisma.stockLevel.update({ where: { partId_depotId: { partId: part.id, depotId: depotA.id } }, data: { minQuantity: 5, maxQuantity: 10 } });
  await prisma.stockLevel.update({ where: { partId_depotId: { partId: part.id, depotId: depotB.id } }, data: { minQuantity: 20, maxQuantity: 30 } });
  const order = (token: string, depotId: string, reference: string, quantity: number) =>
    ok(
      h.call('POST', '/api/supplier-orders', {
        token,
        body: { supplierId: supplier.id, depotId, reference, status: 'ordered', lines: [{ partId: part.id, quantity }] },
      }),
    );
  await order(a, depotA.id, 'CF-AIX-1', 3);
  await ok(
    h.call('POST', '/api/supplier-orders', {
      token: a,
      body: { supplierId: supplier.id, depotId: depotA.id, reference: 'CF-AIX-2', lines: [{ partId: part.id, quantity: 1 }] },
    }),
  );
  await order(b, depotB.id, 'CF-MRS-1', 7);

  // Warranty claims: two in agency A (one submitted), one in B.
  const claim = (token: string, agencyId: string, cents: number) =>
    ok(
      h.call('POST', '/api/warranty-claims', {
        token,
        body: { agencyId, supplierId: supplier.id, kind: 'part', expectedCreditCents: cents, supplierReference: 'RMA-7' },
      }),
    );
  const submitted = await claim(a, f.agencyA.id, 4_500);
  await ok(h.call('POST', `/api/warranty-claims/${submitted.id}/transitions`, { token: a, body: { to: 'submitted', on: YESTERDAY } }), 200);
  await claim(a, f.agencyA.id, 1_990);
  await claim(b, f.agencyB.id, 3_000);

  // An overdue yearly service in agency A (the site in one of its sectors), and one in B.
  for (const [agencyId, siteId, name] of [
    [f.agencyA.id, f.siteA.id, 'Entretien annuel PAC'],
    [f.agencyB.id, f.siteB.id, 'Entretien annuel chaudière'],
  ] as const) {
    const sector = await prisma.sector.create({
      data: { agencyId, code: `S-${name.length}`, name: `Secteur ${name}`, polygon: { type: 'Polygon', coordinates: [] } },
    });
    await prisma.site.update({ where: { id: siteId }, data: { sectorId: sector.id } });
    const contract = await prisma.contract.create({ data: { customerId: f.customer.id, reference: `CT-${name.length}`, startsOn: new Date('2025-01-01') } });
    await prisma.servicePlan.create({
      data: {
        contractId: contract.id,
        siteId,
        name,
        trigger: 'frequency',
        frequencyMonths: 12,
        nextDueOn: new Date(`${dayBefore(TODAY, 20)}T00:00:00Z`),
        leadDays: 0,
        estimatedDurationMinutes: 60,
      },
    });
  }
  return { invoiceA, invoiceB, depotA: depotA.id, depotB: depotB.id, part: part.id, supplier: supplier.id };
}

describeOnEachDatabase('back-office list exports', (harness) => {
  let w: World;
  beforeAll(async () => {
    w = await seed(harness());
  }, 120_000);

  it('exports the billing documents as the list shows them, with their totals and what remains due', async () => {
    const h = harness();
    const agencyA = h.fixtures.agencyA.id;
    const list = (await h.call('GET', `/api/billing-documents?agencyId=${agencyA}&limit=100`, { token: h.tokens.dispatcherA })).body;
    const { header, rows } = await exported(h, h.tokens.dispatcherA, `/api/list-exports/billing-documents?agencyId=${agencyA}`);
    expect(header).toEqual([
      'Numéro',
      'Type',
      'Statut',
      'Agence',
      'Client',
      'Référence client',
      'Date d’émission',
      'Échéance',
      'Montant HT',
      'TVA',
      'Montant TTC',
      'Avoirs',
      'Payé',
      'Reste dû',
      'Règlement',
      'Facture d’origine',
    ]);
    expect(rows).toHaveLength(list.total);
    expect(list.total).toBe(4);
    expect(rows.map((r) => [r['Numéro'], r['Montant HT'], r['Montant TTC'], r['Date d’émission']])).toEqual(
      list.items.map((d: any) => [d.number ?? '', eurosText(d.netCents), eurosText(d.totalCents), frenchDay(d.issuedOn)]),
    );
    expect(rows.map((r) => `${r.Type} ${r.Statut}`).sort()).toEqual(['Avoir Émis', 'Devis Brouillon', 'Facture Émis', 'Facture Émis']);
    // What remains due: the document's own balance (120,00 − 12,00 credited − 50,00 paid).
    const balance = (await h.call('GET', `/api/billing-documents/${w.invoiceA.id}`, { token: h.tokens.dispatcherA })).body.balance;
    const row = rows.find((r) => r['Numéro'] === w.invoiceA.number)!;
    expect(row).toMatchObject({
      Agence: 'AIX',
      Client: 'Mme Dupont',
      Avoirs: '12,00',
      Payé: '50,00',
      'Reste dû': eurosText(balance.dueCents),
      Règlement: 'Partiellement payée',
    });
    expect(balance.dueCents).toBe(5_800);
    expect(rows.find((r) => r.Type === 'Avoir')!['Facture d’origine']).toBe(w.invoiceA.number);
    // Agency B's invoice is not agency A's export, and is B's.
    expect(rows.map((r) => r['Numéro'])).not.toContain(w.invoiceB.number);
    const ofB = await exported(h, h.tokens.dispatcherB, '/api/list-exports/billing-documents');
    expect(ofB.rows.map((r) => r['Numéro'])).toEqual([w.invoiceB.number]);

    // The same filters as the screen: kind and status.
    const invoices = (await h.call('GET', `/api/billing-documents?agencyId=${agencyA}&kind=invoice&status=issued&limit=100`, { token: h.tokens.dispatcherA }))
      .body;
    const filtered = await exported(h, h.tokens.dispatcherA, `/api/list-exports/billing-documents?agencyId=${agencyA}&kind=invoice&status=issued`);
    expect(filtered.rows.map((r) => r['Numéro'])).toEqual(invoices.items.map((d: any) => d.number));
    expect(filtered.rows).toHaveLength(2);
    // A period of issue days: none issued before yesterday.
    expect((await exported(h, h.tokens.admin, `/api/list-exports/billing-documents?to=${dayBefore(TODAY, 2)}`)).rows).toEqual([]);
  });

  it('writes the XLSX with amounts as euro numbers, days as dates, a named file', async () => {
    const h = harness();
    const res = await fetch(`${h.url}/api/list-exports/billing-documents?agencyId=${h.fixtures.agencyA.id}&kind=invoice`, {
      headers: { authorization: `Bearer ${h.tokens.dispatcherA}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="factures-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Factures');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rowOf = (n: number) => Object.fromEntries(header.map((name, i) => [name as string, sheet.getRow(n).getCell(i + 1)]));
    const numbers = [2, 3].map((n) => rowOf(n)['Numéro']!.value);
    expect(numbers).toContain(w.invoiceA.number);
    const row = rowOf(numbers.indexOf(w.invoiceA.number) + 2);
    expect(row['Montant TTC']!.value).toBe(120);
    expect(row['Montant TTC']!.numFmt).toContain('€');
    expect(row['Reste dû']!.value).toBe(58);
    expect(row['Date d’émission']!.value).toBeInstanceOf(Date);
  });

  it('exports the payments of a period, agency by agency', async () => {
    const h = harness();
    const path = `/api/list-exports/payments?from=${dayBefore(TODAY, 7)}&to=${TODAY}`;
    const a = await exported(h, h.tokens.dispatcherA, path);
    expect(a.header).toEqual(['Date', 'Facture', 'Client', 'Agence', 'Mode', 'Référence', 'Montant']);
    const stored = (await h.call('GET', `/api/billing-documents/${w.invoiceA.id}`, { token: h.tokens.dispatcherA })).body.payments;
    expect(a.rows).toEqual(
      stored.map((p: any) => ({
        Date: frenchDay(p.receivedOn),
        Facture: w.invoiceA.number,
        Client: 'Mme Dupont',
        Agence: 'AIX',
        Mode: 'Chèque',
        Référence: 'CHQ 1234',
        Montant: '50,00',
      })),
    );
    const all = await exported(h, h.tokens.admin, path);
    expect(all.rows.map((r) => r.Facture).sort()).toEqual([w.invoiceA.number, w.invoiceB.number].sort());
    expect((await exported(h, h.tokens.admin, `${path}&method=transfer`)).rows.map((r) => r.Montant)).toEqual(['84,00']);
    expect((await exported(h, h.tokens.admin, `/api/list-exports/payments?to=${dayBefore(TODAY, 2)}`)).rows).toEqual([]);
  });

  it('exports the warranty claims with their stage, as the list filters them', async () => {
    const h = harness();
    const agencyA = h.fixtures.agencyA.id;
    for (const filter of ['', '&status=submitted']) {
      const list = (await h.call('GET', `/api/warranty-claims?agencyId=${agencyA}${filter}&limit=100`, { token: h.tokens.dispatcherA })).body;
      const { rows } = await exported(h, h.tokens.dispatcherA, `/api/list-exports/warranty-claims?agencyId=${agencyA}${filter}`);
      expect(rows.map((r) => [r['Référence'], r['Montant attendu']])).toEqual(list.items.map((c: any) => [c.reference, eurosText(c.expectedCreditCents)]));
    }
    const submitted = await exported(h, h.tokens.dispatcherA, `/api/list-exports/warranty-claims?status=submitted`);
    expect(submitted.rows).toEqual([
      expect.objectContaining({
        Étape: 'Envoyée',
        Type: 'Pièce',
        Agence: 'AIX',
        Fournisseur: 'Atlantic Distribution',
        'Référence fournisseur': 'RMA-7',
        'Envoyée le': frenchDay(YESTERDAY),
      }),
    ]);
    expect((await exported(h, h.tokens.dispatcherA, '/api/list-exports/warranty-claims')).rows).toHaveLength(2);
  });

  it('exports the stock movements, supplier orders and shortages of the agency’s depots', async () => {
    const h = harness();
    const agencyA = h.fixtures.agencyA.id;
    const movements = (await h.call('GET', `/api/stock-movements?depotId=${w.depotA}&limit=100`, { token: h.tokens.dispatcherA })).body;
    const m = await exported(h, h.tokens.dispatcherA, `/api/list-exports/stock-movements?agencyId=${agencyA}&depotId=${w.depotA}`);
    expect(m.rows.map((r) => [r.Quantité, r['Coût unitaire']])).toEqual(movements.items.map((x: any) => [String(x.quantity), eurosText(x.unitCostCents)]));
    expect(m.rows.map((r) => [r.Type, r.Article, r.Dépôt, r.Quantité, r.Valeur, r.Motif])).toEqual([
      ['Ajustement d’inventaire', 'CAP-35', 'Dépôt Aix', '-1', '-12,50', 'Casse'],
      ['Ajustement d’inventaire', 'CAP-35', 'Dépôt Aix', '4', '50,00', 'Inventaire; rayon 2'],
    ]);
    expect(m.rows[0]!.Date).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    // Without a depot: the agency's depots only.
    expect((await exported(h, h.tokens.dispatcherA, '/api/list-exports/stock-movements')).rows).toHaveLength(2);
    expect((await exported(h, h.tokens.admin, '/api/list-exports/stock-movements?kind=adjustment')).rows).toHaveLength(3);

    const orders = (await h.call('GET', '/api/supplier-orders?status=ordered&limit=100', { token: h.tokens.dispatcherA })).body;
    const o = await exported(h, h.tokens.dispatcherA, `/api/list-exports/supplier-orders?agencyId=${agencyA}&status=ordered`);
    expect(o.rows.map((r) => r['Référence'])).toEqual(orders.items.map((x: any) => x.reference));
    expect(o.rows).toEqual([
      expect.objectContaining({
        Référence: 'CF-AIX-1',
        Statut: 'Commandée',
        Fournisseur: 'Atlantic Distribution',
        'Quantité commandée': '3',
        'Quantité reçue': '0',
        'Montant HT': '37,50',
      }),
    ]);
    expect((await exported(h, h.tokens.dispatcherA, '/api/list-exports/supplier-orders')).rows.map((r) => r['Référence']).sort()).toEqual([
      'CF-AIX-1',
      'CF-AIX-2',
    ]);
    // « En cours » only: the draft and the ordered one, not a cancelled one.
    const cancel = await h.call('PATCH', `/api/supplier-orders/${orders.items[0].id}`, { token: h.tokens.dispatcherA, body: { status: 'cancelled' } });
    expect(cancel.status).toBe(200);
    expect((await exported(h, h.tokens.dispatcherA, '/api/list-exports/supplier-orders?open=true')).rows.map((r) => r['Référence'])).toEqual(['CF-AIX-2']);
    expect((await exported(h, h.tokens.dispatcherA, '/api/list-exports/supplier-orders')).rows).toHaveLength(2);

    const shortages = (await h.call('GET', `/api/stock/shortages?agencyId=${agencyA}`, { token: h.tokens.dispatcherA })).body;
    const s = await exported(h, h.tokens.dispatcherA, `/api/list-exports/shortages?agencyId=${agencyA}`);
    expect(s.rows.map((r) => [r.Article, r.Dépôt, r['À commander'], r['Coût estimé']])).toEqual(
      shortages.shortages.map((x: any) => [x.partReference, x.depotName, String(x.suggestedQuantity), eurosText(x.estimatedCostCents)]),
    );
    expect(s.rows).toEqual([expect.objectContaining({ Article: 'CAP-35', Dépôt: 'Dépôt Aix', Minimum: '5', Fournisseur: 'Atlantic Distribution' })]);
    // The screen's depot choice: central depots, or vans (none here).
    expect((await exported(h, h.tokens.dispatcherA, '/api/list-exports/shortages?depotKind=central')).rows).toHaveLength(1);
    expect((await exported(h, h.tokens.dispatcherA, '/api/list-exports/shortages?depotKind=van')).rows).toEqual([]);
  });

  it('exports the overdue visits (« En retard ») of the agency', async () => {
    const h = harness();
    const agencyA = h.fixtures.agencyA.id;
    const list = (await h.call('GET', `/api/overdue-visits?agencyId=${agencyA}&today=${TODAY}`, { token: h.tokens.dispatcherA })).body;
    const { header, rows } = await exported(h, h.tokens.dispatcherA, `/api/list-exports/overdue-visits?agencyId=${agencyA}&today=${TODAY}`);
    expect(header.slice(0, 7)).toEqual(['Client', 'Téléphone', 'Adresse', 'Code postal', 'Ville', 'Contrat', 'Entretien']);
    expect(rows.map((r) => [r.Entretien, r['Prévue le'], r['Jours de retard']])).toEqual(
      list.items.map((v: any) => [v.planName, frenchDay(v.dueOn), String(v.daysOverdue)]),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        Entretien: 'Entretien annuel PAC',
        Client: 'Mme Dupont',
        Ville: 'Aix-en-Provence',
        'Jours de retard': '20',
        Visite: 'À créer',
      }),
    ]);
    expect((await exported(h, h.tokens.admin, `/api/list-exports/overdue-visits?today=${TODAY}`)).rows).toHaveLength(2);
  });

  it('refuses another agency’s dispatcher and technicians, checks depots against their agency', async () => {
    const h = harness();
    const agencyA = h.fixtures.agencyA.id;
    for (const list of LISTS) {
      const other = await h.call('GET', `/api/list-exports/${list}?agencyId=${agencyA}`, { token: h.tokens.dispatcherB });
      expect(other.status, list).toBe(403);
      expect(other.body.details).toEqual([expect.objectContaining({ path: 'agencyId', in: 'query' })]);
      expect((await h.call('GET', `/api/list-exports/${list}`, { token: h.tokens.tech1 })).status, list).toBe(403);
      expect((await h.call('GET', `/api/list-exports/${list}`)).status, list).toBe(401);
    }
    for (const list of ['stock-movements', 'supplier-orders', 'shortages']) {
      const depot = await h.call('GET', `/api/list-exports/${list}?depotId=${w.depotA}`, { token: h.tokens.dispatcherB });
      expect(depot.status, list).toBe(403);
      expect(depot.body.details).toEqual([expect.objectContaining({ path: 'depotId', in: 'query' })]);
      expect((await h.call('GET', `/api/list-exports/${list}?depotId=01930000-0000-7000-8000-000000000000`, { token: h.tokens.admin })).status).toBe(404);
    }
    const mismatch = await h.call('GET', `/api/list-exports/stock-movements?agencyId=${h.fixtures.agencyB.id}&depotId=${w.depotA}`, { token: h.tokens.admin });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.details).toEqual([expect.objectContaining({ path: 'depotId' })]);
  });

  it('answers 400 naming the field for bad filters', async () => {
    const h = harness();
    const bad = async (path: string, field: string) => {
      const res = await h.call('GET', path, { token: h.tokens.admin });
      expect(res.status, path).toBe(400);
      expect(
        res.body.details.map((d: { path: string; in: string }) => `${d.in}:${d.path}`),
        path,
      ).toEqual([`query:${field}`]);
    };
    await bad('/api/list-exports/billing-documents?kind=bill', 'kind');
    await bad('/api/list-exports/billing-documents?status=paid', 'status');
    await bad('/api/list-exports/billing-documents?from=2026-12-31&to=2026-12-01', 'to');
    await bad('/api/list-exports/billing-documents?format=pdf', 'format');
    await bad('/api/list-exports/payments?from=31/12/2026', 'from');
    await bad('/api/list-exports/payments?method=bitcoin', 'method');
    await bad('/api/list-exports/warranty-claims?status=lost', 'status');
    await bad('/api/list-exports/stock-movements?kind=theft', 'kind');
    await bad('/api/list-exports/supplier-orders?status=late', 'status');
    await bad('/api/list-exports/shortages?horizonDays=0', 'horizonDays');
    await bad('/api/list-exports/overdue-visits?today=tomorrow', 'today');
  });
});
