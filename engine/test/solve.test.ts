import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.ts';
import { solve } from '../src/solve.ts';
import type { Input, Job, SolvedOutput, Vehicle } from '../src/types.ts';
import {
  bruteForce,
  expectFeasible,
  jobSequence,
  lineMatrix,
  outputObjective,
  routeOfVehicle,
  solveFeasibly,
  stepOf,
  unassignedIds,
} from './support/fixtures.ts';
import { checkSolution } from './support/check-solution.ts';
import { randomInstance } from './support/random-instance.ts';

/** Places on a line (seconds from the depot at 0). */
function onLine(xs: readonly number[], vehicles: Vehicle[], jobs: Job[], distancesPerSecond?: number): Input {
  const durations = lineMatrix(xs);
  const distances = distancesPerSecond === undefined ? undefined : durations.map((r) => r.map((t) => t * distancesPerSecond));
  return { vehicles, jobs, matrices: { car: distances ? { durations, distances } : { durations } } };
}

/** The README objective of `output` equals the brute-force optimum. */
function expectOptimal(input: Input, output: SolvedOutput): void {
  const best = bruteForce(input);
  const got = outputObjective(input, output);
  expect({ ...got, cost: Math.round(got.cost) }).toEqual({
    unservedPriority: best.unservedPriority,
    unserved: best.unserved,
    cost: Math.round(best.cost),
  });
}

describe('solve: tiny problems with a known optimum', () => {
  it('finds the shortest tour of four jobs on an asymmetric matrix (checked against all 24 orders)', () => {
    const durations = [
      [0, 12, 30, 25, 18],
      [14, 0, 9, 40, 22],
      [28, 11, 0, 7, 35],
      [20, 33, 6, 0, 10],
      [16, 25, 31, 9, 0],
    ];
    const input: Input = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0 }],
      jobs: [1, 2, 3, 4].map((loc) => ({ id: loc, location_index: loc })),
      matrices: { car: { durations } },
    };
    // Every order of the four jobs, priced by hand from the matrix.
    let best = Number.POSITIVE_INFINITY;
    const orders = (rest: number[], prefix: number[]): void => {
      if (rest.length === 0) {
        const path = [0, ...prefix, 0];
        let cost = 0;
        for (let k = 1; k < path.length; k++) cost += durations[path[k - 1]!]![path[k]!]!;
        best = Math.min(best, cost);
        return;
      }
      rest.forEach((x, i) => orders([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, x]));
    };
    orders([1, 2, 3, 4], []);
    expect(best).toBe(12 + 9 + 7 + 10 + 16); // 0 → 1 → 2 → 3 → 4 → 0 = 54
    const output = solveFeasibly(input, { maxIterations: 50 });
    expect(output.summary.cost).toBe(best);
    expect(jobSequence(output, 1)).toEqual([1, 2, 3, 4]);
  });

  it('splits five jobs between two capacitated vans optimally (brute force over assignments and orders)', () => {
    const input = onLine(
      [0, -40, -30, -10, 20, 35],
      [
        { id: 1, start_index: 0, end_index: 0, capacity: [5] },
        { id: 2, start_index: 0, end_index: 0, capacity: [5] },
      ],
      [
        { id: 1, location_index: 1, delivery: [2] },
        { id: 2, location_index: 2, delivery: [2] },
        { id: 3, location_index: 3, delivery: [1] },
        { id: 4, location_index: 4, delivery: [2] },
        { id: 5, location_index: 5, delivery: [2] },
      ],
    );
    const output = solveFeasibly(input, { maxIterations: 100 });
    expectOptimal(input, output);
    // West (5 units, 80 s) and east (4 units, 70 s).
    expect(output.summary.cost).toBe(150);
    expect(output.summary.unassigned).toBe(0);
  });

  it('orders four jobs with time windows optimally (brute force)', () => {
    const input = onLine(
      [0, 10, 20, 30, 40],
      [{ id: 1, start_index: 0, end_index: 0, time_window: [0, 300] }],
      [
        { id: 1, location_index: 4, time_windows: [[0, 45]], service: 5 },
        { id: 2, location_index: 1, time_windows: [[100, 120]], service: 5 },
        { id: 3, location_index: 3, service: 5 },
        {
          id: 4,
          location_index: 2,
          time_windows: [
            [0, 30],
            [150, 160],
          ],
          service: 5,
        },
      ],
    );
    const output = solveFeasibly(input, { maxIterations: 100 });
    expectOptimal(input, output);
    expect(output.summary.unassigned).toBe(0);
  });

  it('matches the brute-force optimum on most random tiny instances', () => {
    let optimal = 0;
    const total = 12;
    for (let seed = 1; seed <= total; seed++) {
      const input = randomInstance(new Rng(300 + seed), { maxJobs: 5, maxVehicles: 2, metric: true });
      const output = solve(input, { seed: 1, maxIterations: 200 });
      expectFeasible(input, output);
      const best = bruteForce(input);
      const got = outputObjective(input, output);
      // Never better than the optimum (that would be a checker or brute-force bug).
      const order = [got.unservedPriority - best.unservedPriority, got.unserved - best.unserved, Math.round(got.cost) - Math.round(best.cost)];
      const firstDifference = order.find((x) => x !== 0) ?? 0;
      expect(firstDifference, `seed ${300 + seed}`).toBeGreaterThanOrEqual(0);
      if (firstDifference === 0) optimal++;
    }
    expect(optimal).toBeGreaterThanOrEqual(total - 1);
  });
});

