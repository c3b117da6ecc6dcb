import type { Problem } from '../problem/model.ts';
import type { Solution } from '../solution/solution.ts';
import type { Move, MoveContext } from './operators/operator.ts';
import { OPERATORS } from './operators/registry.ts';

/** How many nearest neighbours of a job the moves consider (granular search). */
const GRANULARITY = 20;

/**
 * Applies improving moves until none is left: for every job u and each of its
 * nearest neighbours v, every operator proposes its best move around (u, v);
 * the best of them is applied at once (first improvement per pair).
 */
export function improveLocally(problem: Problem, solution: Solution): void {
  const n = problem.jobs.length;
  if (n === 0) return;
  const positionOf = new Int32Array(n);
  const refreshPositions = (r: number): void => {
    const jobs = solution.routes[r].jobs;
    for (let i = 0; i < jobs.length; i++) positionOf[jobs[i]] = i;
  };
  for (let r = 0; r < solution.routes.length; r++) refreshPositions(r);
  const context: MoveContext = {
    problem,
    solution,
    positionOf,
    allEligible: problem.eligible.every((e) => e === 1),
  };

  let improved = true;
  let rounds = 0;
  while (improved && rounds < 50) {
    improved = false;
    rounds++;
    for (let u = 0; u < n; u++) {
      if (solution.routeOf[u] < 0) continue;
      const neighbours = problem.neighbours[u];
      const limit = Math.min(GRANULARITY, neighbours.length);
      for (let k = 0; k < limit; k++) {
        const v = neighbours[k];
        if (solution.routeOf[v] < 0 || solution.routeOf[u] < 0) continue;
        let best: Move | null = null;
        for (const operator of OPERATORS) {
          const move = operator.find(context, u, v);
          if (move && (!best || move.delta < best.delta)) best = move;
        }
        if (best) {
          for (const change of best.routes) {
            solution.setJobs(change.route, change.jobs);
            refreshPositions(change.route);
          }
          improved = true;
        }
      }
    }
  }
}
