// Calendar days and times of day in an agency's time zone, under the names
// the planner uses. One implementation serves the server and the board: the
// calendar arithmetic and the Intl-based zone conversions (cached per quarter
// hour) of @tournee/contracts (calendar.ts, zoned-time.ts).
import { addDays as addCalendarDays, dateFromDay, dayFromDate, isoWeekday as calendarWeekday, type Day } from '@tournee/contracts/calendar';
import { localDay as zonedLocalDay, localMinuteOfDay, zonedInstant as zonedInstantOf } from '@tournee/contracts/zoned-time';

/** `YYYY-MM-DD`. */
export type IsoDay = Day;

/**
 * The instant at which the zone's clock reads `minute` minutes after midnight
 * of `day`. Minutes may exceed 1440 (the next day). In the hour skipped by a
 * spring-forward change, the result is the instant just after the gap.
 */
export const zonedInstant: (day: IsoDay, minute: number, timeZone: string) => Date = zonedInstantOf;

/** The calendar day an instant falls on in a zone. */
export const localDay: (instant: Date, timeZone: string) => IsoDay = zonedLocalDay;

/** Minutes after local midnight. */
export const localMinute: (instant: Date, timeZone: string) => number = localMinuteOfDay;

/** ISO weekday, 1 = Monday … 7 = Sunday (the schema's convention). */
export const isoWeekday: (day: IsoDay) => number = calendarWeekday;

export const addDays: (day: IsoDay, n: number) => IsoDay = addCalendarDays;

/** A `@db.Date` column as Prisma returns it (midnight UTC) → `YYYY-MM-DD`. */
export const dayOfDateColumn: (value: Date) => IsoDay = dayFromDate;

/** `YYYY-MM-DD` → the Date Prisma expects for a `@db.Date` column (a malformed day throws RangeError). */
export const dateColumnOfDay: (day: IsoDay) => Date = dateFromDay;
