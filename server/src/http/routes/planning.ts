// Planning and dispatch over HTTP:
//   POST /api/optimization                          a VROOM problem solved now (time-limited, off the event loop)
//   POST /api/plans, GET /api/plans/:id             planning runs as jobs; progress over socket.io `job:progress`
//   GET /api/plans                                  an agency's runs, newest first (applied=true: plans in force)
//   POST /api/plans/:id/accept | discard            a preview's fate (accept stores its plan)
//   POST /api/interventions/:id/insertion-candidates  technicians ranked for an urgent visit
//   POST /api/interventions/:id/evaluate-move       what moving it into a technician's day would do (the board's drag preview)
//   POST /api/interventions/:id/assign              into a technician's tour, version-checked, pushed to them
//   POST /api/interventions/:id/dispatch            the same as a job (best candidate unless told)
//   POST /api/urgent-requests[/rank]                the urgent request flow (urgent.ts)
//
// `planningRouter(deps)` is what main.ts mounts under /api (behind requireAuth);
// `planningRoutes(registry, deps)` declares the same routes on a registry with
// full paths, so they also appear in the OpenAPI document.
import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { canManageAgency, interventionScope } from '../../auth/scope.ts';
import type { Claims } from '../../auth/tokens.ts';
import { IdParams } from '@tournee/contracts/api/common';
import {
  AssignAnswer,
  AssignRequest,
  DispatchRequest,
  DispatchSubmitted,
  InsertionAnswer,
  InsertionRequest,
  MAX_PLANNING_HORIZON_DAYS,
  MAX_SYNC_SOLVE_MS,
  MoveEvaluation,
  OPTIMIZATION_LIMITS,
  MoveRequest,
  OptimizationInput,
  OptimizationOutput,
  OptimizationQuery,
  PlanDecisionAnswer,
  PlanList,
  PlanListQuery,
  PlanningRun,
  PlanRequest,
  PlanSubmitted,
} from '@tournee/contracts/api/planning';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { planningRunView } from '../../jobs/planning-runs.ts';
import { QueueUnavailableError } from '../../jobs/queue-unavailable.ts';
import { componentLogger } from '../../logger.ts';
import type { JobRunner } from '../../jobs/runner.ts';
import { assignIntervention, VersionConflictError } from '../../planning/assign.ts';
import { acceptPlan, discardPlan, PlanDecisionError, PlanningRunNotFoundError } from '../../planning/decide-plan.ts';
import { ProposalFormatError, readProposal } from '../../planning/proposal.ts';
import { acceptTechnicians, PlanSelectionError } from '../../planning/accept-technicians.ts';
import { planChanges } from '../../planning/plan-changes.ts';
import { planChangesView } from '../../planning/plan-changes-view.ts';
import { AcceptRequest, PlanChanges } from '@tournee/contracts/api/plan-changes';
import { insertionCandidates, insertionDay, InsertionRefusedError, InterventionNotFoundError, timeMove } from '../../planning/insertion.ts';
import type { PlanBroadcaster } from '../../planning/publish.ts';
import { SolverBusyError } from '../../planning/solver-pool.ts';
import { PlanConflictError } from '../../planning/store-plan.ts';
import { dateColumnOfDay, dayOfDateColumn, localDay } from '../../planning/time.ts';
import { HttpError, notFound } from '../errors.ts';
import { ApiRegistry } from '../registry.ts';
import { urgentRoutes } from './urgent.ts';

export interface PlanningRouteDeps {
  readonly prisma: PrismaClient;
  readonly jobs: JobRunner;
  readonly broadcaster: PlanBroadcaster;
  /** Tests pin the clock; default: the wall clock. */
  readonly now?: () => Date;
  /** Where failures after a stored plan are told (broadcast, parts); default: the planning logger, as warnings. */
  readonly log?: (message: string) => void;
}

const TAG = 'Planning';
const OFFICE = ['admin', 'dispatcher'] as const;
const DEFAULT_SYNC_SOLVE_MS = 5_000;

