// Urgent insertion and moves through the engine's real-time insertion:
// `prepareInsertion` once per state of a day's plan (cached, see
// insertion-cache.ts), then `rankInsertions` per request. The day's records
// become the engine's problem through the same adapter as planning
// (to-field-service.ts); the stored tours become the engine's current plan.
// A move at an explicit position is timed with the engine's own tour timing
// (the context's timer), so what a preview says is what an assignment stores.
import type { FieldServicePlan, InsertionCandidate as EngineCandidate, InsertionContext, Tour, Visit } from '../../../engine/src/index.ts';
import { DAY, prepareInsertion, rankInsertions } from '../../../engine/src/index.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { cachedContext, planStamp } from './insertion-cache.ts';
import { loadPlanningRecords } from './load-records.ts';
import { partsAccess } from './parts.ts';
import type { Plan, PlannedStop } from './plan.ts';
import { latestPositions } from './positions.ts';
import { type AbsenceKind, FIXED_STATUSES, PLANNABLE_STATUSES, type InterventionRecord, type PlanningRecords, type UnassignedReason } from './records.ts';
import { dayOfDateColumn, type IsoDay, localDay } from './time.ts';
import { defaultRoadTravel, type RoadTravel, type TravelTimes } from './road-travel.ts';
import { type AdaptedProblem, hasSkills, shiftsOfDay, toFieldServiceProblem } from './to-field-service.ts';

export interface InsertionCandidate {
  readonly technicianId: string;
  /** The technician's tour that day, if it exists yet. */
  readonly tourId: string | null;
  readonly day: IsoDay;
  /** 0-based place of the visit in the tour, the day's done visits included. */
  readonly position: number;
  readonly eta: string;
  readonly plannedStart: string;
  readonly plannedEnd: string;
  readonly addedTravelSeconds: number;
  readonly addedTravelMeters: number;
  /** Started by the SLA deadline; null without a deadline. */
  readonly slaMet: boolean | null;
  /** Visits of the tour that would start later than now planned. */
  readonly delayed: number;
  /** Visits of the tour that would no longer fit. */
  readonly pushedOut: readonly string[];
  /** The tour's visits in order after the insertion. */
  readonly order: readonly string[];
  /** The engine's impact score in its cost unit (lower is better). */
  readonly score: number;
}

export interface RejectedTechnician {
  readonly technicianId: string;
  readonly reason: UnassignedReason;
}

export interface InsertionAnswer {
  readonly interventionId: string;
  readonly agencyId: string;
  readonly day: IsoDay;
  readonly candidates: readonly InsertionCandidate[];
  readonly rejected: readonly RejectedTechnician[];
  readonly travelTimes: TravelTimes;
}

export class InterventionNotFoundError extends Error {
  override readonly name = 'InterventionNotFoundError';
}

/** The request makes no sense for this intervention (done, cancelled, ...). */
export class InsertionRefusedError extends Error {
  override readonly name = 'InsertionRefusedError';
}

export interface InsertionDeps {
  readonly prisma: PrismaClient;
  readonly now?: () => Date;
  /** Road travel times (OSRM_URL); default the process's, from the environment. */
  readonly travel?: RoadTravel;
}

export interface InsertionOptions {
  readonly day?: IsoDay;
  readonly limit?: number;
  /** How long every shift may run past its end: a dispatcher forcing overtime (default none, the engine's rule). */
  readonly overtimeAllowanceSeconds?: number;
  /** Visits taken off the day's tours first: a lower-priority visit bumped for this one. */
  readonly without?: readonly string[];
}

/** An urgent request not stored yet (a draft): ranked from its data, in its agency. */
export interface DraftVisit {
  readonly agencyId: string;
  /** Its id is a placeholder until the request is saved. */
  readonly record: InterventionRecord;
}

/** The day's plan as the engine sees it, ready to rank the visit. */
export interface InsertionDay {
  readonly records: PlanningRecords;
  /** The visit as read (its stop, pin and dates as they are). */
  readonly target: InterventionRecord;
  readonly day: IsoDay;
  readonly now: Date;
  readonly adapted: AdaptedProblem;
  /** Null when the visit cannot go anywhere: the reason. */
  readonly visit: Visit | null;
  readonly excludedReason: UnassignedReason | null;
  readonly ic: InsertionContext;
  readonly travelTimes: TravelTimes;
  /** Technicians who cannot get the visit's parts by that day, with what is short. */
  readonly partsShort: ReadonlyMap<string, string>;
}

