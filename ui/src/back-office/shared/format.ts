// Shared by the back office's screens: money (integer cents), calendar days
// (YYYY-MM-DD, as the back office answers them) and instants, formatted for
// the UI's language. Pure functions: `lang` is i18next's `i18n.language`.
//
// Stable API: formatMoney, formatDay, formatDateTime, formatQuantity, todayIso, addDays.
import { addDays } from '@tournee/contracts/calendar';
import { localDay } from '@tournee/contracts/zoned-time';

export const locale = (lang: string | undefined): string => (lang?.startsWith('en') ? 'en-GB' : 'fr-FR');

/** 123456 → "1 234,56 €" (fr) / "€1,234.56" (en). */
export function formatMoney(cents: number | null | undefined, lang?: string): string {
  if (cents === null || cents === undefined) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** "2026-03-05" → "05/03/2026" (fr) / "05 Mar 2026" (en). Invalid or empty → "—". */
export function formatDay(day: string | null | undefined, lang?: string): string {
  if (!day) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(
    locale(lang),
    lang?.startsWith('en')
      ? { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' },
  ).format(date);
}

/** An instant in Paris time: "05/03/2026 14:30". */
export function formatDateTime(instant: string | null | undefined, lang?: string, timeZone = 'Europe/Paris'): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(lang), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(
    date,
  );
}

/** Integers with the language's grouping; signed when asked ("+3", "−2"). */
export function formatQuantity(n: number, lang?: string, signed = false): string {
  const s = new Intl.NumberFormat(locale(lang)).format(Math.abs(n));
  if (n < 0) return `−${s}`;
  return signed && n > 0 ? `+${s}` : s;
}

/** Today as YYYY-MM-DD in a zone (Paris by default), by the zone maths the server uses (@tournee/contracts/zoned-time). */
export function todayIso(now: Date = new Date(), timeZone = 'Europe/Paris'): string {
  return localDay(now, timeZone);
}

export { addDays };
