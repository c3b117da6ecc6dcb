import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/problem/model.ts';
import { coordinateLeg } from '../../src/problem/coordinate-travel.ts';
import { solve } from '../../src/solve.ts';
import type { Input } from '../../src/types.ts';
import { checkSolution } from '../support/check-solution.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

/** value(a, b) of a vehicle's travel matrix. */
function at(problem: Problem, v: number, kind: 'durations' | 'distances' | 'costs', a: number, b: number): number {
  const m = problem.vehicles[v]!.travel[kind];
  return m.data[a * m.size + b]!;
}

const durations = lineMatrix([0, 10, 30, 60]);
const distances = durations.map((row) => row.map((t) => t * 10));

describe('compileProblem: locations and travel', () => {
  it('uses matrix indices as locations and copies the matrices', () => {
    const problem = compile({
      vehicles: [{ id: 1, start_index: 0, end_index: 3 }],
      jobs: [{ id: 7, location_index: 2 }],
      matrices: { car: { durations, distances } },
    });
    expect(problem.jobs[0]!.loc).toBe(2);
    expect(problem.vehicles[0]!.startLoc).toBe(0);
    expect(problem.vehicles[0]!.endLoc).toBe(3);
    expect(at(problem, 0, 'durations', 1, 3)).toBe(50);
    expect(at(problem, 0, 'distances', 3, 1)).toBe(500);
    // Default cost: 3600 per hour of travel, i.e. one unit per second.
    expect(at(problem, 0, 'costs', 1, 3)).toBe(50);
  });

  it('marks a missing start or end with -1', () => {
    const problem = compile({
      vehicles: [
        { id: 1, start_index: 1 },
        { id: 2, end_index: 2 },
      ],
      jobs: [{ id: 7, location_index: 2 }],
      matrices: { car: { durations } },
    });
    expect([problem.vehicles[0]!.startLoc, problem.vehicles[0]!.endLoc]).toEqual([1, -1]);
    expect([problem.vehicles[1]!.startLoc, problem.vehicles[1]!.endLoc]).toEqual([-1, 2]);
  });

  it('divides travel times by the speed factor and rounds them; distances are unchanged', () => {
    const problem = compile({
      vehicles: [
        { id: 1, start_index: 0, speed_factor: 1.5 },
        { id: 2, start_index: 0 },
      ],
      jobs: [{ id: 7, location_index: 1 }],
      matrices: { car: { durations, distances } },
    });
    expect(at(problem, 0, 'durations', 0, 1)).toBe(7); // round(10 / 1.5 = 6.67)
    expect(at(problem, 0, 'durations', 0, 3)).toBe(40);
    expect(at(problem, 0, 'distances', 0, 3)).toBe(600);
    expect(at(problem, 1, 'durations', 0, 1)).toBe(10);
    // The cost follows the scaled time.
    expect(at(problem, 0, 'costs', 0, 1)).toBe(7);
  });

  it('prices legs with per_hour and per_km, and takes a cost matrix as is', () => {
    const problem = compile({
      vehicles: [{ id: 1, start_index: 0, costs: { per_hour: 1800, per_km: 4, fixed: 100 } }],
      jobs: [{ id: 7, location_index: 1 }],
      matrices: { car: { durations, distances } },
    });
    // 1800 × 30 s / 3600 + 4 × 300 m / 1000 = 15 + 1.2
    expect(at(problem, 0, 'costs', 0, 2)).toBeCloseTo(16.2, 9);
    expect(problem.vehicles[0]!.fixedCost).toBe(100);

    const costs = [
      [0, 5, 9, 1],
      [5, 0, 2, 3],
      [9, 2, 0, 4],
      [1, 3, 4, 0],
    ];
    const withMatrix = compile({
      vehicles: [{ id: 1, start_index: 0, speed_factor: 2 }],
      jobs: [{ id: 7, location_index: 1 }],
      matrices: { car: { durations, costs } },
    });
    expect(at(withMatrix, 0, 'costs', 0, 2)).toBe(9);
    expect(at(withMatrix, 0, 'durations', 0, 2)).toBe(15);
  });

  it('dedupes coordinates into locations and derives travel from them when no matrix is given', () => {
    const paris = [2.35, 48.85] as const;
    const lyon = [4.84, 45.76] as const;
    const problem = compile({
      vehicles: [{ id: 1, start: paris, end: paris }],
      jobs: [
        { id: 1, location: lyon },
        { id: 2, location: lyon },
      ],
    });
    // Jobs are indexed first, then vehicles; one location per distinct point.
    expect(problem.coordinates).toEqual([lyon, paris]);
    expect(problem.jobs.map((j) => j.loc)).toEqual([0, 0]);
    expect([problem.vehicles[0]!.startLoc, problem.vehicles[0]!.endLoc]).toEqual([1, 1]);
    const leg = coordinateLeg(paris, lyon);
    expect(at(problem, 0, 'durations', 1, 0)).toBe(leg.duration);
    expect(at(problem, 0, 'distances', 1, 0)).toBe(leg.distance);
    expect(at(problem, 0, 'durations', 0, 0)).toBe(0);
  });

  it('reads distances from coordinates when a profile has durations but no distances', () => {
    const a = [2.35, 48.85] as const;
    const b = [2.45, 48.85] as const;
    const problem = compile({
      vehicles: [{ id: 1, start_index: 0, start: a }],
      jobs: [{ id: 1, location_index: 1, location: b }],
      matrices: {
        car: {
          durations: [
            [0, 60],
            [60, 0],
          ],
        },
      },
    });
    expect(at(problem, 0, 'durations', 0, 1)).toBe(60);
    expect(at(problem, 0, 'distances', 0, 1)).toBe(coordinateLeg(a, b).distance);
  });

  it('shares travel data between vehicles of the same profile, speed and prices', () => {
    const problem = compile({
      vehicles: [
        { id: 1, start_index: 0 },
        { id: 2, start_index: 1 },
        { id: 3, start_index: 0, speed_factor: 2 },
      ],
      jobs: [{ id: 7, location_index: 1 }],
      matrices: { car: { durations } },
    });
    expect(problem.vehicles[0]!.travel).toBe(problem.vehicles[1]!.travel);
    expect(problem.vehicles[2]!.travel).not.toBe(problem.vehicles[0]!.travel);
  });
});

