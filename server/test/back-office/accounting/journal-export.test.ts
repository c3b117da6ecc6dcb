// The month's journal as CSV for the accounting package (issue 13), over real
// HTTP on PGlite and PostgreSQL, from a month the back office really posted
// (a receipt, a repair's consumption, an invoice, a credit note, a payment,
// a warranty claim): each preset's layout (Sage, EBP, Cegid, generic), a
// custom column choice, the company's chart-of-accounts mapping (sales split
// by kind and VAT rate, customers' auxiliary prefix, bank by payment method),
// every entry balanced, unmapped accounts named, admins only.
import { get, type IncomingMessage } from 'node:http';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { createCreditNote } from '../../../src/back-office/billing/credit-notes.ts';
import { draftFromIntervention } from '../../../src/back-office/billing/drafts.ts';
import { issueDocument } from '../../../src/back-office/billing/issue.ts';
import { recordPayment } from '../../../src/back-office/billing/payments.ts';
import { claimsFromInvoice, moveClaim } from '../../../src/back-office/warranties/claims.ts';
import { describeOnEachDatabase } from '../../replication/harness.ts';
import { doneRepairUnderWarranty } from '../billing/scenario.ts';

const cents = (s: string) => (s === '' ? 0 : Math.round(Number(s.replace(',', '.')) * 100));

