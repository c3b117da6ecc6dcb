// Indicators of a day's plan, comparable before and after a run: the same
// definitions applied to the stored tours (before) and to a computed plan
// (after). Pure.
//
// - planned / unassigned: among the visits the run considers (its jobs and the
//   visits it left out with a reason), those on a tour of the days or not;
// - travel: the tours' travel (from the first departure to the return home);
// - work: travel plus the visits' durations (the day's facts excluded, as the
//   run does not plan them);
// - overtime: the engine's, as it timed the tours (kept in the tours' KPIs);
//   for tours stored without it, the part of the tour (departure to return)
//   outside the technician's shifts of that day.
import type { ConsideredVisits, Plan } from './plan.ts';
import type { PlanningRecords } from './records.ts';
import { zonedInstant, type IsoDay } from './time.ts';
import { shiftsOfDay } from './to-field-service.ts';

export interface PlanIndicators {
  readonly planned: number;
  readonly unassigned: number;
  readonly travelSeconds: number;
  readonly travelMeters: number;
  /** Tours with at least one visit. */
  readonly tours: number;
  readonly workSeconds: number;
  readonly overtimeSeconds: number;
}

interface TourFigures {
  readonly technicianId: string;
  readonly day: IsoDay;
  readonly stops: number;
  readonly travelSeconds: number;
  readonly travelMeters: number;
  /** The visits of the tour the run plans (not the day's facts). */
  readonly visits: readonly string[];
  readonly start: number | null;
  readonly end: number | null;
  /** As the engine timed the tour, when known. */
  readonly overtimeSeconds: number | undefined;
}

type Considered = ConsideredVisits;

const consideredIds = (problem: Considered): Set<string> =>
  new Set([...problem.jobs.map((j) => j.interventionId), ...problem.excluded.map((e) => e.interventionId)]);

/** The plan stored when the run read the records. */
export function storedIndicators(records: PlanningRecords, problem: Considered): PlanIndicators {
  const considered = consideredIds(problem);
  const byId = new Map(records.interventions.map((i) => [i.id, i]));
  const inHorizon = new Set(records.days);
  const planned = [...considered].filter((id) => {
    const stop = byId.get(id)?.stop;
    return stop !== null && stop !== undefined && inHorizon.has(stop.day);
  }).length;
  const tours: TourFigures[] = records.tours
    .filter((t) => inHorizon.has(t.day))
    .map((t) => {
      const visits = t.stops.map((s) => s.interventionId).filter((id) => considered.has(id));
      const times = t.stops.map((s) => byId.get(s.interventionId)?.stop).filter((s) => s !== null && s !== undefined);
      const starts = times.map((s) => s.plannedStart?.getTime()).filter((x): x is number => x !== undefined);
      const ends = times.map((s) => s.plannedEnd?.getTime()).filter((x): x is number => x !== undefined);
      return {
        technicianId: t.technicianId,
        day: t.day,
        stops: t.stops.length,
        travelSeconds: t.kpis?.travelSeconds ?? 0,
        travelMeters: t.kpis?.travelMeters ?? 0,
        visits,
        start: instant(t.kpis?.start) ?? (starts.length ? Math.min(...starts) : null),
        end: instant(t.kpis?.end) ?? (ends.length ? Math.max(...ends) : null),
        overtimeSeconds: t.kpis?.overtimeSeconds,
      };
    });
  return indicators(records, planned, considered.size - planned, tours);
}

/** A computed plan, as it would stand once stored. */
export function planIndicators(records: PlanningRecords, problem: Considered, plan: Plan): PlanIndicators {
  const considered = consideredIds(problem);
  const tours: TourFigures[] = plan.tours.map((t) => {
    const planned = t.stops.filter((s) => s.planned);
    return {
      technicianId: t.technicianId,
      day: t.day,
      stops: t.stops.length,
      travelSeconds: t.kpis.travelSeconds,
      travelMeters: t.kpis.travelMeters,
      visits: planned.map((s) => s.interventionId).filter((id) => considered.has(id)),
      start: instant(t.kpis.start) ?? planned[0]?.plannedStart?.getTime() ?? null,
      end: instant(t.kpis.end) ?? planned.at(-1)?.plannedEnd?.getTime() ?? null,
      overtimeSeconds: t.kpis.overtimeSeconds,
    };
  });
  return indicators(records, plan.summary.planned, plan.summary.unassigned, tours);
}

function indicators(records: PlanningRecords, planned: number, unassigned: number, tours: readonly TourFigures[]): PlanIndicators {
  const duration = new Map(records.interventions.map((i) => [i.id, i.durationMinutes * 60]));
  const technicians = new Map(records.technicians.map((t) => [t.id, t]));
  let travelSeconds = 0;
  let travelMeters = 0;
  let workSeconds = 0;
  let overtimeMs = 0;
  let used = 0;
  for (const t of tours) {
    if (t.stops > 0) used++;
    travelSeconds += t.travelSeconds;
    travelMeters += t.travelMeters;
    workSeconds += t.travelSeconds + t.visits.reduce((n, id) => n + (duration.get(id) ?? 0), 0);
    if (t.visits.length === 0) continue;
    if (t.overtimeSeconds !== undefined) {
      overtimeMs += t.overtimeSeconds * 1000;
      continue;
    }
    if (t.start === null || t.end === null || t.end <= t.start) continue;
    const technician = technicians.get(t.technicianId);
    const shifts = technician ? shiftsOfDay(technician, t.day) : [];
    const tz = records.agency.timezone;
    const inside = shifts
      .map((s) => [zonedInstant(t.day, s.startMinute, tz).getTime(), zonedInstant(t.day, s.endMinute, tz).getTime()] as const)
      .reduce((n, [s, e]) => n + Math.max(0, Math.min(e, t.end!) - Math.max(s, t.start!)), 0);
    overtimeMs += Math.max(0, t.end - t.start - inside);
  }
  return {
    planned,
    unassigned,
    travelSeconds,
    travelMeters,
    tours: used,
    workSeconds,
    overtimeSeconds: Math.round(overtimeMs / 1000),
  };
}

function instant(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}
