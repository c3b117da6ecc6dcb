// When a technician can take new work on a day: the day's shifts, less
// absences, less what is already past or already committed (the fixed visits
// of the day end at `busyUntil`).
import type { ShiftRecord, TechnicianRecord } from './records.ts';
import { isoWeekday, type IsoDay, zonedInstant } from './time.ts';

/** Shorter leftovers of a shift are not worth a vehicle. */
export const MIN_AVAILABILITY_MINUTES = 30;

export interface Availability {
  readonly start: Date;
  readonly end: Date;
  /** The shift's break (lunch), on the first availability that can hold it. */
  readonly lunch: { readonly earliestStart: Date; readonly latestStart: Date; readonly minutes: number } | null;
}

/** The shifts of a day: one-day shifts replace the weekly ones. */
export function shiftsOfDay(technician: TechnicianRecord, day: IsoDay): ShiftRecord[] {
  const dated = technician.shifts.filter((s) => s.day === day);
  if (dated.length > 0) return dated;
  const weekday = isoWeekday(day);
  return technician.shifts.filter((s) => s.day === null && s.weekday === weekday);
}

export function availabilities(
  technician: TechnicianRecord,
  day: IsoDay,
  timeZone: string,
  notBefore: Date | null,
): Availability[] {
  const result: Availability[] = [];
  const shifts = shiftsOfDay(technician, day).sort((a, b) => a.startMinute - b.startMinute);
  for (const shift of shifts) {
    let pieces: [number, number][] = [
      [zonedInstant(day, shift.startMinute, timeZone).getTime(), zonedInstant(day, shift.endMinute, timeZone).getTime()],
    ];
    for (const a of technician.absences) pieces = subtract(pieces, a.startsAt.getTime(), a.endsAt.getTime());
    if (notBefore) pieces = subtract(pieces, Number.NEGATIVE_INFINITY, notBefore.getTime());
    pieces = pieces.filter(([s, e]) => e - s >= MIN_AVAILABILITY_MINUTES * 60_000);

    // The break starts in [window start, window end − break]; without a window, anywhere in the shift.
    const window = shift.breakWindow ?? { startMinute: shift.startMinute, endMinute: shift.endMinute };
    const lunchFrom = zonedInstant(day, window.startMinute, timeZone).getTime();
    const lunchTo = zonedInstant(day, window.endMinute - shift.breakMinutes, timeZone).getTime();
    let lunchPlaced = shift.breakMinutes <= 0;
    for (const [s, e] of pieces) {
      let lunch: Availability['lunch'] = null;
      if (!lunchPlaced) {
        const earliest = Math.max(s, lunchFrom);
        const latest = Math.min(e - shift.breakMinutes * 60_000, lunchTo);
        if (earliest <= latest) {
          lunch = { earliestStart: new Date(earliest), latestStart: new Date(latest), minutes: shift.breakMinutes };
          lunchPlaced = true;
        }
      }
      result.push({ start: new Date(s), end: new Date(e), lunch });
    }
  }
  return result;
}

/** Intervals less [from, to). */
function subtract(pieces: [number, number][], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of pieces) {
    if (to <= s || from >= e) {
      out.push([s, e]);
      continue;
    }
    if (from > s) out.push([s, from]);
    if (to < e) out.push([to, e]);
  }
  return out;
}