export async function insertionCandidates(deps: InsertionDeps, interventionId: string, options: InsertionOptions = {}): Promise<InsertionAnswer> {
  return rankDay(await insertionDay(deps, interventionId, options), options.limit);
}

/** The technicians of a prepared day ranked for its visit (best first), and those who cannot take it. */
export function rankDay(d: InsertionDay, limit = 10): InsertionAnswer {
  const interventionId = d.target.id;
  const ranked = d.visit ? rankInsertions(d.ic, d.visit) : [];
  const best = new Map<string, EngineCandidate>();
  for (const c of ranked) if (!best.has(c.technician)) best.set(c.technician, c);
  const candidates: InsertionCandidate[] = [];
  const rejected: RejectedTechnician[] = [];
  for (const tech of d.records.technicians) {
    const c = best.get(tech.id);
    const why = c ? null : rejection(d, tech.id);
    if (why) rejected.push({ technicianId: tech.id, reason: why });
    else if (d.partsShort.has(tech.id)) rejected.push({ technicianId: tech.id, reason: 'parts_unavailable' });
    else candidates.push(describe(d, c!));
  }
  candidates.sort((a, b) => a.score - b.score);
  return {
    interventionId,
    agencyId: d.records.agency.id,
    day: d.day,
    candidates: candidates.slice(0, limit),
    rejected,
    travelTimes: d.travelTimes,
  };
}

/** Why a technician has no candidate. */
function rejection(d: InsertionDay, technicianId: string): UnassignedReason {
  if (d.excludedReason) return d.excludedReason;
  const tech = d.records.technicians.find((t) => t.id === technicianId);
  if (!tech || !hasSkills(tech, d.target)) return 'no_skill';
  if (!d.ic.tours.some((t) => d.ic.ctx.problem.technicians[t.period.technician]!.id === technicianId)) return 'no_shift';
  return 'capacity';
}

function describe(d: InsertionDay, c: EngineCandidate): InsertionCandidate {
  const { clock } = d.adapted;
  const facts = factsOf(d, c.technician);
  const tour = d.ic.plan.tours.find((t) => t.technician === c.technician && t.shift === c.shift && t.day === c.day);
  const order = [...facts, ...(tour?.stops.map((s) => s.visit) ?? [])];
  order.splice(facts.length + c.position, 0, d.target.id);
  const pushed = new Set(c.pushedOutVisits);
  return {
    technicianId: c.technician,
    tourId: tourIdOf(d, c.technician),
    day: d.day,
    position: facts.length + c.position,
    eta: clock.instant(c.eta).toISOString(),
    plannedStart: clock.instant(c.start).toISOString(),
    plannedEnd: clock.instant(c.start + (d.visit?.duration ?? 0)).toISOString(),
    addedTravelSeconds: c.addedTravel,
    addedTravelMeters: c.addedDistance,
    slaMet: d.target.slaDeadline ? c.slaMet : null,
    delayed: c.delayedVisits.length,
    pushedOut: c.pushedOutVisits,
    order: order.filter((id) => !pushed.has(id)),
    score: c.score,
  };
}

const tourIdOf = (d: InsertionDay, technicianId: string): string | null =>
  d.records.tours.find((t) => t.technicianId === technicianId && t.day === d.day)?.id ?? null;

/** The day's facts of a technician's tour (they come first). */
function factsOf(d: InsertionDay, technicianId: string): string[] {
  return d.records.interventions
    .filter((i) => FIXED_STATUSES.has(i.status) && i.stop?.technicianId === technicianId && i.stop.day === d.day)
    .sort((a, b) => a.stop!.sequence - b.stop!.sequence)
    .map((i) => i.id);
}

/**
 * Reads the day and prepares (or reuses) the engine's insertion context for
 * this visit: the day's plan without it, the visit as an urgent request (the
 * dispatcher decides now: its dates and pin give way, its time windows stay).
 */
