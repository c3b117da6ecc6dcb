// Urgent insertion, simple version (the engine's own real-time insertion API
// comes with issue 3): for each technician working that day, solve their
// tour with and without the visit — the engine keeps the current order as a
// warm start, inserts the visit where it costs least and polishes locally
// (maxIterations 0: no search beyond that) — and compare. Tiny problems,
// solved on the calling thread so that a long planning run holding the solver
// threads never delays an emergency. Technicians who cannot get the visit's
// parts by that day (parts.ts) are rejected with `parts_unavailable`.
import { type Output, solve, type SolvedOutput } from '../../../engine/src/index.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { buildPlanningProblem, type PlanningProblem, tourKey } from './build-problem.ts';
import { loadPlanningRecords } from './load-records.ts';
import { describeShortage, partsFor } from './parts.ts';
import { latestPositions } from './positions.ts';
import { type Plan, type PlannedTour, readSolution } from './read-solution.ts';
import { FIXED_STATUSES, PLANNABLE_STATUSES, type InterventionRecord, type PlanningRecords, type UnassignedReason } from './records.ts';
import { dayOfDateColumn, type IsoDay, localDay } from './time.ts';

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
  /** Lower is better (see rank). */
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
}

export interface InsertionOptions {
  readonly day?: IsoDay;
  /** Only this technician (the assignment path). */
  readonly technicianId?: string;
  readonly limit?: number;
}

/** Everything an assignment needs to apply a candidate. */
export interface Evaluation {
  readonly records: PlanningRecords;
  readonly target: InterventionRecord;
  readonly day: IsoDay;
  readonly now: Date;
  readonly problem: PlanningProblem;
  readonly candidates: InsertionCandidate[];
  readonly rejected: RejectedTechnician[];
  /** Per technician: the sub-problem with the visit, and the engine's plan of it. */
  readonly applied: Map<string, { problem: PlanningProblem; plan: Plan | null }>;
  /**
   * Technicians who cannot get the visit's parts by that day (their van, the
   * agency's central depots), with what is short. Candidates for anything
   * else: the insertion ranking rejects them, an assignment warns.
   */
  readonly partsShort: Map<string, string>;
}

export async function insertionCandidates(deps: InsertionDeps, interventionId: string, options: InsertionOptions = {}): Promise<InsertionAnswer> {
  const e = await evaluateInsertion(deps, interventionId, options);
  const short = (technicianId: string) => e.partsShort.has(technicianId);
  return {
    interventionId,
    agencyId: e.records.agency.id,
    day: e.day,
    candidates: e.candidates.filter((c) => !short(c.technicianId)).slice(0, options.limit ?? 10),
    rejected: [
      ...e.rejected.filter((r) => !short(r.technicianId) || r.reason === 'no_skill' || r.reason === 'no_shift'),
      ...[...e.partsShort.keys()]
        .filter((id) => !e.rejected.some((r) => r.technicianId === id && (r.reason === 'no_skill' || r.reason === 'no_shift')))
        .map((technicianId) => ({ technicianId, reason: 'parts_unavailable' as const })),
    ],
  };
}

export async function evaluateInsertion(deps: InsertionDeps, interventionId: string, options: InsertionOptions = {}): Promise<Evaluation> {
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

  const all = await loadPlanningRecords(prisma, row.agencyId, [day]);
  const original = all.interventions.find((i) => i.id === interventionId);
  if (!original) throw new InterventionNotFoundError(`intervention ${interventionId} not found`);
  // The dispatcher decides now: the visit's dates and pin give way, its time windows stay.
  const target: InterventionRecord = { ...original, status: 'requested', pinned: false, earliestDay: null, latestDay: null, stop: null };
  const forBuild: PlanningRecords = {
    ...all,
    technicians: options.technicianId ? all.technicians.filter((t) => t.id === options.technicianId) : all.technicians,
    interventions: all.interventions
      .filter((i) => i.id !== interventionId && (FIXED_STATUSES.has(i.status) || i.stop !== null))
      .concat(target),
  };
  const positions = day === today ? await latestPositions(prisma, forBuild.technicians.map((t) => t.id), now) : undefined;
  const problem = buildPlanningProblem(forBuild, { now, ...(positions ? { positions } : {}) });
  const records: PlanningRecords = { ...all, interventions: all.interventions.filter((i) => i.id !== interventionId).concat(original) };

  const candidates: InsertionCandidate[] = [];
  const rejected: RejectedTechnician[] = [];
  const applied = new Map<string, { problem: PlanningProblem; plan: Plan | null }>();
  const excluded = problem.excluded.find((x) => x.interventionId === interventionId);
  const targetJob = problem.jobs.find((j) => j.interventionId === interventionId);
  const recordById = new Map(forBuild.interventions.map((i) => [i.id, i]));

  for (const tech of forBuild.technicians) {
    const hasVehicle = problem.vehicles.some((v) => v.technicianId === tech.id);
    if (excluded || !targetJob || !hasVehicle) {
      rejected.push({ technicianId: tech.id, reason: excluded?.reason ?? 'no_shift' });
      continue;
    }
    const tourJobs = problem.jobs.filter((j) => recordById.get(j.interventionId)?.stop?.technicianId === tech.id).map((j) => j.id);
    const base = subProblem(problem, tech.id, day, tourJobs);
    const withVisit = subProblem(problem, tech.id, day, [...tourJobs, targetJob.id]);
    const outBase = quickSolve(base);
    const outWith = quickSolve(withVisit);
    if (!outBase || !outWith || outWith.unassigned.some((u) => u.id === targetJob.id)) {
      const skilled = original.requiredSkills.every((r) => tech.skills.some((s) => s.skillId === r.skillId && s.level >= r.minLevel));
      rejected.push({ technicianId: tech.id, reason: skilled ? 'capacity' : 'no_skill' });
      applied.set(tech.id, { problem: withVisit, plan: null });
      continue;
    }
    const planBase = readSolution(base, outBase);
    const planWith = readSolution(withVisit, outWith);
    applied.set(tech.id, { problem: withVisit, plan: planWith });
    candidates.push(candidate(tech.id, day, original, all, planBase.tours[0]!, planWith, outBase, outWith, now));
  }
  candidates.sort((a, b) => a.score - b.score);

  const partsShort = new Map<string, string>();
  if (await prisma.interventionPart.count({ where: { interventionId } })) {
    for (const tech of forBuild.technicians) {
      const parts = await partsFor(prisma, all.agency.id, interventionId, tech.id, day);
      if (!parts.usable) partsShort.set(tech.id, describeShortage(parts));
    }
  }
  return { records, target: original, day, now, problem, candidates, rejected, applied, partsShort };
}

