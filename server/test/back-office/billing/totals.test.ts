// Pricing: integer cents, coverage deducted per line with the supplier's
// share kept, VAT once per rate.
import { describe, expect, it } from 'vitest';
import { priceLine, totalsOf } from '../../../src/back-office/billing/totals.ts';
import { divRound, formatCents, lineAmount } from '../../../src/back-office/money.ts';

describe('money', () => {
  it('rounds half away from zero', () => {
    expect([divRound(5, 10), divRound(4, 10), divRound(-5, 10), divRound(15, 10), divRound(14, 10)]).toEqual([1, 0, -1, 2, 1]);
    expect(lineAmount(1_250, 6_500)).toBe(8_125); // 1.25 h at 65 €
    expect(lineAmount(333, 1)).toBe(0);
    expect(formatCents(123_456)).toBe('1234,56');
    expect(formatCents(5)).toBe('0,05');
    expect(formatCents(-1_000)).toBe('-10,00');
  });
});

describe('an invoice with warranty coverage', () => {
  // Parts under the manufacturer's warranty (paid back by the supplier),
  // labour half covered by our own warranty, travel not covered.
  const lines = [
    priceLine({ kind: 'labour', quantityMilli: 1_500, unitPriceCents: 6_500, coveragePercent: 50, supplierId: null, vatRateBp: 1000 }),
    priceLine({ kind: 'travel', quantityMilli: 1_000, unitPriceCents: 4_500, coveragePercent: 0, supplierId: null, vatRateBp: 1000 }),
    priceLine({ kind: 'part', quantityMilli: 2_000, unitPriceCents: 15_000, coveragePercent: 100, supplierId: 'sup', vatRateBp: 1000 }),
    priceLine({ kind: 'part', quantityMilli: 1_000, unitPriceCents: 899, coveragePercent: 0, supplierId: null, vatRateBp: 2000 }),
  ];

  it('splits each line into covered and billed, the supplier share kept', () => {
    expect(lines.map((l) => [l.grossCents, l.coveredCents, l.netCents, l.supplierShareCents])).toEqual([
      [9_750, 4_875, 4_875, 0],
      [4_500, 0, 4_500, 0],
      [30_000, 30_000, 0, 30_000],
      [899, 0, 899, 0],
    ]);
  });

  it('totals with VAT per rate', () => {
    const t = totalsOf(lines);
    expect(t).toEqual({
      grossCents: 45_149,
      coveredCents: 34_875,
      netCents: 10_274,
      vatBreakdown: [
        { rateBp: 2000, baseCents: 899, vatCents: 180 },
        { rateBp: 1000, baseCents: 9_375, vatCents: 938 },
      ],
      vatCents: 1_118,
      totalCents: 11_392,
      supplierShareCents: 30_000,
    });
    expect(t.grossCents).toBe(t.coveredCents + t.netCents);
  });
});
