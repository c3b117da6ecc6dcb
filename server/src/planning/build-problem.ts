// Records → the engine's VROOM-format problem. Pure: the caller passes `now`.
//
// - One vehicle per technician shift and day (less absences and the past);
//   the lunch break as a VROOM break; home (or the agency's depot) as start and end.
// - Skills with levels as integer ids (skill-ids.ts); pinned and dispatched
//   visits get an id only their technician's vehicles (of that day) hold.
// - Visits that are facts of the day (en route, on site, done) are not given
//   to the engine at all: the engine treats `steps` as a warm start it may
//   change, so they would not stay put. Instead the technician's vehicle
//   starts where and when the last of them ends; the plan keeps them first.
// - Times are seconds after `origin`, local midnight of the first day.
import type { Break, Input, Job, Vehicle, VehicleStep } from '../../../engine/src/index.ts';
import { availabilities } from './availability.ts';
import {
  FIXED_STATUSES,
  type InterventionRecord,
  type LonLat,
  PLANNABLE_STATUSES,
  type PlanningRecords,
  type PartsAccess,
  type TechnicianRecord,
  type UnassignedVisit,
} from './records.ts';
import { SkillIds } from './skill-ids.ts';
import { addDays, type IsoDay, localDay, zonedInstant } from './time.ts';

export interface BuildOptions {
  /** Nothing is planned before this instant (the day under way). */
  readonly now: Date;
  /** Last known positions, used as the start of a vehicle that starts now. */
  readonly positions?: ReadonlyMap<string, LonLat>;
  /**
   * Visits whose parts only some technicians can get (parts.ts): they go to
   * those technicians' vehicles only (from the day the parts are there), and
   * are left out with `parts_unavailable` when none of them can take them.
   * Pinned and dispatched visits keep their technician regardless.
   */
  readonly parts?: ReadonlyMap<string, PartsAccess>;
}

export interface VehicleRef {
  readonly id: number;
  readonly technicianId: string;
  readonly day: IsoDay;
  readonly start: Date;
  readonly end: Date;
}

export interface JobRef {
  readonly id: number;
  readonly interventionId: string;
}

export interface TourKey {
  readonly technicianId: string;
  readonly day: IsoDay;
}

export interface PlanningProblem {
  readonly input: Input;
  /** Instant of time 0 in the input. */
  readonly origin: Date;
  readonly vehicles: readonly VehicleRef[];
  readonly jobs: readonly JobRef[];
  /** Fixed visits per tour, in the order they happened. */
  readonly fixed: ReadonlyMap<string, readonly string[]>;
  /** Left out before solving, with the reason. */
  readonly excluded: readonly UnassignedVisit[];
  /** Every tour the plan rewrites: with vehicles, fixed visits or existing stops. */
  readonly tours: readonly TourKey[];
  readonly skillLegend: Readonly<Record<number, string>>;
}

export const tourKey = (technicianId: string, day: IsoDay): string => `${technicianId}@${day}`;

const STATUS_ORDER: Record<string, number> = { done: 0, closed: 0, on_site: 1, en_route: 2 };

