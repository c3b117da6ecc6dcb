// The one mapping between the server's planning records (records.ts) and the
// engine's field-service format (engine/src/field-service/types.ts). Pure: the
// caller passes `now`, positions and parts access.
//
// Records → FieldServiceProblem:
// - technicians with their skills and levels, the day's shifts (a one-day
//   shift replaces the weekly ones), lunch break windows and absences; home,
//   or the agency's depot, as start and end;
// - plannable visits with their dates, daily windows, priority, SLA deadline,
//   required skill levels; a pinned or dispatched visit is pinned to its
//   technician (and day), over the skill check (the dispatcher's choice);
//   its current place is `published`, so the engine keeps the plan stable;
// - the facts of the day: on site → `started`, en route → `en_route`; done
//   ones are not the engine's business (they stay first in their tour);
// - parts: a visit whose parts only some technicians can get goes to those
//   (`requiredTechnicians`), from the first day one of them has them.
// What the format cannot say is decided here, before solving, and reported
// as `excluded` with the server's reason (no location, parts, pins to a
// technician who is not working).
//
// FieldServicePlan → Plan (plan.ts): one tour per technician-day, the day's
// facts first, the engine's times, breaks and overtime in the tour's KPIs.
import type {
  Absence,
  FieldServicePlan,
  FieldServiceProblem,
  RealtimeState,
  Shift,
  Technician,
  UnassignedReason as EngineReason,
  Visit,
} from '../../../engine/src/index.ts';
import { DAY } from '../../../engine/src/index.ts';
import { HorizonClock } from './horizon-clock.ts';
import { type ConsideredVisits, type Plan, type PlannedStop, type PlannedTour, tourKey } from './plan.ts';
import {
  FIXED_STATUSES,
  type InterventionRecord,
  type LonLat,
  type PartsAccess,
  PLANNABLE_STATUSES,
  type PlanningRecords,
  type ShiftRecord,
  type TechnicianRecord,
  type UnassignedReason,
  type UnassignedVisit,
} from './records.ts';
import { isoWeekday, type IsoDay, localDay } from './time.ts';

export interface AdaptOptions {
  /** Nothing is planned before this instant (the day under way). */
  readonly now: Date;
  /** Last known positions: a technician whose day has begun starts from there. */
  readonly positions?: ReadonlyMap<string, LonLat>;
  /** Visits whose parts only some technicians can get (parts.ts). */
  readonly parts?: ReadonlyMap<string, PartsAccess>;
}

export interface AdaptedProblem extends ConsideredVisits {
  readonly problem: FieldServiceProblem;
  /** Undefined when `now` is before the horizon: plan whole days. */
  readonly state: RealtimeState | undefined;
  readonly clock: HorizonClock;
  /** Every technician-day the plan rewrites: with shifts, facts or existing stops. */
  readonly tours: readonly { readonly technicianId: string; readonly day: IsoDay }[];
}

/** The shifts of a day: one-day shifts replace the weekly ones. */
export function shiftsOfDay(technician: TechnicianRecord, day: IsoDay): ShiftRecord[] {
  const dated = technician.shifts.filter((s) => s.day === day);
  if (dated.length > 0) return dated;
  const weekday = isoWeekday(day);
  return technician.shifts.filter((s) => s.day === null && s.weekday === weekday);
}

export function hasSkills(t: TechnicianRecord, i: InterventionRecord): boolean {
  return i.requiredSkills.every((r) => t.skills.some((s) => s.skillId === r.skillId && s.level >= r.minLevel));
}