/** 413 naming the first limit the problem passes (OPTIMIZATION_LIMITS), before any solving. */
function checkOptimizationSize(problem: Record<string, unknown>): void {
  const tooMany = (field: 'jobs' | 'shipments' | 'vehicles', count: number) =>
    new HttpError(413, `the problem has more ${field} than the limit of ${OPTIMIZATION_LIMITS[field]}`, [
      { path: field, in: 'body', message: `at most ${OPTIMIZATION_LIMITS[field]}, got ${count}` },
    ]);
  for (const field of ['jobs', 'shipments', 'vehicles'] as const) {
    const list = problem[field];
    if (Array.isArray(list) && list.length > OPTIMIZATION_LIMITS[field]) throw tooMany(field, list.length);
  }
  const matrices = problem.matrices;
  if (typeof matrices !== 'object' || matrices === null) return;
  for (const [profile, byKind] of Object.entries(matrices)) {
    if (typeof byKind !== 'object' || byKind === null) continue;
    for (const [kind, rows] of Object.entries(byKind)) {
      if (Array.isArray(rows) && rows.length > OPTIMIZATION_LIMITS.matrixSize) {
        throw new HttpError(413, `the ${profile} ${kind} matrix is larger than the limit of ${OPTIMIZATION_LIMITS.matrixSize} rows`, [
          { path: `matrices.${profile}.${kind}`, in: 'body', message: `at most ${OPTIMIZATION_LIMITS.matrixSize} rows, got ${rows.length}` },
        ]);
      }
    }
  }
}

/** The calendar day `count` days after `day` (YYYY-MM-DD). */
function dayAfter(day: string, count: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + count);
  return d.toISOString().slice(0, 10);
}

export function planningRouter(deps: PlanningRouteDeps): Router {
  const registry = new ApiRegistry();
  planningRoutes(registry, deps, '');
  return registry.router;
}

