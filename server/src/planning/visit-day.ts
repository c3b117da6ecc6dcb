// Whether a visit belongs to a later day than today, in its agency's calendar.
// A technician may not set off (en_route) on tomorrow's visit today: their
// app lists the coming days too, and a tap on the wrong card would start a
// visit the customer expects tomorrow and take it out of tomorrow's tour.
// When the dispatcher moves the visit to today, its planned start says today
// and setting off is allowed again.
import { type IsoDay, localDay } from './time.ts';

/** The later day the visit is planned for, or null when it may be started today (today, earlier, or not timed). */
export function laterPlannedDay(plannedStart: Date | null, timezone: string, now: Date): IsoDay | null {
  if (!plannedStart) return null;
  const planned = localDay(plannedStart, timezone);
  return planned > localDay(now, timezone) ? planned : null;
}

/** The refusal's sentence (the API's language, English; the apps say it in theirs from the day). */
export const laterDayRefusal = (day: IsoDay): string => `the visit is planned for ${day}, not today: the dispatcher must move it to today before you set off`;