describe('compileProblem: jobs, vehicles and amounts', () => {
  const input: Input = {
    vehicles: [
      { id: 1, start_index: 0, capacity: [5, 2], skills: [1, 2], time_window: [100, 900], max_tasks: 3 },
      {
        id: 2,
        end_index: 0,
        skills: [2],
        breaks: [
          {
            id: 9,
            service: 60,
            time_windows: [
              [500, 600],
              [200, 300],
            ],
            max_load: [1, 1],
          },
        ],
      },
    ],
    jobs: [
      {
        id: 10,
        location_index: 1,
        setup: 5,
        service: 30,
        delivery: [2, 1],
        priority: 7,
        time_windows: [
          [400, 500],
          [100, 200],
        ],
        skills: [1],
      },
      { id: 11, location_index: 2, pickup: [1, 0], skills: [2] },
      { id: 12, location_index: 3 },
    ],
    matrices: { car: { durations } },
  };
  const problem = compile(input);

  it('sorts time windows by start and defaults them to [0, +∞)', () => {
    expect([...problem.jobs[0]!.tw]).toEqual([100, 200, 400, 500]);
    expect(problem.jobs[0]!.twEarliest).toBe(100);
    expect(problem.jobs[0]!.twLatest).toBe(500);
    expect([...problem.jobs[1]!.tw]).toEqual([0, Infinity]);
    expect([...problem.vehicles[1]!.breaks[0]!.tw]).toEqual([200, 300, 500, 600]);
  });

  it('fills job data and defaults', () => {
    const j = problem.jobs[0]!;
    expect([j.id, j.loc, j.setup, j.service, j.priority]).toEqual([10, 1, 5, 30, 7]);
    expect([...j.delivery]).toEqual([2, 1]);
    expect([...j.pickup]).toEqual([0, 0]);
    const k = problem.jobs[2]!;
    expect([k.setup, k.service, k.priority]).toEqual([0, 0, 0]);
    expect(problem.dimensions).toBe(2);
  });

  it('gives vehicles their limits, with +∞ where none is set', () => {
    const a = problem.vehicles[0]!;
    const b = problem.vehicles[1]!;
    expect([a.twStart, a.twEnd, a.maxTasks]).toEqual([100, 900, 3]);
    expect([...a.capacity]).toEqual([5, 2]);
    expect([b.twStart, b.twEnd, b.maxTasks, b.maxTravelTime, b.maxDistance]).toEqual([0, Infinity, Infinity, Infinity, Infinity]);
    expect([...b.capacity]).toEqual([Infinity, Infinity]);
    expect(b.breaks[0]!.id).toBe(9);
    expect(b.breaks[0]!.service).toBe(60);
    expect([...(b.breaks[0]!.maxLoad ?? [])]).toEqual([1, 1]);
  });

  it('computes eligibility from skills', () => {
    const n = problem.jobs.length;
    const eligible = (v: number, j: number) => problem.eligible[v * n + j];
    expect([eligible(0, 0), eligible(0, 1), eligible(0, 2)]).toEqual([1, 1, 1]);
    expect([eligible(1, 0), eligible(1, 1), eligible(1, 2)]).toEqual([0, 1, 1]);
  });

  it('lists each job’s other jobs by increasing round-trip travel time', () => {
    // Locations on the line at 10, 30, 60: job 10 is nearest to 11, then 12.
    expect([...problem.neighbours.of(0)]).toEqual([1, 2]);
    expect([...problem.neighbours.of(2)]).toEqual([1, 0]);
  });

  it('keeps warm-start job steps as job indices', () => {
    const warm = compile({
      ...input,
      vehicles: [{ ...input.vehicles[0]!, steps: [{ type: 'start' }, { type: 'job', id: 12 }, { type: 'job', id: 10 }] }],
    });
    expect(warm.vehicles[0]!.initialJobs).toEqual([2, 0]);
  });
});

