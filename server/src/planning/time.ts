// Calendar days and times of day in an agency's time zone. The schema stores
// shifts as minutes after local midnight and days as dates, so turning them
// into instants needs the zone's offset on that day (DST changes it twice a
// year). Only Intl is used: no time-zone database to ship.

/** `YYYY-MM-DD`. */
export type IsoDay = string;

const MINUTE_MS = 60_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: IsoDay): [number, number, number] {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a calendar day: "${day}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(instant: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { y: parts.year!, mo: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute!, s: parts.second! };
}

/** Offset of the zone at an instant, in ms (Paris in winter: +3_600_000). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the zone's clock reads `minute` minutes after midnight
 * of `day`. Minutes may exceed 1440 (the next day). In the hour skipped by a
 * spring-forward change, the result is the instant just after the gap.
 */
export function zonedInstant(day: IsoDay, minute: number, timeZone: string): Date {
  const [y, mo, d] = parseDay(day);
  const wall = Date.UTC(y, mo - 1, d) + minute * MINUTE_MS;
  // Two passes converge: the first offset may belong to the other side of a DST change.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant);
}

/** The calendar day an instant falls on in a zone. */
export function localDay(instant: Date, timeZone: string): IsoDay {
  const w = wallClock(instant.getTime(), timeZone);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
}

/** Minutes after local midnight (fractional seconds dropped). */
export function localMinute(instant: Date, timeZone: string): number {
  const w = wallClock(instant.getTime(), timeZone);
  return w.h * 60 + w.mi + w.s / 60;
}

/** ISO weekday, 1 = Monday … 7 = Sunday (the schema's convention). */
export function isoWeekday(day: IsoDay): number {
  const [y, mo, d] = parseDay(day);
  const w = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function addDays(day: IsoDay, n: number): IsoDay {
  const [y, mo, d] = parseDay(day);
  return new Date(Date.UTC(y, mo - 1, d + n)).toISOString().slice(0, 10);
}

/** A `@db.Date` column as Prisma returns it (midnight UTC) → `YYYY-MM-DD`. */
export function dayOfDateColumn(value: Date): IsoDay {
  return value.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → the Date Prisma expects for a `@db.Date` column. */
export function dateColumnOfDay(day: IsoDay): Date {
  parseDay(day);
  return new Date(`${day}T00:00:00.000Z`);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
