import { describe, expect, it } from 'vitest';
import type { Problem, VehicleData } from '../../src/problem/model.ts';
import { Rng } from '../../src/rng.ts';
import { evaluateSlices } from '../../src/solution/evaluate-slices.ts';
import { Route } from '../../src/solution/route.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import type { Input } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';
import { randomInstance, randomOrder } from '../support/random-instance.ts';

function routeOf(problem: Problem, vehicle: VehicleData, jobs: number[]): Route {
  const route = new Route(problem, vehicle);
  route.jobs = jobs;
  route.update();
  return route;
}

/** Nodes [from, to) of a route, the kind of slice the moves splice. */
interface RouteSlice {
  readonly route: Route;
  readonly from: number;
  readonly to: number;
}

function concatenation(slices: readonly RouteSlice[]): number[] {
  const out: number[] = [];
  for (const s of slices) for (let i = s.from; i < s.to; i++) out.push(s.route.jobs[i]!);
  return out;
}

/** What evaluateSlices must return: scheduleRoute's cost of the concatenation, +∞ when infeasible, 0 when empty. */
function reference(problem: Problem, vehicle: VehicleData, slices: readonly RouteSlice[]): number {
  const jobs = concatenation(slices);
  if (jobs.length === 0) return 0;
  const result = scheduleRoute(problem, vehicle, jobs);
  return result.ok ? result.schedule.cost : Number.POSITIVE_INFINITY;
}

