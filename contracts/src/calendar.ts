// Calendar days as 'YYYY-MM-DD' strings: what a `date` column means (a day,
// not an instant), and they compare correctly as plain strings. All the
// arithmetic runs on UTC midnights, where every day has 24 hours, so no time
// zone or daylight-saving change can shift a result by a day. Shared by the
// server (service plans, planning, demo) and the browser (the board's day
// navigation, weekly shifts): one day arithmetic for both.

/** A calendar day, 'YYYY-MM-DD'. */
export type Day = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function parts(day: Day): [number, number, number] {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a calendar day (YYYY-MM-DD): "${day}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function format(y: number, m: number, d: number): Day {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 1-based month. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(day: Day, days: number): Day {
  return dayFromDate(new Date(dateFromDay(day).getTime() + days * MS_PER_DAY));
}

/**
 * Same day of the month, `months` later (or earlier), clamped to the month's
 * last day: 31 January + 1 month = 28 (or 29) February. This is what
 * PostgreSQL's `date + interval 'n months'` does, so SQL and code agree.
 */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((dateFromDay(to).getTime() - dateFromDay(from).getTime()) / MS_PER_DAY);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: Day): number {
  const weekday = dateFromDay(day).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function minDay(a: Day, b: Day): Day {
  return a <= b ? a : b;
}

export function maxDay(a: Day, b: Day): Day {
  return a >= b ? a : b;
}

/** A `@db.Date` value as Prisma returns it (UTC midnight) → Day. */
export function dayFromDate(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

/** Day → the UTC-midnight Date Prisma writes into a `date` column. */
export function dateFromDay(day: Day): Date {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d));
}
