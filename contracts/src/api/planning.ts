// Planning and dispatch endpoints (owned with server/src/jobs and planning):
// synchronous VROOM solves, planning runs, urgent insertion and assignment.
import { z } from 'zod';
import { Day, Id, Instant, QueryBool, QueryInt } from './common.ts';

/** Longest synchronous solve an HTTP request may ask for. */
export const MAX_SYNC_SOLVE_MS = 30_000;

export const OptimizationQuery = z.object({
  /** The solver's budget, milliseconds (capped). */
  timeLimitMs: QueryInt(10, MAX_SYNC_SOLVE_MS).optional(),
  seed: QueryInt(0, 2 ** 31 - 1).optional(),
});

/**
 * The largest problem POST /api/optimization takes (413 naming the limit
 * beyond): what the engine solves within MAX_SYNC_SOLVE_MS on the project's
 * machines (benchmarks/RESULTS.md, the time limit from 1 to 10,000 jobs).
 * Matrices are bounded by places: a job, a shipment's two ends, and a
 * vehicle's start and end each add at most one.
 */
export const OPTIMIZATION_LIMITS = {
  jobs: 10_000,
  shipments: 5_000,
  vehicles: 1_000,
  /** Rows (and columns) of each matrix. */
  matrixSize: 12_000,
} as const;

/** A VROOM problem (docs/API.md v1.14); the engine validates it field by field. */
export const OptimizationInput = z.looseObject({
  vehicles: z.array(z.record(z.string(), z.unknown())),
  jobs: z.array(z.record(z.string(), z.unknown())).optional(),
  shipments: z.array(z.unknown()).optional(),
  matrices: z.record(z.string(), z.unknown()).optional(),
  /** Not VROOM's: the same settings as the query string, which wins. */
  options: z.object({ timeLimitMs: z.number().int().min(10).max(MAX_SYNC_SOLVE_MS).optional(), seed: z.number().int().min(0).optional() }).optional(),
});

/** A VROOM solution: code 0, summary, unassigned, routes. */
export const OptimizationOutput = z.looseObject({
  code: z.literal(0),
  summary: z.record(z.string(), z.unknown()),
  unassigned: z.array(z.record(z.string(), z.unknown())),
  routes: z.array(z.record(z.string(), z.unknown())),
});

/**
 * How far ahead a planning run may plan, in days from the agency's today:
 * a year covers any real use (service plans look 30 days ahead, contracts a
 * year); beyond it the request is refused when it arrives (422 naming the
 * day) instead of becoming a job that fails after its retries.
 */
export const MAX_PLANNING_HORIZON_DAYS = 366;

export const PlanRequest = z.object({
  agencyId: Id,
  days: z.array(Day).min(1).max(14),
  timeLimitMs: z.number().int().min(100).max(600_000).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  /** Plan the days whole, as if none had started (demo, what-if). Default: nothing is planned before now. */
  wholeDays: z.boolean().optional(),
  /** Idempotency key: sending the same request again returns the same run. Default: a new one. */
  requestId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w.-]+$/, 'letters, digits, _ . - only')
    .optional(),
  /**
   * Compute the plan and keep it on the run without applying it: nothing
   * changes for the technicians until POST /api/plans/{id}/accept. Default false
   * (the overnight planner applies directly).
   */
  preview: z.boolean().optional(),
});

export const PLANNING_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const UNASSIGNED_REASONS = ['no_location', 'no_skill', 'no_shift', 'capacity', 'parts_unavailable'] as const;
/** A preview run's fate; null for runs that applied their plan directly. */
export const PLAN_DECISIONS = ['pending', 'accepted', 'discarded'] as const;

/** Indicators of a day's plan, comparable before and after a run. */
export const PlanIndicators = z.object({
  planned: z.number().int(),
  unassigned: z.number().int(),
  travelSeconds: z.number(),
  travelMeters: z.number(),
  /** Tours with at least one visit. */
  tours: z.number().int(),
  /** Time on visits and travel, all tours. */
  workSeconds: z.number(),
  /** Beyond the technicians' shifts, all tours. */
  overtimeSeconds: z.number(),
});

export const UnassignedVisit = z.object({
  interventionId: Id,
  reason: z.enum(UNASSIGNED_REASONS),
  /** parts_unavailable: the day the supplier orders under way cover the shortage (null: none does). */
  availableFrom: Day.nullable().optional(),
  /** parts_unavailable: references of the parts short. */
  missingParts: z.array(z.string()).optional(),
});

export const PlanningResult = z.object({
  summary: z.object({
    planned: z.number().int(),
    unassigned: z.number().int(),
    cost: z.number(),
    travelSeconds: z.number(),
    travelMeters: z.number(),
    solvingMs: z.number().nullable(),
    tours: z.number().int(),
    toursChanged: z.number().int(),
    interventionsChanged: z.number().int(),
    /** Absent on runs stored before these were computed. */
    workSeconds: z.number().optional(),
    overtimeSeconds: z.number().optional(),
    /** `road`: timed with OSRM's travel times; `estimated`: straight-line estimates (no OSRM, or it failed). Absent on older runs. */
    travelTimes: z.enum(['road', 'estimated']).optional(),
  }),
  /** The stored plan of the same days when the run started (null: not computed, older runs). */
  before: PlanIndicators.nullable().optional(),
  unassigned: z.array(UnassignedVisit),
  tours: z.array(z.object({ technicianId: Id, day: Day, stops: z.number().int(), travelSeconds: z.number() })),
});

