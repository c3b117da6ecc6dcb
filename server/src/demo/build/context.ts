// What every part of the demo build shares: the seeded randomness, the
// instant the demo is built for, and that instant's local day.
import type { Day } from '@tournee/contracts/calendar';
import { zonedInstant } from '@tournee/contracts/zoned-time';
import type { DemoRandom } from '../random.ts';
import type { LatLon } from '../geo.ts';
import { offset } from '../geo.ts';
import type { Place } from '../places.ts';
import { SEA_BEARING } from '../catalogue/geography.ts';

export const DEMO_TIME_ZONE = 'Europe/Paris';

/** Which day the demo's work is seeded for (the DEMO_DAY setting: see config.ts). */
export const DEMO_DAY_RULES = ['auto', 'next', 'today'] as const;
export type DemoDayRule = (typeof DEMO_DAY_RULES)[number];

/**
 * With DEMO_DAY=auto, from this local time on there is no new appointment
 * left to book today: today's work is the day under way (done, on site) and
 * the calls still to take, and the following days carry the rest.
 */
export const LATE_MINUTE = 15 * 60;

/** DEMO_DAY=auto: besides today, the working days seeded ahead (requested visits booked with customers). */
export const DAYS_AHEAD = 4;
/** DEMO_DAY=auto: the working days of history behind today (done visits, invoices, warranty claims). */
export const DAYS_BEHIND = 8;

export interface BuildContext {
  readonly r: DemoRandom;
  readonly now: Date;
  /**
   * The demo's day in the agencies' zone: the local day of `now` (DEMO_DAY
   * auto and today), or the next day (DEMO_DAY=next).
   */
  readonly today: Day;
  /** The DEMO_DAY rule the company is built for. */
  readonly rule: DemoDayRule;
  /** Whether `today` is the calendar day of `now`. */
  readonly dayIsToday: boolean;
}

/** Local time on a day, as an instant (agencies are all in Paris time). */
export const at = (day: Day, minute: number): Date => zonedInstant(day, minute, DEMO_TIME_ZONE);

/**
 * An address point within a town: uniform over a disc whose radius grows
 * with the town (300 m for a village, 1.8 km for a city), on the landward
 * side for coastal towns.
 */
export function scatter(r: DemoRandom, place: Place): LatLon {
  const coastal = SEA_BEARING[place.place];
  const radius = Math.min(1800, Math.max(300, 250 + 6 * Math.sqrt(place.population))) * (coastal === undefined ? 1 : 0.7);
  const distance = radius * Math.sqrt(r.next());
  const bearing = coastal === undefined ? r.real(0, 360) : coastal + 180 + r.real(-75, 75);
  const p = offset(place, distance, bearing);
  return { lat: Math.round(p.lat * 1e6) / 1e6, lon: Math.round(p.lon * 1e6) / 1e6 };
}
