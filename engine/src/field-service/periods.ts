/**
 * Work periods: what remains of each technician's shifts once absences, the
 * past (`now`) and the facts of the day (visits en route or started) are
 * taken out. Each period becomes one vehicle of the core, with its own start
 * place and time, hard end (shift end + allowed overtime) and lunch break.
 */
import type { Coordinates } from '../types.ts';
import { serviceDuration } from './skills.ts';
import type { TravelTable } from './travel.ts';
import { DAY, type FieldServiceProblem, type RealtimeState, type Visit } from './types.ts';

/** The lunch break as the core sees it: a start window and a length. */
export interface PeriodLunch {
  readonly earliest: number;
  readonly latest: number;
  readonly duration: number;
}

/** A visit the technician is already on (en route or started): it stays first in the period, as a fact. */
export interface FixedStop {
  readonly visit: number;
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
  /** The leg to the site (en route only; 0 once started). */
  readonly travelTime: number;
  readonly travelDistance: number;
}

export interface WorkPeriod {
  /** Position in the list = the core vehicle id. */
  readonly index: number;
  readonly technician: number;
  /** Index in technician.shifts; -1 for a period made up only to hold fixed visits of a technician without a shift then. */
  readonly shift: number;
  readonly day: number;
  /** The piece of the shift (absences removed), before `now` and fixed visits cut it: the time the technician is available. */
  readonly pieceStart: number;
  /** Earliest departure and its place (after fixed visits, or from the last known position). */
  readonly start: number;
  readonly startLocation: Coordinates;
  /** End of normal hours (overtime is paid after it) and latest return. */
  readonly end: number;
  readonly hardEnd: number;
  readonly endLocation: Coordinates;
  readonly lunch: PeriodLunch | null;
  readonly fixed: readonly FixedStop[];
}

export interface PeriodOptions {
  readonly state?: RealtimeState;
  /** A position to assume for technicians the state gives none (e.g. where the plan puts them). */
  readonly fallbackPosition?: (technician: string, now: number) => Coordinates | undefined;
}

/**
 * The periods of every technician, in a stable order (technician, then time),
 * and the fixed visits each one starts with. Needs the travel table only for
 * the legs of visits en route.
 */
export function workPeriods(problem: FieldServiceProblem, table: TravelTable, options: PeriodOptions = {}): WorkPeriod[] {
  const state = options.state;
  const now = state?.now ?? Number.NEGATIVE_INFINITY;
  const positions = new Map((state?.positions ?? []).map((p) => [p.technician, p.location]));
  const lunchTaken = new Set(state?.lunchTaken ?? []);
  const fixedByTechnician = fixedVisits(problem);
  const out: WorkPeriod[] = [];

  problem.technicians.forEach((tech, t) => {
    const absences = [...(tech.absences ?? [])].sort((a, b) => a.start - b.start);
    const shifts = tech.shifts.map((s, k) => ({ s, k })).sort((a, b) => a.s.start - b.s.start);
    interface Draft {
      shift: number;
      day: number;
      pieceStart: number;
      end: number;
      hardEnd: number;
      startLocation: Coordinates;
      endLocation: Coordinates;
      lunch: PeriodLunch | null;
    }
    const drafts: Draft[] = [];
    shifts.forEach(({ s, k }, n) => {
      const pieces = subtract(s.start, s.end, absences);
      const nextShiftStart = n + 1 < shifts.length ? shifts[n + 1]!.s.start : Number.POSITIVE_INFINITY;
      let lunchPlaced = false;
      for (const [a, b] of pieces) {
        // Overtime extends only the piece that ends the shift, and never into an absence or the next shift.
        let hardEnd = b;
        if (b === s.end) {
          const nextAbsence = absences.find((x) => x.end > b && x.start >= b);
          hardEnd = Math.min(b + (tech.maxOvertime ?? 0), nextAbsence?.start ?? Number.POSITIVE_INFINITY, nextShiftStart);
          hardEnd = Math.max(hardEnd, b);
        }
        let lunch: PeriodLunch | null = null;
        if (s.lunch && !lunchPlaced) {
          const earliest = Math.max(s.lunch.window[0], a);
          const latest = Math.min(s.lunch.window[1], b) - s.lunch.duration;
          if (earliest <= latest) {
            lunch = { earliest, latest, duration: s.lunch.duration };
            lunchPlaced = true;
          }
        }
        drafts.push({
          shift: k,
          day: Math.floor(s.start / DAY),
          pieceStart: a,
          end: b,
          hardEnd,
          startLocation: s.startLocation ?? tech.home,
          endLocation: s.endLocation ?? tech.home,
          lunch,
        });
      }
    });

    // Facts first: they decide where and when the period that holds them starts.
    const fixed = fixedByTechnician.get(tech.id) ?? [];
    const holder = fixed.length > 0 ? holdingDraft(drafts, fixed[0]!, now) : -1;
    if (fixed.length > 0 && holder < 0) {
      const at = fixed[0]!.progress?.since ?? 0;
      drafts.push({
        shift: -1,
        day: Math.floor(at / DAY),
        pieceStart: at,
        end: at,
        hardEnd: at,
        startLocation: positions.get(tech.id) ?? tech.home,
        endLocation: tech.home,
        lunch: null,
      });
    }
    const holderIndex = holder >= 0 ? holder : drafts.length - 1;

    drafts.forEach((d, i) => {
      const held = fixed.length > 0 && i === holderIndex;
      if (!held && d.hardEnd <= now) return;
      let start = Math.max(d.pieceStart, now);
      const known = positions.get(tech.id) ?? options.fallbackPosition?.(tech.id, now);
      let startLocation = d.pieceStart < now && known ? known : d.startLocation;
      let lunch = d.lunch;
      const stops: FixedStop[] = [];
      if (held) {
        // The technician is at `known` now when we know it; otherwise we assume they left from the period's start.
        let origin = table.index(known ?? d.startLocation);
        let free = Number.NEGATIVE_INFINITY;
        for (const v of fixed) {
          const visit = problem.visits[v.index]!;
          const site = table.index(visit.location);
          const duration = serviceDuration(visit, tech.skills);
          const since = visit.progress?.since ?? 0;
          let arrival: number;
          let travelTime = 0;
          let travelDistance = 0;
          if (visit.status === 'started') {
            arrival = Math.max(since, free);
          } else {
            travelTime = table.time(origin, site);
            travelDistance = table.distance(origin, site);
            const leaving = stops.length === 0 && known && Number.isFinite(now) ? now : Math.max(since, free);
            arrival = visit.progress?.eta ?? Math.max(leaving + travelTime, now);
          }
          const begin = arrival;
          // A visit under way at `now` ends no earlier than now, whatever its expected duration.
          const end = Math.max(begin + duration, now);
          stops.push({ visit: v.index, arrival, start: begin, end, travelTime, travelDistance });
          free = end;
          origin = site;
        }
        start = Math.max(start, free);
        startLocation = problem.visits[fixed[fixed.length - 1]!.index]!.location;
      }
      if (lunch && lunchTaken.has(tech.id) && d.day === dayOf(now)) lunch = null;
      if (lunch && start > lunch.latest) lunch = null;
      else if (lunch && start > lunch.earliest) lunch = { ...lunch, earliest: start };
      out.push({
        index: out.length,
        technician: t,
        shift: d.shift,
        day: d.day,
        pieceStart: d.pieceStart,
        start,
        startLocation,
        end: Math.max(d.end, start),
        hardEnd: Math.max(d.hardEnd, start),
        endLocation: d.endLocation,
        lunch,
        fixed: stops,
      });
    });
  });
  return out;
}

