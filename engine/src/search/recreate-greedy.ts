import type { Problem } from '../problem/model.ts';
import type { Rng } from '../rng.ts';
import type { Solution } from '../solution/solution.ts';
import { bestInsertion } from './best-insertion.ts';
import type { InsertionMemo } from './insertion-memo.ts';

/** Probability of skipping an insertion position (SISR's blinks). */
export const BLINK_RATE = 0.01;

/**
 * Reinserts jobs one by one at their cheapest feasible place, in an order drawn
 * at random among SISR's: random, largest demand, farthest from the depot,
 * closest to it. Higher priorities always go first. Jobs that fit nowhere stay
 * unassigned.
 */
export function recreateGreedy(
  problem: Problem,
  solution: Solution,
  jobs: number[],
  rng: Rng,
  touched: (route: number) => void,
  allowNewRoutes = true,
  firstKey?: Float64Array,
  memo?: InsertionMemo,
  shouldStop?: () => boolean,
): void {
  orderJobs(problem, jobs, rng, firstKey);
  for (let k = 0; k < jobs.length; k++) {
    // The clock is read every few jobs only: reading it costs more than an insertion on small routes.
    if (shouldStop && k % 8 === 7 && shouldStop()) return;
    const j = jobs[k]!;
    const choice = bestInsertion(problem, solution, j, rng, BLINK_RATE, allowNewRoutes, memo);
    if (choice === null) continue;
    touched(choice.route);
    solution.insert(choice.route, j, choice.position);
  }
}

/** `firstKey`, when given, orders before everything but priority (descending). */
function orderJobs(problem: Problem, jobs: number[], rng: Rng, firstKey?: Float64Array): void {
  rng.shuffle(jobs);
  const draw = rng.int(11);
  const key = new Float64Array(problem.jobs.length);
  if (draw >= 4) {
    const v = problem.vehicles[0]!;
    const size = v.travel.durations.size;
    for (const j of jobs) {
      const job = problem.jobs[j]!;
      if (draw < 8) {
        let demand = 0;
        for (let d = 0; d < problem.dimensions; d++) demand += job.delivery[d]! + job.pickup[d]!;
        key[j] = -demand;
      } else {
        const depot = v.startLoc >= 0 ? v.startLoc : v.endLoc;
        const far = depot >= 0 ? v.travel.durations.data[depot * size + job.loc]! : 0;
        key[j] = draw < 10 ? -far : far;
      }
    }
  }
  const jobData = problem.jobs;
  jobs.sort((a, b) => jobData[b]!.priority - jobData[a]!.priority || (firstKey ? firstKey[b]! - firstKey[a]! : 0) || key[a]! - key[b]!);
}
