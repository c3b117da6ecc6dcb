// One planning run from start to finish: read, map, solve (off the main
// thread), map back, store in one transaction, tell the boards. The job
// processors call this; so could a script.
import type { Input } from '../../../engine/src/index.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { buildPlanningProblem } from './build-problem.ts';
import { loadPlanningRecords } from './load-records.ts';
import { latestPositions } from './positions.ts';
import { publishPlan, type PlanBroadcaster } from './publish.ts';
import { type Plan, readSolution, withoutVehicles } from './read-solution.ts';
import type { SolverPool } from './solver-pool.ts';
import { type StoredPlan, storePlan, type Tx } from './store-plan.ts';
import { localDay, type IsoDay, zonedInstant } from './time.ts';

export interface PlanningDeps {
  readonly prisma: PrismaClient;
  readonly solver: SolverPool;
  readonly broadcaster: PlanBroadcaster;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
}

export interface PlanningRequest {
  readonly agencyId: string;
  readonly days: readonly IsoDay[];
  readonly timeLimitMs: number;
  readonly maxIterations?: number;
  readonly seed: number;
  /** As if the days had not started: plan from their first minute (demo, what-if). */
  readonly wholeDays?: boolean;
  /** The PlanningRun record the tours will point to. */
  readonly runId: string | null;
  /** 0 to 1, with a word on the stage. */
  readonly onProgress?: (fraction: number, message: string) => void;
}

/** What a run stores as its result (PlanningRun.result) and answers. */
export interface PlanningResult {
  readonly summary: Plan['summary'] & { readonly tours: number; readonly toursChanged: number; readonly interventionsChanged: number };
  readonly unassigned: Plan['unassigned'];
  readonly tours: readonly { technicianId: string; day: IsoDay; stops: number; travelSeconds: number }[];
}

/** The engine refused the input: retrying cannot help. */
export class PlanningInputError extends Error {
  override readonly name = 'PlanningInputError';
}

export class EngineFailure extends Error {
  override readonly name = 'EngineFailure';
}

export async function runPlanning(
  deps: PlanningDeps,
  request: PlanningRequest,
  /** Runs inside the storing transaction (the run's own record goes with the plan). */
  finish?: (tx: Tx, result: PlanningResult, engineInput: Input) => Promise<void>,
): Promise<PlanningResult> {
  const { prisma, solver, broadcaster } = deps;
  const now = deps.now?.() ?? new Date();
  const progress = request.onProgress ?? (() => {});

  progress(0.02, 'loading');
  const records = await loadPlanningRecords(prisma, request.agencyId, request.days);
  const tz = records.agency.timezone;
  if (records.days.every((d) => d < localDay(now, tz))) throw new PlanningInputError(`every day asked (${records.days.join(', ')}) is past`);
  const from = request.wholeDays ? zonedInstant(records.days[0]!, 0, tz) : now;
  const today = localDay(now, tz);
  const positions =
    !request.wholeDays && records.days.includes(today) ? await latestPositions(prisma, records.technicians.map((t) => t.id), now) : undefined;
  const problem = buildPlanningProblem(records, { now: from, ...(positions ? { positions } : {}) });

  progress(0.1, 'solving');
  const limit = request.timeLimitMs;
  const output =
    problem.vehicles.length === 0
      ? withoutVehicles(problem)
      : await solver.solve({
          input: problem.input,
          seed: request.seed,
          timeLimitMs: limit,
          ...(request.maxIterations !== undefined ? { maxIterations: request.maxIterations } : {}),
          onProgress: (p) => progress(0.1 + 0.8 * Math.min(1, p.elapsedMs / Math.max(1, limit)), `solving: ${p.unassigned} unassigned`),
        });
  if (output.code === 2) throw new PlanningInputError(`the engine refused the problem: ${output.error}`);
  if (output.code !== 0) throw new EngineFailure(`the engine failed: ${output.error}`);

  progress(0.9, 'storing');
  const plan = readSolution(problem, output);
  let result: PlanningResult | undefined;
  const stored = await storePlan(prisma, { agencyId: request.agencyId, runId: request.runId, records, problem, plan }, async (tx, stored) => {
    result = summarize(plan, stored);
    if (finish) await finish(tx, result, problem.input);
  });
  // Stored is done: a board that misses this delta catches up at its next resync.
  await publishPlan(prisma, broadcaster, request.agencyId, stored, 'planning_run').catch((error: unknown) =>
    deps.log?.(`plan of ${request.agencyId} stored but not broadcast: ${error instanceof Error ? error.message : String(error)}`),
  );
  progress(1, 'done');
  return result!;
}

function summarize(plan: Plan, stored: StoredPlan): PlanningResult {
  const toursChanged = [...stored.toursByDay.values()].reduce((n, l) => n + l.length, 0);
  const interventionsChanged = [...stored.interventionsByDay.values()].reduce((n, l) => n + l.length, 0);
  return {
    summary: { ...plan.summary, tours: plan.tours.filter((t) => t.stops.length > 0).length, toursChanged, interventionsChanged },
    unassigned: plan.unassigned,
    tours: plan.tours.map((t) => ({ technicianId: t.technicianId, day: t.day, stops: t.stops.length, travelSeconds: t.kpis.travelSeconds })),
  };
}
