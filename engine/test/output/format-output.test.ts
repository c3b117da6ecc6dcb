import { describe, expect, it } from 'vitest';
import { formatOutput } from '../../src/output/format-output.ts';
import { solve } from '../../src/solve.ts';
import type { Input } from '../../src/types.ts';
import { checkSolution } from '../support/check-solution.ts';
import { compile, expectFeasible, lineMatrix } from '../support/fixtures.ts';

// Depot at 0, job 1 at 20, job 2 at 60 (seconds along a line); 10 m per second.
const durations = lineMatrix([0, 20, 60]);
const input: Input = {
  vehicles: [
    {
      id: 4,
      description: 'van',
      start_index: 0,
      end_index: 0,
      capacity: [5],
      time_window: [0, 1000],
      breaks: [{ id: 7, description: 'lunch', service: 10, time_windows: [[50, 70]] }],
    },
  ],
  jobs: [
    { id: 1, description: 'boiler', location_index: 1, setup: 5, service: 10, delivery: [2], time_windows: [[0, 100]] },
    { id: 2, location_index: 2, service: 20, pickup: [1], time_windows: [[100, 150]] },
  ],
  matrices: { car: { durations, distances: durations.map((row) => row.map((t) => t * 10)) } },
};

describe('formatOutput', () => {
  const problem = compile(input);
  const output = formatOutput(problem, [[0, 1]]);

  it('writes start, job, break and end steps with every field', () => {
    // Job 1 at 20 (setup 5 + service 10, done 35). The break must start in [50, 70] and cannot wait
    // until after job 2 (100–120): the van drives 15 s, breaks 50–60, drives 25 s, waits 85–100 at job 2.
    expect(output.routes[0]!.steps).toEqual([
      { type: 'start', arrival: 0, duration: 0, setup: 0, service: 0, waiting_time: 0, location_index: 0, load: [2], distance: 0 },
      {
        type: 'job',
        arrival: 20,
        duration: 20,
        setup: 5,
        service: 10,
        waiting_time: 0,
        description: 'boiler',
        location_index: 1,
        id: 1,
        load: [0],
        distance: 200,
      },
      { type: 'break', arrival: 50, duration: 20, setup: 0, service: 10, waiting_time: 0, description: 'lunch', id: 7, load: [0], distance: 200 },
      { type: 'job', arrival: 85, duration: 60, setup: 0, service: 20, waiting_time: 15, location_index: 2, id: 2, load: [1], distance: 600 },
      { type: 'end', arrival: 180, duration: 120, setup: 0, service: 0, waiting_time: 0, location_index: 0, load: [1], distance: 1200 },
    ]);
    expect(checkSolution(input, output)).toEqual([]);
  });

  it('totals each route and the summary', () => {
    const { steps, ...route } = output.routes[0]!;
    expect(steps.length).toBe(5);
    expect(route).toEqual({
      vehicle: 4,
      cost: 120,
      setup: 5,
      service: 40,
      duration: 120,
      waiting_time: 15,
      priority: 0,
      delivery: [2],
      pickup: [1],
      distance: 1200,
      description: 'van',
    });
    expect(output.summary).toEqual({
      cost: 120,
      routes: 1,
      unassigned: 0,
      setup: 5,
      service: 40,
      duration: 120,
      waiting_time: 15,
      priority: 0,
      delivery: [2],
      pickup: [1],
      distance: 1200,
    });
    expect(output.code).toBe(0);
  });

  it('lists unserved jobs with id, type, description and location; leaves unused vehicles out', () => {
    const withCoordinates: Input = {
      ...input,
      vehicles: [...input.vehicles, { id: 5, start_index: 0 }],
      jobs: input.jobs?.map((j) => (j.id === 2 ? { ...j, location: [2.35, 48.85] as const, description: 'gas meter' } : j)),
    };
    const out = formatOutput(compile(withCoordinates), [[0], []]);
    expect(out.unassigned).toEqual([{ id: 2, type: 'job', description: 'gas meter', location: [2.35, 48.85], location_index: 2 }]);
    expect(out.routes.map((r) => r.vehicle)).toEqual([4]);
    expect(out.summary.unassigned).toBe(1);
    expect(out.summary.routes).toBe(1);
  });

  it('leaves as late as it can so that nobody waits at the first job', () => {
    const late: Input = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, time_window: [0, 1000] }],
      jobs: [
        { id: 1, location_index: 2, time_windows: [[100, 200]] },
        { id: 2, location_index: 1, time_windows: [[0, 500]] },
      ],
      matrices: { car: { durations } },
    };
    const out = formatOutput(compile(late), [[0, 1]]);
    // 60 s to job 1, which opens at 100: leave at 40.
    expect(out.routes[0]!.steps.map((s) => [s.type, s.arrival, s.waiting_time])).toEqual([
      ['start', 40, 0],
      ['job', 100, 0],
      ['job', 140, 0],
      ['end', 160, 0],
    ]);
    expect(out.summary.waiting_time).toBe(0);
    expect(checkSolution(late, out)).toEqual([]);
  });

  it('writes no start step for a vehicle without start and no end step for one without end', () => {
    const open: Input = {
      vehicles: [
        { id: 1, end_index: 0, time_window: [30, 1000] },
        { id: 2, start_index: 0 },
      ],
      jobs: [
        { id: 1, location_index: 1, setup: 3 },
        { id: 2, location_index: 2 },
      ],
      matrices: { car: { durations } },
    };
    const out = formatOutput(compile(open), [[0], [1]]);
    // Vehicle 1 begins at job 1 at its opening time 30, pays the setup, and drives 20 s home.
    expect(out.routes[0]!.steps.map((s) => [s.type, s.arrival, s.setup, s.duration])).toEqual([
      ['job', 30, 3, 0],
      ['end', 53, 0, 20],
    ]);
    // Vehicle 2 ends at its last job.
    expect(out.routes[1]!.steps.map((s) => s.type)).toEqual(['start', 'job']);
    expect(out.routes[1]!.duration).toBe(60);
    expect(checkSolution(open, out)).toEqual([]);
  });

  it('adds computing times only when given, and writes coordinates when known', () => {
    expect(formatOutput(problem, [[0, 1]], { loading: 3, solving: 40 }).summary.computing_times).toEqual({ loading: 3, solving: 40 });
    expect('computing_times' in output.summary).toBe(false);
    const geo: Input = {
      vehicles: [{ id: 1, start: [2.35, 48.85] }],
      jobs: [{ id: 1, location: [2.36, 48.85] }],
    };
    const out = formatOutput(compile(geo), [[0]]);
    expect(out.routes[0]!.steps.map((s) => s.location)).toEqual([
      [2.35, 48.85],
      [2.36, 48.85],
    ]);
    expect(out.routes[0]!.steps.every((s) => s.location_index === undefined)).toBe(true);
    expect(checkSolution(geo, out)).toEqual([]);
  });

  it('refuses to write an infeasible route (code 1 through solve)', () => {
    expect(() => formatOutput(problem, [[1, 0]])).toThrow(/route of vehicle 4 is infeasible \(time_window\)/);
  });

  it('is what solve returns for the same routes', () => {
    const solved = solve(input, { seed: 1, maxIterations: 10 });
    expectFeasible(input, solved);
    expect(solved).toEqual(output);
  });
});