/** One technician's day with only the given jobs. */
export function subProblem(problem: PlanningProblem, technicianId: string, day: IsoDay, jobIds: readonly number[]): PlanningProblem {
  const vehicles = problem.vehicles.filter((v) => v.technicianId === technicianId && v.day === day);
  const vIds = new Set(vehicles.map((v) => v.id));
  const jIds = new Set(jobIds);
  const key = tourKey(technicianId, day);
  return {
    ...problem,
    input: {
      vehicles: problem.input.vehicles
        .filter((v) => vIds.has(v.id))
        .map(({ steps, ...v }) => {
          const kept = (steps ?? []).filter((s) => s.id !== undefined && jIds.has(s.id));
          return kept.length > 0 ? { ...v, steps: kept } : v;
        }),
      jobs: (problem.input.jobs ?? [])
        .filter((j) => jIds.has(j.id))
        .map((j) => (j.allowed_vehicles ? { ...j, allowed_vehicles: j.allowed_vehicles.filter((id) => vIds.has(id)) } : j)),
    },
    vehicles,
    jobs: problem.jobs.filter((j) => jIds.has(j.id)),
    fixed: new Map(problem.fixed.has(key) ? [[key, problem.fixed.get(key)!]] : []),
    excluded: [],
    tours: [{ technicianId, day }],
  };
}

function quickSolve(problem: PlanningProblem): SolvedOutput | null {
  const output: Output = solve(problem.input, { seed: 1, maxIterations: 0 });
  return output.code === 0 ? output : null;
}

function candidate(
  technicianId: string,
  day: IsoDay,
  visit: InterventionRecord,
  records: PlanningRecords,
  before: PlannedTour,
  plan: Plan,
  outBase: SolvedOutput,
  outWith: SolvedOutput,
  now: Date,
): InsertionCandidate {
  const tour = plan.tours[0]!;
  const position = tour.stops.findIndex((s) => s.interventionId === visit.id);
  const stop = tour.stops[position]!;
  const startBefore = new Map(before.stops.map((s) => [s.interventionId, s.plannedStart?.getTime() ?? 0]));
  const after = new Set(tour.stops.map((s) => s.interventionId));
  const delayed = tour.stops.filter((s) => s.planned && s.interventionId !== visit.id && (s.plannedStart?.getTime() ?? 0) > (startBefore.get(s.interventionId) ?? Infinity) + 60_000).length;
  const pushedOut = before.stops.filter((s) => !after.has(s.interventionId)).map((s) => s.interventionId);
  const slaMet = visit.slaDeadline ? stop.plannedStart!.getTime() <= visit.slaDeadline.getTime() : null;
  const addedTravelSeconds = outWith.summary.duration - outBase.summary.duration;
  return {
    technicianId,
    tourId: records.tours.find((t) => t.technicianId === technicianId && t.day === day)?.id ?? null,
    day,
    position,
    eta: stop.plannedArrival!.toISOString(),
    plannedStart: stop.plannedStart!.toISOString(),
    plannedEnd: stop.plannedEnd!.toISOString(),
    addedTravelSeconds,
    addedTravelMeters: outWith.summary.distance - outBase.summary.distance,
    slaMet,
    delayed,
    pushedOut,
    order: tour.stops.map((s) => s.interventionId),
    score: rank({ addedTravelSeconds, waitSeconds: Math.max(0, (stop.plannedStart!.getTime() - now.getTime()) / 1000), priority: visit.priority, slaMet, pushedOut: pushedOut.length, delayed }),
  };
}

/**
 * The ranking of candidates, in seconds-equivalents: added travel, plus the
 * wait until the visit starts weighted by its priority (an emergency counts
 * every minute), plus an hour per visit pushed out, two if the SLA is missed,
 * and five minutes per visit delayed.
 */
export function rank(c: { addedTravelSeconds: number; waitSeconds: number; priority: number; slaMet: boolean | null; pushedOut: number; delayed: number }): number {
  const urgency = Math.max(0.1, c.priority / 100);
  return Math.round(c.addedTravelSeconds + urgency * c.waitSeconds + 3600 * c.pushedOut + (c.slaMet === false ? 7200 : 0) + 300 * c.delayed);
}
