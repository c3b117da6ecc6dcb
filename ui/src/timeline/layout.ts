// The timeline's rows, computed from the plan: pure, so it is tested without
// a browser. Minutes are counted from local midnight of the selected day in
// the agency's time zone.
import type { Absence, InterventionView, Shift, Technician, TourView } from '../api/types.ts';
import { isUrgent, technicianColor } from '../board/colors.ts';
import { isoWeekday } from '@tournee/contracts/calendar';
import { minutesSinceLocalMidnight } from '@tournee/contracts/zoned-time';

export type Bar =
  | {
      readonly kind: 'visit';
      readonly interventionId: string;
      readonly start: number;
      readonly end: number;
      readonly label: string;
      readonly status: InterventionView['status'];
      readonly urgent: boolean;
      readonly stop: number;
      /** Facts of the day (en route, on site, done) cannot be moved. */
      readonly locked: boolean;
    }
  | { readonly kind: 'travel'; readonly start: number; readonly end: number; readonly seconds: number }
  | { readonly kind: 'break'; readonly start: number; readonly end: number };

export interface DayShift {
  readonly start: number;
  readonly end: number;
  readonly breakMinutes: number;
  /** The window the break is taken in, when the shift sets one. */
  readonly breakWindow?: { readonly start: number; readonly end: number } | null;
}

/** A time the technician is away (leave, sick, training…), in minutes of the day shown. */
export interface AwayBand {
  readonly start: number;
  readonly end: number;
  readonly kind: Absence['kind'];
  readonly note: string | null;
}

export interface TimelineRow {
  readonly technician: Technician;
  readonly color: string;
  readonly tour: TourView | null;
  /** Null when the technician does not work that day, or is away for all of it. */
  readonly shift: DayShift | null;
  /** Absences on the day, clipped to it. */
  readonly away: readonly AwayBand[];
  /** Away for the whole of their hours (or the whole day, without hours): nothing can be planned. */
  readonly awayAllDay: boolean;
  readonly bars: readonly Bar[];
  /** Work past the shift's end. */
  readonly overtime: { readonly start: number; readonly end: number } | null;
  /** When the tour ends (back home), if known. */
  readonly end: number | null;
}

export const LOCKED_STATUSES: ReadonlySet<InterventionView['status']> = new Set(['en_route', 'on_site', 'done', 'closed', 'cancelled']);

/** A one-day shift overrides the weekly ones of that weekday (server/src/planning/records.ts). */
export function shiftOf(shifts: readonly Shift[] | undefined, day: string): DayShift | null {
  if (!shifts || shifts.length === 0) return null;
  const dated = shifts.filter((s) => s.date === day);
  const list = dated.length > 0 ? dated : shifts.filter((s) => s.date === null && s.weekday === isoWeekday(day));
  if (list.length === 0) return null;
  const windowed = list.find((s) => s.breakStartMinute != null && s.breakEndMinute != null);
  return {
    start: Math.min(...list.map((s) => s.startMinute)),
    end: Math.max(...list.map((s) => s.endMinute)),
    breakMinutes: list.reduce((n, s) => n + s.breakMinutes, 0),
    ...(windowed ? { breakWindow: { start: windowed.breakStartMinute!, end: windowed.breakEndMinute! } } : {}),
  };
}

export function buildRows(input: {
  readonly technicians: readonly Technician[];
  readonly tours: Readonly<Record<string, TourView>>;
  readonly interventions: Readonly<Record<string, InterventionView>>;
  readonly shifts: Readonly<Record<string, readonly Shift[]>>;
  readonly absences?: Readonly<Record<string, readonly Absence[]>>;
  readonly day: string;
  readonly timezone: string;
}): TimelineRow[] {
  const { day, timezone } = input;
  const tourOf = new Map(
    Object.values(input.tours)
      .filter((t) => t.date === day)
      .map((t) => [t.technicianId, t]),
  );
  const at = (iso: string | null) => (iso ? minutesSinceLocalMidnight(iso, day, timezone) : null);
  return input.technicians.map((technician) => {
    const tour = tourOf.get(technician.id) ?? null;
    const hours = shiftOf(input.shifts[technician.id], day);
    const away = awayBands(input.absences?.[technician.id] ?? [], day, timezone);
    const from = hours?.start ?? 0;
    const to = hours?.end ?? 24 * 60;
    const awayAllDay = away.length > 0 && covers(away, from, to);
    const shift = awayAllDay ? null : hours;
    const bars: Bar[] = [];
    let lastEnd: number | null = null;
    for (const [index, stop] of (tour?.stops ?? []).entries()) {
      const intervention = input.interventions[stop.interventionId];
      const start = at(stop.plannedStart ?? intervention?.plannedStart ?? null);
      if (start === null) continue;
      const end = at(stop.plannedEnd ?? intervention?.plannedEnd ?? null) ?? start + (intervention?.estimatedDurationMinutes ?? 60);
      const arrival = at(stop.plannedArrival) ?? start;
      if (stop.travelSeconds) {
        bars.push({ kind: 'travel', start: arrival - stop.travelSeconds / 60, end: arrival, seconds: stop.travelSeconds });
      }
      bars.push({
        kind: 'visit',
        interventionId: stop.interventionId,
        start,
        end,
        label: intervention?.label ?? stop.interventionId,
        status: intervention?.status ?? 'planned',
        urgent: intervention ? isUrgent(intervention) : false,
        stop: index + 1,
        locked: intervention ? LOCKED_STATUSES.has(intervention.status) : false,
      });
      lastEnd = Math.max(lastEnd ?? end, end);
    }
    const kpiEnd = typeof tour?.kpis.end === 'string' ? at(tour.kpis.end) : null;
    const end = kpiEnd ?? lastEnd;
    // The engine stores where it put the breaks with the tour: drawn there. A day without a
    // tour (or planned before breaks were stored) has none stored: it gets the usual estimate.
    // Away all day, no break is taken (a tour planned before the absence keeps its visits: they show, to be moved).
    const stored = awayAllDay ? [] : storedBreaks(tour, at);
    if (stored) bars.push(...stored);
    else if (shift && shift.breakMinutes > 0) bars.push(placeBreak(bars, shift.breakMinutes, shift.breakWindow ?? null));
    const overtime = shift && end !== null && end > shift.end ? { start: shift.end, end } : null;
    return { technician, color: technicianColor(technician), tour, shift, away, awayAllDay, bars, overtime, end };
  });
}

