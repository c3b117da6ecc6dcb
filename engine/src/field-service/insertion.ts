/**
 * Real-time insertion of an urgent visit into a day under way. From the
 * current plan, `now` and the technicians' last known positions, every tour
 * of the day is re-timed from where its technician is (facts first), then the
 * visit is tried at every position of every tour. Each try re-times the rest
 * of the tour, dropping ("pushing out") visits that no longer fit, and scores
 * the whole impact in the weights' unit: added travel, overtime, SLA lateness
 * (the urgent visit's and the others'), the visit's sector/preference
 * penalties, workload balance, and a fixed price per pushed-out visit.
 *
 * `prepareInsertion` does everything that does not depend on the urgent visit
 * (once per plan state); `rankInsertions` then evaluates all positions over
 * typed arrays without allocating, and builds result objects only for the
 * candidates it returns.
 */
import { InputError } from '../errors.ts';
import { coordinateLeg } from '../problem/coordinate-travel.ts';
import { buildContext, type FieldServiceContext, technicianPermitted, visitDays, visitWindows } from './context.ts';
import { planCost } from './cost.ts';
import { planKpis } from './kpis.ts';
import { planPositions } from './positions.ts';
import { replanResolved } from './replan.ts';
import { periodFrame } from './eligibility.ts';
import { assignmentPenalty, penaltyTotal } from './penalties.ts';
import type { WorkPeriod } from './periods.ts';
import { sectorOf, sectorStanding } from './sectors.ts';
import { hasSkillLevels, serviceDuration } from './skills.ts';
import { Legs, StopPool, type TimingFrame, TourTimer } from './tour-timing.ts';
import { DEFAULT_ROAD_FACTOR, DEFAULT_SPEED_KMH } from './travel.ts';
import {
  DAY,
  type FieldServicePlan,
  type FieldServiceProblem,
  type InsertionCandidate,
  type PlanOptions,
  type RealtimeState,
  type Tour,
  type Visit,
} from './types.ts';
import { parseFieldServiceProblem, parseRealtimeState, parseVisit } from './validate.ts';

/** One tour as insertion sees it: where its changeable part starts, its remaining stops and their forecast. */
export interface TourState {
  readonly period: WorkPeriod;
  readonly frame: TimingFrame;
  /** Pool indices of the visits still to do, in planned order. */
  readonly stops: Int32Array;
  /** Their visit indices in the problem. */
  readonly visits: readonly number[];
  /** Index in the plan tour's `stops` of each remaining stop (to report positions as the board shows them). */
  readonly planIndex: readonly number[];
  /** Length of the plan tour's `stops` (0 without a tour). */
  readonly planLength: number;
  /** Forecast without the urgent visit. */
  readonly baseServed: Uint8Array;
  readonly baseStart: Float64Array;
  readonly baseTravel: number;
  readonly baseDistance: number;
  readonly baseEnd: number;
  readonly baseLateness: number;
  readonly baseService: number;
  /** Travel and service of the facts (they count in the day's workload). */
  readonly fixedWork: number;
}

export interface InsertionContext {
  readonly ctx: FieldServiceContext;
  readonly plan: FieldServicePlan;
  readonly state: RealtimeState;
  readonly tours: readonly TourState[];
  readonly usesMatrix: boolean;
  /** Evaluation machinery, reused by every query. */
  readonly pool: StopPool;
  readonly legs: Legs;
  readonly timer: TourTimer;
  /** Distinct places used by the tours (the only legs of the extra place worth computing). */
  readonly places: Int32Array;
}

export interface PrepareOptions {
  readonly travelMatrix?: PlanOptions['travelMatrix'];
  /** Which days' tours may take the visit: the day under way (default) or every day from it on. */
  readonly days?: 'today' | 'all';
  /** Sites to cover in the travel table besides the problem's (needed with a travel matrix). */
  readonly extraVisits?: readonly Visit[];
}

/**
 * Everything about the current plan that does not depend on the urgent
 * visit. Validates the problem and the state.
 */
