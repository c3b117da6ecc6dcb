import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/problem/model.ts';
import { Rng } from '../../src/rng.ts';
import { constructByRegret } from '../../src/search/construct-regret.ts';
import { improveLocally, LocalSearch } from '../../src/search/local-search.ts';
import type { MoveContext } from '../../src/search/operators/operator.ts';
import { OPERATORS } from '../../src/search/operators/registry.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { compareObjectives, Solution } from '../../src/solution/solution.ts';
import { compile } from '../support/fixtures.ts';
import { moveFixture } from '../support/moves.ts';
import { randomInstance } from '../support/random-instance.ts';

/** The first improving move any operator finds around a pair of neighbours (u, v), as local search looks for them. */
function improvingMove(problem: Problem, solution: Solution): string | null {
  const positionOf = new Int32Array(problem.jobs.length);
  for (const route of solution.routes) route.jobs.forEach((j, i) => (positionOf[j] = i));
  const context: MoveContext = { problem, solution, positionOf, allEligible: problem.eligible.every((e) => e === 1) };
  for (let u = 0; u < problem.jobs.length; u++) {
    if (solution.routeOf[u]! < 0) continue;
    for (const v of problem.neighbours.of(u).slice(0, 20)) {
      if (solution.routeOf[v]! < 0) continue;
      for (const operator of OPERATORS) {
        const move = operator.find(context, u, v);
        if (move) return `${operator.name}(${u}, ${v}): ${move.delta}`;
      }
    }
  }
  return null;
}

/** Every used route is feasible by the reference timing (an unused vehicle drives nothing). */
function expectFeasibleRoutes(problem: Problem, solution: Solution): void {
  for (const route of solution.routes) {
    if (route.jobs.length > 0) expect(scheduleRoute(problem, route.vehicle, route.jobs).ok).toBe(true);
  }
}

describe('improveLocally', () => {
  it('uncrosses two routes to the known optimum', () => {
    // The 2-opt* fixture: 180 + 190 → 20 + 20.
    const f = moveFixture(
      [0, 100, 10, 90, 95, 5],
      [
        { id: 1, start_index: 0, end_index: 0 },
        { id: 2, start_index: 1, end_index: 1 },
      ],
      [2, 3, 4, 5].map((loc, k) => ({ id: k + 1, location_index: loc })),
      [
        [1, 2],
        [3, 4],
      ],
    );
    improveLocally(f.problem, f.solution);
    expect(f.solution.objective().cost).toBe(40);
    expect(f.solution.routes.map((r) => f.ids(r.jobs).sort())).toEqual([
      [1, 4],
      [2, 3],
    ]);
  });

  it('ends in a local optimum of every operator, feasible, never worse (random instances)', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const rng = new Rng(seed);
      const problem = compile(randomInstance(rng, { maxJobs: 9, metric: seed % 2 === 0, breaks: seed % 3 === 0 }));
      const solution = new Solution(problem);
      // A poor start: jobs in random order, wherever they fit.
      for (const j of rng.shuffle([...Array(problem.jobs.length).keys()])) {
        const r = rng.int(problem.vehicles.length);
        if (problem.eligible[r * problem.jobs.length + j] === 0) continue;
        solution.insert(r, j, rng.int(solution.routes[r]!.jobs.length + 1));
        if (!solution.routes[r]!.feasible)
          solution.setJobs(
            r,
            solution.routes[r]!.jobs.filter((k) => k !== j),
          );
      }
      const before = solution.objective();
      improveLocally(problem, solution);
      // Jobs left out may have been served since (the unassigned exchange): the objective as a whole improves.
      expect(compareObjectives(solution.objective(), before), `seed ${seed}`).toBeLessThanOrEqual(1e-9);
      expectFeasibleRoutes(problem, solution);
      expect(improvingMove(problem, solution), `seed ${seed}`).toBeNull();
    }
  });
});

describe('LocalSearch (re-run after changes)', () => {
  it('re-examines the routes changed since the last run and reaches a local optimum again', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = new Rng(100 + seed);
      const problem = compile(randomInstance(rng, { maxJobs: 9, metric: true, noSkills: true }));
      const solution = new Solution(problem);
      constructByRegret(problem, solution, solution.unassignedJobs());
      const search = new LocalSearch(problem, solution);
      search.improve();
      expect(improvingMove(problem, solution)).toBeNull();
      // Shuffle one route behind the search's back (as ruin-and-recreate does), when the result stays feasible.
      const r = rng.int(problem.vehicles.length);
      const shuffled = rng.shuffle(solution.routes[r]!.jobs.slice());
      if (scheduleRoute(problem, problem.vehicles[r]!, shuffled).ok) solution.setJobs(r, shuffled);
      search.improve();
      expectFeasibleRoutes(problem, solution);
      expect(improvingMove(problem, solution), `seed ${100 + seed}`).toBeNull();
    }
  });
});
