import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/problem/model.ts';
import { Rng } from '../../src/rng.ts';
import { insertionDelta } from '../../src/solution/insertion.ts';
import { Route } from '../../src/solution/route.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { Solution } from '../../src/solution/solution.ts';
import type { Input, Job, Vehicle } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';
import { randomInstance, randomOrder } from '../support/random-instance.ts';

function routeOf(problem: Problem, v: number, jobs: number[]): Route {
  const route = new Route(problem, problem.vehicles[v]!);
  route.jobs = jobs;
  route.update();
  return route;
}

/** scheduleRoute's cost of `jobs` for vehicle v, or +∞ when infeasible. */
function costOf(problem: Problem, v: number, jobs: readonly number[]): number {
  const result = scheduleRoute(problem, problem.vehicles[v]!, jobs);
  return result.ok ? result.schedule.cost : Number.POSITIVE_INFINITY;
}

describe('insertionDelta agrees with scheduleRoute (random instances)', () => {
  /*
   * For every job j outside a feasible non-empty route and every position p:
   * the delta is cost(route with j) − cost(route), or +∞ exactly when the
   * route with j is infeasible. Covers windows (several per job), setups on
   * shared locations, capacities with pickups and deliveries, max_tasks,
   * max_travel_time, max_distance, missing starts or ends, speed factors and
   * breaks.
   */
  function check(seedBase: number, breaks: boolean): { checks: number; feasible: number } {
    let checks = 0;
    let feasible = 0;
    const failures: string[] = [];
    for (let seed = 1; seed <= 120; seed++) {
      const rng = new Rng(seedBase + seed);
      const problem = compile(randomInstance(rng, { breaks, setup: true, metric: seed % 2 === 0, noSkills: true }));
      const n = problem.jobs.length;
      for (let trial = 0; trial < 8; trial++) {
        const v = rng.int(problem.vehicles.length);
        const order = randomOrder(rng, n);
        const size = rng.between(1, n - 1);
        const jobs = order.slice(0, size);
        const before = costOf(problem, v, jobs);
        if (before === Number.POSITIVE_INFINITY) continue;
        const route = routeOf(problem, v, jobs.slice());
        for (const j of order.slice(size)) {
          for (let p = 0; p <= size; p++) {
            const candidate = jobs.slice();
            candidate.splice(p, 0, j);
            const after = costOf(problem, v, candidate);
            const delta = insertionDelta(problem, route, j, p);
            const agree = after === Number.POSITIVE_INFINITY ? delta === after : Math.abs(delta - (after - before)) < 1e-6;
            if (!agree) {
              failures.push(`seed ${seedBase + seed}, vehicle ${v}, route [${jobs}], job ${j} at ${p}: ${delta}, expected ${after - before}`);
            }
            if (after < Number.POSITIVE_INFINITY) feasible++;
            checks++;
          }
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    return { checks, feasible };
  }

  it('for vehicles without breaks (constant-time checks from the caches)', () => {
    const { checks, feasible } = check(0, false);
    expect(checks).toBeGreaterThan(2000);
    expect(feasible).toBeGreaterThan(500);
  });

  it('for vehicles with breaks (full scheduling)', () => {
    const { checks, feasible } = check(5000, true);
    expect(checks).toBeGreaterThan(2000);
    expect(feasible).toBeGreaterThan(300);
  });

  it('is +∞ exactly when the one-job route is infeasible, for empty routes', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 100; seed++) {
      const rng = new Rng(9000 + seed);
      const problem = compile(randomInstance(rng, { breaks: seed % 3 === 0, noSkills: true }));
      for (let v = 0; v < problem.vehicles.length; v++) {
        const route = routeOf(problem, v, []);
        for (let j = 0; j < problem.jobs.length; j++) {
          const feasible = scheduleRoute(problem, problem.vehicles[v]!, [j]).ok;
          if (insertionDelta(problem, route, j, 0) < Number.POSITIVE_INFINITY !== feasible) failures.push(`seed ${9000 + seed} v ${v} j ${j}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('insertionDelta on hand-made routes', () => {
  // Depot at 0; places at 10, 20, 30, 40 on a line.
  const durations = lineMatrix([0, 10, 20, 30, 40]);
  function setup(vehicle: Partial<Vehicle>, jobs: Job[]): Problem {
    const input: Input = { vehicles: [{ id: 1, start_index: 0, end_index: 0, ...vehicle }], jobs, matrices: { car: { durations } } };
    return compile(input);
  }

  it('prices a detour and the cheapest position', () => {
    const problem = setup({}, [
      { id: 1, location_index: 1 },
      { id: 2, location_index: 3 },
      { id: 3, location_index: 2 },
    ]);
    const route = routeOf(problem, 0, [0, 1]);
    // 0 → 10 → 30 → 0 = 60; the job at 20 is on the way after job 1, a 20 s detour before it.
    expect([0, 1, 2].map((p) => insertionDelta(problem, route, 2, p))).toEqual([20, 0, 0]);
  });

  it('reports positions at or above the bound as +∞ without checking them', () => {
    const problem = setup({}, [
      { id: 1, location_index: 1 },
      { id: 2, location_index: 3 },
      { id: 3, location_index: 2 },
    ]);
    const route = routeOf(problem, 0, [0, 1]);
    expect(insertionDelta(problem, route, 2, 0, 20)).toBe(Number.POSITIVE_INFINITY);
    expect(insertionDelta(problem, route, 2, 0, 20.5)).toBe(20);
  });

  it('refuses a position that pushes the next job out of its window', () => {
    const problem = setup({}, [
      { id: 1, location_index: 4, time_windows: [[0, 40]] },
      { id: 2, location_index: 2, service: 1 },
    ]);
    const route = routeOf(problem, 0, [0]);
    expect(insertionDelta(problem, route, 1, 0)).toBe(Number.POSITIVE_INFINITY); // job 1 at 41
    expect(insertionDelta(problem, route, 1, 1)).toBe(0);
  });

  it('refuses to overload: the new job’s delivery rides from the start, its pickup to the end', () => {
    const problem = setup({ capacity: [4] }, [
      { id: 1, location_index: 1, delivery: [2] },
      { id: 2, location_index: 3, pickup: [2] },
      { id: 3, location_index: 2, delivery: [1], pickup: [3] },
    ]);
    const route = routeOf(problem, 0, [0, 1]); // leaves with 2, then 0, then 2
    // First: leaves with 3, then 3 - 1 + 3 = 5 > 4.
    expect(insertionDelta(problem, route, 2, 0)).toBe(Number.POSITIVE_INFINITY);
    // Between: 3, 1, 3, then job 2 picks up 2: 5 > 4.
    expect(insertionDelta(problem, route, 2, 1)).toBe(Number.POSITIVE_INFINITY);
    // Last: 3, 1, 3, then 3 - 1 + 3 = 5 > 4.
    expect(insertionDelta(problem, route, 2, 2)).toBe(Number.POSITIVE_INFINITY);
    const roomy = setup({ capacity: [5] }, problem.input.jobs as Job[]);
    expect(insertionDelta(roomy, routeOf(roomy, 0, [0, 1]), 2, 2)).toBe(0);
  });

  it('refuses beyond max_tasks, max_travel_time and max_distance', () => {
    const jobs: Job[] = [
      { id: 1, location_index: 1 },
      { id: 2, location_index: 3 },
    ];
    const tasks = setup({ max_tasks: 1 }, jobs);
    expect(insertionDelta(tasks, routeOf(tasks, 0, [0]), 1, 1)).toBe(Number.POSITIVE_INFINITY);
    const travel = setup({ max_travel_time: 59 }, jobs);
    expect(insertionDelta(travel, routeOf(travel, 0, [0]), 1, 1)).toBe(Number.POSITIVE_INFINITY);
    const input: Input = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, max_distance: 600 }],
      jobs,
      matrices: { car: { durations, distances: durations.map((r) => r.map((x) => x * 10)) } },
    };
    const distance = compile(input);
    expect(insertionDelta(distance, routeOf(distance, 0, [0]), 1, 1)).toBe(40);
    const shorter = compile({ ...input, vehicles: [{ ...input.vehicles[0]!, max_distance: 599 }] });
    expect(insertionDelta(shorter, routeOf(shorter, 0, [0]), 1, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts the setup a next job at the same place no longer pays', () => {
    // Job 2 at the same place as job 1: inserting job 3 (elsewhere) between them makes job 2 pay its setup again.
    const problem = setup({ time_window: [0, 100] }, [
      { id: 1, location_index: 2, setup: 30 },
      { id: 2, location_index: 2, setup: 30 },
      { id: 3, location_index: 1 },
    ]);
    const route = routeOf(problem, 0, [0, 1]); // 20 + 30 → 50, job 2 at 50, back at 70
    expect(insertionDelta(problem, route, 2, 0)).toBe(0); // job 3 first: 10, job 1 at 20 +30 = 50, back at 70
    expect(insertionDelta(problem, route, 2, 1)).toBe(Number.POSITIVE_INFINITY); // job 2 pays 30 again: back at 110
  });
});

describe('insertionDelta into an empty route (reproduction of a bug)', () => {
  /*
   * An unused vehicle costs nothing (Route.cost is 0), but insertionDelta
   * subtracts the start → end leg from the price of opening it: a vehicle whose
   * start and end are far apart looks cheap to open. The delta must be the
   * objective's change, cost(start → j → end) + fixed.
   */
  const input: Input = {
    vehicles: [
      { id: 1, start_index: 0, end_index: 2 },
      { id: 2, start_index: 0, end_index: 0 },
    ],
    jobs: [{ id: 1, location_index: 1 }],
    matrices: {
      car: {
        durations: [
          [0, 10, 1000],
          [10, 0, 1000],
          [1000, 1000, 0],
        ],
      },
    },
  };

  it('equals the change of the solution objective', () => {
    const problem = compile(input);
    for (let r = 0; r < 2; r++) {
      const solution = new Solution(problem);
      const before = solution.objective().cost;
      const delta = insertionDelta(problem, solution.routes[r]!, 0, 0);
      solution.insert(r, 0, 0);
      expect(delta, `vehicle ${problem.vehicles[r]!.id}`).toBe(solution.objective().cost - before);
    }
  });
});
