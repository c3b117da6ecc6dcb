// Prices a document's lines: gross amount, the warranty or contract share
// deducted (and the part of it the supplier pays back), net amount, and VAT
// computed once per rate on the net base of that rate — the way French
// invoices total VAT — so the document's totals are exactly the sums the
// ledger posts.
import { lineAmount, percentOf, vatOn } from '../money.ts';

export interface LineInput {
  readonly kind: 'labour' | 'travel' | 'part' | 'fee' | 'other';
  readonly quantityMilli: number;
  readonly unitPriceCents: number;
  /** 0–100: the share paid by a warranty or contract. */
  readonly coveragePercent: number;
  /** The covered share is paid back by this supplier (manufacturer's warranty), else borne by the company. */
  readonly supplierId: string | null;
  readonly vatRateBp: number;
}

export interface PricedLine extends LineInput {
  readonly grossCents: number;
  readonly coveredCents: number;
  readonly netCents: number;
  readonly supplierShareCents: number;
}

export interface VatBreakdownRow {
  readonly rateBp: number;
  readonly baseCents: number;
  readonly vatCents: number;
}

export interface DocumentTotals {
  readonly grossCents: number;
  readonly coveredCents: number;
  readonly netCents: number;
  readonly vatCents: number;
  readonly totalCents: number;
  readonly supplierShareCents: number;
  readonly vatBreakdown: readonly VatBreakdownRow[];
}

export function priceLine(l: LineInput): PricedLine {
  const grossCents = lineAmount(l.quantityMilli, l.unitPriceCents);
  const coveredCents = percentOf(grossCents, l.coveragePercent);
  return { ...l, grossCents, coveredCents, netCents: grossCents - coveredCents, supplierShareCents: l.supplierId ? coveredCents : 0 };
}

export function totalsOf(lines: readonly PricedLine[]): DocumentTotals {
  const bases = new Map<number, number>();
  for (const l of lines) bases.set(l.vatRateBp, (bases.get(l.vatRateBp) ?? 0) + l.netCents);
  const vatBreakdown = [...bases].sort(([a], [b]) => b - a).map(([rateBp, baseCents]) => ({ rateBp, baseCents, vatCents: vatOn(baseCents, rateBp) }));
  const sum = (f: (l: PricedLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const netCents = sum((l) => l.netCents);
  const vatCents = vatBreakdown.reduce((s, r) => s + r.vatCents, 0);
  return {
    grossCents: sum((l) => l.grossCents),
    coveredCents: sum((l) => l.coveredCents),
    netCents,
    vatCents,
    totalCents: netCents + vatCents,
    supplierShareCents: sum((l) => l.supplierShareCents),
    vatBreakdown,
  };
}
