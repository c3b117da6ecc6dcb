// One planning run from start to finish: read (with what the stock allows),
// map to the engine's field-service problem (to-field-service.ts), plan with
// `planFieldService` (off the main thread), map back, store in one transaction, tell
// the boards, reserve the parts of the visits placed. A preview stops before
// storing: the plan goes to the run's record instead (see proposal.ts and
// decide-plan.ts). The job processors call this; so could a script.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { planIndicators, storedIndicators, type PlanIndicators } from './indicators.ts';
import { loadPlanningRecords } from './load-records.ts';
import { partsAccess, planPlacements, syncReservations } from './parts.ts';
import { latestPositions } from './positions.ts';
import { proposalJson } from './proposal.ts';
import { defaultRoadTravel, type RoadTravel, type TravelTimes } from './road-travel.ts';
import { publishPlan, type PlanBroadcaster } from './publish.ts';
import type { ConsideredVisits, Plan } from './plan.ts';
import type { PlanningRecords } from './records.ts';
import type { SolverPool } from './solver-pool.ts';
import { dryRunPlan, type StoredPlan, storePlan, type Tx } from './store-plan.ts';
import { localDay, type IsoDay, zonedInstant } from './time.ts';
import { fromFieldServicePlan, toFieldServiceProblem } from './to-field-service.ts';

export interface PlanningDeps {
  readonly prisma: PrismaClient;
  readonly solver: SolverPool;
  readonly broadcaster: PlanBroadcaster;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
  /** Road travel times (OSRM_URL); default the process's, from the environment. */
  readonly travel?: RoadTravel;
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
    /** Whether the plan was timed with road travel times (OSRM) or straight-line estimates. */
    readonly travelTimes: TravelTimes;
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
  finish?: (tx: Tx, result: PlanningResult, engineInput: object, proposal: object | null) => Promise<void>,
): Promise<PlanningResult> {
  const { prisma, solver } = deps;
  const now = deps.now?.() ?? new Date();
  const progress = request.onProgress ?? (() => {});

  progress(0.02, 'loading');
  const records = await loadPlanningRecords(prisma, request.agencyId, request.days);
  const tz = records.agency.timezone;
  if (records.days.every((d) => d < localDay(now, tz))) throw new PlanningInputError(`every day asked (${records.days.join(', ')}) is past`);
  const from = request.wholeDays ? zonedInstant(records.days[0]!, 0, tz) : now;
  const today = localDay(now, tz);
  const positions =
    !request.wholeDays && records.days.includes(today)
      ? await latestPositions(
          prisma,
          records.technicians.map((t) => t.id),
          now,
        )
      : undefined;
  const parts = await partsAccess(prisma, records);
  const adapted = toFieldServiceProblem(records, { now: from, parts, ...(positions ? { positions } : {}) });
  const before = storedIndicators(records, adapted);
  // What the run stored as its input: the engine's problem and state, replayable with the CLI.
  const engineInput = { problem: adapted.problem, ...(adapted.state ? { state: adapted.state } : {}) };

  const travel = await (deps.travel ?? defaultRoadTravel()).matrix(adapted.problem, adapted.state);

  progress(0.1, 'solving');
  const outcome = await solver.plan({
    problem: adapted.problem,
    ...(adapted.state ? { state: adapted.state } : {}),
    ...(travel.matrix ? { travelMatrix: travel.matrix } : {}),
    seed: request.seed,
    timeLimitMs: request.timeLimitMs,
    ...(request.maxIterations !== undefined ? { maxIterations: request.maxIterations } : {}),
  });
  if (!outcome.ok) {
    if (outcome.inputError) throw new PlanningInputError(`the engine refused the problem: ${outcome.message}`);
    throw new EngineFailure(`the engine failed: ${outcome.message}`);
  }

  const plan = fromFieldServicePlan(records, adapted, outcome.plan, outcome.solvingMs);
  const problem: ConsideredVisits = { jobs: adapted.jobs, excluded: adapted.excluded };
  const input = { agencyId: request.agencyId, runId: request.runId, records, problem, plan };
  if (request.preview) {
    progress(0.9, 'comparing');
    const result = summarize(records, problem, plan, await dryRunPlan(prisma, input), before, travel.times);
    const proposal = proposalJson({ records, problem, plan });
    if (finish) await prisma.$transaction((tx) => finish(tx, result, engineInput, proposal), { timeout: 60_000, maxWait: 10_000 });
    progress(1, 'done');
    return result;
  }

  progress(0.9, 'storing');
  let result: PlanningResult | undefined;
  const stored = await storePlan(prisma, input, async (tx, stored) => {
    result = summarize(records, problem, plan, stored, before, travel.times);
    if (finish) await finish(tx, result, engineInput, null);
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

export function summarize(
  records: PlanningRecords,
  problem: ConsideredVisits,
  plan: Plan,
  stored: StoredPlan,
  before: PlanIndicators,
  travelTimes: TravelTimes = 'estimated',
): PlanningResult {
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
      travelTimes,
    },
    before,
    unassigned: plan.unassigned,
    tours: plan.tours
      .filter((t) => t.stops.length > 0)
      .map((t) => ({ technicianId: t.technicianId, day: t.day, stops: t.stops.length, travelSeconds: t.kpis.travelSeconds })),
  };
}