export function prepareInsertion(problem: unknown, plan: FieldServicePlan, state: unknown, options: PrepareOptions = {}): InsertionContext {
  const parsed = parseFieldServiceProblem(problem);
  const realtime = parseRealtimeState(state, parsed);
  return prepareResolved(parsed, plan, realtime, options);
}

export function prepareResolved(problem: FieldServiceProblem, plan: FieldServicePlan, state: RealtimeState, options: PrepareOptions = {}): InsertionContext {
  const ctx = buildContext(problem, {
    state,
    travelMatrix: options.travelMatrix,
    extraVisits: options.extraVisits,
    fallbackPosition: planPositions(problem, plan),
  });
  const pool = new StopPool();
  const legs = new Legs(ctx.table);
  const today = Math.floor(state.now / DAY);
  const toursByKey = new Map<string, Tour[]>();
  for (const t of plan.tours) {
    const k = `${t.technician}\u0000${t.day}\u0000${t.shift}`;
    const list = toursByKey.get(k) ?? [];
    list.push(t);
    toursByKey.set(k, list);
  }
  let longest = 1;
  const drafts: Omit<TourState, 'baseServed' | 'baseStart' | 'baseTravel' | 'baseDistance' | 'baseEnd' | 'baseLateness' | 'baseService'>[] = [];
  for (const period of ctx.periods) {
    if (options.days === 'all' ? period.day < today : period.day !== today) continue;
    if (period.hardEnd <= state.now && period.fixed.length === 0) continue;
    const tech = problem.technicians[period.technician]!;
    const candidates = toursByKey.get(`${tech.id}\u0000${period.day}\u0000${period.shift}`) ?? [];
    const tour =
      candidates.find((t) => t.start.time >= period.pieceStart && t.start.time <= period.hardEnd) ?? (candidates.length === 1 ? candidates[0] : undefined);
    let frame = periodFrame(ctx, period);
    // A lunch the plan already started is taken (or under way): no lunch left to place, maybe a later start.
    const plannedLunch = tour?.breaks[0];
    if (plannedLunch && plannedLunch.start <= state.now && frame.lunchDuration >= 0) {
      frame = { ...frame, originTime: Math.max(frame.originTime, plannedLunch.end), lunchDuration: -1 };
    }
    const fixedVisits = new Set(period.fixed.map((f) => problem.visits[f.visit]!.id));
    const stops: number[] = [];
    const visits: number[] = [];
    const planIndex: number[] = [];
    (tour?.stops ?? []).forEach((stop, k) => {
      const v = ctx.visitIndex.get(stop.visit);
      if (v === undefined || fixedVisits.has(stop.visit)) return;
      const visit = problem.visits[v]!;
      if ((visit.status ?? 'planned') !== 'planned') return;
      const duration = serviceDuration(visit, tech.skills);
      stops.push(pool.add(ctx.table.index(visit.location), duration, visit.slaDeadline ?? Number.POSITIVE_INFINITY, visitWindows(visit, problem.horizon.days)));
      visits.push(v);
      planIndex.push(k);
    });
    longest = Math.max(longest, stops.length + 1);
    const fixedWork = period.fixed.reduce((s, f) => s + f.travelTime + (f.end - f.start), 0);
    drafts.push({
      period,
      frame,
      stops: Int32Array.from(stops),
      visits,
      planIndex,
      planLength: tour?.stops.length ?? 0,
      fixedWork,
    });
  }
  const timer = new TourTimer(legs, pool, longest + 1);
  const tours: TourState[] = [];
  for (const d of drafts) {
    if (!timer.run(d.frame, d.stops, d.stops.length, true)) continue;
    tours.push({
      ...d,
      baseServed: timer.served.slice(0, d.stops.length),
      baseStart: timer.start.slice(0, d.stops.length),
      baseTravel: timer.travel,
      baseDistance: timer.distance,
      baseEnd: timer.endTime,
      baseLateness: timer.lateness,
      baseService: timer.service,
    });
  }
  const placeSet = new Set<number>();
  for (const t of tours) {
    placeSet.add(t.frame.originLoc);
    placeSet.add(t.frame.endLoc);
    for (const s of t.stops) placeSet.add(pool.loc[s]!);
  }
  // One slot at the end of the pool for the urgent visit, rewritten by every query.
  pool.add(0, 0, Number.POSITIVE_INFINITY, []);
  return {
    ctx,
    plan,
    state,
    tours,
    usesMatrix: options.travelMatrix !== undefined,
    pool,
    legs,
    timer: new TourTimer(legs, pool, longest + 2),
    places: Int32Array.from(placeSet),
  };
}