export const PlanningRun = z.object({
  id: Id,
  agencyId: Id,
  days: z.array(Day),
  status: z.enum(PLANNING_RUN_STATUSES),
  /** A preview keeps its plan on the run until accepted or discarded. */
  preview: z.boolean(),
  decision: z.enum(PLAN_DECISIONS).nullable(),
  decidedAt: Instant.nullable(),
  progress: z.number().min(0).max(1),
  error: z.string().nullable(),
  result: PlanningResult.nullable(),
  requestedById: Id.nullable(),
  createdAt: Instant,
  startedAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
});

export const PlanListQuery = z.object({
  agencyId: Id,
  /** Only runs that planned this day. */
  day: Day.optional(),
  /** true: only runs whose plan is in force (succeeded, and applied directly or accepted). */
  applied: QueryBool.optional(),
  /** Newest first; default 20. */
  limit: QueryInt(1, 100).optional(),
});
export const PlanList = z.object({ items: z.array(PlanningRun) });

/** POST /api/plans/{id}/accept: 409 when the plan changed since the preview (the message says what changed). */
export const PlanDecisionAnswer = PlanningRun;

export const PlanSubmitted = z.object({
  /** The PlanningRun: GET /api/plans/{id}; progress arrives as socket.io `job:progress`. */
  id: Id,
  jobId: z.string(),
  run: PlanningRun,
});

export const InsertionRequest = z.object({
  /** Default: today in the agency's time zone (or the visit's earliest date if later). */
  day: Day.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

export const InsertionCandidate = z.object({
  technicianId: Id,
  tourId: Id.nullable(),
  day: Day,
  position: z.number().int(),
  eta: Instant,
  plannedStart: Instant,
  plannedEnd: Instant,
  addedTravelSeconds: z.number(),
  addedTravelMeters: z.number(),
  slaMet: z.boolean().nullable(),
  delayed: z.number().int(),
  pushedOut: z.array(Id),
  order: z.array(Id),
  score: z.number(),
});

export const InsertionAnswer = z.object({
  interventionId: Id,
  agencyId: Id,
  day: Day,
  candidates: z.array(InsertionCandidate),
  rejected: z.array(z.object({ technicianId: Id, reason: z.enum(UNASSIGNED_REASONS) })),
  /** `estimated`: straight-line travel times (no OSRM, or it failed). */
  travelTimes: z.enum(['road', 'estimated']),
});

export const AssignRequest = z.object({
  technicianId: Id,
  /** 0-based place among the tour's visits; absent: where the engine finds best. */
  position: z.number().int().min(0).max(500).optional(),
  /** The intervention's version the client saw. */
  version: z.number().int().min(1),
  day: Day.optional(),
});

export const AssignAnswer = z.object({
  interventionId: Id,
  technicianId: Id,
  day: Day,
  tourId: Id,
  position: z.number().int(),
  plannedStart: Instant.nullable(),
  plannedEnd: Instant.nullable(),
  pushedOut: z.array(Id),
  late: z.array(Id),
  interventionVersion: z.number().int(),
  tourVersion: z.number().int(),
  /** The assignment stands, but: e.g. the visit's parts are not where this technician can get them. */
  warnings: z.array(z.object({ code: z.enum(['parts_unavailable']), message: z.string() })).optional(),
});

/** A move to evaluate: the visit into a technician's day, at a position or the place whose start follows `at`. */
export const MoveRequest = z.object({
  technicianId: Id,
  /** Default: today in the agency's time zone (or the visit's earliest date if later). */
  day: Day.optional(),
  /** 0-based place among the tour's stops (the day's done visits included); wins over `at`. */
  position: z.number().int().min(0).max(500).optional(),
  /** Where the dispatcher dropped it on the timeline: the visit goes before the first stop starting after this. */
  at: Instant.optional(),
  /** The intervention's version the board holds: a stale one is answered 409, as the assignment would be. */
  version: z.number().int().min(1).optional(),
});

/**
 * What a move would do, timed by the engine exactly as an assignment at
 * `position` stores it. `refusal` set: the move is refused, and the
 * assignment would be (`window`: the visit's time window or the technician's
 * hours do not allow that place).
 */
export const MoveEvaluation = z.object({
  interventionId: Id,
  technicianId: Id,
  day: Day,
  position: z.number().int(),
  eta: Instant.nullable(),
  plannedStart: Instant.nullable(),
  plannedEnd: Instant.nullable(),
  addedTravelSeconds: z.number(),
  addedTravelMeters: z.number(),
  /** Time past the end of the technician's hours after the move, and before it. */
  overtimeSeconds: z.number(),
  overtimeBeforeSeconds: z.number(),
  slaMet: z.boolean().nullable(),
  /** Visits of the tour that would start later. */
  delayed: z.array(Id),
  /** Visits that would no longer fit in the day (back to the queue). */
  pushedOut: z.array(Id),
  /** `absence`: the technician is away that day, and why. */
  refusal: z
    .object({ reason: z.enum([...UNASSIGNED_REASONS, 'window']), message: z.string(), absence: z.enum(['leave', 'sick', 'training', 'other']).optional() })
    .nullable(),
  /** Possible, but: e.g. the visit's parts are not where this technician can get them. */
  warnings: z.array(z.object({ code: z.enum(['parts_unavailable']), message: z.string() })),
  /** `estimated`: straight-line travel times (no OSRM, or it failed). */
  travelTimes: z.enum(['road', 'estimated']),
});

export const DispatchRequest = z.object({
  technicianId: Id.optional(),
  position: z.number().int().min(0).max(500).optional(),
  requestId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w.-]+$/)
    .optional(),
});
export const DispatchSubmitted = z.object({ jobId: z.string() });