export async function insertionDay(deps: InsertionDeps, interventionId: string, options: InsertionOptions = {}): Promise<InsertionDay> {
  const { prisma } = deps;
  const now = deps.now?.() ?? new Date();
  const row = await prisma.intervention.findUnique({
    where: { id: interventionId },
    select: { agencyId: true, status: true, earliestDate: true, agency: { select: { timezone: true } } },
  });
  if (!row) throw new InterventionNotFoundError(`intervention ${interventionId} not found`);
  if (!PLANNABLE_STATUSES.has(row.status)) throw new InsertionRefusedError(`a ${row.status} intervention cannot be inserted into a tour`);
  const today = localDay(now, row.agency.timezone);
  const earliest = row.earliestDate ? dayOfDateColumn(row.earliestDate) : today;
  const day = options.day ?? (earliest > today ? earliest : today);

  const records = await loadPlanningRecords(prisma, row.agencyId, [day]);
  const target = records.interventions.find((i) => i.id === interventionId);
  if (!target) throw new InterventionNotFoundError(`intervention ${interventionId} not found`);
  return dayAround(deps, records, target, day, now, options);
}

/**
 * The same for a request not stored yet: the day's plan of the draft's
 * agency, the draft as the urgent visit. Nothing is written.
 */
export async function draftInsertionDay(deps: InsertionDeps, draft: DraftVisit, options: InsertionOptions = {}): Promise<InsertionDay> {
  const now = deps.now?.() ?? new Date();
  const agency = await deps.prisma.agency.findUnique({ where: { id: draft.agencyId }, select: { timezone: true } });
  if (!agency) throw new InsertionRefusedError(`agency ${draft.agencyId} not found`);
  const day = options.day ?? localDay(now, agency.timezone);
  const records = await loadPlanningRecords(deps.prisma, draft.agencyId, [day]);
  return dayAround(deps, records, draft.record, day, now, options);
}

async function dayAround(
  deps: InsertionDeps,
  records: PlanningRecords,
  target: InterventionRecord,
  day: IsoDay,
  now: Date,
  options: InsertionOptions,
): Promise<InsertionDay> {
  const { prisma } = deps;
  const interventionId = target.id;
  const today = localDay(now, records.agency.timezone);
  const urgent: InterventionRecord = { ...target, status: 'requested', pinned: false, earliestDay: null, latestDay: null, stop: null };
  const off = new Set([interventionId, ...(options.without ?? [])]);
  // The day's plan without the visit: only what is on the day's tours (and the facts) matters to the insertion.
  const others: PlanningRecords = {
    ...records,
    interventions: records.interventions.filter((i) => !off.has(i.id) && (FIXED_STATUSES.has(i.status) || (i.stop !== null && i.stop.day === day))),
    tours: records.tours.map((t) => ({ ...t, stops: t.stops.filter((s) => !off.has(s.interventionId)) })),
  };
  const positions =
    day === today
      ? await latestPositions(
          prisma,
          records.technicians.map((t) => t.id),
          now,
        )
      : undefined;
  const allowance = options.overtimeAllowanceSeconds ?? 0;
  const adapt = (r: PlanningRecords) => withOvertime(toFieldServiceProblem(r, { now, ...(positions ? { positions } : {}) }), allowance);
  const alone = adapt({ ...records, interventions: [urgent], tours: [] });
  const visit = alone.problem.visits.find((v) => v.id === interventionId) ?? null;
  const excludedReason = alone.excluded.find((x) => x.interventionId === interventionId)?.reason ?? (visit ? null : 'no_shift');

  // One prepared context serves every urgent visit of the day's plan as it stands; a visit taken out of
  // a tour changes that plan, and road times need the visit's site in the matrix: those are keyed too.
  const travel = deps.travel ?? defaultRoadTravel();
  const onTour = records.tours.some((t) => t.day === day && t.stops.some((s) => s.interventionId === interventionId));
  const key = [records.agency.id, day, onTour ? interventionId : '', travel.road && visit ? visit.location.join(',') : '', allowance, planStamp(others)].join(
    '|',
  );
  const prepared = await cachedContext(key, now.getTime(), async () => {
    const adapted = adapt(others);
    const plan = currentPlan(others, adapted);
    const state = adapted.state ?? { now: 0 };
    const road = await travel.matrix(adapted.problem, state, visit ? [visit] : []);
    const ic = prepareInsertion(adapted.problem, plan, state, {
      ...(visit ? { extraVisits: [visit] } : {}),
      ...(road.matrix ? { travelMatrix: road.matrix } : {}),
    });
    return { adapted, ic, travelTimes: road.times };
  });

  const partsShort = new Map<string, string>();
  if (await prisma.interventionPart.count({ where: { interventionId } })) {
    const access = (await partsAccess(prisma, { ...records, interventions: [urgent] })).get(interventionId);
    if (access) {
      for (const t of records.technicians) {
        const from = access.technicians.get(t.id);
        if (from === undefined || (from !== null && from > day)) {
          partsShort.set(t.id, `parts not available to ${t.id} on ${day}: ${access.missingParts.join(', ') || 'short'}`);
        }
      }
    }
  }
  return { records, target, day, now, visit, excludedReason, ...prepared, partsShort };
}