describe('compileProblem: timing and class keys', () => {
  const base = { start_index: 0, end_index: 1, time_window: [0, 1000] as const, capacity: [4] };
  const problem = compile({
    vehicles: [
      { id: 1, ...base },
      { id: 2, ...base },
      { id: 3, ...base, start_index: 2 },
      { id: 4, ...base, capacity: [9] },
      { id: 5, ...base, end_index: 2 },
      { id: 6, ...base, time_window: [0, 999] },
      { id: 7, ...base, speed_factor: 2 },
      { id: 8, ...base, breaks: [{ id: 1, time_windows: [[0, 10]] }] },
      { id: 9, ...base, breaks: [{ id: 1, time_windows: [[0, 10]] }] },
      { id: 10, ...base, skills: [3] },
    ],
    jobs: [{ id: 1, location_index: 1, delivery: [1] }],
    matrices: { car: { durations } },
  });
  const timing = problem.vehicles.map((v) => v.timingKey);
  const klass = problem.vehicles.map((v) => v.classKey);

  it('times alike vehicles that share travel, end and closing time, whatever their start or capacity', () => {
    expect(timing[1]).toBe(timing[0]);
    expect(timing[2]).toBe(timing[0]);
    expect(timing[3]).toBe(timing[0]);
    expect(timing[4]).not.toBe(timing[0]);
    expect(timing[5]).not.toBe(timing[0]);
    expect(timing[6]).not.toBe(timing[0]);
    // Vehicles with breaks are timed by full scheduling: each is its own key.
    expect(timing[7]).not.toBe(timing[8]);
    expect(timing[7]).not.toBe(timing[0]);
  });

  it('classes together only vehicles interchangeable in every respect', () => {
    expect(klass[1]).toBe(klass[0]);
    expect(klass[8]).toBe(klass[7]);
    for (const k of [2, 3, 4, 5, 6, 7, 9]) expect(klass[k]).not.toBe(klass[0]);
  });
});

