// Calendar days for accounting and stock: the company keeps its books in
// French time, so an instant's accounting day is its day in Europe/Paris.
import { addDays, dateColumnOfDay, dayOfDateColumn, localDay, type IsoDay } from '../planning/time.ts';

export type { IsoDay };
export { addDays };

export const BOOKS_TIME_ZONE = 'Europe/Paris';

/** The accounting day of an instant. */
export const booksDay = (instant: Date): IsoDay => localDay(instant, BOOKS_TIME_ZONE);
/** A `@db.Date` column value as `YYYY-MM-DD`. */
export const dayOf = (value: Date): IsoDay => dayOfDateColumn(value);
/** `YYYY-MM-DD` as the value Prisma writes to a `@db.Date` column. */
export const dateOf = (day: IsoDay): Date => dateColumnOfDay(day);

/** The same day n months later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: IsoDay, months: number): IsoDay {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: IsoDay, b: IsoDay): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