describe('solve: each constraint is respected, and the checker agrees', () => {
  it('skills: a job goes to the only vehicle that has its skill, even far away', () => {
    const input = onLine(
      [0, 100, 10, 3],
      [
        { id: 1, start_index: 0, end_index: 0, skills: [1] },
        { id: 2, start_index: 1, end_index: 1, skills: [1, 2] },
      ],
      [
        { id: 1, location_index: 2, skills: [2] },
        { id: 2, location_index: 3, skills: [1] },
      ],
    );
    const output = solveFeasibly(input);
    // Vehicle 1 is 10 s from job 1 but lacks skill 2: vehicle 2 comes from 100.
    expect(jobSequence(output, 2)).toEqual([1]);
    expect(jobSequence(output, 1)).toEqual([2]);
  });

  it('a single time window: the order is the one the windows allow, and each job starts inside its window', () => {
    // By position job 2 (at 10) would come first, but then job 1 (at 20, window [0, 20]) is late.
    const input = onLine(
      [0, 20, 10],
      [{ id: 1, start_index: 0, end_index: 0 }],
      [
        { id: 1, location_index: 1, time_windows: [[0, 20]] },
        { id: 2, location_index: 2, time_windows: [[100, 200]] },
      ],
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 1)).toEqual([1, 2]);
    const job2 = stepOf(output, 2);
    expect(job2.arrival + job2.waiting_time).toBe(100);
  });

  it('several time windows: a job reached after its first window uses the second', () => {
    // Job 1 at 10 first (no waiting, so the departure is not delayed), then job 2 at 30: its first window is over.
    const input = onLine(
      [0, 10, 30],
      [{ id: 1, start_index: 0, end_index: 0 }],
      [
        { id: 1, location_index: 1, time_windows: [[0, 15]] },
        {
          id: 2,
          location_index: 2,
          service: 10,
          time_windows: [
            [0, 5],
            [100, 200],
          ],
        },
      ],
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 1)).toEqual([1, 2]);
    const step = stepOf(output, 2);
    expect([step.arrival, step.waiting_time]).toEqual([30, 70]);
    expect(routeOfVehicle(output, 1)?.steps.at(-1)?.arrival).toBe(140);
  });

  it('vehicle time window: the route ends in time; a job that cannot fit stays unassigned', () => {
    const input = onLine(
      [0, 30, 45],
      [{ id: 1, start_index: 0, end_index: 0, time_window: [0, 100] }],
      [
        { id: 1, location_index: 1, service: 20 }, // 30 + 20 + 30 = 80
        { id: 2, location_index: 2, service: 20 }, // 45 + 20 + 45 = 110
      ],
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 1)).toEqual([1]);
    expect(unassignedIds(output)).toEqual([2]);
    expect(routeOfVehicle(output, 1)?.steps.at(-1)?.arrival).toBe(80);
  });

  it('breaks: taken in their window with their service, the travel split around them', () => {
    // The only job is 100 s away; the break must start in [30, 40]: on the way.
    const input = onLine(
      [0, 100],
      [{ id: 1, start_index: 0, end_index: 0, breaks: [{ id: 9, service: 15, time_windows: [[30, 40]] }] }],
      [{ id: 1, location_index: 1, service: 5 }],
    );
    const output = solveFeasibly(input);
    const brk = stepOf(output, 9, 'break');
    expect(brk.arrival + brk.waiting_time).toBeGreaterThanOrEqual(30);
    expect(brk.arrival + brk.waiting_time).toBeLessThanOrEqual(40);
    expect(brk.service).toBe(15);
    // 100 s of driving plus the 15 s break.
    expect(stepOf(output, 1).arrival).toBe(115);
    expect(output.routes[0]!.steps.map((s) => s.type)).toEqual(['start', 'break', 'job', 'end']);
  });

  it('breaks with max_load: taken only once the load is low enough', () => {
    const input = onLine(
      [0, 10, 50],
      [
        {
          id: 1,
          start_index: 0,
          end_index: 0,
          capacity: [4],
          breaks: [{ id: 9, service: 10, time_windows: [[0, 1000]], max_load: [1] }],
        },
      ],
      [
        { id: 1, location_index: 1, delivery: [3], time_windows: [[40, 60]] },
        { id: 2, location_index: 2, delivery: [0] },
      ],
    );
    const output = solveFeasibly(input);
    const types = output.routes[0]!.steps.map((s) => (s.type === 'job' ? `job ${s.id}` : s.type));
    // The break would fit in the waiting before job 1, but the van still carries 3 there.
    expect(types.indexOf('break')).toBeGreaterThan(types.indexOf('job 1'));
    expect(stepOf(output, 9, 'break').load).toEqual([0]);
  });

  it('capacity with deliveries: a full nearby van leaves one job to a farther one', () => {
    const input = onLine(
      [0, 100, 10, 11, 12],
      [
        { id: 1, start_index: 0, end_index: 0, capacity: [2] },
        { id: 2, start_index: 1, end_index: 1, capacity: [2] },
      ],
      [2, 3, 4].map((loc) => ({ id: loc, location_index: loc, delivery: [1] })),
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 1).length).toBe(2);
    expect(jobSequence(output, 2).length).toBe(1);
    expect(output.routes.find((r) => r.vehicle === 1)?.steps[0]!.load).toEqual([2]);
  });

  it('pickups and deliveries: unload before loading when the van is full', () => {
    // Capacity 3: leaving with 3 for job 1 (at 30) and picking 3 up at job 2 (at 10) works only in that order.
    const input = onLine(
      [0, 30, 10],
      [{ id: 1, start_index: 0, end_index: 0, capacity: [3] }],
      [
        { id: 1, location_index: 1, delivery: [3] },
        { id: 2, location_index: 2, pickup: [3] },
      ],
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 1)).toEqual([1, 2]);
    expect(output.routes[0]!.steps.map((s) => s.load)).toEqual([[3], [0], [3], [3]]);
    expect(output.summary.delivery).toEqual([3]);
    expect(output.summary.pickup).toEqual([3]);
  });

  it('max_tasks: a van takes no more jobs than allowed', () => {
    // Without the limit van 1 would serve all three (60 s); with it, the job at 30 goes to van 2 (140 s).
    const input = onLine(
      [0, 100, -10, 10, 30],
      [
        { id: 1, start_index: 0, end_index: 0, max_tasks: 2 },
        { id: 2, start_index: 1, end_index: 1 },
      ],
      [2, 3, 4].map((loc) => ({ id: loc, location_index: loc })),
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 1).sort()).toEqual([2, 3]);
    expect(jobSequence(output, 2)).toEqual([4]);
    expect(output.summary.cost).toBe(180);
  });

  it('max_travel_time: a van whose round trip is too long leaves the job to another', () => {
    const input = onLine(
      [0, 80, 30],
      [
        { id: 1, start_index: 0, end_index: 0, max_travel_time: 59 },
        { id: 2, start_index: 1, end_index: 1 },
      ],
      [{ id: 1, location_index: 2 }],
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 2)).toEqual([1]);
    expect(output.summary.duration).toBe(100);
  });

  it('max_distance: a van whose round trip is too long in metres leaves the job to another', () => {
    const input = onLine(
      [0, 80, 30],
      [
        { id: 1, start_index: 0, end_index: 0, max_distance: 599 },
        { id: 2, start_index: 1, end_index: 1 },
      ],
      [{ id: 1, location_index: 2 }],
      10,
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 2)).toEqual([1]);
    expect(output.summary.distance).toBe(1000);
  });

  it('setup: charged once for jobs at the same place, again after a move', () => {
    const input = onLine(
      [0, 10, 20],
      [{ id: 1, start_index: 0, end_index: 0 }],
      [
        { id: 1, location_index: 1, setup: 10, service: 5 },
        { id: 2, location_index: 1, setup: 10, service: 5 },
        { id: 3, location_index: 2, setup: 7, service: 5 },
      ],
    );
    const output = solveFeasibly(input);
    expect(output.routes[0]!.setup).toBe(17);
    const setups = output.routes[0]!.steps.filter((s) => s.type === 'job').map((s) => s.setup);
    expect(setups.slice().sort((a, b) => a - b)).toEqual([0, 7, 10]);
  });

  it('speed_factor: a faster van drives the same legs in less time, for less cost', () => {
    const input = onLine(
      [0, 40],
      [
        { id: 1, start_index: 0, end_index: 0 },
        { id: 2, start_index: 0, end_index: 0, speed_factor: 2 },
      ],
      [{ id: 1, location_index: 1 }],
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 2)).toEqual([1]);
    expect(stepOf(output, 1).arrival).toBe(20);
    expect([output.summary.duration, output.summary.cost]).toEqual([40, 40]);
  });

  it('costs: the fixed cost of a closer van can make a farther one cheaper', () => {
    const input = onLine(
      [0, 50, 10],
      [
        { id: 1, start_index: 0, end_index: 0, costs: { fixed: 100 } }, // 100 + 20
        { id: 2, start_index: 1, end_index: 1 }, // 80
      ],
      [{ id: 1, location_index: 2 }],
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 2)).toEqual([1]);
    expect(output.summary.cost).toBe(80);
  });

  it('costs: per_hour and per_km price the legs', () => {
    const input = onLine([0, 30], [{ id: 1, start_index: 0, end_index: 0, costs: { per_hour: 7200, per_km: 500 } }], [{ id: 1, location_index: 1 }], 10);
    // 60 s at 2 per second + 600 m at 0.5 per metre.
    expect(solveFeasibly(input).summary.cost).toBe(120 + 300);
  });

  it('costs: a cost matrix decides over travel times', () => {
    // Job 1 at 10 and job 2 at 20: by time either order is 40 s, but the cost matrix makes 0 → 2 → 1 → 0 cheap.
    const durations = lineMatrix([0, 10, 20]);
    const costs = [
      [0, 9, 1],
      [1, 0, 9],
      [9, 1, 0],
    ];
    const input: Input = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0 }],
      jobs: [
        { id: 1, location_index: 1 },
        { id: 2, location_index: 2 },
      ],
      matrices: { car: { durations, costs } },
    };
    const output = solveFeasibly(input);
    expect(jobSequence(output, 1)).toEqual([2, 1]);
    expect(output.summary.cost).toBe(3);
    expect(output.summary.duration).toBe(40);
  });

  it('vehicles without start or without end: the route begins at the first job or ends at the last', () => {
    // One job each (max_tasks 1): vehicle 1 starts at its job at its opening time 50, vehicle 2 stops at its job.
    const input = onLine(
      [0, 10, 30],
      [
        { id: 1, end_index: 0, time_window: [50, 1000], max_tasks: 1 },
        { id: 2, start_index: 0, max_tasks: 1 },
      ],
      [
        { id: 1, location_index: 1 },
        { id: 2, location_index: 2 },
      ],
    );
    const output = solveFeasibly(input);
    expect(output.routes.map((r) => r.steps.map((s) => s.type))).toEqual([
      ['job', 'end'],
      ['start', 'job'],
    ]);
    expect(routeOfVehicle(output, 1)?.steps[0]!.arrival).toBe(50);
    // Either assignment costs 10 + 30 (one leg each).
    expect(output.summary.cost).toBe(40);
    expectOptimal(input, output);
  });

  it('priorities beat cost: one high-priority job is served rather than two cheaper low-priority ones', () => {
    const input = onLine(
      [0, 50, 10, 12],
      [{ id: 1, start_index: 0, end_index: 0, capacity: [2] }],
      [
        { id: 1, location_index: 1, delivery: [2], priority: 10 },
        { id: 2, location_index: 2, delivery: [1], priority: 1 },
        { id: 3, location_index: 3, delivery: [1], priority: 1 },
      ],
    );
    const output = solveFeasibly(input);
    expect(jobSequence(output, 1)).toEqual([1]);
    expect(unassignedIds(output)).toEqual([2, 3]);
    expect(output.summary.priority).toBe(10);
    expectOptimal(input, output);
  });

  it('reports unassigned jobs when nothing fits, with their id, type and location', () => {
    const input = onLine(
      [0, 10, 20],
      [{ id: 1, start_index: 0, end_index: 0, capacity: [2], time_window: [0, 100] }],
      [
        { id: 1, location_index: 1, skills: [5] },
        { id: 2, location_index: 1, delivery: [3] },
        { id: 3, location_index: 2, time_windows: [[200, 300]] },
      ],
    );
    const output = solveFeasibly(input);
    expect(output.routes).toEqual([]);
    expect(output.unassigned).toEqual([
      { id: 1, type: 'job', location_index: 1 },
      { id: 2, type: 'job', location_index: 1 },
      { id: 3, type: 'job', location_index: 2 },
    ]);
    expect(output.summary).toMatchObject({ cost: 0, routes: 0, unassigned: 3 });
  });
});