/** Per-query scratch: which tours may take the visit, its duration and penalty there. */
interface QueryScratch {
  readonly eligible: Uint8Array;
  readonly score: Float64Array;
  readonly tour: Int32Array;
  readonly position: Int32Array;
}

const scratchOf = new WeakMap<InsertionContext, QueryScratch>();

function scratch(ic: InsertionContext): QueryScratch {
  let s = scratchOf.get(ic);
  if (!s) {
    let positions = 0;
    for (const t of ic.tours) positions += t.stops.length + 1;
    s = {
      eligible: new Uint8Array(ic.tours.length),
      score: new Float64Array(positions),
      tour: new Int32Array(positions),
      position: new Int32Array(positions),
    };
    scratchOf.set(ic, s);
  }
  return s;
}

/**
 * Ranks every (technician, position) for the urgent visit, best first.
 * Only feasible candidates are returned: the urgent visit itself fits in its
 * windows and the technician's hours; other visits may be pushed out (and say so).
 */
export function rankInsertions(ic: InsertionContext, visit: unknown, limit?: number): InsertionCandidate[] {
  const u = parseVisit(visit, ic.ctx.problem);
  if ((u.status ?? 'planned') !== 'planned') throw new InputError('visit.status', 'must be "planned" for an insertion');
  return rankParsed(ic, u, limit);
}

export function rankParsed(ic: InsertionContext, u: Visit, limit?: number): InsertionCandidate[] {
  const found = evaluateAll(ic, u, false);
  const order = Array.from({ length: found }, (_, i) => i);
  const sc = scratch(ic);
  order.sort((a, b) => sc.score[a]! - sc.score[b]! || sc.tour[a]! - sc.tour[b]! || sc.position[a]! - sc.position[b]!);
  const keep = limit === undefined ? order.length : Math.min(limit, order.length);
  const out: InsertionCandidate[] = [];
  for (let r = 0; r < keep; r++) {
    const c = order[r]!;
    out.push(describe(ic, u, sc.tour[c]!, sc.position[c]!, sc.score[c]!));
  }
  return out;
}

/**
 * Scores every position of every eligible tour into the context's scratch
 * arrays and returns how many feasible candidates it found. `noPushOut`
 * refuses candidates that push any visit out (customer slots).
 */