/** Every technician's shifts may run `seconds` past their end (the engine's maxOvertime). */
function withOvertime(adapted: AdaptedProblem, seconds: number): AdaptedProblem {
  if (seconds <= 0) return adapted;
  return { ...adapted, problem: { ...adapted.problem, technicians: adapted.problem.technicians.map((t) => ({ ...t, maxOvertime: seconds })) } };
}

/**
 * The stored tours of the day as the engine's plan: the planned stops with
 * their stored times, each on the shift whose hours hold its start. Only what
 * `prepareInsertion` reads (technician, day, shift, start, stops, breaks).
 */
function currentPlan(records: PlanningRecords, adapted: AdaptedProblem): FieldServicePlan {
  const { clock, problem } = adapted;
  const inProblem = new Map(problem.visits.map((v) => [v.id, v]));
  const byId = new Map(records.interventions.map((i) => [i.id, i]));
  const tours: Tour[] = [];
  for (const stored of records.tours) {
    const tech = problem.technicians.find((t) => t.id === stored.technicianId);
    if (!tech || clock.dayIndex(stored.day) !== 0) continue;
    const stops = [...stored.stops]
      .sort((a, b) => a.sequence - b.sequence)
      .map((s) => byId.get(s.interventionId))
      .filter((i): i is InterventionRecord => !!i && (inProblem.get(i.id)?.status ?? 'planned') === 'planned' && inProblem.has(i.id));
    if (stops.length === 0) continue;
    const startOf = (i: InterventionRecord) => (i.stop?.plannedStart ? clock.seconds(i.stop.plannedStart) : 0);
    const shiftOf = (t: number) => {
      const k = tech.shifts.findIndex((s) => t >= s.start && t < s.end);
      return k >= 0 ? k : tech.shifts.findIndex((s) => s.start < DAY);
    };
    const groups = new Map<number, InterventionRecord[]>();
    for (const i of stops) {
      const k = shiftOf(startOf(i));
      groups.set(k, [...(groups.get(k) ?? []), i]);
    }
    const breaks = (stored.kpis as { breaks?: { start: string; end: string }[] } | null | undefined)?.breaks ?? [];
    for (const [shift, list] of groups) {
      if (shift < 0) continue;
      const s = tech.shifts[shift]!;
      tours.push({
        technician: tech.id,
        day: 0,
        shift,
        start: { location: s.startLocation ?? tech.home, time: s.start },
        end: { location: s.endLocation ?? tech.home, time: s.end },
        stops: list.map((i) => {
          const start = startOf(i);
          const end = i.stop?.plannedEnd ? clock.seconds(i.stop.plannedEnd) : start + i.durationMinutes * 60;
          return { visit: i.id, arrival: start, start, end, travelTime: 0, travelDistance: 0, lateness: 0, fixed: false };
        }),
        breaks: breaks
          .map((b) => ({ start: clock.seconds(new Date(b.start)), end: clock.seconds(new Date(b.end)) }))
          .filter((b) => b.start >= s.start && b.start < s.end),
        travelTime: 0,
        travelDistance: 0,
        serviceTime: 0,
        waitingTime: 0,
        overtime: 0,
      });
    }
  }
  const zero = { travel: 0, labour: 0, overtime: 0, slaLateness: 0, sector: 0, notUsualTechnician: 0, imbalance: 0, planChanges: 0, total: 0 };
  return {
    tours,
    unassigned: [],
    cost: zero,
    kpis: {
      visits: 0,
      assigned: 0,
      unassigned: 0,
      travelTime: 0,
      travelDistance: 0,
      serviceTime: 0,
      overtime: 0,
      sla: { withDeadline: 0, met: 0, compliance: 100 },
      unassignedByReason: { no_skill_level: 0, no_shift_in_date_range: 0, time_window_unreachable: 0, sector_rule: 0, day_capacity: 0 },
      utilisation: [],
      balanceIndex: 1,
    },
  };
}

