import type { Problem } from '../problem/model.ts';
import { Rng } from '../rng.ts';
import { compareObjectives, type Objective, type Snapshot, Solution } from '../solution/solution.ts';
import type { Progress } from '../types.ts';
import { constructByRegret } from './construct-regret.ts';
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
}

export interface SearchResult {
  readonly best: Snapshot;
  readonly objective: Objective;
  readonly iterations: number;
}

const PROGRESS_EVERY = 500;

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

  const solution = new Solution(problem);
  applyWarmStart(problem, solution);
  constructByRegret(problem, solution, solution.unassignedJobs());
  const localSearch = new LocalSearch(problem, solution);
  localSearch.improve();

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
    if (!saved.has(r)) saved.set(r, solution.routes[r].jobs.slice());
  };

  const memo = new InsertionMemo(problem.jobs.length);
  const annealingFrom = budgetUsed();
  if (problem.jobs.length > 0) {
    for (;;) {
      const used = budgetUsed();
      if (used >= 1) break;
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
          if (tuning.polishBest) localSearch.improve();
          current = solution.objective();
          if (compareObjectives(current, bestObjective) < 0) {
            bestObjective = current;
            best = solution.snapshot();
          }
        }
      } else {
        // Any order works: setJobs only unindexes jobs still indexed to the route it replaces.
        for (const [r, jobs] of saved) solution.setJobs(r, jobs);
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

/** Seeds routes with the vehicles' `steps` when those form feasible routes. */
function applyWarmStart(problem: Problem, solution: Solution): void {
  const taken = new Set<number>();
  problem.vehicles.forEach((v, r) => {
    const jobs = v.initialJobs.filter((j) => !taken.has(j) && problem.eligible[r * problem.jobs.length + j] === 1);
    if (jobs.length === 0) return;
    solution.setJobs(r, jobs);
    if (!solution.routes[r].feasible) solution.setJobs(r, []);
    else for (const j of jobs) taken.add(j);
  });
}
