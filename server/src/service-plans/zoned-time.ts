// Instants ↔ local calendar days and minutes in an IANA time zone (agencies
// have one: shifts, "today" and AM/PM windows are local). Uses the Intl API
// that Node ships with full ICU, instead of a date library.
import type { Day } from './calendar.ts';
import { dateFromDay, dayFromDate } from './calendar.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const QUARTER_HOUR_MS = 15 * 60_000;

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
 * turns thousands of conversions (seeding, simulating) into map lookups.
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
    offset = Math.round((asUtc - bucket) / 60_000);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The local calendar day of an instant. */
export function localDay(instant: Date, timeZone: string): Day {
  return dayFromDate(new Date(instant.getTime() + utcOffsetMinutes(instant, timeZone) * 60_000));
}

/** Minutes after local midnight (with seconds as a fraction). */
export function localMinuteOfDay(instant: Date, timeZone: string): number {
  const local = instant.getTime() + utcOffsetMinutes(instant, timeZone) * 60_000;
  return (((local % 86_400_000) + 86_400_000) % 86_400_000) / 60_000;
}

/**
 * The instant of local time `minute` (after midnight) on `day`. Two passes
 * settle the offset across a daylight-saving change; a local time skipped by
 * the spring change resolves to the instant one hour later, as clocks do.
 */
export function zonedInstant(day: Day, minute: number, timeZone: string): Date {
  const naive = dateFromDay(day).getTime() + minute * 60_000;
  let instant = naive - utcOffsetMinutes(new Date(naive), timeZone) * 60_000;
  instant = naive - utcOffsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}
