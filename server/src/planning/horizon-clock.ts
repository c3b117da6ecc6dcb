// Real instants ↔ the engine's clock: whole seconds from local midnight of the
// horizon's first day, day d starting at d × 86 400 (the engine has no
// calendar). Day d's local midnight is found in the agency's zone, and times
// within a day are elapsed seconds from it, so both directions agree even on
// a day the clocks change.
import { DAY } from '../../../engine/src/index.ts';
import { daysBetween } from '@tournee/contracts/calendar';
import { addDays, type IsoDay, localDay, zonedInstant } from './time.ts';

export class HorizonClock {
  /** Number of days from the first to the last (the engine's horizon is contiguous). */
  readonly days: number;
  private readonly midnights: number[];

  constructor(
    readonly first: IsoDay,
    last: IsoDay,
    readonly timeZone: string,
  ) {
    this.days = daysBetween(first, last) + 1;
    this.midnights = Array.from({ length: this.days + 1 }, (_, d) => zonedInstant(addDays(first, d), 0, timeZone).getTime());
  }

  /** Index of a calendar day in the horizon (may fall outside [0, days)). */
  dayIndex(day: IsoDay): number {
    return daysBetween(this.first, day);
  }

  dayOf(index: number): IsoDay {
    return addDays(this.first, index);
  }

  /** Seconds at `minute` past the local midnight of `day`. */
  minuteOf(day: IsoDay, minute: number): number {
    const d = this.dayIndex(day);
    return d * DAY + Math.round((zonedInstant(day, minute, this.timeZone).getTime() - zonedInstant(day, 0, this.timeZone).getTime()) / 1000);
  }

  /** An instant in engine seconds, clamped to the horizon. */
  seconds(instant: Date): number {
    const t = instant.getTime();
    if (t <= this.midnights[0]!) return 0;
    if (t >= this.midnights[this.days]!) return this.days * DAY;
    const day = localDay(instant, this.timeZone);
    const d = this.dayIndex(day);
    return d * DAY + Math.round((t - this.midnights[d]!) / 1000);
  }

  /** Whether an instant lies within the horizon. */
  contains(instant: Date): boolean {
    const t = instant.getTime();
    return t >= this.midnights[0]! && t < this.midnights[this.days]!;
  }

  instant(seconds: number): Date {
    const d = Math.max(0, Math.min(this.days, Math.floor(seconds / DAY)));
    return new Date(this.midnights[d]! + (seconds - d * DAY) * 1000);
  }
}