export function buildPlanningProblem(records: PlanningRecords, options: BuildOptions): PlanningProblem {
  const { agency, days } = records;
  const tz = agency.timezone;
  const now = options.now.getTime();
  const origin = zonedInstant(days[0]!, 0, tz);
  const horizonEnd = zonedInstant(addDays(days[days.length - 1]!, 1), 0, tz);
  const sec = (t: number): number => Math.max(0, Math.round((t - origin.getTime()) / 1000));
  const inHorizon = new Set(days);
  const skills = new SkillIds();
  const byId = new Map(records.interventions.map((i) => [i.id, i]));

  // Fixed visits, grouped by tour, in the order they happened.
  const fixed = new Map<string, InterventionRecord[]>();
  for (const i of records.interventions) {
    if (!FIXED_STATUSES.has(i.status)) continue;
    const technicianId = i.stop?.technicianId ?? i.technicianId;
    const day = dayOfFixed(i, tz);
    if (!technicianId || !day || !inHorizon.has(day)) continue;
    const key = tourKey(technicianId, day);
    fixed.set(key, [...(fixed.get(key) ?? []), i]);
  }
  for (const list of fixed.values()) list.sort(compareFixed);

  // Vehicles.
  const vehicles: (VehicleRef & { home: LonLat | null; startAt: LonLat | null; lunch: Break | null; skillIds: number[] })[] = [];
  for (const tech of records.technicians) {
    const held = tech.skills.flatMap((s) => skills.held(s.skillId, s.level));
    const home = tech.home ?? agency.depot;
    for (const day of days) {
      const done = fixed.get(tourKey(tech.id, day)) ?? [];
      const busy = busyUntil(done, now);
      let startAt: LonLat | null = done.length > 0 ? (done[done.length - 1]!.location ?? home) : null;
      const notBefore = Math.max(now, busy ?? Number.NEGATIVE_INFINITY);
      for (const a of availabilities(tech, day, tz, new Date(notBefore))) {
        const position = options.positions?.get(tech.id);
        const startsNow = a.start.getTime() === notBefore && busy === null && position !== undefined;
        let lunch: Break | null = null;
        if (a.lunch) {
          lunch = {
            id: vehicles.length + 1,
            description: 'lunch',
            time_windows: [[sec(a.lunch.earliestStart.getTime()), sec(a.lunch.latestStart.getTime())]],
            service: a.lunch.minutes * 60,
          };
        }
        vehicles.push({
          id: vehicles.length + 1,
          technicianId: tech.id,
          day,
          start: a.start,
          end: a.end,
          home,
          startAt: startAt ?? (startsNow ? position! : home),
          lunch,
          skillIds: [...held],
        });
        startAt = null; // after a gap (absence, second shift) the day resumes from home
      }
    }
  }

  // Jobs.
  const jobs: (Job & { interventionId: string })[] = [];
  const excluded: UnassignedVisit[] = [];
  for (const i of records.interventions) {
    if (!PLANNABLE_STATUSES.has(i.status)) continue;
    const pinnedTo = pinOf(i, tz);
    if (pinnedTo?.day && !inHorizon.has(pinnedTo.day)) continue; // it belongs to another day
    const onTour = i.stop !== null && inHorizon.has(i.stop.day);
    const eligibleDays = pinnedTo?.day ? [pinnedTo.day] : days.filter((d) => withinDates(i, d));
    const windows = jobWindows(i, eligibleDays, days, tz, sec, origin.getTime(), horizonEnd.getTime());
    if (windows !== null && windows.length === 0) {
      if (onTour) excluded.push({ interventionId: i.id, reason: 'no_shift' });
      continue; // not for these days
    }
    if (!i.location) {
      excluded.push({ interventionId: i.id, reason: 'no_location' });
      continue;
    }
    let jobSkills: number[];
    let candidates: typeof vehicles;
    if (pinnedTo) {
      const pin = skills.pin(pinnedTo.day ? tourKey(pinnedTo.technicianId, pinnedTo.day) : pinnedTo.technicianId);
      candidates = vehicles.filter((v) => v.technicianId === pinnedTo.technicianId && (!pinnedTo.day || v.day === pinnedTo.day));
      for (const v of candidates) if (!v.skillIds.includes(pin)) v.skillIds.push(pin);
      jobSkills = [pin]; // the dispatcher's choice stands over the skill check
    } else {
      jobSkills = i.requiredSkills.map((s) => skills.atLeast(s.skillId, s.minLevel));
      const skilled = records.technicians.filter((t) => hasSkills(t, i));
      if (skilled.length === 0) {
        excluded.push({ interventionId: i.id, reason: 'no_skill' });
        continue;
      }
      const ok = new Set(skilled.map((t) => t.id));
      candidates = vehicles.filter((v) => ok.has(v.technicianId));
    }
    // Parts: only the vehicles of technicians who can get them, on the days they can.
    let allowed: number[] | undefined;
    const parts = pinnedTo ? undefined : options.parts?.get(i.id);
    const beforeParts = candidates;
    if (parts) {
      const equipped = candidates.filter((v) => {
        const from = parts.technicians.get(v.technicianId);
        return from !== undefined && (from === null || v.day >= from);
      });
      if (equipped.length === 0) {
        excluded.push({ interventionId: i.id, reason: 'parts_unavailable', availableFrom: parts.availableFrom, missingParts: [...parts.missingParts] });
        continue;
      }
      if (equipped.length < candidates.length) allowed = equipped.map((v) => v.id);
      candidates = equipped;
    }
    const service = i.durationMinutes * 60;
    const fit = (v: (typeof vehicles)[number]) => overlaps(windows, sec(v.start.getTime()), sec(v.end.getTime()) - service);
    if (!candidates.some(fit)) {
      // Would fit but for the parts (they come after its dates, or to someone off duty).
      if (parts && beforeParts.some(fit)) {
        excluded.push({ interventionId: i.id, reason: 'parts_unavailable', availableFrom: parts.availableFrom, missingParts: [...parts.missingParts] });
      } else excluded.push({ interventionId: i.id, reason: 'no_shift' });
      continue;
    }
    jobs.push({
      id: jobs.length + 1,
      interventionId: i.id,
      description: i.id,
      location: i.location,
      service,
      priority: Math.max(0, Math.min(100, Math.round(i.priority))),
      ...(jobSkills.length > 0 ? { skills: jobSkills } : {}),
      ...(windows ? { time_windows: windows } : {}),
      ...(allowed ? { allowed_vehicles: allowed } : {}),
    });
  }

  // Warm start: the current order of each tour, on the vehicle whose hours hold the stop.
  const steps = new Map<number, { seq: number; job: number }[]>();
  for (const job of jobs) {
    const i = byId.get(job.interventionId)!;
    if (!i.stop || !inHorizon.has(i.stop.day)) continue;
    const own = vehicles.filter(
      (v) => v.technicianId === i.stop!.technicianId && v.day === i.stop!.day && (!job.allowed_vehicles || job.allowed_vehicles.includes(v.id)),
    );
    if (own.length === 0) continue;
    const t = i.stop.plannedStart?.getTime();
    const v = own.find((v) => t !== undefined && t >= v.start.getTime() && t < v.end.getTime()) ?? own[0]!;
    steps.set(v.id, [...(steps.get(v.id) ?? []), { seq: i.stop.sequence, job: job.id }]);
  }

  const input: Input = {
    vehicles: vehicles.map((v): Vehicle => {
      const warm = (steps.get(v.id) ?? []).sort((a, b) => a.seq - b.seq);
      return {
        id: v.id,
        description: tourKey(v.technicianId, v.day),
        ...(v.startAt ? { start: v.startAt } : {}),
        ...(v.home ? { end: v.home } : {}),
        skills: v.skillIds,
        time_window: [sec(v.start.getTime()), sec(v.end.getTime())],
        ...(v.lunch ? { breaks: [v.lunch] } : {}),
        ...(warm.length > 0 ? { steps: warm.map((s): VehicleStep => ({ type: 'job', id: s.job })) } : {}),
      };
    }),
    jobs: jobs.map(({ interventionId: _, ...job }) => job),
  };

  const tourSet = new Map<string, TourKey>();
  const addTour = (technicianId: string, day: IsoDay): void => {
    tourSet.set(tourKey(technicianId, day), { technicianId, day });
  };
  for (const v of vehicles) addTour(v.technicianId, v.day);
  for (const list of fixed.values()) addTour(list[0]!.stop?.technicianId ?? list[0]!.technicianId!, dayOfFixed(list[0]!, tz)!);
  for (const t of records.tours) if (inHorizon.has(t.day)) addTour(t.technicianId, t.day);

  return {
    input,
    origin,
    vehicles: vehicles.map(({ id, technicianId, day, start, end }) => ({ id, technicianId, day, start, end })),
    jobs: jobs.map((j) => ({ id: j.id, interventionId: j.interventionId })),
    fixed: new Map([...fixed].map(([k, list]) => [k, list.map((i) => i.id)])),
    excluded,
    tours: [...tourSet.values()].sort((a, b) => (a.day === b.day ? a.technicianId.localeCompare(b.technicianId) : a.day.localeCompare(b.day))),
    skillLegend: skills.legend,
  };
}

