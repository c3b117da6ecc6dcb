// Journal entries: every rule's entry balances, on the accounts the PCG
// names, and the builder refuses what cannot balance.
import { describe, expect, it } from 'vitest';
import { buildEntry, UnbalancedEntryError, type EntryDraft } from '../../../src/back-office/accounting/entry.ts';
import { ACCOUNTS } from '../../../src/back-office/accounting/chart.ts';
import { claimEntry, documentEntry, paymentEntry, stockEntry } from '../../../src/back-office/accounting/rules.ts';

const customer = { number: 'C-001', label: 'Mme Dupont' };
const supplier = { number: '401ATL', label: 'Atlantic' };
const balanced = (e: EntryDraft | null) => {
  expect(e).not.toBeNull();
  const debit = e!.lines.reduce((s, l) => s + l.debitCents, 0);
  const credit = e!.lines.reduce((s, l) => s + l.creditCents, 0);
  expect(debit).toBe(credit);
  for (const l of e!.lines) expect(l.debitCents > 0 !== l.creditCents > 0).toBe(true);
  return Object.fromEntries(e!.lines.map((l) => [l.account, l.debitCents - l.creditCents]));
};

const invoice = {
  id: 'i1',
  kind: 'invoice' as const,
  number: 'F2026-00001',
  issuedOn: '2026-03-10',
  agencyId: 'a',
  customer,
  lines: [
    { kind: 'labour' as const, netCents: 4_875 },
    { kind: 'travel' as const, netCents: 4_500 },
    { kind: 'part' as const, netCents: 899 },
  ],
  vatBreakdown: [
    { rateBp: 2000, baseCents: 899, vatCents: 180 },
    { rateBp: 1000, baseCents: 9_375, vatCents: 938 },
  ],
  totalCents: 11_392,
};

