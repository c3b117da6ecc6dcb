import type { Problem } from '../problem/model.ts';
import { Rng } from '../rng.ts';
import { compareObjectives, type Objective, type Snapshot, Solution } from '../solution/solution.ts';
import type { BestSolutionExchange, Progress } from '../types.ts';
import { constructByRegret } from './construct-regret.ts';
import { constructRoutesInTurn } from './construct-routes-in-turn.ts';
import { LocalSearch } from './local-search.ts';
import { InsertionMemo } from './insertion-memo.ts';
import { eliminateRoutes } from './route-elimination.ts';
import { recreateGreedy } from './recreate-greedy.ts';
import { DEFAULT_STRING_REMOVAL, ruinStrings } from './ruin-strings.ts';

/** Iterations when the caller sets neither a time limit nor an iteration count. */
export const DEFAULT_ITERATIONS = 20_000;

/** Knobs of the search, exposed for benchmarks and tuning; the defaults are the measured best. */
export interface SearchTuning {
  /** Annealing start and end temperatures, as multiples of the first solution's average leg cost. */
  readonly startTemperature: number;
  readonly endTemperature: number;
  /** Polish every new best solution with local search. */
  readonly polishBest: boolean;
  /** Share of the budget spent removing routes first, when vehicles have fixed costs. */
  readonly fleetMinimisationShare: number;
  /** Ruin-and-recreate iterations given to each attempt at emptying a route. */
  readonly iterationsPerElimination: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  startTemperature: 1,
  endTemperature: 0.2,
  polishBest: true,
  fleetMinimisationShare: 0.4,
  iterationsPerElimination: 2000,
};

export interface SearchLimits {
  readonly seed: number;
  readonly tuning?: Partial<SearchTuning>;
  readonly maxIterations?: number;
  readonly timeLimitMs?: number;
  readonly clock?: () => number;
  readonly onProgress?: (progress: Progress) => void;
  readonly exchange?: BestSolutionExchange;
}

export interface SearchResult {
  readonly best: Snapshot;
  readonly objective: Objective;
  readonly iterations: number;
}

const PROGRESS_EVERY = 500;
/**
 * Iterations between two looks at the solutions other searches offer: an iteration of a company's
 * day takes a few milliseconds, so a better solution found elsewhere is taken over within a fraction
 * of a second, while an empty look (a message port polled) costs next to nothing.
 */
const EXCHANGE_EVERY = 8;

/** Above this many jobs² × distinct vehicles, the first solution is built route by route (see `construct`)… */
export const REGRET_UP_TO = 2_000_000;
/** …unless the budget is long (or counted in iterations) and the problem below this: see `construct`. */
export const REGRET_WITH_TIME_UP_TO = 20_000_000;
export const REGRET_TIME_FROM_MS = 10_000;

/** How long past the time limit the construction of the first solution may go on. */
export const CONSTRUCTION_GRACE_MS = 150;

/** Iterations without a new best after which a time-limited search stops: the larger of these. */
const STALL_ITERATIONS = 20_000;
const STALL_PER_JOB = 100;

/**
 * Ruin-and-recreate under simulated annealing (SISR): string removals, greedy
 * reinsertion with blinks, acceptance of slightly worse solutions early on.
 * Every new best solution is polished by local search. Deterministic for a
 * given seed and iteration count; with a time limit, the temperature follows
 * the elapsed fraction of the budget instead.
 */