/** The breaks the engine placed, from the tour's KPIs; null when the tour does not say. */
function storedBreaks(tour: TourView | null, at: (iso: string | null) => number | null): Bar[] | null {
  const breaks = tour?.kpis.breaks;
  if (!Array.isArray(breaks)) return null;
  const bars: Bar[] = [];
  for (const b of breaks as unknown[]) {
    if (!b || typeof b !== 'object') continue;
    const { start, end } = b as { start?: unknown; end?: unknown };
    const s = typeof start === 'string' ? at(start) : null;
    const e = typeof end === 'string' ? at(end) : null;
    if (s !== null && e !== null && e > s) bars.push({ kind: 'break', start: s, end: e });
  }
  return bars;
}

/**
 * Absences as minutes of the day, clipped to it, in order; absences of the same
 * kind that overlap or touch are one band (their notes together), so a training
 * entered twice is drawn and said once.
 */
export function awayBands(absences: readonly Absence[], day: string, timezone: string): AwayBand[] {
  const sorted = absences
    .map((a) => ({
      start: Math.max(0, minutesSinceLocalMidnight(a.startsAt, day, timezone)),
      end: Math.min(24 * 60, minutesSinceLocalMidnight(a.endsAt, day, timezone)),
      kind: a.kind,
      note: a.note,
    }))
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start);
  const bands: AwayBand[] = [];
  for (const b of sorted) {
    const same = bands.findLast((x) => x.kind === b.kind && b.start <= x.end);
    if (!same) {
      bands.push(b);
      continue;
    }
    const notes = [same.note, b.note].filter((n): n is string => !!n && n !== same.note);
    bands[bands.indexOf(same)] = { ...same, end: Math.max(same.end, b.end), note: [same.note, ...notes].filter(Boolean).join(' ; ') || null };
  }
  return bands;
}

/** Whether the bands leave no minute of [from, to) free. */
function covers(bands: readonly AwayBand[], from: number, to: number): boolean {
  let cursor = from;
  for (const b of bands) {
    if (b.start > cursor) return false;
    cursor = Math.max(cursor, b.end);
    if (cursor >= to) return true;
  }
  return cursor >= to;
}

/**
 * Without a stored break (no tour yet), the timeline shows it in the widest free gap of its window —
 * the shift's break window, else around midday: an honest approximation of
 * where it will fall. The engine may take it in the middle of a drive (travel
 * is split around breaks), so when no gap clear of visits and travel holds it,
 * the gap between visits does: the break never covers a visit it could not
 * have interrupted.
 */
function placeBreak(bars: readonly Bar[], minutes: number, window: { start: number; end: number } | null): Bar {
  const lunchFrom = window?.start ?? 11 * 60 + 30;
  const lunchTo = window?.end ?? 14 * 60;
  const widestGap = (busyBars: readonly Bar[]): { start: number; room: number } | null => {
    const busy = busyBars.map((b) => [b.start, b.end] as const).sort((a, b) => a[0] - b[0]);
    let best: { start: number; room: number } | null = null;
    let cursor = lunchFrom;
    for (const [s, e] of [...busy, [lunchTo, lunchTo] as const]) {
      const gapStart = Math.max(cursor, lunchFrom);
      const gapEnd = Math.min(s, lunchTo);
      if (gapEnd - gapStart > (best?.room ?? 0)) best = { start: gapStart, room: gapEnd - gapStart };
      cursor = Math.max(cursor, e);
    }
    return best && best.room >= minutes ? best : null;
  };
  const best = widestGap(bars.filter((b) => b.kind !== 'break')) ?? widestGap(bars.filter((b) => b.kind === 'visit'));
  const start = best ? best.start : Math.max(lunchFrom, Math.min(12 * 60, lunchTo - minutes));
  return { kind: 'break', start, end: start + minutes };
}

/** The hours the timeline shows: the usual day, widened to what the rows hold. */
export function visibleRange(rows: readonly TimelineRow[]): { from: number; to: number } {
  let from = 7 * 60;
  let to = 19 * 60;
  for (const row of rows) {
    if (row.shift) {
      from = Math.min(from, row.shift.start);
      to = Math.max(to, row.shift.end);
    }
    for (const bar of row.bars) {
      from = Math.min(from, bar.start);
      to = Math.max(to, bar.end);
    }
    if (row.overtime) to = Math.max(to, row.overtime.end);
  }
  return { from: Math.max(0, Math.floor(from / 60) * 60), to: Math.min(24 * 60, Math.ceil(to / 60) * 60) };
}
