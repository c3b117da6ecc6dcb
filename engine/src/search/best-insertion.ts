import type { Problem } from '../problem/model.ts';
import { insertionDelta } from '../solution/insertion.ts';
import type { Solution } from '../solution/solution.ts';
import type { Rng } from '../rng.ts';

export interface InsertionChoice {
  route: number;
  position: number;
  delta: number;
}

/**
 * Cheapest feasible place for job j over all eligible routes. With `blinkRate`
 * > 0 each position is skipped with that probability (SISR's "blinks"), which
 * keeps the recreate step from always making the same greedy choice.
 */
export function bestInsertion(
  problem: Problem,
  solution: Solution,
  j: number,
  rng: Rng | null,
  blinkRate: number,
  skipRoute = -1,
): InsertionChoice | null {
  const n = problem.jobs.length;
  let best: InsertionChoice | null = null;
  const triedEmptyClasses: number[] = [];
  for (let r = 0; r < solution.routes.length; r++) {
    if (r === skipRoute) continue;
    if (problem.eligible[r * n + j] === 0) continue;
    const route = solution.routes[r];
    // Empty routes of interchangeable vehicles give the same answer: try one.
    if (route.jobs.length === 0) {
      if (triedEmptyClasses.includes(route.vehicle.classKey)) continue;
      triedEmptyClasses.push(route.vehicle.classKey);
    }
    for (let p = 0; p <= route.jobs.length; p++) {
      if (blinkRate > 0 && rng !== null && rng.next() < blinkRate) continue;
      const bound = best ? best.delta : Number.POSITIVE_INFINITY;
      const delta = insertionDelta(problem, route, j, p, bound);
      if (delta < bound) best = { route: r, position: p, delta };
    }
  }
  return best;
}
