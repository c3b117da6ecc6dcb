// When the overnight planning runs: a local time of day in each agency's own
// time zone. BullMQ gets it as a cron pattern with the zone; the in-process
// runner computes the next occurrence itself.
import { addDays, localDay, zonedInstant } from '../planning/time.ts';
import type { OvernightSchedule } from './options.ts';

export const cronPattern = (s: Pick<OvernightSchedule, 'hour' | 'minute'>): string => `${s.minute} ${s.hour} * * *`;

/** The first instant strictly after `after` at which the zone's clock reads hour:minute. */
export function nextOccurrence(after: Date, s: Pick<OvernightSchedule, 'hour' | 'minute'>, timeZone: string): Date {
  const today = localDay(after, timeZone);
  for (let k = 0; k < 3; k++) {
    const at = zonedInstant(addDays(today, k), s.hour * 60 + s.minute, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error('unreachable: a day has a next occurrence');
}