export function searchSolution(problem: Problem, limits: SearchLimits): SearchResult {
  const tuning = { ...DEFAULT_TUNING, ...limits.tuning };
  const rng = new Rng(limits.seed);
  const clock = limits.clock;
  const timeLimit = clock && limits.timeLimitMs !== undefined ? limits.timeLimitMs : undefined;
  const maxIterations = limits.maxIterations ?? (timeLimit === undefined ? DEFAULT_ITERATIONS : Number.POSITIVE_INFINITY);
  const startedAt = clock ? clock() : 0;

  let iteration = 0;
  const budgetUsed = (): number => {
    let fraction = 0;
    if (maxIterations !== Number.POSITIVE_INFINITY) fraction = maxIterations > 0 ? iteration / maxIterations : 1;
    if (timeLimit !== undefined && clock) fraction = Math.max(fraction, timeLimit > 0 ? (clock() - startedAt) / timeLimit : 1);
    return fraction;
  };

  // The limit is a promise: construction and local search look at the clock too, and stop
  // where they are (every state they leave is feasible), so a day too big for the limit still
  // gets its best partial answer on time.
  const outOfTime = (): boolean => timeLimit !== undefined && clock !== undefined && clock() - startedAt >= timeLimit;
  // A first solution cut short leaves most jobs unassigned, so construction may finish a little
  // past the limit: the caller's promise (limit × 1.05 + 0.3 s) has that much room.
  const constructionOutOfTime = (): boolean => timeLimit !== undefined && clock !== undefined && clock() - startedAt >= timeLimit + CONSTRUCTION_GRACE_MS;

  const solution = new Solution(problem);
  applyWarmStart(problem, solution);
  construct(problem, solution, rng, constructionOutOfTime, timeLimit);
  const localSearch = new LocalSearch(problem, solution);
  localSearch.improve(outOfTime);
  // The local search shortened routes: offer them the jobs left out (+14 visits on a 60 × 420
  // day for 18 ms), in case the time is up before the first iteration would.
  const memo = new InsertionMemo(problem.jobs.length);
  recreateGreedy(problem, solution, solution.unassignedJobs(), rng, () => {}, true, undefined, memo, constructionOutOfTime);

  if (problem.jobs.length > 0 && problem.vehicles.some((v) => v.fixedCost > 0)) {
    const share = tuning.fleetMinimisationShare;
    const eliminated = eliminateRoutes(
      problem,
      solution,
      rng,
      () => {
        iteration++;
        return budgetUsed() >= share;
      },
      tuning.iterationsPerElimination,
    );
    if (eliminated > 0) localSearch.improve();
  }

  let current = solution.objective();
  let best = solution.snapshot();
  let bestObjective = current;
  let travelCost = 0;
  for (const route of solution.routes) travelCost += route.legCost;
  const legs = Math.max(1, problem.jobs.length - current.unserved + solution.usedRoutes());
  // Travel only: fixed costs would make the temperature big enough to open routes at will.
  const averageLeg = travelCost / legs || 1;
  const t0 = tuning.startTemperature * averageLeg;
  const t1 = tuning.endTemperature * averageLeg;

  const saved = new Map<number, number[]>();
  const touch = (r: number): void => {
    if (!saved.has(r)) saved.set(r, solution.routes[r]!.jobs.slice());
  };

  // The first solutions differ by seed: the others may start from this one if it is better.
  limits.exchange?.offer({ ...bestObjective, routes: best });

  const annealingFrom = budgetUsed();
  // With a time limit and no iteration count, stop once the search has stalled for long: a small
  // problem is solved long before its limit, and the caller should not wait for nothing.
  const stallLimit = limits.maxIterations === undefined ? Math.max(STALL_ITERATIONS, STALL_PER_JOB * problem.jobs.length) : Infinity;
  let lastImprovement = iteration;
  if (problem.jobs.length > 0) {
    for (;;) {
      const used = budgetUsed();
      if (used >= 1 || iteration - lastImprovement > stallLimit) break;
      const fraction = annealingFrom < 1 ? (used - annealingFrom) / (1 - annealingFrom) : 1;
      const temperature = t0 * Math.pow(t1 / t0, fraction);
      iteration++;

      saved.clear();
      const removed = ruinStrings(problem, solution, rng, DEFAULT_STRING_REMOVAL, touch);
      const toInsert = removed.concat(solution.unassignedJobs().filter((j) => !removed.includes(j)));
      recreateGreedy(problem, solution, toInsert, rng, touch, true, undefined, memo);
      const candidate = solution.objective();

      const accept =
        Number.isFinite(candidate.cost) &&
        (candidate.unservedPriority < current.unservedPriority ||
          (candidate.unservedPriority === current.unservedPriority &&
            (candidate.unserved < current.unserved ||
              (candidate.unserved === current.unserved && candidate.cost < current.cost - temperature * Math.log(rng.next())))));
      if (accept) {
        current = candidate;
        if (compareObjectives(candidate, bestObjective) < 0) {
          if (tuning.polishBest) localSearch.improve(outOfTime);
          current = solution.objective();
          if (compareObjectives(current, bestObjective) < 0) {
            bestObjective = current;
            best = solution.snapshot();
            lastImprovement = iteration;
            limits.exchange?.offer({ ...bestObjective, routes: best });
          }
        }
      } else {
        // Any order works: setJobs only unindexes jobs still indexed to the route it replaces.
        for (const [r, jobs] of saved) solution.setJobs(r, jobs);
      }

      if (limits.exchange && iteration % EXCHANGE_EVERY === 0) {
        // Another search found better: go on from its solution, with this search's own random
        // choices (each search has its own seed), so the searches explore around one best.
        const offered = limits.exchange.take();
        if (offered && compareObjectives(offered, bestObjective) < 0) {
          solution.restore(offered.routes);
          current = solution.objective();
          if (compareObjectives(current, bestObjective) < 0) {
            bestObjective = current;
            best = solution.snapshot();
            lastImprovement = iteration;
          } else {
            // Not what it was said to be (it never should be): back to this search's best.
            solution.restore(best);
            current = bestObjective;
          }
        }
      }

      if (limits.onProgress && iteration % PROGRESS_EVERY === 0) {
        limits.onProgress({
          iteration,
          elapsedMs: clock ? clock() - startedAt : 0,
          bestCost: bestObjective.cost,
          unassigned: bestObjective.unserved,
        });
      }
    }
  }
  return { best, objective: bestObjective, iterations: iteration };
}