describe('evaluateSlices agrees with scheduleRoute (random instances)', () => {
  /*
   * Random concatenations shaped like the local-search moves: a prefix of
   * route A, zero to two middle pieces of A or B, a suffix of route B,
   * evaluated for A's vehicle (own prefix: forward caches), B's vehicle and a
   * random one. With `sameTiming`, all vehicles share B's timing key, so the
   * suffix is checked through B's backward caches.
   */
  function check(seedBase: number, sameTiming: boolean, breaks: boolean): { checks: number; finite: number } {
    let checks = 0;
    let finite = 0;
    const failures: string[] = [];
    for (let seed = 1; seed <= 80; seed++) {
      const rng = new Rng(seedBase + seed);
      const problem = compile(randomInstance(rng, { maxJobs: 9, sameTiming, breaks, setup: true, metric: seed % 2 === 0, noSkills: true }));
      const vehicles = problem.vehicles;
      for (let trial = 0; trial < 10; trial++) {
        const va = vehicles[rng.int(vehicles.length)]!;
        const vb = vehicles[rng.int(vehicles.length)]!;
        const order = randomOrder(rng, problem.jobs.length);
        const cut = rng.int(order.length + 1);
        const a = routeOf(problem, va, order.slice(0, cut));
        const b = routeOf(problem, vb, order.slice(cut));
        if (!a.feasible || !b.feasible) continue;
        for (let shape = 0; shape < 6; shape++) {
          const slices: RouteSlice[] = [{ route: a, from: 0, to: rng.int(a.size + 1) }];
          const middles = rng.int(3);
          for (let m = 0; m < middles; m++) {
            const r = rng.next() < 0.5 ? a : b;
            const from = rng.int(r.size + 1);
            slices.push({ route: r, from, to: from + rng.int(r.size - from + 1) });
          }
          slices.push({ route: b, from: rng.int(b.size + 1), to: b.size });
          for (const vehicle of [va, vb, vehicles[rng.int(vehicles.length)]!]) {
            const expected = reference(problem, vehicle, slices);
            const got = evaluateSlices(problem, vehicle, slices);
            const agree = expected === Number.POSITIVE_INFINITY ? got === expected : Math.abs(got - expected) < 1e-6;
            if (!agree) {
              const shape = JSON.stringify(slices.map((s) => [s.route === a ? 'A' : 'B', s.from, s.to]));
              failures.push(
                `seed ${seedBase + seed}: A=${va.index}[${a.jobs}] B=${vb.index}[${b.jobs}] slices ${shape} for vehicle ${vehicle.index}: ${got}, expected ${expected}`,
              );
            }
            if (expected < Number.POSITIVE_INFINITY) finite++;
            checks++;
          }
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    return { checks, finite };
  }

  it('for vehicles timed alike (suffix through the backward caches)', () => {
    const { checks, finite } = check(0, true, false);
    expect(checks).toBeGreaterThan(2000);
    expect(finite).toBeGreaterThan(500);
  });

  it('for vehicles timed differently', () => {
    const { checks, finite } = check(20_000, false, false);
    expect(checks).toBeGreaterThan(2000);
    expect(finite).toBeGreaterThan(500);
  });

  it('for vehicles with breaks', () => {
    const { checks, finite } = check(40_000, true, true);
    expect(checks).toBeGreaterThan(1500);
    expect(finite).toBeGreaterThan(300);
  });
});

describe('evaluateSlices on hand-made routes', () => {
  // Two identical vans (same timing) based at 0; jobs on a line.
  const input: Input = {
    vehicles: [
      { id: 1, start_index: 0, end_index: 0, capacity: [3], time_window: [0, 200] },
      { id: 2, start_index: 0, end_index: 0, capacity: [3], time_window: [0, 200] },
    ],
    jobs: [
      { id: 1, location_index: 1, delivery: [1] },
      { id: 2, location_index: 2, delivery: [1] },
      { id: 3, location_index: 3, delivery: [1], time_windows: [[0, 45]] },
      { id: 4, location_index: 4, delivery: [1] },
    ],
    matrices: { car: { durations: lineMatrix([0, 10, 20, 40, 50]) } },
  };
  const problem = compile(input);
  const v1 = problem.vehicles[0]!;
  const v2 = problem.vehicles[1]!;
  const a = routeOf(problem, v1, [0, 1]);
  const b = routeOf(problem, v2, [2, 3]);

  it('is 0 for an empty concatenation', () => {
    expect(
      evaluateSlices(problem, v1, [
        { route: a, from: 0, to: 0 },
        { route: b, from: 2, to: 2 },
      ]),
    ).toBe(0);
  });

  it('prices a 2-opt* style splice: prefix of A then suffix of B', () => {
    // 0 → 10 → 50 → 0 = 100.
    expect(
      evaluateSlices(problem, v1, [
        { route: a, from: 0, to: 1 },
        { route: b, from: 1, to: 2 },
      ]),
    ).toBe(100);
  });

  it('refuses when the spliced suffix misses a window or the load exceeds the capacity', () => {
    // 0 → 10 → 20 → 40: job 3 at 40 ≤ 45 is fine; with job 4 first it is at 50 + 10 = 60.
    expect(
      evaluateSlices(problem, v1, [
        { route: a, from: 0, to: 2 },
        { route: b, from: 0, to: 1 },
      ]),
    ).toBe(80);
    expect(
      evaluateSlices(problem, v1, [
        { route: b, from: 1, to: 2 },
        { route: b, from: 0, to: 1 },
      ]),
    ).toBe(Number.POSITIVE_INFINITY);
    // Four deliveries of 1 for a capacity of 3.
    expect(
      evaluateSlices(problem, v1, [
        { route: a, from: 0, to: 2 },
        { route: b, from: 0, to: 2 },
      ]),
    ).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses more jobs than max_tasks', () => {
    const limited = compile({ ...input, vehicles: [{ ...input.vehicles[0]!, max_tasks: 1 }, input.vehicles[1]!] });
    const own = routeOf(limited, limited.vehicles[0]!, [0]);
    const other = routeOf(limited, limited.vehicles[1]!, [1]);
    expect(
      evaluateSlices(limited, limited.vehicles[0]!, [
        { route: own, from: 0, to: 1 },
        { route: other, from: 0, to: 1 },
      ]),
    ).toBe(Number.POSITIVE_INFINITY);
  });
});