describe('compileProblem: reproductions of bugs', () => {
  /*
   * Validation accepts profiles whose matrices differ in size (it only checks
   * the matrices of one profile against each other), but compileProblem sizes
   * every profile's travel by the first profile's matrix (`matrixSize`), and
   * `fill` writes each profile with its own row length: the other profile's
   * travel is scrambled or out of range (NaN).
   */
  const car = lineMatrix([0, 10, 20]);
  const bike = [
    [0, 5, 5, 5],
    [5, 0, 5, 5],
    [5, 5, 0, 5],
    [5, 5, 5, 0],
  ];

  it('reads a second profile whose matrix is larger than the first one', () => {
    const input: Input = {
      vehicles: [
        { id: 1, start_index: 0, end_index: 0 },
        { id: 2, profile: 'bike', start_index: 3, end_index: 3, skills: [1] },
      ],
      jobs: [
        { id: 1, location_index: 1, skills: [1] },
        { id: 2, location_index: 2 },
      ],
      matrices: { car: { durations: car }, bike: { durations: bike } },
    };
    // The bike alone may serve job 1 (3 → 1 → 3: 10 s); it must not be left unassigned.
    const output = solve(input, { seed: 1, maxIterations: 50 });
    if (output.code !== 0) {
      // Refusing such input with an input error would be acceptable too.
      expect(output.code).toBe(2);
      return;
    }
    const bikeTravel = compile(input).vehicles[1]!.travel.durations;
    expect(bikeTravel.data[3 * bikeTravel.size + 1]).toBe(5);
    expect(checkSolution(input, output)).toEqual([]);
    expect(output.unassigned).toEqual([]);
  });

  it('reads a second profile whose matrix is smaller than the first one', () => {
    const input: Input = {
      vehicles: [{ id: 2, profile: 'bike', start_index: 0, end_index: 0 }],
      jobs: [
        { id: 1, location_index: 1 },
        { id: 2, location_index: 2 },
      ],
      matrices: { car: { durations: bike }, bike: { durations: car } },
    };
    const output = solve(input, { seed: 1, maxIterations: 50 });
    if (output.code !== 0) {
      expect(output.code).toBe(2);
      return;
    }
    // bike: 0 → 2 → 1 → 0 or its reverse, 20 + 10 + 10 = 40.
    expect(checkSolution(input, output)).toEqual([]);
    expect(output.summary.cost).toBe(40);
  });

  /*
   * With a durations matrix, no distances and coordinates on some locations,
   * buildTravel tests `coordinates.every((c) => c !== undefined)`, but
   * `coordinates` is a sparse array (holes where a matrix index has no
   * coordinates) and `every` skips holes: fillFromCoordinates then reads an
   * undefined location and the solve ends in an internal error.
   */
  it('does not crash when only some matrix locations have coordinates', () => {
    const input: Input = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, start: [2.3, 48.8], end: [2.3, 48.8] }],
      jobs: [{ id: 1, location_index: 2, location: [2.4, 48.9] }],
      matrices: { car: { durations: car } },
    };
    const output = solve(input, { seed: 1, maxIterations: 20 });
    expect(output.code).toBe(0);
    // The independent checker takes each leg's distance from its two ends' coordinates.
    if (output.code === 0) expect(checkSolution(input, output)).toEqual([]);
  });
});