function dayOfFixed(i: InterventionRecord, tz: string): IsoDay | null {
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

/** When the technician is free again after the day's fixed visits (null: none). */
export function busyUntil(done: readonly InterventionRecord[], now: number): number | null {
  if (done.length === 0) return null;
  let until = Number.NEGATIVE_INFINITY;
  for (const i of done) {
    const duration = i.durationMinutes * 60_000;
    let end: number;
    if (i.status === 'done' || i.status === 'closed') {
      end = (i.actualEnd ?? i.stop?.plannedEnd ?? (i.actualStart ? new Date(i.actualStart.getTime() + duration) : null))?.getTime() ?? now;
    } else if (i.status === 'on_site') {
      end = Math.max(now, (i.actualStart?.getTime() ?? now) + duration);
    } else {
      // en route: the arrival is not known; assume the planned one, or now.
      end = Math.max(now, i.stop?.plannedStart?.getTime() ?? i.plannedStart?.getTime() ?? now) + duration;
    }
    until = Math.max(until, end);
  }
  return until;
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

export function hasSkills(t: TechnicianRecord, i: InterventionRecord): boolean {
  return i.requiredSkills.every((r) => t.skills.some((s) => s.skillId === r.skillId && s.level >= r.minLevel));
}

/**
 * The job's time windows in seconds: null = any time (every day of the
 * horizon is allowed and no window is set); [] = none in the horizon.
 */
function jobWindows(
  i: InterventionRecord,
  eligibleDays: readonly IsoDay[],
  days: readonly IsoDay[],
  tz: string,
  sec: (t: number) => number,
  horizonStart: number,
  horizonEnd: number,
): [number, number][] | null {
  const dayRanges = eligibleDays.map((d) => [zonedInstant(d, 0, tz).getTime(), zonedInstant(addDays(d, 1), 0, tz).getTime()] as const);
  if (i.timeWindows.length === 0) {
    if (eligibleDays.length === days.length) return null;
    return mergeRanges(dayRanges.map(([s, e]) => [sec(s), sec(e)]));
  }
  const out: [number, number][] = [];
  for (const w of i.timeWindows) {
    const ws = Math.max(w.start.getTime(), horizonStart);
    const we = Math.min(w.end.getTime(), horizonEnd);
    for (const [ds, de] of dayRanges) {
      const s = Math.max(ws, ds);
      const e = Math.min(we, de);
      if (s <= e) out.push([sec(s), sec(e)]);
    }
  }
  return mergeRanges(out);
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

function overlaps(windows: readonly (readonly [number, number])[] | null, from: number, to: number): boolean {
  if (to < from) return false;
  if (windows === null) return true;
  return windows.some(([s, e]) => s <= to && e >= from);
}
