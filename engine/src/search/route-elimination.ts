import type { Problem } from '../problem/model.ts';
import type { Rng } from '../rng.ts';
import { compareObjectives, type Solution } from '../solution/solution.ts';
import { recreateGreedy } from './recreate-greedy.ts';
import { DEFAULT_STRING_REMOVAL, ruinStrings } from './ruin-strings.ts';

/**
 * Fleet minimisation for vehicles with fixed costs (SISR's first phase): empty
 * a small route, then ruin-and-recreate without opening routes until every
 * job fits again. Acceptance favours fewer unassigned jobs, then jobs that
 * were unassigned less often ("absence" counters), which steers the search
 * towards placing the hard jobs. Failing attempts are rolled back.
 */
export function eliminateRoutes(problem: Problem, solution: Solution, rng: Rng, shouldStop: () => boolean, iterationsPerAttempt: number): number {
  const absence = new Float64Array(problem.jobs.length);
  let eliminated = 0;
  let failuresInARow = 0;
  while (!shouldStop() && failuresInARow < 3 && solution.usedRoutes() > 1) {
    const before = solution.snapshot();
    const objectiveBefore = solution.objective();
    // Jobs nobody can serve stay unassigned whatever happens: success is placing all the others.
    const target = pickSmallRoute(solution, rng);
    solution.setJobs(target, []);
    const allowedUnassigned = objectiveBefore.unserved;
    let unassigned = solution.unassignedJobs();
    const saved = new Map<number, number[]>();
    const touch = (r: number): void => {
      if (!saved.has(r)) saved.set(r, solution.routes[r]!.jobs.slice());
    };
    recreateGreedy(problem, solution, unassigned.slice(), rng, touch, false, absence);
    unassigned = solution.unassignedJobs();
    let absenceSum = sumOf(absence, unassigned);
    for (let k = 0; k < iterationsPerAttempt && unassigned.length > allowedUnassigned && !shouldStop(); k++) {
      saved.clear();
      const removed = ruinStrings(problem, solution, rng, DEFAULT_STRING_REMOVAL, touch);
      const toInsert = removed.concat(unassigned.filter((j) => !removed.includes(j)));
      recreateGreedy(problem, solution, toInsert, rng, touch, false, absence);
      const candidate = solution.unassignedJobs();
      const candidateSum = sumOf(absence, candidate);
      const feasible = [...saved.keys()].every((r) => solution.routes[r]!.feasible);
      if (feasible && (candidate.length < unassigned.length || candidateSum < absenceSum)) {
        unassigned = candidate;
        absenceSum = candidateSum;
      } else {
        for (const [r, jobs] of saved) solution.setJobs(r, jobs);
      }
      for (const j of unassigned) absence[j]!++;
    }
    // Kept only if the whole objective improves: a small fixed cost may not pay for the extra travel.
    const after = solution.objective();
    if (unassigned.length <= allowedUnassigned && compareObjectives(after, objectiveBefore) < 0) {
      eliminated++;
      failuresInARow = 0;
    } else {
      solution.restore(before);
      failuresInARow++;
    }
  }
  return eliminated;
}

/** The smallest of a few random used routes: small routes are the easiest to empty. */
function pickSmallRoute(solution: Solution, rng: Rng): number {
  const used: number[] = [];
  for (let r = 0; r < solution.routes.length; r++) if (solution.routes[r]!.jobs.length > 0) used.push(r);
  let best = used[rng.int(used.length)]!;
  for (let k = 0; k < 2; k++) {
    const r = used[rng.int(used.length)]!;
    if (solution.routes[r]!.jobs.length < solution.routes[best]!.jobs.length) best = r;
  }
  return best;
}

function sumOf(weights: Float64Array, jobs: readonly number[]): number {
  let sum = 0;
  for (const j of jobs) sum += weights[j]!;
  return sum;
}