/** A move timed by the engine: the visit at one place of one technician's tour. */
export interface TimedMove {
  readonly technicianId: string;
  readonly day: IsoDay;
  /** Where the visit lands, the day's facts included. */
  readonly position: number;
  /** Null when the move is refused (then `refusal` says why). */
  readonly eta: Date | null;
  readonly plannedStart: Date | null;
  readonly plannedEnd: Date | null;
  readonly addedTravelSeconds: number;
  readonly addedTravelMeters: number;
  /** Time past the end of the technician's hours after the move, and before. */
  readonly overtimeSeconds: number;
  readonly overtimeBeforeSeconds: number;
  readonly slaMet: boolean | null;
  readonly delayed: readonly string[];
  readonly pushedOut: readonly string[];
  /** The tour as it would be stored (the day's facts first). */
  readonly plan: Plan | null;
  /** `absence`: the technician is away that day, and why (leave, sick, training, other). */
  readonly refusal: { readonly reason: UnassignedReason | 'window'; readonly message: string; readonly absence?: AbsenceKind } | null;
}

/**
 * The visit at `position` (the facts included; absent: at the place the
 * engine ranks best, or the one whose start follows `at`) in a technician's
 * tour, timed with the engine's rules: travel, windows, lunch, the end of the
 * day; visits that no longer fit are pushed out.
 */
