// A dispatcher puts an intervention into a technician's tour: at the place the
// engine finds best (its candidate, with the local polish), or at an explicit
// position (the other visits keep their order, times recomputed). Written
// through storePlan — one transaction, versions checked and bumped — then
// broadcast to boards and pushed to the technician; the visit's parts are
// reserved in the technician's pickup depots (when they are not there, the
// assignment stands and the answer warns), and visits pushed out give theirs back.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { tourKey } from './build-problem.ts';
import { evaluateInsertion, InsertionRefusedError } from './insertion.ts';
import { syncReservations } from './parts.ts';
import { publishPlan, type PlanBroadcaster } from './publish.ts';
import type { Plan, PlannedStop, PlannedTour } from './read-solution.ts';
import { timeSequence } from './sequence.ts';
import { storePlan } from './store-plan.ts';
import type { IsoDay } from './time.ts';

export interface AssignRequest {
  readonly interventionId: string;
  readonly technicianId: string;
  /** 0-based place among the tour's visits; absent: the engine's choice. */
  readonly position?: number;
  /** The intervention's version the client saw. */
  readonly version?: number;
  readonly day?: IsoDay;
  /** Board notice: an urgent insertion or a plain assignment. */
  readonly reason?: 'assignment' | 'urgent_insertion';
}

export interface AssignResult {
  readonly interventionId: string;
  readonly technicianId: string;
  readonly day: IsoDay;
  readonly tourId: string;
  readonly position: number;
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  /** Visits this assignment pushed out of the tour (back to requested). */
  readonly pushedOut: readonly string[];
  /** Visits whose time window the explicit position misses. */
  readonly late: readonly string[];
  readonly interventionVersion: number;
  readonly tourVersion: number;
  /** The assignment stands, but: the visit's parts are not where this technician can get them. */
  readonly warnings?: readonly { readonly code: 'parts_unavailable'; readonly message: string }[];
}