/**
 * The first solution. Regret insertion places jobs with few good options before others take
 * them, but each step picks among all pending jobs and re-prices them in the changed routes:
 * about jobs² × distinct vehicles. Past REGRET_UP_TO of that (a 100 ms or so: Solomon's and
 * Gehring & Homberger's identical fleets stay below it, a company's technicians with homes of
 * their own do not) routes are built one technician at a time (construct-routes-in-turn.ts), and
 * what no technician took goes through the search's own greedy insertion: a few hundred
 * milliseconds at 1,500 jobs, and both can stop when time is up.
 */
function construct(problem: Problem, solution: Solution, rng: Rng, outOfTime: () => boolean, timeLimit: number | undefined): void {
  const pending = solution.unassignedJobs();
  const classes = new Set(problem.vehicles.map((v) => v.classKey)).size;
  const size = pending.length * pending.length * classes;
  // Regret's routes drive less (60 × 420 day, 4,000 iterations, seeds 1-4: 398 k s of travel against 416 k
  // on average, and more visits), but it takes about a second there: worth it when the budget is long.
  const longBudget = timeLimit === undefined || timeLimit >= REGRET_TIME_FROM_MS;
  if (size <= REGRET_UP_TO || (longBudget && size <= REGRET_WITH_TIME_UP_TO)) {
    constructByRegret(problem, solution, pending, outOfTime);
    return;
  }
  const left = constructRoutesInTurn(problem, solution, pending, outOfTime);
  recreateGreedy(problem, solution, left, rng, () => {}, true, undefined, undefined, outOfTime);
}

/** Seeds routes with the vehicles' `steps` when those form feasible routes. */
function applyWarmStart(problem: Problem, solution: Solution): void {
  const taken = new Set<number>();
  problem.vehicles.forEach((v, r) => {
    const jobs = v.initialJobs.filter((j) => !taken.has(j) && problem.eligible[r * problem.jobs.length + j] === 1);
    if (jobs.length === 0) return;
    solution.setJobs(r, jobs);
    if (!solution.routes[r]!.feasible) solution.setJobs(r, []);
    else for (const j of jobs) taken.add(j);
  });
}
