// Instants ↔ local calendar days and minutes in an IANA time zone. An agency
// has one: its shifts, its "today", AM/PM windows and the board's timeline are
// read on its clock, whatever the zone of the server or of the dispatcher's
// browser. The one implementation for the server and the UI.
//
// It uses the Intl API (full ICU in Node, every browser) rather than a date
// library: a zone library would make the same Intl calls underneath, and this
// module's quarter-hour offset cache is what keeps the demo seeder and the
// position simulator (thousands of conversions) cheap.
import { dateFromDay, dayFromDate, type Day } from './calendar.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_HOUR_MS = 15 * 60_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Bound on the offset cache: a long-running server converting years of instants must not grow it forever. */
const MAX_CACHED_OFFSETS = 100_000;

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
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Offset of local time from UTC at that instant, in minutes (Paris: +60 or
 * +120). Zone offsets are whole quarter hours and change on quarter-hour
 * instants, so one Intl call per zone and quarter hour is enough: the cache
 * turns thousands of conversions into map lookups.
 */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const bucket = Math.floor(instant.getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const values: Record<string, number> = {};
    for (const part of formatter(timeZone).formatToParts(new Date(bucket))) {
      if (part.type !== 'literal') values[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(values.year!, values.month! - 1, values.day!, values.hour!, values.minute!);
    offset = Math.round((asUtc - bucket) / MINUTE_MS);
    if (offsets.size > MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The local calendar day of an instant. */
export function localDay(instant: Date, timeZone: string): Day {
  return dayFromDate(new Date(instant.getTime() + utcOffsetMinutes(instant, timeZone) * MINUTE_MS));
}

/** Minutes after the local midnight of the instant's own local day (with seconds as a fraction), in [0, 1440). */
export function localMinuteOfDay(instant: Date, timeZone: string): number {
  const local = instant.getTime() + utcOffsetMinutes(instant, timeZone) * MINUTE_MS;
  return (((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS;
}

/**
 * The instant of local time `minute` (after midnight) on `day`; minutes may
 * be negative or exceed 1440 (the day before or after). Two passes settle the
 * offset across a daylight-saving change; a local time skipped by the spring
 * change resolves to the instant one hour later, as clocks do.
 */
export function zonedInstant(day: Day, minute: number, timeZone: string): Date {
  const naive = dateFromDay(day).getTime() + minute * MINUTE_MS;
  let instant = naive - utcOffsetMinutes(new Date(naive), timeZone) * MINUTE_MS;
  instant = naive - utcOffsetMinutes(new Date(instant), timeZone) * MINUTE_MS;
  return new Date(instant);
}

/**
 * Minutes from the local midnight that starts `day` to the instant (an ISO
 * string or a Date): where a visit sits on that day's timeline. Negative
 * before the day, past 1440 after it. Elapsed minutes, not the clock's
 * reading: on a daylight-saving day they differ by an hour after the change.
 */
export function minutesSinceLocalMidnight(instant: string | Date, day: Day, timeZone: string): number {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  return (at.getTime() - zonedInstant(day, 0, timeZone).getTime()) / MINUTE_MS;
}