export function toFieldServiceProblem(records: PlanningRecords, options: AdaptOptions): AdaptedProblem {
  const { agency, days } = records;
  const tz = agency.timezone;
  const clock = new HorizonClock(days[0]!, days[days.length - 1]!, tz);
  const inHorizon = new Set(days);
  const horizonEnd = clock.days * DAY;

  const technicians: Technician[] = [];
  for (const t of records.technicians) {
    const home = t.home ?? agency.depot;
    if (!home) continue; // nowhere to start from: nothing can be planned for them
    technicians.push({
      id: t.id,
      home: [home[0], home[1]],
      skills: Object.fromEntries(t.skills.filter((s) => s.level >= 1).map((s) => [s.skillId, Math.floor(s.level)])),
      shifts: days.flatMap((day) => engineShifts(t, day, clock)),
      absences: t.absences.map((a): Absence => ({ start: clock.seconds(a.startsAt), end: clock.seconds(a.endsAt) })).filter((a) => a.end > a.start),
    });
  }
  const working = new Set(technicians.map((t) => t.id));

  const now = options.now;
  const nowSec = clock.contains(now) ? clock.seconds(now) : now.getTime() >= clock.instant(horizonEnd).getTime() ? horizonEnd : 0;
  const visits: Visit[] = [];
  const jobs: { interventionId: string }[] = [];
  const excluded: UnassignedVisit[] = [];
  const exclude = (interventionId: string, reason: UnassignedReason, parts?: PartsAccess) =>
    excluded.push({
      interventionId,
      reason,
      ...(parts ? { availableFrom: parts.availableFrom, missingParts: [...parts.missingParts] } : {}),
    });
  const fixedKeys: { technicianId: string; day: IsoDay }[] = [];

  for (const i of records.interventions) {
    if (FIXED_STATUSES.has(i.status)) {
      const technicianId = i.stop?.technicianId ?? i.technicianId;
      const day = dayOfFixed(i, tz);
      if (!technicianId || !day || !inHorizon.has(day)) continue;
      fixedKeys.push({ technicianId, day });
      if (i.status !== 'en_route' && i.status !== 'on_site') continue; // done: not the engine's business
      if (!working.has(technicianId) || !i.location) continue;
      const since = i.status === 'on_site' ? (i.actualStart ?? now) : now;
      const expected = i.stop?.plannedStart ?? i.plannedStart;
      visits.push({
        id: i.id,
        location: [i.location[0], i.location[1]],
        duration: i.durationMinutes * 60,
        status: i.status === 'on_site' ? 'started' : 'en_route',
        progress: {
          technician: technicianId,
          since: clock.seconds(since),
          ...(i.status === 'en_route' && expected && expected > now ? { eta: clock.seconds(expected) } : {}),
        },
      });
      continue;
    }
    if (!PLANNABLE_STATUSES.has(i.status)) continue;
    const pinned = pinOf(i, tz);
    if (pinned?.day && !inHorizon.has(pinned.day)) continue; // it belongs to another day
    const onTour = i.stop !== null && inHorizon.has(i.stop.day);
    const dayList = pinned?.day ? [pinned.day] : days.filter((d) => withinDates(i, d));
    const placement = dailyWindows(i, dayList, clock);
    if (!placement) {
      if (onTour) exclude(i.id, 'no_shift');
      continue; // not for these days
    }
    if (!i.location) {
      exclude(i.id, 'no_location');
      continue;
    }
    let earliest = placement.first;
    let required: string[] | undefined;
    if (pinned) {
      if (!working.has(pinned.technicianId)) {
        exclude(i.id, 'no_shift');
        continue;
      }
    } else {
      if (!records.technicians.some((t) => hasSkills(t, i))) {
        exclude(i.id, 'no_skill');
        continue;
      }
      const parts = options.parts?.get(i.id);
      if (parts) {
        const lastDay = clock.dayOf(placement.last);
        const from = [...parts.technicians].filter(([id, day]) => working.has(id) && (day === null || day <= lastDay));
        if (from.length === 0) {
          exclude(i.id, 'parts_unavailable', parts);
          continue;
        }
        required = from.map(([id]) => id);
        const soonest = Math.min(...from.map(([, day]) => (day === null ? 0 : clock.dayIndex(day))));
        earliest = Math.max(earliest, soonest);
      }
    }
    const publishedAt = i.stop && onTour ? (i.stop.plannedStart ?? null) : null;
    const publishedTo = i.stop?.technicianId;
    visits.push({
      id: i.id,
      location: [i.location[0], i.location[1]],
      duration: i.durationMinutes * 60,
      ...(pinned ? {} : { skills: Object.fromEntries(i.requiredSkills.map((r) => [r.skillId, Math.max(1, Math.floor(r.minLevel))])) }),
      ...(placement.windows ? { windows: placement.windows } : {}),
      earliestDay: earliest,
      latestDay: placement.last,
      priority: Math.max(0, Math.min(100, Math.round(i.priority))),
      ...(i.slaDeadline ? { slaDeadline: clock.seconds(i.slaDeadline) } : {}),
      ...(pinned ? { pin: { mode: 'technician' as const, technician: pinned.technicianId } } : {}),
      ...(required ? { requiredTechnicians: required } : {}),
      ...(publishedAt && publishedTo && working.has(publishedTo) && clock.contains(publishedAt)
        ? { published: { technician: publishedTo, day: clock.dayIndex(i.stop!.day), start: clock.seconds(publishedAt) } }
        : {}),
    });
    jobs.push({ interventionId: i.id });
  }

  const problem: FieldServiceProblem = {
    horizon: { days: clock.days, startDate: clock.first },
    technicians,
    visits,
  };
  const positions = [...(options.positions ?? [])]
    .filter(([id]) => working.has(id))
    .map(([technician, at]) => ({ technician, location: [at[0], at[1]] as [number, number] }));
  const state: RealtimeState | undefined = nowSec > 0 ? { now: nowSec, ...(positions.length > 0 ? { positions } : {}) } : undefined;

  const keys = new Map<string, { technicianId: string; day: IsoDay }>();
  const add = (technicianId: string, day: IsoDay) => keys.set(tourKey(technicianId, day), { technicianId, day });
  for (const t of technicians) for (const s of t.shifts) add(t.id, clock.dayOf(Math.floor(s.start / DAY)));
  for (const k of fixedKeys) add(k.technicianId, k.day);
  for (const t of records.tours) if (inHorizon.has(t.day)) add(t.technicianId, t.day);
  const tours = [...keys.values()].sort((a, b) => a.day.localeCompare(b.day) || a.technicianId.localeCompare(b.technicianId));

  return { problem, state, clock, jobs, excluded, tours };
}