describeOnEachDatabase('journal export', (h) => {
  let invoiceNumber = '';
  // A fresh connection per download (agent: false): no keep-alive socket the server may be closing as it is reused.
  const download = async (query: string, token = h().tokens.admin) => {
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      get(`${h().url}/api/accounting/journal-export?${query}`, { agent: false, headers: { authorization: `Bearer ${token}` } }, resolve).on('error', reject),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const header = (name: string) => (res.headers[name] as string | undefined) ?? null;
    const windows = header('content-type')?.includes('windows-1252');
    const text = windows ? iconv.decode(bytes, 'win1252') : bytes.toString('utf8');
    return {
      status: res.statusCode!,
      headers: { get: header },
      bytes,
      text,
      rows: text
        .trimEnd()
        .split('\r\n')
        .map((r) => r.split(';')),
    };
  };

  it('posts a month of activity (March 2026)', async () => {
    const { db, f } = h();
    const prisma = db.prisma;
    const { intervention } = await doneRepairUnderWarranty(prisma, f, '2026-03-09');
    const at = (d: string) => new Date(`${d}T10:00:00Z`);
    const draft = await draftFromIntervention(prisma, intervention.id, { kind: 'invoice', now: at('2026-03-10') });
    const invoice = await issueDocument(prisma, draft.id, { now: at('2026-03-10') });
    invoiceNumber = invoice.number!;
    const credit = await createCreditNote(prisma, draft.id, {
      lines: [{ kind: 'travel', description: 'Déplacement offert', netCents: 4_500, vatRateBp: 1000 }],
    });
    await issueDocument(prisma, credit.id, { now: at('2026-03-15') });
    await recordPayment(prisma, draft.id, { amountCents: 5_000, receivedOn: '2026-03-20', method: 'transfer', reference: 'VIR-1' });
    await recordPayment(prisma, draft.id, { amountCents: 1_000, receivedOn: '2026-04-02', method: 'cash' });
    const [claim] = await claimsFromInvoice(prisma, draft.id);
    await moveClaim(prisma, claim!.id, { to: 'submitted', on: '2026-03-11' });
    expect(await prisma.journalEntry.count({ where: { date: { gte: new Date('2026-03-01'), lte: new Date('2026-03-31') } } })).toBe(6);
  });

  it('lays the month out for Sage: no header, dates DDMMYY, Windows-1252, the customer in the auxiliary column', async () => {
    const sage = await download('month=2026-03&preset=sage');
    expect(sage.status, sage.text).toBe(200);
    expect(sage.headers.get('content-type')).toBe('text/csv; charset=windows-1252');
    expect(sage.headers.get('content-disposition')).toBe('attachment; filename="journal-2026-03-sage.csv"');
    // "é" of "Facture … Mme Dupont"? The labels carry accents: one byte each in Windows-1252.
    expect(sage.bytes.includes(Buffer.from('é', 'utf8'))).toBe(false);
    for (const r of sage.rows) {
      expect(r).toHaveLength(8);
      expect(r[1]).toMatch(/^\d\d0326$/);
      expect(r[6]! === '' || /^\d+,\d\d$/.test(r[6]!)).toBe(true);
    }
    const customer = sage.rows.find((r) => r[3] === '411' && r[2] === invoiceNumber)!;
    expect(customer[4]).toBe('C-001');
    const debit = sage.rows.reduce((s, r) => s + cents(r[6]!), 0);
    expect(debit).toBe(sage.rows.reduce((s, r) => s + cents(r[7]!), 0));
    expect(String(debit)).toBe(sage.headers.get('x-journal-debit'));
    expect(sage.headers.get('x-journal-entries')).toBe('6');
  });

  it('lays it out for EBP and Cegid with their headers, and the generic layout with every column and balanced entries', async () => {
    const ebp = await download('month=2026-03&preset=ebp');
    expect(ebp.rows[0]).toEqual(['Date', 'Journal', 'Compte', 'Pièce', 'Libellé', 'Débit', 'Crédit']);
    expect(ebp.rows[1]![0]).toMatch(/^\d\d\/03\/2026$/);
    const cegid = await download('month=2026-03&preset=cegid');
    expect(cegid.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(cegid.rows[0]).toEqual(['Journal', 'Date', 'Compte', 'Compte auxiliaire', 'Pièce', 'Libellé', 'Débit', 'Crédit']);
    const generic = await download('month=2026-03');
    const [head, ...body] = generic.rows;
    expect(head).toEqual([
      'Journal',
      'Libellé journal',
      'Date',
      'N° écriture',
      'Compte',
      'Libellé compte',
      'Compte auxiliaire',
      'Libellé auxiliaire',
      'Pièce',
      'Date pièce',
      'Libellé',
      'Débit',
      'Crédit',
    ]);
    const balance = new Map<string, number>();
    for (const r of body) balance.set(r[3]!, (balance.get(r[3]!) ?? 0) + cents(r[11]!) - cents(r[12]!));
    expect(balance.size).toBe(6);
    expect([...balance.values()].every((v) => v === 0)).toBe(true);
    // Sales as posted by default: 706 for labour and travel (the parts were the manufacturer's warranty's: nothing on 707), VAT at 10 %.
    expect(new Set(body.filter((r) => r[0] === 'VT').map((r) => r[4]))).toEqual(new Set(['411', '706', '4457110']));
  });

  it('takes a custom column choice, separator, decimal point and date format', async () => {
    const custom = await download(
      'month=2026-03&preset=generic&columns=date,account,amount,direction&separator=tab&decimal=point&dateFormat=YYYY-MM-DD&header=false',
    );
    const rows = custom.text
      .trimEnd()
      .split('\r\n')
      .map((r) => r.split('\t'));
    for (const r of rows) {
      expect(r).toHaveLength(4);
      expect(r[0]).toMatch(/^2026-03-\d\d$/);
      expect(r[2]).toMatch(/^\d+\.\d\d$/);
      expect(['D', 'C']).toContain(r[3]);
    }
    const bad = await h().call('GET', '/api/accounting/journal-export?month=2026-13&columns=date,nope&separator=comma', { token: h().tokens.admin });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['columns[1]', 'month']);
  });

  it('books to the company’s chart: sales by kind and VAT rate, VAT per rate, customers prefixed, bank by method', async () => {
    const put = await h().call('PUT', '/api/accounting/mapping', {
      token: h().tokens.admin,
      body: {
        customerAuxPrefix: '411',
        mapping: {
          'sales.labour.1000': { account: '70611000', label: 'Main-d’œuvre TVA 10 %' },
          'sales.travel': { account: '70850000', label: 'Déplacements' },
          'sales.part': { account: '70710000', label: 'Pièces détachées' },
          'vat.1000': { account: '44571010', label: 'TVA collectée 10 %' },
          'bank.transfer': { account: '51210000', label: 'Banque Populaire' },
        },
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.lines.find((l: { key: string }) => l.key === 'sales.labour.1000')).toMatchObject({ group: 'sales', custom: { account: '70611000' } });
    expect(put.body.lines.find((l: { key: string }) => l.key === 'vat.210')).toMatchObject({ unmapped: true, defaultAccount: null });
    const generic = await download('month=2026-03');
    const body = generic.rows.slice(1);
    const accounts = new Set(body.map((r) => r[4]));
    for (const a of ['70611000', '70850000', '44571010', '51210000', '411']) expect(accounts).toContain(a);
    for (const a of ['706', '707', '4457110', '512']) expect(accounts).not.toContain(a);
    expect(body.find((r) => r[4] === '411' && r[8] === invoiceNumber)![6]).toBe('411C-001');
    const balance = new Map<string, number>();
    for (const r of body) balance.set(r[3]!, (balance.get(r[3]!) ?? 0) + cents(r[11]!) - cents(r[12]!));
    expect([...balance.values()].every((v) => v === 0)).toBe(true);
    const read = await h().call('GET', '/api/accounting/mapping', { token: h().tokens.admin });
    expect(read.body.customerAuxPrefix).toBe('411');
  });

  it('names every unmapped account and exports nothing until they are mapped', async () => {
    const put = await h().call('PUT', '/api/accounting/mapping', {
      token: h().tokens.admin,
      body: { customerAuxPrefix: '', mapping: { 'vat.1000': null, stock: null, 'sales.part': { account: '70710000', label: 'Pièces' } } },
    });
    expect(put.status).toBe(200);
    const refused = await h().call('GET', '/api/accounting/journal-export?month=2026-03&preset=sage', { token: h().tokens.admin });
    expect(refused.status).toBe(422);
    expect(refused.body.reason).toBe('unmapped_accounts');
    expect(refused.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['mapping.stock', 'mapping.vat.1000']);
    const invalid = await h().call('PUT', '/api/accounting/mapping', {
      token: h().tokens.admin,
      body: { customerAuxPrefix: 'c-', mapping: { 'sales.nothing': { account: '706', label: 'x' }, cash: { account: 'CAISSE', label: 'Caisse' } } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['customerAuxPrefix', 'mapping.cash.account', 'mapping.sales.nothing']);
    await h().call('PUT', '/api/accounting/mapping', { token: h().tokens.admin, body: { customerAuxPrefix: '', mapping: {} } });
    expect((await download('month=2026-03&preset=sage')).status).toBe(200);
  });

  it('is the admin’s: a dispatcher neither reads the mapping nor exports the books', async () => {
    expect((await h().call('GET', '/api/accounting/mapping', { token: h().tokens.dispatcherA })).status).toBe(403);
    expect((await download('month=2026-03', h().tokens.dispatcherA)).status).toBe(403);
  });
});