describe('solve: reproducibility and errors', () => {
  const input = randomInstance(new Rng(77), { maxJobs: 7, breaks: true, metric: true });

  it('gives the same output JSON for the same seed and iterations, without computing times', () => {
    const a = solve(input, { seed: 3, maxIterations: 60 });
    const b = solve(input, { seed: 3, maxIterations: 60 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expectFeasible(input, a);
    expect(a.summary.computing_times).toBeUndefined();
  });

  it('gives feasible outputs for other seeds too, and computing times with a clock', () => {
    for (const seed of [1, 2, 4]) expectFeasible(input, solve(input, { seed, maxIterations: 30 }));
    let now = 0;
    const timed = solve(input, { seed: 1, maxIterations: 10, clock: () => (now += 2) });
    expectFeasible(input, timed);
    expect(timed.summary.computing_times).toEqual({ loading: expect.any(Number), solving: expect.any(Number) });
  });

  it('never throws: bad input is code 2 with the path, an empty job list is a valid empty answer', () => {
    const bad = solve({ vehicles: [{ id: 1, start_index: 0 }], jobs: [{ id: 1, location_index: 0, time_windows: [[10, 5]] }] });
    expect(bad.code).toBe(2);
    if (bad.code !== 0) expect(bad.error).toMatch(/^jobs\[0\]\.time_windows\[0\]/);
    expect(solve(null).code).toBe(2);
    const empty = solve({ vehicles: [{ id: 1, start_index: 0 }], jobs: [], matrices: { car: { durations: [[0]] } } });
    expect(empty).toMatchObject({ code: 0, routes: [], unassigned: [], summary: { cost: 0, routes: 0 } });
  });
});

describe('solve: every output on random small instances passes the checker', () => {
  /*
   * Metric travel, with and without breaks and setups. (Non-metric matrices
   * are covered by the reproduction in search/annealing.test.ts.)
   */
  it('with and without breaks and setups', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 100; seed++) {
      const rng = new Rng(60_000 + seed);
      const input = randomInstance(rng, { metric: true, breaks: seed % 2 === 0, setup: seed % 3 !== 0 });
      const output = solve(input, { seed, maxIterations: 40 });
      if (output.code !== 0) failures.push(`instance ${60_000 + seed}: code ${output.code}: ${output.error}`);
      else for (const problem of checkSolution(input, output)) failures.push(`instance ${60_000 + seed}: ${problem}`);
    }
    expect(failures).toEqual([]);
  });
});