/** The engine's reasons in the server's closed set (what boards translate); any other is a matter of capacity. */
const REASONS: Partial<Record<EngineReason, UnassignedReason>> = {
  no_skill_level: 'no_skill',
  no_shift_in_date_range: 'no_shift',
  time_window_unreachable: 'no_shift',
  sector_rule: 'no_shift',
  day_capacity: 'capacity',
};

export function serverReason(reasons: readonly EngineReason[]): UnassignedReason {
  const first = reasons.find((r) => r !== 'day_capacity') ?? reasons[0] ?? 'day_capacity';
  return REASONS[first] ?? 'capacity';
}

/**
 * The engine's plan as tours to store: every technician-day of `adapted.tours`
 * (empty ones too, so that stops the plan moves elsewhere are removed), the
 * day's facts first in the order they happened, then the engine's stops.
 */
export function fromFieldServicePlan(records: PlanningRecords, adapted: AdaptedProblem, plan: FieldServicePlan, solvingMs: number | null = null): Plan {
  const { clock } = adapted;
  const tz = records.agency.timezone;
  const iso = (s: number) => clock.instant(s).toISOString();
  const facts = new Map<string, InterventionRecord[]>();
  for (const i of records.interventions) {
    if (!FIXED_STATUSES.has(i.status)) continue;
    const technicianId = i.stop?.technicianId ?? i.technicianId;
    const day = dayOfFixed(i, tz);
    if (!technicianId || !day) continue;
    const key = tourKey(technicianId, day);
    facts.set(key, [...(facts.get(key) ?? []), i]);
  }
  for (const list of facts.values()) list.sort(compareFixed);
  const byKey = new Map<string, FieldServicePlan['tours'][number][]>();
  for (const t of plan.tours) {
    const key = tourKey(t.technician, clock.dayOf(t.day));
    byKey.set(key, [...(byKey.get(key) ?? []), t]);
  }

  const tours: PlannedTour[] = adapted.tours.map(({ technicianId, day }) => {
    const key = tourKey(technicianId, day);
    const engineTours = (byKey.get(key) ?? []).sort((a, b) => a.start.time - b.start.time);
    const stops: PlannedStop[] = (facts.get(key) ?? []).map((i, sequence) => ({
      interventionId: i.id,
      sequence,
      planned: false,
      plannedArrival: null,
      plannedStart: null,
      plannedEnd: null,
      travelSeconds: null,
      travelMeters: null,
    }));
    for (const t of engineTours) {
      for (const s of t.stops) {
        if (s.fixed) continue;
        stops.push({
          interventionId: s.visit,
          sequence: stops.length,
          planned: true,
          plannedArrival: clock.instant(s.arrival),
          plannedStart: clock.instant(s.start),
          plannedEnd: clock.instant(s.end),
          travelSeconds: s.travelTime,
          travelMeters: s.travelDistance,
        });
      }
    }
    const sum = (f: (t: FieldServicePlan['tours'][number]) => number) => engineTours.reduce((n, t) => n + f(t), 0);
    const planned = engineTours.some((t) => t.stops.some((s) => !s.fixed));
    return {
      technicianId,
      day,
      stops,
      kpis: {
        stops: stops.length,
        travelSeconds: sum((t) => t.travelTime),
        travelMeters: sum((t) => t.travelDistance),
        serviceSeconds: sum((t) => t.serviceTime),
        waitingSeconds: sum((t) => t.waitingTime),
        overtimeSeconds: sum((t) => t.overtime),
        start: planned ? iso(engineTours[0]!.start.time) : null,
        end: planned ? iso(engineTours[engineTours.length - 1]!.end.time) : null,
        breaks: engineTours.flatMap((t) => t.breaks.map((b) => ({ start: iso(b.start), end: iso(b.end) }))),
      },
    };
  });

  const unassigned: UnassignedVisit[] = [...adapted.excluded, ...plan.unassigned.map((u) => ({ interventionId: u.visit, reason: serverReason(u.reasons) }))];
  const planned = tours.reduce((n, t) => n + t.stops.filter((s) => s.planned).length, 0);
  return {
    tours,
    unassigned,
    summary: {
      planned,
      unassigned: unassigned.length,
      cost: Math.round(plan.cost.total * 100) / 100,
      travelSeconds: plan.kpis.travelTime,
      travelMeters: plan.kpis.travelDistance,
      solvingMs,
    },
  };
}

