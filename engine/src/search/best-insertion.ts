import type { Problem } from '../problem/model.ts';
import { insertionDelta } from '../solution/insertion.ts';
import type { Solution } from '../solution/solution.ts';
import type { Rng } from '../rng.ts';
import type { InsertionMemo } from './insertion-memo.ts';

export interface InsertionChoice {
  route: number;
  position: number;
  delta: number;
}

/**
 * On large instances only the routes serving one of the job's nearest
 * neighbours (and one empty route per vehicle class) are tried: a job is
 * almost never best inserted into a route far from it, and scanning every
 * position of every route would dominate the run time.
 */
const NEAR_ROUTES_FROM = 200;
const NEAR_NEIGHBOURS = 40;

/**
 * Cheapest feasible place for job j over all eligible routes (used ones only
 * when `allowNewRoutes` is false). With `blinkRate`
 * > 0 each position is skipped with that probability (SISR's "blinks"), which
 * keeps the recreate step from always making the same greedy choice. With a
 * `memo`, routes that cannot have changed for j since its last failed search
 * are skipped, and a failure is recorded.
 */
export function bestInsertion(
  problem: Problem,
  solution: Solution,
  j: number,
  rng: Rng | null,
  blinkRate: number,
  allowNewRoutes = true,
  memo?: InsertionMemo,
): InsertionChoice | null {
  const n = problem.jobs.length;
  let best: InsertionChoice | null = null;
  const triedEmptyClasses: number[] = [];
  const tryRoute = (r: number): void => {
    if (problem.eligible[r * n + j] === 0) return;
    if (memo && !memo.worthTrying(solution, j, r)) return;
    const route = solution.routes[r]!;
    if (!route.hasRoomFor(problem.jobs[j]!)) return;
    // Empty routes of interchangeable vehicles give the same answer: try one.
    if (route.jobs.length === 0) {
      if (!allowNewRoutes) return;
      if (triedEmptyClasses.includes(route.vehicle.classKey)) return;
      triedEmptyClasses.push(route.vehicle.classKey);
    }
    for (let p = 0; p <= route.jobs.length; p++) {
      if (blinkRate > 0 && rng !== null && rng.next() < blinkRate) continue;
      const bound = best ? best.delta : Number.POSITIVE_INFINITY;
      const delta = insertionDelta(problem, route, j, p, bound);
      if (delta < bound) best = { route: r, position: p, delta };
    }
  };

  // A job that found no place before: few routes changed since, and one pass over them all is
  // cheaper than looking for near routes first.
  if (n < NEAR_ROUTES_FROM || (memo && memo.hasFailed(j))) {
    for (let r = 0; r < solution.routes.length; r++) tryRoute(r);
    if (best === null && memo) memo.recordFailure(solution, j);
    return best;
  }
  const tried = new Set<number>();
  const neighbours = problem.neighbours.of(j);
  for (let k = 0; k < neighbours.length && k < NEAR_NEIGHBOURS; k++) {
    const r = solution.routeOf[neighbours[k]!]!;
    if (r < 0 || tried.has(r)) continue;
    tried.add(r);
    tryRoute(r);
  }
  for (let r = 0; r < solution.routes.length; r++) if (solution.routes[r]!.jobs.length === 0) tryRoute(r);
  // Nothing near fits (tight windows or capacity): fall back to every route.
  if (best === null) {
    for (let r = 0; r < solution.routes.length; r++) if (!tried.has(r)) tryRoute(r);
    if (best === null && memo) memo.recordFailure(solution, j);
  }
  return best;
}