export function planningRoutes(api: ApiRegistry, deps: PlanningRouteDeps, prefix = '/api'): void {
  const { prisma, jobs, broadcaster } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((message: string) => componentLogger('planning').warn(message));

  api.route(
    {
      method: 'post',
      path: `${prefix}/optimization`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Solve a VROOM-format problem now',
      description:
        `Answers VROOM's output. The solve stops after timeLimitMs (query or body options; default ${DEFAULT_SYNC_SOLVE_MS}, at most ${MAX_SYNC_SOLVE_MS}). Input errors are 400 with the engine's field path. ` +
        `At most ${OPTIMIZATION_LIMITS.jobs} jobs, ${OPTIMIZATION_LIMITS.shipments} shipments, ${OPTIMIZATION_LIMITS.vehicles} vehicles and matrices of ${OPTIMIZATION_LIMITS.matrixSize} rows (413 naming the limit). ` +
        'Solves run apart from planning runs, small problems apart from large ones; when the solver is busy and its queue full, 503 with Retry-After (seconds).',
      query: OptimizationQuery,
      body: OptimizationInput,
      response: OptimizationOutput,
      errors: [413, 503],
    },
    async ({ query, body }) => {
      const { options, ...problem } = body;
      checkOptimizationSize(problem);
      const timeLimitMs = Math.min(MAX_SYNC_SOLVE_MS, query.timeLimitMs ?? options?.timeLimitMs ?? DEFAULT_SYNC_SOLVE_MS);
      let output: Awaited<ReturnType<typeof jobs.solver.solve>>;
      try {
        output = await jobs.solver.solve({ input: problem, seed: query.seed ?? options?.seed ?? 1, timeLimitMs });
      } catch (error) {
        if (error instanceof SolverBusyError) {
          throw new HttpError(503, error.message, [], { retryAfterSeconds: error.retryAfterSeconds }, { 'Retry-After': String(error.retryAfterSeconds) });
        }
        throw error;
      }
      if (output.code === 0) return output;
      if (output.code === 2) {
        const cut = output.error.indexOf(': ');
        const [path, message] = cut > 0 ? [output.error.slice(0, cut), output.error.slice(cut + 2)] : ['', output.error];
        throw new HttpError(400, `the engine refused the problem: ${output.error}`, [{ path, in: 'body', message }]);
      }
      throw new HttpError(500, `the engine failed: ${output.error}`);
    },
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/plans`,
      tag: TAG,
      roles: OFFICE,
      status: 202,
      summary: 'Plan days of an agency (a job)',
      description:
        'Starts a planning run; its progress arrives as socket.io `job:progress` in the agency room and at GET /api/plans/{id}. Sending the same requestId again returns the same run. ' +
        'With `preview: true` the run stores nothing in tours and interventions and broadcasts no plan change: the plan is kept on the run ' +
        '(result.summary is the plan after, result.before the stored plan when the run started) until POST /api/plans/{id}/accept or /discard.',
      body: PlanRequest,
      response: PlanSubmitted,
      errors: [422, 503],
    },
    async ({ auth, body }) => {
      const agency = await prisma.agency.findUnique({ where: { id: body.agencyId }, select: { id: true, timezone: true } });
      if (!agency || !canSeeAgency(auth, agency.id)) throw notFound('agency');
      if (!canManageAgency(auth, agency.id)) throw new HttpError(403, 'you do not dispatch for this agency');
      const today = localDay(now(), agency.timezone);
      const past = body.days.filter((d) => d < today);
      if (past.length === body.days.length) {
        throw new HttpError(
          422,
          'every day asked is past',
          past.map((d) => ({ path: `days[${body.days.indexOf(d)}]`, in: 'body' as const, message: `${d} is before today (${today})` })),
        );
      }
      const horizon = dayAfter(today, MAX_PLANNING_HORIZON_DAYS);
      const tooFar = body.days.flatMap((d, i) =>
        d > horizon
          ? [
              {
                path: `days[${i}]`,
                in: 'body' as const,
                message: `${d} is more than ${MAX_PLANNING_HORIZON_DAYS} days ahead (the last day that can be planned is ${horizon})`,
              },
            ]
          : [],
      );
      if (tooFar.length) throw new HttpError(422, `days can be planned at most ${MAX_PLANNING_HORIZON_DAYS} days ahead`, tooFar);
      const submitted = await whenQueued(
        jobs.submitPlanning({
          agencyId: agency.id,
          days: body.days,
          ...(body.timeLimitMs !== undefined ? { timeLimitMs: body.timeLimitMs } : {}),
          ...(body.seed !== undefined ? { seed: body.seed } : {}),
          ...(body.wholeDays !== undefined ? { wholeDays: body.wholeDays } : {}),
          ...(body.preview !== undefined ? { preview: body.preview } : {}),
          requestId: body.requestId ?? randomUUID(),
          requestedById: auth.sub,
        }),
      );
      return { id: submitted.runId, jobId: submitted.jobId, run: submitted.run };
    },
  );

  api.route(
    {
      method: 'get',
      path: `${prefix}/plans/:id`,
      tag: TAG,
      roles: OFFICE,
      summary: 'A planning run: status, progress, result',
      params: IdParams,
      response: PlanningRun,
    },
    async ({ auth, params }) => {
      const run = await jobs.getPlanningRun(params.id);
      if (!run || !canSeeAgency(auth, run.agencyId)) throw notFound('planning run');
      return run;
    },
  );

  api.route(
    {
      method: 'get',
      path: `${prefix}/plans`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Planning runs of an agency, newest first',
      description:
        '`day`: only runs that planned that day. `applied=true`: only succeeded runs whose plan is in force (applied directly, or an accepted preview); ' +
        'the board asks `day, applied=true, limit=1` for the unassigned reasons of the plan in force.',
      query: PlanListQuery,
      response: PlanList,
    },
    async ({ auth, query }) => {
      const agency = await prisma.agency.findUnique({ where: { id: query.agencyId }, select: { id: true } });
      if (!agency || !canSeeAgency(auth, agency.id)) throw notFound('agency');
      const where: Prisma.PlanningRunWhereInput = {
        agencyId: agency.id,
        ...(query.day ? { days: { has: dateColumnOfDay(query.day) } } : {}),
        ...(query.applied === true ? { status: 'succeeded', OR: [{ preview: false }, { decision: 'accepted' }] } : {}),
        ...(query.applied === false ? { NOT: { status: 'succeeded', OR: [{ preview: false }, { decision: 'accepted' }] } } : {}),
      };
      const limit = query.limit ?? 20;
      const omit = { input: true, proposal: true } as const;
      if (query.applied !== true) {
        const rows = await prisma.planningRun.findMany({ where, omit, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
        return { items: rows.map(planningRunView) };
      }
      // An accepted preview is in force from its acceptance: newest first by when each plan took effect.
      const recent = await prisma.planningRun.findMany({
        where,
        select: { id: true, preview: true, decidedAt: true, finishedAt: true, createdAt: true },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 200,
      });
      const ids = recent
        .sort((a, b) => inForceSince(b) - inForceSince(a))
        .slice(0, limit)
        .map((r) => r.id);
      const rows = await prisma.planningRun.findMany({ where: { id: { in: ids } }, omit });
      return { items: ids.map((id) => rows.find((r) => r.id === id)!).map(planningRunView) };
    },
  );

  const decidable = async (auth: Claims, id: string) => {
    const run = await prisma.planningRun.findUnique({ where: { id }, select: { agencyId: true } });
    if (!run || !canSeeAgency(auth, run.agencyId)) throw notFound('planning run');
    if (!canManageAgency(auth, run.agencyId)) throw new HttpError(403, 'you do not dispatch for this agency');
  };

  api.route(
    {
      method: 'post',
      path: `${prefix}/plans/:id/accept`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Apply a preview’s plan',
      description:
        'Stores the preview’s plan in one transaction, exactly as a direct run would have, tells the boards and technicians, and reserves the visits’ parts. ' +
        '409 when the run is not a succeeded preview awaiting a decision, or when the agency’s plan for those days changed since the preview was computed (the message says how many visits and tours changed; nothing is applied).',
      params: IdParams,
      body: AcceptRequest,
      response: PlanDecisionAnswer,
      errors: [409, 422],
    },
    async ({ auth, params, body }) => {
      await decidable(auth, params.id);
      const deps = { prisma, broadcaster, now, log };
      if (body.technicianIds) {
        await decision(() => acceptTechnicians(deps, params.id, body.technicianIds!, auth.sub));
        return planningRunView(await prisma.planningRun.findUniqueOrThrow({ where: { id: params.id } }));
      }
      return planningRunView(await decision(() => acceptPlan(deps, params.id, auth.sub)));
    },
  );

  api.route(
    {
      method: 'get',
      path: `${prefix}/plans/:id/changes`,
      tag: TAG,
      roles: OFFICE,
      summary: 'What a preview would change, technician by technician',
      description:
        'For each technician-day of the preview: its proposed stops (each `in` — with the technician or queue it comes from —, `reordered`, `shifted` with the time moved, or `same`), ' +
        'the visits leaving it (to another technician, or back to the queue), travel before and after, and whether that technician was accepted already. ' +
        'Read from the preview alone: accepting refuses a plan that moved on since, so this is exactly what accepting would write. 409 when the run keeps no proposal (not a preview, or not succeeded).',
      params: IdParams,
      response: PlanChanges,
      errors: [409],
    },
    async ({ auth, params }) => {
      const run = await prisma.planningRun.findUnique({ where: { id: params.id } });
      if (!run || !canSeeAgency(auth, run.agencyId)) throw notFound('planning run');
      if (!run.preview || run.status !== 'succeeded' || !run.proposal)
        throw new HttpError(409, 'this run keeps no proposal: only a succeeded preview has changes to show');
      const changes = await decision(async () => planChanges(readProposal(run.proposal)));
      return planChangesView(prisma, run.id, run.days.map(dayOfDateColumn), changes);
    },
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/plans/:id/discard`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Drop a preview',
      description: 'Marks the preview discarded (also while it is still computing). 409 when it was already accepted or discarded, or is not a preview.',
      params: IdParams,
      response: PlanDecisionAnswer,
      errors: [409],
    },
    async ({ auth, params }) => {
      await decidable(auth, params.id);
      return planningRunView(await decision(() => discardPlan({ prisma, now }, params.id, auth.sub)));
    },
  );

  const visibleIntervention = async (auth: Claims, id: string) => {
    const row = await prisma.intervention.findFirst({ where: { AND: [{ id }, interventionScope(auth)] }, select: { id: true, agencyId: true } });
    if (!row) throw notFound('intervention');
    if (!canManageAgency(auth, row.agencyId)) throw new HttpError(403, 'you do not dispatch for this agency');
    return row;
  };

  api.route(
    {
      method: 'post',
      path: `${prefix}/interventions/:id/insertion-candidates`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Technicians who could take this visit, best first',
      description: 'Each technician working that day, with the place in their tour, ETA, added travel, SLA, and the visits delayed or pushed out.',
      params: IdParams,
      body: InsertionRequest,
      response: InsertionAnswer,
      errors: [422],
    },
    async ({ auth, params, body }) => {
      await visibleIntervention(auth, params.id);
      return translate(() => insertionCandidates({ prisma, now }, params.id, body));
    },
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/interventions/:id/evaluate-move`,
      tag: TAG,
      roles: OFFICE,
      summary: 'What moving the visit into a technician’s day would do',
      description:
        'Timed by the engine (travel, time windows, lunch, the end of the day) exactly as POST /api/interventions/{id}/assign with the answered `position` stores it: ' +
        'arrival, start, added travel, overtime, visits delayed or pushed out. A technician absent or not working that day, a missing skill or a closed window is answered with `refusal`. Writes nothing.',
      params: IdParams,
      body: MoveRequest,
      response: MoveEvaluation,
      errors: [409, 422],
    },
    async ({ auth, params, body }) => {
      await visibleIntervention(auth, params.id);
      return translate(async () => {
        const d = await insertionDay({ prisma, now }, params.id, body.day ? { day: body.day } : {});
        if (body.version !== undefined && body.version !== d.target.version) {
          const current = await prisma.intervention.findUnique({ where: { id: params.id } });
          throw new VersionConflictError(`the intervention is at version ${d.target.version}, not ${body.version}: reload it`, current);
        }
        const move = timeMove(d, body.technicianId, {
          ...(body.position !== undefined ? { position: body.position } : {}),
          ...(body.at !== undefined ? { at: new Date(body.at) } : {}),
        });
        const short = move.refusal ? undefined : d.partsShort.get(body.technicianId);
        return {
          interventionId: params.id,
          technicianId: move.technicianId,
          day: move.day,
          position: move.position,
          eta: move.eta?.toISOString() ?? null,
          plannedStart: move.plannedStart?.toISOString() ?? null,
          plannedEnd: move.plannedEnd?.toISOString() ?? null,
          addedTravelSeconds: move.addedTravelSeconds,
          addedTravelMeters: move.addedTravelMeters,
          overtimeSeconds: move.overtimeSeconds,
          overtimeBeforeSeconds: move.overtimeBeforeSeconds,
          slaMet: move.slaMet,
          delayed: [...move.delayed],
          pushedOut: [...move.pushedOut],
          refusal: move.refusal,
          warnings: short ? [{ code: 'parts_unavailable' as const, message: short }] : [],
          travelTimes: d.travelTimes,
        };
      });
    },
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/interventions/:id/assign`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Put the visit into a technician’s tour',
      description:
        'At `position` (the other visits keep their order), or where the engine finds best. `version` is the intervention’s version you read: a stale one is answered 409 with `current`. The technician gets the assignment pushed.',
      params: IdParams,
      body: AssignRequest,
      response: AssignAnswer,
      errors: [409, 422],
    },
    async ({ auth, params, body }) => {
      await visibleIntervention(auth, params.id);
      return translate(() =>
        assignIntervention(
          { prisma, broadcaster, now, log },
          {
            interventionId: params.id,
            technicianId: body.technicianId,
            version: body.version,
            ...(body.position !== undefined ? { position: body.position } : {}),
            ...(body.day ? { day: body.day } : {}),
          },
        ),
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/interventions/:id/dispatch`,
      tag: TAG,
      roles: OFFICE,
      status: 202,
      summary: 'Insert an urgent visit as a job',
      description: 'With the technician given, or the best candidate; progress as socket.io `job:progress` (queue dispatch).',
      params: IdParams,
      body: DispatchRequest,
      response: DispatchSubmitted,
      errors: [503],
    },
    async ({ auth, params, body }) => {
      await visibleIntervention(auth, params.id);
      return whenQueued(
        jobs.submitDispatch({ interventionId: params.id, requestId: body.requestId ?? randomUUID(), requestedById: auth.sub, ...defined(body) }),
      );
    },
  );

  urgentRoutes(api, { prisma, broadcaster, now, log }, prefix);
}

/** Redis down or too slow: 503 with Retry-After, the request was not queued and can be sent again as is. */
async function whenQueued<T>(submitted: Promise<T>): Promise<T> {
  try {
    return await submitted;
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw new HttpError(503, error.message, [], {}, { 'Retry-After': String(error.retryAfterSeconds) });
    throw error;
  }
}

const canSeeAgency = (auth: Claims, agencyId: string): boolean => auth.role === 'admin' || auth.agencyIds.includes(agencyId);

/** When a run's plan took effect: an accepted preview when accepted, a direct run when it finished. */
const inForceSince = (run: { decidedAt: Date | null; finishedAt: Date | null; createdAt: Date; preview: boolean }): number =>
  (run.preview ? run.decidedAt : run.finishedAt)?.getTime() ?? run.createdAt.getTime();

/** A preview's decision errors as HTTP answers. */
async function decision<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PlanningRunNotFoundError) throw notFound('planning run');
    if (error instanceof PlanDecisionError) throw new HttpError(409, error.message, [], { ...error.coded });
    if (error instanceof ProposalFormatError) throw new HttpError(409, error.message, [], { code: 'plan.proposal_unreadable' });
    if (error instanceof PlanSelectionError) {
      throw new HttpError(422, error.message, [{ path: error.path, in: 'body', message: 'nothing to accept for this technician' }], {
        code: 'plan.technician_unchanged',
      });
    }
    throw error;
  }
}

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'requestId')) as Partial<T>;
}

/** Planning's errors as HTTP answers. */
async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof VersionConflictError) {
      throw new HttpError(409, error.message, [{ path: 'version', in: 'body', message: 'stale version' }], { current: error.current });
    }
    if (error instanceof PlanConflictError) throw new HttpError(409, `${error.message}: try again`);
    if (error instanceof InterventionNotFoundError) throw notFound('intervention');
    if (error instanceof InsertionRefusedError) throw new HttpError(422, error.message);
    throw error;
  }
}
