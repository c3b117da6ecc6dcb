// A dispatcher puts an intervention into a technician's tour: at the place the
// engine ranks best, or at an explicit position (the other visits keep their
// order), timed by the engine exactly as POST /api/plans/evaluate-move
// previews it (insertion.ts's timeMove). Written
// through storePlan — one transaction, versions checked and bumped — then
// broadcast to boards and pushed to the technician; the visit's parts are
// reserved in the technician's pickup depots (when they are not there, the
// assignment stands and the answer warns), and visits pushed out give theirs back.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { InsertionRefusedError, insertionDay, timeMove } from './insertion.ts';
import { syncReservations } from './parts.ts';
import { publishPlan, type PlanBroadcaster } from './publish.ts';
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
  constructor(
    message: string,
    readonly current: unknown,
  ) {
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
  const d = await insertionDay(deps, request.interventionId, request.day ? { day: request.day } : {});
  if (request.version !== undefined && request.version !== d.target.version) {
    const current = await prisma.intervention.findUnique({ where: { id: request.interventionId } });
    throw new VersionConflictError(`the intervention is at version ${d.target.version}, not ${request.version}: reload it`, current);
  }
  const move = timeMove(d, request.technicianId, request.position === undefined ? {} : { position: request.position });
  if (!move.plan) throw new InsertionRefusedError(`${move.refusal?.message ?? 'the move is refused'} (${move.refusal?.reason ?? 'no_shift'})`);
  const plan = move.plan;
  const tour = plan.tours[0]!;
  const inTour = new Set(tour.stops.map((s) => s.interventionId));
  const stored = await storePlan(prisma, {
    agencyId: d.records.agency.id,
    runId: null,
    records: {
      ...d.records,
      // Only what this tour touches is checked for concurrent changes.
      interventions: d.records.interventions.filter((i) => inTour.has(i.id) || move.pushedOut.includes(i.id)),
      tours: d.records.tours.filter((t) => t.technicianId === request.technicianId && t.day === d.day),
    },
    problem: {
      jobs: tour.stops.filter((s) => s.planned).map((s) => ({ interventionId: s.interventionId })),
      excluded: plan.unassigned,
    },
    plan,
    scope: 'tours',
    assign: new Set([request.interventionId]),
  });
  await publishPlan(prisma, deps.broadcaster, d.records.agency.id, stored, request.reason ?? 'assignment');

  const placements = new Map<string, string | null>([[request.interventionId, request.technicianId]]);
  for (const u of plan.unassigned) placements.set(u.interventionId, null);
  const reservation = await syncReservations(prisma, d.records.agency.id, placements).catch((error: unknown) => {
    deps.log?.(`assignment of ${request.interventionId} stored, parts not reserved: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  });
  const short = d.partsShort.get(request.technicianId) ?? reservation.find((w) => w.interventionId === request.interventionId)?.message;

  const [intervention, tourRow] = await Promise.all([
    prisma.intervention.findUniqueOrThrow({ where: { id: request.interventionId } }),
    prisma.tour.findUniqueOrThrow({ where: { technicianId_date: { technicianId: request.technicianId, date: new Date(`${d.day}T00:00:00Z`) } } }),
  ]);
  return {
    interventionId: request.interventionId,
    technicianId: request.technicianId,
    day: d.day,
    tourId: tourRow.id,
    position: tour.stops.findIndex((s) => s.interventionId === request.interventionId),
    plannedStart: intervention.plannedStart?.toISOString() ?? null,
    plannedEnd: intervention.plannedEnd?.toISOString() ?? null,
    pushedOut: plan.unassigned.map((u) => u.interventionId),
    late: [],
    interventionVersion: intervention.version,
    tourVersion: tourRow.version,
    ...(short ? { warnings: [{ code: 'parts_unavailable' as const, message: short }] } : {}),
  };
}