export function evaluateAll(ic: InsertionContext, u: Visit, noPushOut: boolean): number {
  const { ctx, pool, legs, timer, tours } = ic;
  const { problem, weights } = ctx;
  const sc = scratch(ic);
  const uStop = pool.count - 1;
  setExtraPlace(ic, u);
  const windows = visitWindows(u, problem.horizon.days);
  pool.rewriteLast(legs.extra, u.duration, u.slaDeadline ?? Number.POSITIVE_INFINITY, windows);

  const rule = problem.sectorRule ?? 'off';
  const sector = u.sector ?? (problem.sectors && problem.sectors.length > 0 ? sectorOf(u.location, problem.sectors) : undefined);
  const [first, last] = visitDays(u, problem.horizon.days);
  const techPenalty = new Float64Array(problem.technicians.length).fill(Number.NaN);
  problem.technicians.forEach((tech, t) => {
    if (!technicianPermitted(u, tech.id) || !hasSkillLevels(tech.skills, u.skills)) return;
    if (rule === 'hard' && sectorStanding(sector, tech.sectors, tech.secondarySectors) === 'outside') return;
    techPenalty[t] = 0;
  });

  let found = 0;
  let buffer = seqBuffer(ic);
  for (let ti = 0; ti < tours.length; ti++) {
    const tour = tours[ti]!;
    const p = tour.period;
    if (Number.isNaN(techPenalty[p.technician]) || p.day < first || p.day > last) continue;
    const tech = problem.technicians[p.technician]!;
    const hourly = tech.hourlyCost ?? 0;
    const uDuration = serviceDuration(u, tech.skills);
    pool.duration[uStop] = uDuration;
    const penalty = penaltyTotal(assignmentPenalty(weights, rule, u, sector, tech, p.day));
    const m = tour.stops.length;
    if (buffer.length < m + 1) buffer = seqBuffer(ic, m + 1);
    const baseOvertime = tour.baseEnd > p.end ? tour.baseEnd - p.end : 0;
    const baseWork = tour.fixedWork + tour.baseTravel + tour.baseService;
    for (let k = 0; k <= m; k++) {
      for (let i = 0, j = 0; i <= m; i++) buffer[i] = i === k ? uStop : tour.stops[j++]!;
      if (!timer.run(tour.frame, buffer, m + 1, true, k)) continue;
      let pushed = 0;
      for (let i = 0; i <= m; i++) {
        if (i === k) continue;
        const b = i < k ? i : i - 1;
        if (tour.baseServed[b] === 1 && timer.served[i] === 0) pushed++;
      }
      if (noPushOut && pushed > 0) continue;
      const dTravel = timer.travel - tour.baseTravel;
      const dDistance = timer.distance - tour.baseDistance;
      const overtime = timer.endTime > p.end ? timer.endTime - p.end : 0;
      const work = tour.fixedWork + timer.travel + timer.service;
      const score =
        ((weights.travelPerHour + hourly) * dTravel) / 3600 +
        (weights.travelPerKm * dDistance) / 1000 +
        (hourly * (timer.service - tour.baseService)) / 3600 +
        (weights.overtimePerHour * (overtime - baseOvertime)) / 3600 +
        (weights.slaLatenessPerHour * (timer.lateness - tour.baseLateness)) / 3600 +
        (weights.imbalance * (work * work - baseWork * baseWork)) / (3600 * 3600) +
        penalty +
        weights.pushedOutVisit * pushed;
      sc.score[found] = score;
      sc.tour[found] = ti;
      sc.position[found] = k;
      found++;
    }
  }
  return found;
}

const buffers = new WeakMap<InsertionContext, Int32Array>();

function seqBuffer(ic: InsertionContext, size = 0): Int32Array {
  let b = buffers.get(ic);
  if (!b || b.length < size) {
    let longest = size;
    for (const t of ic.tours) longest = Math.max(longest, t.stops.length + 1);
    b = new Int32Array(longest);
    buffers.set(ic, b);
  }
  return b;
}

/** The `c`-th candidate found by the last `evaluateAll`, described. */
export function describeCandidate(ic: InsertionContext, u: Visit, c: number): InsertionCandidate {
  const sc = scratch(ic);
  return describe(ic, u, sc.tour[c]!, sc.position[c]!, sc.score[c]!);
}

/** Re-times one candidate and describes it (delayed and pushed-out visits by id). */
function describe(ic: InsertionContext, u: Visit, ti: number, k: number, score: number): InsertionCandidate {
  const { ctx, timer, pool } = ic;
  const tour = ic.tours[ti]!;
  const p = tour.period;
  const tech = ctx.problem.technicians[p.technician]!;
  const uStop = pool.count - 1;
  pool.duration[uStop] = serviceDuration(u, tech.skills);
  const m = tour.stops.length;
  const seq = new Int32Array(m + 1);
  for (let i = 0, j = 0; i <= m; i++) seq[i] = i === k ? uStop : tour.stops[j++]!;
  timer.run(tour.frame, seq, m + 1, true, k);
  const delayed: string[] = [];
  const pushed: string[] = [];
  for (let i = 0; i <= m; i++) {
    if (i === k) continue;
    const b = i < k ? i : i - 1;
    if (tour.baseServed[b] !== 1) continue;
    const id = ctx.problem.visits[tour.visits[b]!]!.id;
    if (timer.served[i] === 0) pushed.push(id);
    else if (timer.start[i]! > tour.baseStart[b]!) delayed.push(id);
  }
  const start = timer.start[k]!;
  return {
    technician: tech.id,
    day: p.day,
    shift: p.shift,
    position: k < m ? tour.planIndex[k]! : tour.planLength,
    eta: timer.arrival[k]!,
    start,
    addedTravel: timer.travel - tour.baseTravel,
    addedDistance: timer.distance - tour.baseDistance,
    slaMet: u.slaDeadline === undefined || start <= u.slaDeadline,
    delayedVisits: delayed,
    pushedOutVisits: pushed,
    score: Math.round(score * 100) / 100,
  };
}

