import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.ts';
import { bestInsertion } from '../../src/search/best-insertion.ts';
import { Solution } from '../../src/solution/solution.ts';
import type { Input } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

// Vehicle 1 at 0, vehicle 2 at 100; jobs on the line.
const input: Input = {
  vehicles: [
    { id: 1, start_index: 0, end_index: 0 },
    { id: 2, start_index: 1, end_index: 1, skills: [1] },
  ],
  jobs: [
    { id: 1, location_index: 2 }, // 20
    { id: 2, location_index: 3 }, // 90
    { id: 3, location_index: 4, time_windows: [[0, 5]] }, // 50, never reachable in time
    { id: 4, location_index: 2, skills: [1] }, // 20, only vehicle 2
  ],
  matrices: { car: { durations: lineMatrix([0, 100, 20, 90, 50]) } },
};

describe('bestInsertion', () => {
  const problem = compile(input);

  it('finds the cheapest route and position over all eligible routes', () => {
    const solution = new Solution(problem);
    solution.setJobs(0, [0]); // 0 → 20 → 0
    // Job 2 at 90: on vehicle 1 a 140 s detour, on vehicle 2 a 20 s round trip.
    expect(bestInsertion(problem, solution, 1, null, 0)).toEqual({ route: 1, position: 0, delta: 20 });
    // Without opening routes only vehicle 1 is left: before or after job 1, 140 s either way (the first wins).
    expect(bestInsertion(problem, solution, 1, null, 0, false)).toEqual({ route: 0, position: 0, delta: 140 });
  });

  it('opens no route when told not to', () => {
    const solution = new Solution(problem);
    expect(bestInsertion(problem, solution, 0, null, 0, false)).toBeNull();
  });

  it('honours skills and returns null when nothing fits', () => {
    const solution = new Solution(problem);
    // Job 4 needs skill 1: vehicle 2 only, 160 s although vehicle 1 would do it in 40.
    expect(bestInsertion(problem, solution, 3, null, 0)).toEqual({ route: 1, position: 0, delta: 160 });
    expect(bestInsertion(problem, solution, 2, null, 0)).toBeNull();
  });

  it('skips positions at the blink rate: never at 0, always at 1', () => {
    const solution = new Solution(problem);
    const rng = new Rng(1);
    expect(bestInsertion(problem, solution, 0, rng, 1)).toBeNull();
    expect(bestInsertion(problem, solution, 0, rng, 0)).toEqual({ route: 0, position: 0, delta: 40 });
  });

  it('tries an empty twin of a used vehicle, unless told not to open routes', () => {
    const twins = compile({
      ...input,
      vehicles: [
        { id: 1, start_index: 0, end_index: 0, max_tasks: 1 },
        { id: 2, start_index: 0, end_index: 0, max_tasks: 1 },
      ],
    });
    const solution = new Solution(twins);
    expect(bestInsertion(twins, solution, 0, null, 0)).toEqual({ route: 0, position: 0, delta: 40 });
    solution.setJobs(0, [0]);
    // Vehicle 1 is full: its twin takes job 2 (0 → 90 → 0).
    expect(bestInsertion(twins, solution, 1, null, 0)).toEqual({ route: 1, position: 0, delta: 180 });
    expect(bestInsertion(twins, solution, 1, null, 0, false)).toBeNull();
  });
});
