// The day's indicators, from the same rows the timeline draws. Pure.
import type { InterventionView, TourView } from '../api/types.ts';
import type { TimelineRow } from '../timeline/layout.ts';
import type { Day } from '@tournee/contracts/calendar';
import { localMinuteOfDay, zonedInstant } from '@tournee/contracts/zoned-time';

export interface Kpis {
  readonly travelSeconds: number;
  readonly travelMeters: number;
  /** Time on site over shift time, technicians with a shift that day. */
  readonly utilization: number | null;
  /**
   * Visits planned to start by their SLA deadline, among those that have one; a visit left unplanned whose
   * deadline falls by the end of the day counts as missed (its deadline will pass with nobody on the way).
   */
  readonly slaCompliance: number | null;
  readonly slaMissed: number;
  /**
   * Deadlines still kept but close: a visit planned to start less than {@link SLA_MARGIN_MINUTES} before its
   * deadline, or one waiting in the queue whose deadline falls within a day after the day shown.
   */
  readonly slaAtRisk: number;
  readonly unassigned: number;
  readonly overtimeMinutes: number;
  /** Coefficient of variation of working minutes across technicians (0 = even). */
  readonly imbalance: number | null;
  readonly visits: number;
}

/** A planned start this close to its deadline (or closer) leaves no room for a late arrival. */
export const SLA_MARGIN_MINUTES = 30;
const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;

/** Where a visit stands against its SLA deadline, or null when it has none or it does not bear on the day. */
export type SlaState = 'met' | 'atRisk' | 'missed';

