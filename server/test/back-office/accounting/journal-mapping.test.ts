// The journal export's pure parts, table-tested: how a key resolves through
// the company's mapping, how an invoice's sales are split by kind and VAT
// rate (or kept as posted when the document disagrees), and the dates and
// amounts as each layout writes them.
import { describe, expect, it } from 'vitest';
import { mapEntries, monthBounds, UnmappedAccountsError, type LedgerEntry } from '../../../src/back-office/accounting/journal-export.ts';
import { formatDay, formatJournal } from '../../../src/back-office/accounting/journal-layout.ts';
import { resolveAccount } from '../../../src/back-office/accounting/mapping.ts';

const line = (account: string, debitCents: number, creditCents: number, extra: Partial<LedgerEntry['lines'][number]> = {}) => ({
  account,
  accountLabel: extra.accountLabel ?? account,
  auxAccount: extra.auxAccount ?? null,
  auxLabel: extra.auxLabel ?? null,
  label: 'Facture F2026-00001 Mme Dupont',
  debitCents,
  creditCents,
});

/** An invoice: labour 100 € at 10 %, travel 40 € at 10 %, a part 50 € at 20 %. */
const invoice: LedgerEntry = {
  journal: 'VT',
  fiscalYear: 2026,
  number: 1,
  date: '2026-03-10',
  pieceRef: 'F2026-00001',
  pieceDate: '2026-03-10',
  sourceKind: 'invoice',
  lines: [
    line('706', 0, 14_000),
    line('707', 0, 5_000),
    line('4457110', 0, 1_400),
    line('4457120', 0, 1_000),
    line('411', 21_400, 0, { auxAccount: 'C-001', auxLabel: 'Mme Dupont' }),
  ],
  documentLines: [
    { kind: 'labour', netCents: 10_000, vatRateBp: 1000 },
    { kind: 'travel', netCents: 4_000, vatRateBp: 1000 },
    { kind: 'part', netCents: 5_000, vatRateBp: 2000 },
  ],
};

describe('the chart-of-accounts mapping', () => {
  it('resolves a key through the company’s mapping, its broader key, then the default chart', () => {
    const mapping = { 'sales.labour': { account: '706100', label: 'MO' }, bank: { account: '512100', label: 'BP' }, 'vat.2000': null };
    expect(resolveAccount({ mapping }, 'sales.labour.1000')).toEqual({ account: '706100', label: 'MO' });
    expect(resolveAccount({ mapping }, 'sales.travel.1000')).toEqual({ account: '706', label: 'Prestations de services' });
    expect(resolveAccount({ mapping }, 'bank.card')).toEqual({ account: '512100', label: 'BP' });
    expect(resolveAccount({ mapping }, 'vat.2000')).toBeNull();
    expect(resolveAccount({ mapping: {} }, 'vat.210')).toBeNull();
    expect(resolveAccount({ mapping: {} }, 'vat.550')).toEqual({ account: '4457155', label: 'TVA collectée 5,5 %' });
  });

  it('splits an invoice’s sales by kind and rate from the document, balanced', () => {
    const mapping = {
      'sales.labour.1000': { account: '70611', label: 'MO 10 %' },
      'sales.travel': { account: '7085', label: 'Déplacements' },
      'sales.part.2000': { account: '70712', label: 'Pièces 20 %' },
    };
    const lines = mapEntries([invoice], { mapping, customerAuxPrefix: 'C' });
    expect(lines.map((l) => [l.account, l.debitCents, l.creditCents, l.auxAccount])).toEqual([
      ['70611', 0, 10_000, null],
      ['7085', 0, 4_000, null],
      ['70712', 0, 5_000, null],
      ['4457110', 0, 1_400, null],
      ['4457120', 0, 1_000, null],
      ['411', 21_400, 0, 'CC-001'],
    ]);
  });

  it('keeps the sales as posted when the document’s lines do not add up to them', () => {
    const odd = { ...invoice, documentLines: [{ kind: 'labour', netCents: 1, vatRateBp: 1000 }] };
    const lines = mapEntries([odd], { mapping: {}, customerAuxPrefix: '' });
    expect(lines.map((l) => l.account)).toEqual(['706', '707', '4457110', '4457120', '411']);
  });

  it('names every unmapped key at once', () => {
    const other = { ...invoice, lines: [...invoice.lines.slice(0, 2), line('4457100', 0, 2_400, { accountLabel: 'TVA collectée 2.1 %' }), invoice.lines[4]!] };
    let error: unknown;
    try {
      mapEntries([other], { mapping: { 'sales.part': null }, customerAuxPrefix: '' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnmappedAccountsError);
    expect((error as UnmappedAccountsError).fields.map((f) => f.path)).toEqual(['mapping.sales.part.2000', 'mapping.vat.210']);
  });

  it('refuses an entry that would not balance', () => {
    const broken = { ...invoice, documentLines: undefined, lines: invoice.lines.slice(0, 4) };
    expect(() => mapEntries([broken], { mapping: {}, customerAuxPrefix: '' })).toThrow(/does not balance/);
  });
});

describe('journal layouts', () => {
  it.each([
    ['DD/MM/YYYY', '09/03/2026'],
    ['DDMMYY', '090326'],
    ['DDMMYYYY', '09032026'],
    ['YYYY-MM-DD', '2026-03-09'],
    ['YYYYMMDD', '20260309'],
  ] as const)('writes %s as %s', (format, text) => expect(formatDay('2026-03-09', format)).toBe(text));

  it('quotes only what must be, blanks a zero amount and writes Windows-1252 when asked', () => {
    // The first line: labour, 100 € credited (split from the document).
    const [first] = mapEntries([invoice], { mapping: {}, customerAuxPrefix: '' });
    const file = formatJournal([{ ...first!, label: 'Facture; "urgent"' }], {
      columns: ['date', 'label', 'debit', 'credit'],
      separator: 'semicolon',
      decimal: 'comma',
      dateFormat: 'DD/MM/YYYY',
      header: true,
      encoding: 'windows-1252',
    });
    expect(file.content.toString('latin1')).toBe('Date;Libellé;Débit;Crédit\r\n10/03/2026;"Facture; ""urgent""";;100,00\r\n');
    expect(file.contentType).toBe('text/csv; charset=windows-1252');
  });

  it('knows a month’s last day', () => {
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