/** Legs between the urgent visit's site and every place the tours use. */
function setExtraPlace(ic: InsertionContext, u: Visit): void {
  const { ctx, legs, places } = ic;
  const table = ctx.table;
  if (table.has(u.location)) {
    const x = table.index(u.location);
    for (let k = 0; k < places.length; k++) {
      const b = places[k]!;
      legs.extraFrom[b] = table.time(x, b);
      legs.extraTo[b] = table.time(b, x);
      legs.extraDistFrom[b] = table.distance(x, b);
      legs.extraDistTo[b] = table.distance(b, x);
    }
    return;
  }
  if (ic.usesMatrix) {
    throw new InputError(
      'visit.location',
      'is not in the travel matrix: ask the provider for fieldServiceLocations(problem, state, [visit]) and prepare again',
    );
  }
  const model = {
    roadFactor: ctx.problem.travel?.roadFactor ?? DEFAULT_ROAD_FACTOR,
    speedKmh: ctx.problem.travel?.speedKmh ?? DEFAULT_SPEED_KMH,
  };
  for (let k = 0; k < places.length; k++) {
    const b = places[k]!;
    const leg = coordinateLeg(u.location, table.locations[b]!, model);
    // The model is symmetric: one computation serves both directions.
    legs.extraFrom[b] = leg.duration;
    legs.extraTo[b] = leg.duration;
    legs.extraDistFrom[b] = leg.distance;
    legs.extraDistTo[b] = leg.distance;
  }
}

export interface ApplyOptions extends PlanOptions {
  /** Iterations of the local re-optimisation of the day (default 300; 0 keeps the insertion as is). */
  readonly maxIterations?: number;
}

/**
 * Applies a candidate: the urgent visit goes to the candidate's technician,
 * then the day's tours are re-optimised briefly from now — facts never move,
 * visits already in the plan keep their technician unless moving them pays
 * more than the plan-change weight, pushed-out visits get another place if
 * one exists. Other days are left as they were. Returns the problem with the
 * visit added, and the new plan.
 */