function dayOf(t: number): number {
  return Number.isFinite(t) ? Math.floor(t / DAY) : Number.NaN;
}

/** [start, end] less the absences, as pieces of positive length. */
function subtract(start: number, end: number, absences: readonly { start: number; end: number }[]): [number, number][] {
  let pieces: [number, number][] = [[start, end]];
  for (const x of absences) {
    const next: [number, number][] = [];
    for (const [a, b] of pieces) {
      if (x.end <= a || x.start >= b) {
        next.push([a, b]);
        continue;
      }
      if (x.start > a) next.push([a, x.start]);
      if (x.end < b) next.push([x.end, b]);
    }
    pieces = next;
  }
  return pieces.filter(([a, b]) => b > a);
}

interface FixedVisit {
  readonly index: number;
  readonly progress: Visit['progress'];
}

/** En-route and started visits per technician, in the order they happened. */
function fixedVisits(problem: FieldServiceProblem): Map<string, FixedVisit[]> {
  const out = new Map<string, FixedVisit[]>();
  problem.visits.forEach((v, index) => {
    if ((v.status !== 'en_route' && v.status !== 'started') || !v.progress) return;
    const list = out.get(v.progress.technician) ?? [];
    list.push({ index, progress: v.progress });
    out.set(v.progress.technician, list);
  });
  // Started before en route: one is on site now, the other comes next.
  const rank = (i: number): number => (problem.visits[i]!.status === 'started' ? 0 : 1);
  for (const list of out.values()) {
    list.sort((a, b) => rank(a.index) - rank(b.index) || (a.progress?.since ?? 0) - (b.progress?.since ?? 0) || a.index - b.index);
  }
  return out;
}

/** The draft a technician's facts belong to: the one under way at `now` (or at the first fact's time), else the same day's. */
function holdingDraft(drafts: readonly { pieceStart: number; hardEnd: number; day: number }[], first: FixedVisit, now: number): number {
  const at = Number.isFinite(now) ? now : (first.progress?.since ?? 0);
  const under = drafts.findIndex((d) => d.pieceStart <= at && at <= d.hardEnd);
  if (under >= 0) return under;
  const since = first.progress?.since ?? at;
  const containing = drafts.findIndex((d) => d.pieceStart <= since && since <= d.hardEnd);
  if (containing >= 0) return containing;
  // The last period of that day that has begun (the technician is running late past its end).
  const day = Math.floor(at / DAY);
  let best = -1;
  drafts.forEach((d, i) => {
    if (d.day === day && d.pieceStart <= at) best = i;
  });
  return best;
}
