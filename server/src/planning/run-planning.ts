// One planning run from start to finish: read (with what the stock allows),
// map, solve (off the main thread), map back, store in one transaction, tell
// the boards, reserve the parts of the visits placed. A preview stops before
// storing: the plan goes to the run's record instead (see proposal.ts and
// decide-plan.ts). The job processors call this; so could a script.
import type { Input } from '../../../engine/src/index.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { buildPlanningProblem, type PlanningProblem } from './build-problem.ts';
import { planIndicators, storedIndicators, type PlanIndicators } from './indicators.ts';
import { loadPlanningRecords } from './load-records.ts';
import { partsAccess, planPlacements, syncReservations } from './parts.ts';
import { latestPositions } from './positions.ts';
import { proposalJson } from './proposal.ts';
import { publishPlan, type PlanBroadcaster } from './publish.ts';
import { type Plan, readSolution, withoutVehicles } from './read-solution.ts';
import type { PlanningRecords } from './records.ts';
import type { SolverPool } from './solver-pool.ts';
import { dryRunPlan, type StoredPlan, storePlan, type Tx } from './store-plan.ts';
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
  /** Compute the plan but store nothing in tours and interventions: `finish` gets the proposal to keep. */
  readonly preview?: boolean;
  /** 0 to 1, with a word on the stage. */
  readonly onProgress?: (fraction: number, message: string) => void;
}

/** What a run stores as its result (PlanningRun.result) and answers. */
export interface PlanningResult {
  readonly summary: Plan['summary'] & {
    readonly tours: number;
    /** What storing changed (a preview: what accepting it would change). */
    readonly toursChanged: number;
    readonly interventionsChanged: number;
    readonly workSeconds: number;
    readonly overtimeSeconds: number;
  };
  /** The stored plan of the same days when the run started. */
  readonly before: PlanIndicators;
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
  /**
   * Runs inside the storing transaction (the run's own record goes with the
   * plan); for a preview, in a transaction of its own, with the proposal to keep.
   */
  finish?: (tx: Tx, result: PlanningResult, engineInput: Input, proposal: object | null) => Promise<void>,
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
  const parts = await partsAccess(prisma, records);
  const problem = buildPlanningProblem(records, { now: from, parts, ...(positions ? { positions } : {}) });
  const before = storedIndicators(records, problem);

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

  const plan = readSolution(problem, output);
  const input = { agencyId: request.agencyId, runId: request.runId, records, problem, plan };
  if (request.preview) {
    progress(0.9, 'comparing');
    const result = summarize(records, problem, plan, await dryRunPlan(prisma, input), before);
    const proposal = proposalJson({ records, problem, plan });
    if (finish) await prisma.$transaction((tx) => finish(tx, result, problem.input, proposal), { timeout: 60_000, maxWait: 10_000 });
    progress(1, 'done');
    return result;
  }

  progress(0.9, 'storing');
  let result: PlanningResult | undefined;
  const stored = await storePlan(prisma, input, async (tx, stored) => {
    result = summarize(records, problem, plan, stored, before);
    if (finish) await finish(tx, result, problem.input, null);
  });
  await afterStoring(deps, request.agencyId, stored, planPlacements(records, problem, plan));
  progress(1, 'done');
  return result!;
}

/**
 * Once a plan is stored (a run, or an accepted preview): the boards and
 * technicians hear it, and the parts of the visits follow them. Neither can
 * undo the stored plan, so failures are logged: a board that misses the
 * delta catches up at its next resync; reservations are re-synced by the
 * next plan or assignment.
 */
export async function afterStoring(
  deps: Pick<PlanningDeps, 'prisma' | 'broadcaster' | 'log'>,
  agencyId: string,
  stored: StoredPlan,
  placements: ReadonlyMap<string, string | null>,
): Promise<void> {
  const say = (what: string, error: unknown) => deps.log?.(`plan of ${agencyId} stored but ${what}: ${error instanceof Error ? error.message : String(error)}`);
  await publishPlan(deps.prisma, deps.broadcaster, agencyId, stored, 'planning_run').catch((error: unknown) => say('not broadcast', error));
  try {
    const warnings = await syncReservations(deps.prisma, agencyId, placements);
    for (const w of warnings) deps.log?.(`parts of ${w.interventionId} not reserved for ${w.technicianId}: ${w.message}`);
  } catch (error) {
    say('its parts not (all) reserved', error);
  }
}

export function summarize(records: PlanningRecords, problem: PlanningProblem, plan: Plan, stored: StoredPlan, before: PlanIndicators): PlanningResult {
  const toursChanged = [...stored.toursByDay.values()].reduce((n, l) => n + l.length, 0);
  const interventionsChanged = [...stored.interventionsByDay.values()].reduce((n, l) => n + l.length, 0);
  const after = planIndicators(records, problem, plan);
  return {
    summary: {
      ...plan.summary,
      tours: after.tours,
      toursChanged,
      interventionsChanged,
      workSeconds: after.workSeconds,
      overtimeSeconds: after.overtimeSeconds,
    },
    before,
    unassigned: plan.unassigned,
    tours: plan.tours.map((t) => ({ technicianId: t.technicianId, day: t.day, stops: t.stops.length, travelSeconds: t.kpis.travelSeconds })),
  };
}
