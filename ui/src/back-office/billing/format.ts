// Money and days as the office reads them: euros with the language's
// conventions (1 234,56 € in French), amounts typed in euros turned into cents.

import { formatDay as sharedFormatDay, formatMoney, locale, todayIso } from '../shared/format.ts';

/** 123456 → "1 234,56 €" in French (the back office's shared formatting). */
export const formatEuros = (cents: number | null | undefined, language: string): string => formatMoney(cents, language);

/** A rate in basis points: 2000 → "20 %", 550 → "5,5 %". */
export function formatRate(bp: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000);
}

export function formatPercent(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

export function formatNumber(value: number, language: string, digits = 3): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits }).format(value);
}

/** YYYY-MM-DD as a short date. */
export const formatDay = (day: string | null | undefined, language: string): string => sharedFormatDay(day, language);

/**
 * "12,50", "12.5", "1 234,56 €" → cents; null when it is not an amount.
 * Negative amounts only when `signed`.
 */
export function parseEuros(text: string, signed = false): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const pattern = signed ? /^-?\d+(\.\d{1,2})?$/ : /^\d+(\.\d{1,2})?$/;
  if (!pattern.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

/** Cents as an editable amount ("12,50" in French). */
export function eurosInput(cents: number, language: string): string {
  const s = (cents / 100).toFixed(2);
  return language.startsWith('fr') ? s.replace('.', ',') : s;
}

/** "12,5" or "12.5" → 12.5; null when not a number. */
export function parseDecimal(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

export const todayDay = (now = new Date()): string => todayIso(now);

/** First and last day of a month "YYYY-MM". */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