export function applyInsertion(
  ic: InsertionContext,
  visit: unknown,
  candidate: InsertionCandidate,
  options: ApplyOptions = {},
): { problem: FieldServiceProblem; plan: FieldServicePlan } {
  const u = parseVisit(visit, ic.ctx.problem);
  const { ctx, plan, state } = ic;
  const problem = ctx.problem;
  if (ctx.visitIndex.has(u.id)) throw new InputError('visit.id', `"${u.id}" is already in the problem`);
  const day = candidate.day;

  // The candidate's tour as evaluated: forecast starts order the warm start.
  const ti = ic.tours.findIndex(
    (t) => problem.technicians[t.period.technician]!.id === candidate.technician && t.period.day === day && t.period.shift === candidate.shift,
  );
  const forecast = new Map<string, { technician: string; day: number; start: number }>();
  const pushed = new Set<string>();
  if (ti >= 0) {
    const described = describeAt(ic, u, ti, candidate);
    for (const id of described.pushed) pushed.add(id);
    described.starts.forEach((start, id) => forecast.set(id, { technician: candidate.technician, day, start }));
  }
  for (const tour of ic.tours) {
    if (tour.period.day !== day) continue;
    const tech = problem.technicians[tour.period.technician]!.id;
    tour.visits.forEach((v, b) => {
      const id = problem.visits[v]!.id;
      if (!forecast.has(id) && tour.baseServed[b] === 1) forecast.set(id, { technician: tech, day, start: tour.baseStart[b]! });
    });
  }

  // The day's problem: its visits (as now planned, pinned to their days) and the urgent one, pinned to the technician.
  const todayVisits = new Set<string>();
  for (const t of plan.tours) if (t.day === day) for (const s of t.stops) todayVisits.add(s.visit);
  const dayVisits: Visit[] = [];
  for (const v of problem.visits) {
    if (!todayVisits.has(v.id) || v.status === 'done') continue;
    if ((v.status ?? 'planned') !== 'planned') {
      dayVisits.push(v);
      continue;
    }
    const f = forecast.get(v.id);
    dayVisits.push({
      ...v,
      earliestDay: day,
      latestDay: day,
      // What the technicians see now is what a change is measured against; pushed-out visits start afresh.
      ...(pushed.has(v.id) ? { published: undefined } : f ? { published: f } : {}),
    });
  }
  dayVisits.push({
    ...u,
    pin:
      u.pin?.start !== undefined && u.pin.mode !== 'technician'
        ? { mode: 'technician_and_time', technician: candidate.technician, start: u.pin.start }
        : { mode: 'technician', technician: candidate.technician },
    earliestDay: day,
    latestDay: day,
    published: { technician: candidate.technician, day, start: candidate.start },
  });
  const dayProblem: FieldServiceProblem = { ...problem, visits: dayVisits };
  const iterations = options.maxIterations ?? 300;
  const { plan: dayPlan } = replanResolved(dayProblem, undefined, state, {
    ...options,
    maxIterations: Math.max(1, iterations),
    travelMatrix: options.travelMatrix,
  });

  const full: FieldServiceProblem = { ...problem, visits: [...problem.visits, u] };
  const fullCtx = buildContext(full, { state, travelMatrix: options.travelMatrix, fallbackPosition: planPositions(problem, plan) });
  const tours = [...plan.tours.filter((t) => t.day !== day), ...dayPlan.tours];
  const dayIds = new Set(dayVisits.map((v) => v.id));
  const unassigned = [...plan.unassigned.filter((x) => !dayIds.has(x.visit)), ...dayPlan.unassigned];
  const order = (id: string): number => fullCtx.technicianIndex.get(id) ?? 0;
  tours.sort((a, b) => a.day - b.day || order(a.technician) - order(b.technician) || a.start.time - b.start.time);
  return {
    problem: full,
    plan: { tours, unassigned, cost: planCost(fullCtx, tours), kpis: planKpis(fullCtx, tours, unassigned) },
  };
}

/** Forecast starts (by visit id) and pushed-out visits of one candidate. */
function describeAt(ic: InsertionContext, u: Visit, ti: number, candidate: InsertionCandidate): { starts: Map<string, number>; pushed: string[] } {
  const tour = ic.tours[ti]!;
  const m = tour.stops.length;
  let k = tour.planIndex.findIndex((i) => i >= candidate.position);
  if (k < 0) k = m;
  setExtraPlace(ic, u);
  const uStop = ic.pool.count - 1;
  ic.pool.rewriteLast(
    ic.legs.extra,
    serviceDuration(u, ic.ctx.problem.technicians[tour.period.technician]!.skills),
    u.slaDeadline ?? Number.POSITIVE_INFINITY,
    visitWindows(u, ic.ctx.problem.horizon.days),
  );
  const seq = new Int32Array(m + 1);
  for (let i = 0, j = 0; i <= m; i++) seq[i] = i === k ? uStop : tour.stops[j++]!;
  const starts = new Map<string, number>();
  const pushed: string[] = [];
  if (!ic.timer.run(tour.frame, seq, m + 1, true, k)) return { starts, pushed };
  for (let i = 0; i <= m; i++) {
    if (i === k) continue;
    const b = i < k ? i : i - 1;
    const id = ic.ctx.problem.visits[tour.visits[b]!]!.id;
    if (ic.timer.served[i] === 1) starts.set(id, ic.timer.start[i]!);
    else if (tour.baseServed[b] === 1) pushed.push(id);
  }
  return { starts, pushed };
}
