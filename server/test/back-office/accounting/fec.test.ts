// The FEC's format on a hand-made month: columns, dates, decimal commas.
import { describe, expect, it } from 'vitest';
import { FEC_COLUMNS, fecFileName, formatFec, type FecEntry } from '../../../src/back-office/accounting/fec.ts';

const entries: FecEntry[] = [
  {
    journal: 'BQ',
    fiscalYear: 2026,
    number: 1,
    date: '2026-03-20',
    pieceRef: 'VIR|42',
    pieceDate: '2026-03-20',
    validatedOn: '2026-03-20',
    lines: [
      { account: '512', accountLabel: 'Banque', auxAccount: null, auxLabel: null, label: 'Règlement', debitCents: 11_392, creditCents: 0 },
      { account: '411', accountLabel: 'Clients', auxAccount: 'C-001', auxLabel: 'Mme Dupont', label: 'Règlement', debitCents: 0, creditCents: 11_392 },
    ],
  },
  {
    journal: 'VT',
    fiscalYear: 2026,
    number: 1,
    date: '2026-03-10',
    pieceRef: 'F2026-00001',
    pieceDate: '2026-03-10',
    validatedOn: '2026-03-11',
    lines: [
      {
        account: '411',
        accountLabel: 'Clients',
        auxAccount: 'C-001',
        auxLabel: 'Mme Dupont',
        label: 'Facture\nF2026-00001',
        debitCents: 11_392,
        creditCents: 0,
      },
      { account: '706', accountLabel: 'Prestations de services', auxAccount: null, auxLabel: null, label: 'Facture', debitCents: 0, creditCents: 10_274 },
      { account: '4457110', accountLabel: 'TVA collectée 10 %', auxAccount: null, auxLabel: null, label: 'Facture', debitCents: 0, creditCents: 1_118 },
    ],
  },
];

describe('formatFec', () => {
  const fec = formatFec(entries);
  const rows = fec.content
    .trimEnd()
    .split('\r\n')
    .map((r) => r.split('|'));

  it('has the 18 columns in order, on every line', () => {
    expect(rows[0]).toEqual([...FEC_COLUMNS]);
    expect(FEC_COLUMNS).toHaveLength(18);
    for (const r of rows) expect(r).toHaveLength(18);
  });

  it('orders entries by date, writes YYYYMMDD dates and comma decimals, and cleans separators out of text', () => {
    expect(rows[1]).toEqual([
      'VT',
      'Ventes',
      'VT2026-000001',
      '20260310',
      '411',
      'Clients',
      'C-001',
      'Mme Dupont',
      'F2026-00001',
      '20260310',
      'Facture F2026-00001',
      '113,92',
      '0,00',
      '',
      '',
      '20260311',
      '',
      '',
    ]);
    expect(rows[4]![8]).toBe('VIR 42');
    expect(rows[4]![11]).toBe('113,92');
  });

  it('totals debit = credit', () => {
    expect(fec).toMatchObject({ lineCount: 5, entryCount: 2, debitCents: 22_784, creditCents: 22_784 });
  });

  it('can use tabs, and names the file as the administration expects', () => {
    expect(formatFec(entries, '\t').content.split('\r\n')[0]!.split('\t')).toHaveLength(18);
    expect(fecFileName('123456789', '2026-03-31')).toBe('123456789FEC20260331.txt');
  });
});
