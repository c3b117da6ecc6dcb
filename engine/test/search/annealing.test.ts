import { describe, expect, it } from 'vitest';
import { searchSolution } from '../../src/search/annealing.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { Solution } from '../../src/solution/solution.ts';
import { solve } from '../../src/solve.ts';
import type { Input, Progress, SharedSolution } from '../../src/types.ts';
import { checkSolution } from '../support/check-solution.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

// Six jobs on a line around a depot, two vans with room for three each.
const input: Input = {
  vehicles: [1, 2].map((id) => ({ id, start_index: 0, end_index: 0, capacity: [3] })),
  jobs: [1, 2, 3, 4, 5, 6].map((id) => ({ id, location_index: id, delivery: [1] })),
  matrices: { car: { durations: lineMatrix([0, -30, -20, -10, 10, 20, 30]) } },
};

describe('searchSolution', () => {
  const problem = compile(input);

  it('finds the optimum of a small instance and reports its objective', () => {
    const result = searchSolution(problem, { seed: 1, maxIterations: 100 });
    // One van each side: 60 + 60.
    expect(result.objective).toEqual({ unservedPriority: 0, unserved: 0, cost: 120 });
    const solution = new Solution(problem);
    solution.restore(result.best);
    expect(solution.objective()).toEqual(result.objective);
    for (const route of solution.routes) expect(scheduleRoute(problem, route.vehicle, route.jobs).ok).toBe(true);
  });

  it('runs exactly the iterations it is given and is deterministic', () => {
    const a = searchSolution(problem, { seed: 5, maxIterations: 37 });
    const b = searchSolution(problem, { seed: 5, maxIterations: 37 });
    expect(a.iterations).toBe(37);
    expect(b).toEqual(a);
  });

  /*
   * Reproduction of a bug: `budgetUsed` divides by maxIterations, so 0
   * iterations gives 0/0 = NaN, which is not ≥ 1: one ruin-and-recreate
   * iteration runs (and, with a time limit of 0 and a clock that has not
   * moved yet, the loop never ends). 0 must mean construction and local search only.
   */
  it('runs no iteration when maxIterations is 0', () => {
    expect(searchSolution(problem, { seed: 1, maxIterations: 0 }).iterations).toBe(0);
  });

  it('stops at a time limit of 0 even when the clock has not moved', () => {
    let reads = 0;
    const frozen = () => {
      if (++reads > 300) throw new Error('the search is still running after 300 clock reads');
      return 0;
    };
    expect(searchSolution(problem, { seed: 1, timeLimitMs: 0, clock: frozen }).iterations).toBe(0);
  });

  it('stops at the time limit of the caller’s clock', () => {
    let now = 0;
    const clock = () => (now += 1); // every read advances 1 ms
    const result = searchSolution(problem, { seed: 1, timeLimitMs: 50, clock });
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.iterations).toBeLessThanOrEqual(50);
  });

  it('reports progress every 500 iterations', () => {
    const seen: Progress[] = [];
    searchSolution(problem, { seed: 1, maxIterations: 1000, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.iteration)).toEqual([500, 1000]);
    expect(seen[1]).toEqual({ iteration: 1000, elapsedMs: 0, bestCost: 120, unassigned: 0 });
  });

  it('starts from the vehicles’ steps when they form feasible routes, and ignores them otherwise', () => {
    // Van 2 is told to serve the west side: an optimal start that the search then keeps (it only keeps strict gains).
    const west = [1, 2, 3].map((id) => ({ type: 'job' as const, id }));
    const warm = compile({ ...input, vehicles: [input.vehicles[0]!, { ...input.vehicles[1]!, steps: west }] });
    const result = searchSolution(warm, { seed: 1, maxIterations: 30 });
    expect(result.objective.cost).toBe(120);
    expect(result.best[1]!.slice().sort()).toEqual([0, 1, 2]);
    // Four deliveries for a capacity of 3: the warm start is dropped and the search starts from scratch.
    const overloaded = compile({
      ...input,
      vehicles: [input.vehicles[0]!, { ...input.vehicles[1]!, steps: [1, 2, 3, 4].map((id) => ({ type: 'job' as const, id })) }],
    });
    expect(searchSolution(overloaded, { seed: 1, maxIterations: 50 }).objective).toEqual({ unservedPriority: 0, unserved: 0, cost: 120 });
  });
});

