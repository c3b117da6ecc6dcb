// Integer-cent arithmetic. Every rounding in the back office goes through
// these functions, so a quote, its invoice and their journal entries round
// the same way: half away from zero, as French invoices usually do.

/** round(a / b) half away from zero, for integers (b > 0). */
export function divRound(a: number, b: number): number {
  const q = Math.floor(Math.abs(a) / b);
  const r = Math.abs(a) - q * b;
  const rounded = 2 * r >= b ? q + 1 : q;
  return a < 0 ? -rounded : rounded;
}

/** A line's amount: quantity in thousandths × unit price in cents. */
export const lineAmount = (quantityMilli: number, unitPriceCents: number): number => divRound(quantityMilli * unitPriceCents, 1000);

/** `percent` % of an amount (0–100). */
export const percentOf = (cents: number, percent: number): number => divRound(cents * percent, 100);

/** VAT on a base at a rate in basis points (2000 = 20 %). */
export const vatOn = (baseCents: number, rateBp: number): number => divRound(baseCents * rateBp, 10_000);

/** 1234.5 € as "1234,50": the FEC's and French documents' decimal comma, no thousands separator. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A quantity as thousandths (1.5 → 1500); callers validate at most three decimals. */
export const toMilli = (quantity: number): number => Math.round(quantity * 1000);
export const fromMilli = (milli: number): number => milli / 1000;