describe('posting rules', () => {
  const cases: Array<[string, () => EntryDraft | null, Record<string, number>]> = [
    ['invoice', () => documentEntry(invoice), { '411': 11_392, '706': -9_375, '707': -899, '4457120': -180, '4457110': -938 }],
    [
      'credit note',
      () => documentEntry({ ...invoice, kind: 'credit_note', number: 'A2026-00001' }),
      { '411': -11_392, '706': 9_375, '707': 899, '4457120': 180, '4457110': 938 },
    ],
    [
      'payment by transfer',
      () =>
        paymentEntry({
          id: 'p',
          invoiceNumber: 'F2026-00001',
          receivedOn: '2026-03-20',
          agencyId: 'a',
          customer,
          amountCents: 5_000,
          method: 'transfer',
          reference: null,
        }),
      { '512': 5_000, '411': -5_000 },
    ],
    [
      'payment in cash',
      () =>
        paymentEntry({ id: 'p', invoiceNumber: 'F', receivedOn: '2026-03-20', agencyId: 'a', customer, amountCents: 5_000, method: 'cash', reference: null }),
      { '531': 5_000, '411': -5_000 },
    ],
    [
      'refund',
      () =>
        paymentEntry({
          id: 'p',
          invoiceNumber: 'F',
          receivedOn: '2026-03-20',
          agencyId: 'a',
          customer,
          amountCents: -2_000,
          method: 'transfer',
          reference: null,
        }),
      { '512': -2_000, '411': 2_000 },
    ],
    [
      'stock receipt',
      () =>
        stockEntry({
          batchId: 'b',
          occurredOn: '2026-03-01',
          agencyId: 'a',
          pieceRef: 'PO-1',
          label: 'Réception',
          movements: [
            { quantity: 3, unitCostCents: 1_200 },
            { quantity: 1, unitCostCents: 8_000 },
          ],
        }),
      { '37': 11_600, '6037': -11_600 },
    ],
    [
      'stock consumption',
      () =>
        stockEntry({
          batchId: 'b',
          occurredOn: '2026-03-01',
          agencyId: 'a',
          pieceRef: 'INT',
          label: 'Conso',
          movements: [{ quantity: -2, unitCostCents: 1_200 }],
        }),
      { '37': -2_400, '6037': 2_400 },
    ],
    [
      'claim submitted',
      () =>
        claimEntry(
          { id: 'c', reference: 'GAR', agencyId: 'a', supplier, expectedCreditCents: 30_000, receivedCreditCents: 0 },
          { kind: 'submitted', on: '2026-03-11' },
        ),
      { '4098': 30_000, '7088': -30_000 },
    ],
    [
      'claim credited in full',
      () =>
        claimEntry(
          { id: 'c', reference: 'GAR', agencyId: 'a', supplier, expectedCreditCents: 30_000, receivedCreditCents: 30_000 },
          { kind: 'credited', on: '2026-04-02' },
        ),
      { '401': 30_000, '4098': -30_000 },
    ],
    [
      'claim credited above expected',
      () =>
        claimEntry(
          { id: 'c', reference: 'GAR', agencyId: 'a', supplier, expectedCreditCents: 30_000, receivedCreditCents: 31_000 },
          { kind: 'credited', on: '2026-04-02' },
        ),
      { '401': 31_000, '4098': -30_000, '7088': -1_000 },
    ],
    [
      'claim shortfall written off',
      () =>
        claimEntry(
          { id: 'c', reference: 'GAR', agencyId: 'a', supplier, expectedCreditCents: 30_000, receivedCreditCents: 25_000 },
          { kind: 'written_off', on: '2026-04-30' },
        ),
      { '658': 5_000, '4098': -5_000 },
    ],
  ];
  it.each(cases)('%s balances on the right accounts', (_name, build, expected) => {
    expect(balanced(build())).toEqual(expected);
  });

  it('posts nothing for a transfer (it nets to zero)', () => {
    expect(
      stockEntry({
        batchId: 'b',
        occurredOn: '2026-03-01',
        agencyId: 'a',
        pieceRef: 'T',
        label: 'T',
        movements: [
          { quantity: -2, unitCostCents: 1_200 },
          { quantity: 2, unitCostCents: 1_200 },
        ],
      }),
    ).toBeNull();
  });

  it('refuses an invoice whose lines do not add up to its total', () => {
    expect(() => documentEntry({ ...invoice, totalCents: 11_393 })).toThrow(UnbalancedEntryError);
  });

  it('balances any set of legs by construction', () => {
    const header = {
      journal: 'OD' as const,
      date: '2026-01-01',
      label: 'x',
      pieceRef: 'x',
      pieceDate: '2026-01-01',
      sourceKind: 't',
      sourceId: 't',
      agencyId: null,
    };
    let built = 0;
    for (let seed = 1; seed < 200; seed++) {
      const legs = Array.from({ length: 1 + (seed % 5) }, (_, i) => ({
        account: ACCOUNTS.services,
        label: `l${i}`,
        amountCents: ((seed * 7919 * (i + 1)) % 20_001) - 10_000,
      }));
      const e = buildEntry(header, legs, { account: ACCOUNTS.customers, label: 'c' });
      const posted = legs.filter((leg) => leg.amountCents !== 0);
      if (posted.length === 0) {
        // Nothing to post: no entry rather than an empty one.
        expect(e, `seed ${seed}`).toBeNull();
        continue;
      }
      balanced(e);
      built++;
      // Every non-zero leg is kept, and the counterpart takes exactly what they leave unbalanced.
      const total = posted.reduce((sum, leg) => sum + leg.amountCents, 0);
      const counterpart = e!.lines.filter((line) => line.account === ACCOUNTS.customers.number);
      expect(e!.lines.length, `seed ${seed}`).toBe(posted.length + counterpart.length);
      expect(counterpart.length, `seed ${seed}`).toBe(total === 0 ? 0 : 1);
      expect(counterpart.reduce((sum, line) => sum + line.debitCents - line.creditCents, 0) + total, `seed ${seed}`).toBe(0);
    }
    expect(built).toBeGreaterThan(150);
  });
});