describe('searchSolution with other searches beside it (exchange)', () => {
  // 48 jobs on a 7 × 7 grid around a depot in its middle, four vans of 12: a few iterations do not
  // find what a long search finds.
  const points = Array.from({ length: 49 }, (_, k) => [k % 7, Math.floor(k / 7)] as const);
  const depot = 24;
  const grid: Input = {
    vehicles: [1, 2, 3, 4].map((id) => ({ id, start_index: depot, end_index: depot, capacity: [12] })),
    jobs: points.flatMap((_, k) => (k === depot ? [] : [{ id: k + 1, location_index: k, delivery: [1] }])),
    matrices: { car: { durations: points.map(([ax, ay]) => points.map(([bx, by]) => 60 * (Math.abs(ax - bx) + Math.abs(ay - by)) + ((ax * 7 + by) % 5))) } },
  };
  const problem = compile(grid);
  const optimum = searchSolution(problem, { seed: 1, maxIterations: 3000 });

  it('offers its first solution and each new best, each as good as the last', () => {
    const offered: SharedSolution[] = [];
    const result = searchSolution(problem, { seed: 3, maxIterations: 100, exchange: { offer: (s) => offered.push(s), take: () => null } });
    expect(offered.length).toBeGreaterThan(0);
    const last = offered.at(-1)!;
    expect({ unservedPriority: last.unservedPriority, unserved: last.unserved, cost: last.cost }).toEqual(result.objective);
    expect(last.routes).toEqual(result.best);
    for (let k = 1; k < offered.length; k++) expect(offered[k]!.cost).toBeLessThan(offered[k - 1]!.cost);
  });

  it('goes on from a better solution another search offers, and ignores a worse one', () => {
    const alone = searchSolution(problem, { seed: 9, maxIterations: 8 });
    expect(alone.objective.cost).toBeGreaterThan(optimum.objective.cost);
    const better: SharedSolution = { ...optimum.objective, routes: optimum.best };
    let takes = 0;
    const helped = searchSolution(problem, {
      seed: 9,
      maxIterations: 8,
      exchange: { offer: () => {}, take: () => (takes++ === 0 ? better : null) },
    });
    expect(takes).toBeGreaterThan(0);
    expect(helped.objective).toEqual(optimum.objective);
    expect(helped.best).toEqual(optimum.best);
    // A worse offer (every job left out) changes nothing.
    const worse: SharedSolution = { unservedPriority: 0, unserved: 48, cost: 0, routes: [[], [], [], []] };
    const ignored = searchSolution(problem, { seed: 9, maxIterations: 8, exchange: { offer: () => {}, take: () => worse } });
    expect(ignored).toEqual(alone);
  });
});

describe('the search never keeps an infeasible route (reproductions of a bug)', () => {
  /*
   * ruinStrings removes jobs without checking that what remains of a route is
   * still feasible, and nothing after it checks (Route.feasible is only read
   * by the warm start). Removing a job can break a route when travel does not
   * obey the triangle inequality (real matrices often do not; with a cost
   * matrix, times and costs are unrelated), when a removed job waived a setup,
   * or when a break's placement rule changes. The infeasible route is kept,
   * may become the best solution, and formatOutput then fails with code 1
   * "route of vehicle … is infeasible".
   *
   * Here vehicle 1 reaches job 1 (window [0, 20]) in time only through job 2:
   * 0 → 2 → 1 takes 10 + 10 s, 0 → 1 takes 100 s. Job 2 is cheaper on vehicle
   * 2 and the direct leg 0 → 1 is the cheapest (cost matrix), so removing job
   * 2 from vehicle 1 "improves" the cost: the route [1] is kept although it
   * arrives at 100.
   */
  const B = 100;
  const repro: Input = {
    vehicles: [
      {
        id: 1,
        start_index: 0,
        end_index: 0,
        skills: [1],
        steps: [
          { type: 'job', id: 2 },
          { type: 'job', id: 1 },
        ],
      },
      { id: 2, start_index: 3, end_index: 3 },
    ],
    jobs: [
      { id: 1, location_index: 1, skills: [1], time_windows: [[0, 20]] },
      { id: 2, location_index: 2 },
    ],
    matrices: {
      car: {
        durations: [
          [0, 100, 10, B],
          [10, 0, B, B],
          [B, 10, 0, 1],
          [B, B, 1, 0],
        ],
        costs: [
          [0, 1, 50, B],
          [1, 0, B, B],
          [B, 50, 0, 1],
          [B, B, 1, 0],
        ],
      },
    },
  };

  it('keeps every route of the best solution feasible (non-triangular travel, warm start)', () => {
    const problem = compile(repro);
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = searchSolution(problem, { seed, maxIterations: 20 });
      result.best.forEach((jobs, r) => {
        if (jobs.length === 0) return;
        const schedule = scheduleRoute(problem, problem.vehicles[r]!, jobs);
        expect(schedule.ok, `seed ${seed}: vehicle ${problem.vehicles[r]!.id} [${jobs}] ${schedule.ok ? '' : schedule.reason}`).toBe(true);
      });
    }
  });

  it('answers with a feasible solution, not an internal error', () => {
    for (const seed of [1, 2, 3]) {
      const output = solve(repro, { seed, maxIterations: 20 });
      expect(output.code, `seed ${seed}: ${output.code === 0 ? '' : output.error}`).toBe(0);
      if (output.code === 0) {
        expect(checkSolution(repro, output)).toEqual([]);
        // Serving both jobs on vehicle 1 (cost 101) beats leaving job 1 out.
        expect(output.unassigned).toEqual([]);
      }
    }
  });
});