/** A technician's shifts of a day in engine seconds: sorted, overlaps dropped, lunch within the shift. */
function engineShifts(t: TechnicianRecord, day: IsoDay, clock: HorizonClock): Shift[] {
  const out: Shift[] = [];
  for (const s of [...shiftsOfDay(t, day)].sort((a, b) => a.startMinute - b.startMinute)) {
    const start = clock.minuteOf(day, s.startMinute);
    const end = clock.minuteOf(day, s.endMinute);
    if (end <= start || (out.length > 0 && start < out[out.length - 1]!.end)) continue;
    let lunch: Shift['lunch'];
    if (s.breakMinutes > 0) {
      const window = s.breakWindow ?? { startMinute: s.startMinute, endMinute: s.endMinute };
      const from = Math.max(start, clock.minuteOf(day, window.startMinute));
      const to = Math.min(end, clock.minuteOf(day, window.endMinute));
      if (to - from >= s.breakMinutes * 60) lunch = { window: [from, to], duration: s.breakMinutes * 60 };
    }
    out.push({ start, end, ...(lunch ? { lunch } : {}) });
  }
  return out;
}

/**
 * The visit's days and daily windows in the horizon, or null when it has none.
 * The engine's windows repeat on every day from `first` to `last`: windows
 * given as instants on several days with different hours become their union.
 */
function dailyWindows(
  i: InterventionRecord,
  days: readonly IsoDay[],
  clock: HorizonClock,
): { first: number; last: number; windows?: [number, number][] } | null {
  if (days.length === 0) return null;
  const indices = days.map((d) => clock.dayIndex(d));
  if (i.timeWindows.length === 0) return { first: Math.min(...indices), last: Math.max(...indices) };
  const found: [number, number][] = [];
  const used: number[] = [];
  for (const d of indices) {
    const from = d * DAY;
    const to = (d + 1) * DAY;
    for (const w of i.timeWindows) {
      const s = Math.max(clock.seconds(w.start), from);
      const e = Math.min(clock.seconds(w.end), to);
      if (s > e || (s === e && e === to)) continue;
      found.push([s - from, e - from]);
      used.push(d);
    }
  }
  if (found.length === 0) return null;
  return { first: Math.min(...used), last: Math.max(...used), windows: mergeRanges(found) };
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

const STATUS_ORDER: Record<string, number> = { done: 0, closed: 0, on_site: 1, en_route: 2 };

export function dayOfFixed(i: InterventionRecord, tz: string): IsoDay | null {
  const at = i.actualStart ?? i.plannedStart;
  return i.stop?.day ?? (at ? localDay(at, tz) : null);
}

function compareFixed(a: InterventionRecord, b: InterventionRecord): number {
  const byStatus = (STATUS_ORDER[a.status] ?? 3) - (STATUS_ORDER[b.status] ?? 3);
  if (byStatus !== 0) return byStatus;
  const ta = (a.actualStart ?? a.plannedStart ?? a.stop?.plannedStart)?.getTime() ?? 0;
  const tb = (b.actualStart ?? b.plannedStart ?? b.stop?.plannedStart)?.getTime() ?? 0;
  return ta - tb || (a.stop?.sequence ?? 0) - (b.stop?.sequence ?? 0);
}

/** Pinned by a dispatcher, or already on the technician's device. */
function pinOf(i: InterventionRecord, tz: string): { technicianId: string; day: IsoDay | null } | null {
  if (!(i.pinned || i.status === 'dispatched')) return null;
  const technicianId = i.stop?.technicianId ?? i.technicianId;
  if (!technicianId) return null;
  const day = i.stop?.day ?? (i.plannedStart ? localDay(i.plannedStart, tz) : null);
  return { technicianId, day };
}

function withinDates(i: InterventionRecord, day: IsoDay): boolean {
  return (!i.earliestDay || day >= i.earliestDay) && (!i.latestDay || day <= i.latestDay);
}