export function timeMove(d: InsertionDay, technicianId: string, where: { position?: number; at?: Date } = {}): TimedMove {
  const refuse = (reason: UnassignedReason | 'window', message: string, absence?: AbsenceKind): TimedMove => ({
    technicianId,
    day: d.day,
    position: where.position ?? 0,
    eta: null,
    plannedStart: null,
    plannedEnd: null,
    addedTravelSeconds: 0,
    addedTravelMeters: 0,
    overtimeSeconds: 0,
    overtimeBeforeSeconds: 0,
    slaMet: null,
    delayed: [],
    pushedOut: [],
    plan: null,
    refusal: { reason, message, ...(absence ? { absence } : {}) },
  });
  if (!d.records.technicians.some((t) => t.id === technicianId)) {
    return refuse('no_shift', `technician ${technicianId} is not an active technician of the intervention's agency`);
  }
  if (!d.visit) return refuse(d.excludedReason ?? 'no_shift', `the visit cannot be planned (${d.excludedReason ?? 'no_shift'})`);
  const { ic, adapted } = d;
  const { clock } = adapted;
  // Ranking sets the context's slot for the visit (its legs, windows): needed before timing by hand.
  const ranked = rankInsertions(ic, d.visit).filter((c) => c.technician === technicianId);
  const tis = ic.tours.map((t, i) => ({ t, i })).filter(({ t }) => ic.ctx.problem.technicians[t.period.technician]!.id === technicianId);
  if (tis.length === 0) {
    const tech = d.records.technicians.find((t) => t.id === technicianId)!;
    // Absences are loaded for the day only: one of them says why the technician has no tour (it is what the board shows).
    const absence = tech.absences.find((a) => a.kind)?.kind ?? null;
    if (absence) return refuse('no_shift', `the technician is absent on ${d.day} (${absence})`, absence);
    return refuse('no_shift', shiftsOfDay(tech, d.day).length > 0 ? `the technician no longer works on ${d.day}` : `the technician does not work on ${d.day}`);
  }
  const facts = factsOf(d, technicianId);
  let ti = tis[0]!.i;
  let k: number;
  if (where.position !== undefined) {
    k = Math.max(0, where.position - facts.length);
  } else if (where.at) {
    const at = clock.seconds(where.at);
    const hold = tis.find(({ t }) => at >= t.period.start && at < t.period.end) ?? tis[tis.length - 1]!;
    ti = hold.i;
    const tour = ic.tours[ti]!;
    k = 0;
    while (k < tour.stops.length && tour.baseStart[k]! < at) k++;
  } else {
    const best = ranked[0];
    if (!best) return refuse(rejection(d, technicianId), `the visit does not fit in the technician's day`);
    ti = tis.find(({ t }) => t.period.shift === best.shift)?.i ?? ti;
    const tour = ic.tours[ti]!;
    k = tour.planIndex.findIndex((p) => p >= best.position);
    if (k < 0) k = tour.stops.length;
  }
  const tour = ic.tours[ti]!;
  k = Math.min(k, tour.stops.length);
  const m = tour.stops.length;
  const uStop = ic.pool.count - 1;
  ic.pool.duration[uStop] = d.visit.duration;
  const seq = new Int32Array(m + 1);
  for (let i = 0, j = 0; i <= m; i++) seq[i] = i === k ? uStop : tour.stops[j++]!;
  const timer = ic.timer;
  if (!timer.run(tour.frame, seq, m + 1, true, k)) {
    return {
      ...refuse('window', `the visit cannot be done there: its time window or ${technicianId}'s hours do not allow it`),
      position: facts.length + k,
    };
  }
  // Read everything from the timer before anything else runs it.
  const served = Array.from(timer.served.subarray(0, m + 1));
  const arrival = Array.from(timer.arrival.subarray(0, m + 1));
  const start = Array.from(timer.start.subarray(0, m + 1));
  const endTime = timer.endTime;
  const lunchStart = timer.lunchStart;
  const travel = timer.travel;
  const distance = timer.distance;
  const service = timer.service;
  const problem = ic.ctx.problem;
  const visitAt = (i: number) => (i === k ? d.visit! : problem.visits[tour.visits[i < k ? i : i - 1]!]!);
  const delayed: string[] = [];
  const pushed: string[] = [];
  for (let i = 0; i <= m; i++) {
    if (i === k) continue;
    const b = i < k ? i : i - 1;
    if (tour.baseServed[b] !== 1) continue;
    const id = visitAt(i).id;
    if (served[i] === 0) pushed.push(id);
    else if (start[i]! > tour.baseStart[b]!) delayed.push(id);
  }
  // Legs between the served stops, in order, from where the tour's changeable part starts.
  const stops: PlannedStop[] = facts.map((interventionId, sequence) => ({
    interventionId,
    sequence,
    planned: false,
    plannedArrival: null,
    plannedStart: null,
    plannedEnd: null,
    travelSeconds: null,
    travelMeters: null,
  }));
  let from = tour.frame.originLoc;
  for (let i = 0; i <= m; i++) {
    if (served[i] !== 1) continue;
    const loc = ic.pool.loc[seq[i]!]!;
    const v = visitAt(i);
    stops.push({
      interventionId: v.id,
      sequence: stops.length,
      planned: true,
      plannedArrival: clock.instant(arrival[i]!),
      plannedStart: clock.instant(start[i]!),
      plannedEnd: clock.instant(start[i]! + ic.pool.duration[seq[i]!]!),
      travelSeconds: Math.round(ic.legs.time(from, loc)),
      travelMeters: Math.round(ic.legs.distance(from, loc)),
    });
    from = loc;
  }
  const period = tour.period;
  const overtime = Math.max(0, endTime - period.end);
  const overtimeBefore = Math.max(0, tour.baseEnd - period.end);
  const uStart = start[k]!;
  const plan: Plan = {
    tours: [
      {
        technicianId,
        day: d.day,
        stops,
        kpis: {
          stops: stops.length,
          travelSeconds: Math.round(travel),
          travelMeters: Math.round(distance),
          serviceSeconds: Math.round(service),
          waitingSeconds: 0,
          overtimeSeconds: Math.round(overtime),
          start: clock.instant(tour.frame.originTime).toISOString(),
          end: clock.instant(endTime).toISOString(),
          breaks: Number.isNaN(lunchStart)
            ? []
            : [{ start: clock.instant(lunchStart).toISOString(), end: clock.instant(lunchStart + tour.frame.lunchDuration).toISOString() }],
        },
      },
    ],
    unassigned: pushed.map((interventionId) => ({ interventionId, reason: 'capacity' as const })),
    summary: {
      planned: stops.filter((s) => s.planned).length,
      unassigned: pushed.length,
      cost: 0,
      travelSeconds: Math.round(travel),
      travelMeters: Math.round(distance),
      solvingMs: null,
    },
  };
  return {
    technicianId,
    day: d.day,
    position: facts.length + k,
    eta: clock.instant(arrival[k]!),
    plannedStart: clock.instant(uStart),
    plannedEnd: clock.instant(uStart + d.visit.duration),
    addedTravelSeconds: Math.round(travel - tour.baseTravel),
    addedTravelMeters: Math.round(distance - tour.baseDistance),
    overtimeSeconds: Math.round(overtime),
    overtimeBeforeSeconds: Math.round(overtimeBefore),
    slaMet: d.visit.slaDeadline === undefined ? null : uStart <= d.visit.slaDeadline,
    delayed,
    pushedOut: pushed,
    plan,
    refusal: null,
  };
}