function slaState(i: InterventionView, onTour: boolean, dayEnd: number): SlaState | null {
  if (!i.slaDeadline || i.status === 'cancelled') return null;
  const deadline = Date.parse(i.slaDeadline);
  if (onTour) {
    if (!i.plannedStart) return 'met';
    const start = Date.parse(i.plannedStart);
    if (start > deadline) return 'missed';
    return deadline - start < SLA_MARGIN_MINUTES * MINUTE ? 'atRisk' : 'met';
  }
  if (i.status !== 'requested' && i.status !== 'planned') return null;
  // Waiting in the queue: a deadline by the end of the day will pass with nobody on the way; one due
  // within the next day is at risk; later ones are not the day's.
  if (deadline <= dayEnd) return 'missed';
  if (deadline <= dayEnd + DAY_MS) return 'atRisk';
  return null;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function computeKpis(
  rows: readonly TimelineRow[],
  tours: Readonly<Record<string, TourView>>,
  interventions: Readonly<Record<string, InterventionView>>,
  /** End of the day shown (epoch ms): unplanned visits due by then are missed deadlines. */
  dayEnd: number = Number.NEGATIVE_INFINITY,
): Kpis {
  let travelSeconds = 0;
  let travelMeters = 0;
  for (const tour of Object.values(tours)) {
    const kTravel = num(tour.kpis.travelSeconds);
    travelSeconds += kTravel || tour.stops.reduce((n, s) => n + (s.travelSeconds ?? 0), 0);
    travelMeters += num(tour.kpis.travelMeters) || tour.stops.reduce((n, s) => n + (s.travelMeters ?? 0), 0);
  }
  let work = 0;
  let available = 0;
  let overtimeMinutes = 0;
  const loads: number[] = [];
  for (const row of rows) {
    const visitMinutes = row.bars.reduce((n, b) => n + (b.kind === 'visit' ? b.end - b.start : 0), 0);
    const travelMinutes = row.bars.reduce((n, b) => n + (b.kind === 'travel' ? b.end - b.start : 0), 0);
    if (row.overtime) overtimeMinutes += row.overtime.end - row.overtime.start;
    if (!row.shift) continue;
    work += visitMinutes;
    available += row.shift.end - row.shift.start - row.shift.breakMinutes;
    loads.push(visitMinutes + travelMinutes);
  }
  const onTour = new Set<string>();
  for (const tour of Object.values(tours)) for (const s of tour.stops) onTour.add(s.interventionId);
  let withSla = 0;
  let missed = 0;
  let atRisk = 0;
  let unassigned = 0;
  for (const i of Object.values(interventions)) {
    if (i.status === 'cancelled') continue;
    const waiting = !onTour.has(i.id) && (i.status === 'requested' || i.status === 'planned');
    if (waiting) unassigned++;
    const state = slaState(i, onTour.has(i.id), dayEnd);
    // A queued visit due after the day is at risk, but not yet the day's to keep or miss.
    if (state === 'atRisk') atRisk++;
    if (state === 'missed' || (state !== null && onTour.has(i.id))) withSla++;
    if (state === 'missed') missed++;
  }
  const mean = loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : 0;
  const sd = loads.length ? Math.sqrt(loads.reduce((a, b) => a + (b - mean) ** 2, 0) / loads.length) : 0;
  return {
    travelSeconds,
    travelMeters,
    utilization: available > 0 ? work / available : null,
    slaCompliance: withSla > 0 ? (withSla - missed) / withSla : null,
    slaMissed: missed,
    slaAtRisk: atRisk,
    unassigned,
    overtimeMinutes,
    imbalance: mean > 0 ? sd / mean : null,
    visits: onTour.size,
  };
}

/** One technician's day for the charts: minutes on site, on the road, of shift, past it; travel distance. */
export interface TechnicianLoad {
  readonly technicianId: string;
  readonly name: string;
  readonly color: string;
  readonly visits: number;
  readonly visitMinutes: number;
  readonly travelMinutes: number;
  /** Shift minutes less the break; 0 without a shift that day (away, day off). */
  readonly shiftMinutes: number;
  readonly overtimeMinutes: number;
  readonly travelMeters: number;
}

export function technicianLoads(rows: readonly TimelineRow[]): TechnicianLoad[] {
  return rows.map((row) => {
    let visitMinutes = 0;
    let travelMinutes = 0;
    let visits = 0;
    for (const b of row.bars) {
      if (b.kind === 'visit') {
        visitMinutes += b.end - b.start;
        visits++;
      } else if (b.kind === 'travel') travelMinutes += b.end - b.start;
    }
    const tour = row.tour;
    const travelMeters = tour ? num(tour.kpis.travelMeters) || tour.stops.reduce((n, s) => n + (s.travelMeters ?? 0), 0) : 0;
    return {
      technicianId: row.technician.id,
      name: `${row.technician.firstName} ${row.technician.lastName}`.trim(),
      color: row.color,
      visits,
      visitMinutes,
      travelMinutes,
      shiftMinutes: row.shift ? Math.max(0, row.shift.end - row.shift.start - row.shift.breakMinutes) : 0,
      overtimeMinutes: row.overtime ? row.overtime.end - row.overtime.start : 0,
      travelMeters,
    };
  });
}

/** Deadlines of one hour of the day shown (local time), by where they stand. */
export interface SlaHour {
  /** Hour of the local day, 0–23; -1 gathers deadlines already past before the day began. */
  readonly hour: number;
  readonly met: number;
  readonly atRisk: number;
  readonly missed: number;
}

/**
 * The SLA deadlines falling on the day shown, hour by hour (the plan holds one day, so the hours are what
 * is at hand), with those already past before it in a first bucket. Only hours with a deadline are listed.
 */
export function slaByHour(
  tours: Readonly<Record<string, TourView>>,
  interventions: Readonly<Record<string, InterventionView>>,
  day: Day,
  timeZone: string,
): SlaHour[] {
  const dayStart = zonedInstant(day, 0, timeZone).getTime();
  const dayEnd = zonedInstant(day, 24 * 60, timeZone).getTime();
  const onTour = new Set<string>();
  for (const tour of Object.values(tours)) for (const s of tour.stops) onTour.add(s.interventionId);
  const hours = new Map<number, { met: number; atRisk: number; missed: number }>();
  for (const i of Object.values(interventions)) {
    const state = slaState(i, onTour.has(i.id), dayEnd);
    if (!state || !i.slaDeadline) continue;
    const deadline = Date.parse(i.slaDeadline);
    if (deadline >= dayEnd) continue;
    const hour = deadline < dayStart ? -1 : Math.floor(localMinuteOfDay(new Date(deadline), timeZone) / 60);
    const bucket = hours.get(hour) ?? { met: 0, atRisk: 0, missed: 0 };
    bucket[state]++;
    hours.set(hour, bucket);
  }
  return [...hours.entries()].sort(([a], [b]) => a - b).map(([hour, counts]) => ({ hour, ...counts }));
}