/** The client's version is stale: `current` is the record as it is now. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(message: string, readonly current: unknown) {
    super(message);
  }
}

export interface AssignDeps {
  readonly prisma: PrismaClient;
  readonly broadcaster: PlanBroadcaster;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
}

export async function assignIntervention(deps: AssignDeps, request: AssignRequest): Promise<AssignResult> {
  const { prisma } = deps;
  const e = await evaluateInsertion(deps, request.interventionId, { technicianId: request.technicianId, ...(request.day ? { day: request.day } : {}) });
  if (request.version !== undefined && request.version !== e.target.version) {
    const current = await prisma.intervention.findUnique({ where: { id: request.interventionId } });
    throw new VersionConflictError(`the intervention is at version ${e.target.version}, not ${request.version}: reload it`, current);
  }
  if (!e.records.technicians.some((t) => t.id === request.technicianId)) {
    throw new InsertionRefusedError(`technician ${request.technicianId} is not an active technician of the intervention's agency`);
  }
  const option = e.applied.get(request.technicianId);
  if (!option) {
    const why = e.rejected.find((r) => r.technicianId === request.technicianId)?.reason ?? 'no_shift';
    throw new InsertionRefusedError(`technician ${request.technicianId} cannot take it on ${e.day} (${why})`);
  }

  let plan: Plan;
  let late: string[] = [];
  if (request.position === undefined) {
    if (!option.plan) {
      const why = e.rejected.find((r) => r.technicianId === request.technicianId)?.reason ?? 'capacity';
      throw new InsertionRefusedError(`the visit does not fit in ${request.technicianId}'s day (${why}); give a position to force it`);
    }
    plan = option.plan;
  } else {
    ({ plan, late } = explicitPlan(e, request.technicianId, request.position));
  }

  const tour = plan.tours[0]!;
  const stored = await storePlan(prisma, {
    agencyId: e.records.agency.id,
    runId: null,
    records: {
      ...e.records,
      // Only what this tour touches is checked for concurrent changes.
      interventions: e.records.interventions.filter((i) => option.problem.jobs.some((j) => j.interventionId === i.id) || (option.problem.fixed.get(tourKey(tour.technicianId, tour.day)) ?? []).includes(i.id)),
      tours: e.records.tours.filter((t) => t.technicianId === request.technicianId && t.day === e.day),
    },
    problem: option.problem,
    plan,
    scope: 'tours',
    assign: new Set([request.interventionId]),
  });
  await publishPlan(prisma, deps.broadcaster, e.records.agency.id, stored, request.reason ?? 'assignment');

  const placements = new Map<string, string | null>([[request.interventionId, request.technicianId]]);
  for (const u of plan.unassigned) placements.set(u.interventionId, null);
  const reservation = await syncReservations(prisma, e.records.agency.id, placements).catch((error: unknown) => {
    deps.log?.(`assignment of ${request.interventionId} stored, parts not reserved: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  });
  const short = e.partsShort.get(request.technicianId) ?? reservation.find((w) => w.interventionId === request.interventionId)?.message;

  const [intervention, tourRow] = await Promise.all([
    prisma.intervention.findUniqueOrThrow({ where: { id: request.interventionId } }),
    prisma.tour.findUniqueOrThrow({ where: { technicianId_date: { technicianId: request.technicianId, date: new Date(`${e.day}T00:00:00Z`) } } }),
  ]);
  return {
    interventionId: request.interventionId,
    technicianId: request.technicianId,
    day: e.day,
    tourId: tourRow.id,
    position: tour.stops.findIndex((s) => s.interventionId === request.interventionId),
    plannedStart: intervention.plannedStart?.toISOString() ?? null,
    plannedEnd: intervention.plannedEnd?.toISOString() ?? null,
    pushedOut: plan.unassigned.map((u) => u.interventionId),
    late,
    interventionVersion: intervention.version,
    tourVersion: tourRow.version,
    ...(short ? { warnings: [{ code: 'parts_unavailable' as const, message: short }] } : {}),
  };
}

/** The tour's current order with the visit at `position`, timed in that order. */
function explicitPlan(e: Awaited<ReturnType<typeof evaluateInsertion>>, technicianId: string, position: number): { plan: Plan; late: string[] } {
  const option = e.applied.get(technicianId)!;
  const problem = option.problem;
  const key = tourKey(technicianId, e.day);
  const fixed = problem.fixed.get(key) ?? [];
  const jobByIntervention = new Map(problem.jobs.map((j) => [j.interventionId, j.id]));
  const inputJob = new Map((problem.input.jobs ?? []).map((j) => [j.id, j]));
  const current = e.records.interventions
    .filter((i) => i.stop?.technicianId === technicianId && i.stop.day === e.day && jobByIntervention.has(i.id) && i.id !== e.target.id)
    .sort((a, b) => a.stop!.sequence - b.stop!.sequence)
    .map((i) => i.id);
  const at = Math.min(Math.max(0, position - fixed.length), current.length);
  const order = [...current.slice(0, at), e.target.id, ...current.slice(at)];

  const vehicle = problem.input.vehicles[0]!;
  const stops = order.map((id) => {
    const job = inputJob.get(jobByIntervention.get(id)!)!;
    return { location: job.location!, service: job.service ?? 0, windows: job.time_windows ?? [] };
  });
  const timed = timeSequence(vehicle.start ?? null, vehicle.time_window![0], stops, vehicle.end ?? null);
  const at0 = (s: number) => new Date(problem.origin.getTime() + s * 1000);
  const planned: PlannedStop[] = [
    ...fixed.map((interventionId, sequence) => ({
      interventionId, sequence, planned: false, plannedArrival: null, plannedStart: null, plannedEnd: null, travelSeconds: null, travelMeters: null,
    })),
    ...order.map((interventionId, k) => {
      const t = timed.stops[k]!;
      return {
        interventionId,
        sequence: fixed.length + k,
        planned: true,
        plannedArrival: at0(t.arrival),
        plannedStart: at0(t.start),
        plannedEnd: at0(t.end),
        travelSeconds: t.travelSeconds,
        travelMeters: t.travelMeters,
      };
    }),
  ];
  const tour: PlannedTour = {
    technicianId,
    day: e.day,
    stops: planned,
    kpis: {
      stops: planned.length,
      travelSeconds: timed.travelSeconds,
      travelMeters: timed.travelMeters,
      serviceSeconds: stops.reduce((n, s) => n + s.service, 0),
      waitingSeconds: timed.stops.reduce((n, s) => n + s.start - s.arrival, 0),
      start: at0(timed.departure).toISOString(),
      end: timed.returnAt === null ? null : at0(timed.returnAt).toISOString(),
    },
  };
  return {
    plan: {
      tours: [tour],
      unassigned: [],
      summary: { planned: order.length, unassigned: 0, cost: timed.travelSeconds, travelSeconds: timed.travelSeconds, travelMeters: timed.travelMeters, solvingMs: null },
    },
    late: order.filter((_, k) => timed.stops[k]!.late),
  };
}
