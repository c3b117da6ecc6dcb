import { describe, expect, it } from 'vitest';
import { constructByRegret } from '../../src/search/construct-regret.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { Solution } from '../../src/solution/solution.ts';
import type { Input } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

function construct(input: Input, jobs?: number[]): Solution {
  const problem = compile(input);
  const solution = new Solution(problem);
  constructByRegret(problem, solution, jobs ?? solution.unassignedJobs());
  for (const route of solution.routes) {
    expect(scheduleRoute(problem, route.vehicle, route.jobs).ok).toBe(true);
  }
  return solution;
}

describe('constructByRegret', () => {
  it('serves every job when there is room, each route feasible', () => {
    const solution = construct({
      vehicles: [
        { id: 1, start_index: 0, end_index: 0, capacity: [2] },
        { id: 2, start_index: 0, end_index: 0, capacity: [2] },
      ],
      jobs: [1, 2, 3, 4].map((id) => ({ id, location_index: id, delivery: [1] })),
      matrices: { car: { durations: lineMatrix([0, 10, 20, 30, 40]) } },
    });
    expect(solution.unassignedJobs()).toEqual([]);
    expect(solution.routes.map((r) => r.jobs.length)).toEqual([2, 2]);
  });

  it('places first the job that would lose most by waiting (regret)', () => {
    /*
     * One task per vehicle. Job 1 (at 10) fits only vehicle 1 (skill); job 2
     * (at 9) is a bit cheaper on vehicle 1 too but fits vehicle 2 as well.
     * Cheapest-first would give vehicle 1 to job 2 and strand job 1.
     */
    const solution = construct({
      vehicles: [
        { id: 1, start_index: 0, end_index: 0, max_tasks: 1, skills: [1] },
        { id: 2, start_index: 3, end_index: 3, max_tasks: 1 },
      ],
      jobs: [
        { id: 1, location_index: 1, skills: [1] },
        { id: 2, location_index: 2 },
      ],
      matrices: { car: { durations: lineMatrix([0, 10, 9, 30]) } },
    });
    expect(solution.routes.map((r) => r.jobs)).toEqual([[0], [1]]);
  });

  it('places higher priorities first, whatever their cost', () => {
    const solution = construct({
      vehicles: [{ id: 1, start_index: 0, end_index: 0, max_tasks: 1 }],
      jobs: [
        { id: 1, location_index: 1 },
        { id: 2, location_index: 2, priority: 1 },
      ],
      matrices: { car: { durations: lineMatrix([0, 1, 100]) } },
    });
    expect(solution.routes[0]!.jobs).toEqual([1]);
    expect(solution.unassignedJobs()).toEqual([0]);
  });

  it('inserts only the jobs it is given and leaves impossible ones unassigned', () => {
    const input: Input = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, time_window: [0, 100] }],
      jobs: [
        { id: 1, location_index: 1 },
        { id: 2, location_index: 2 },
        { id: 3, location_index: 3 }, // 2 × 60 > 100
      ],
      matrices: { car: { durations: lineMatrix([0, 10, 20, 60]) } },
    };
    expect(construct(input, [1]).routes[0]!.jobs).toEqual([1]);
    const all = construct(input);
    expect(all.routes[0]!.jobs.slice().sort()).toEqual([0, 1]);
    expect(all.unassignedJobs()).toEqual([2]);
  });

  it('opens a second identical vehicle when the first is full', () => {
    const solution = construct({
      vehicles: [1, 2, 3].map((id) => ({ id, start_index: 0, end_index: 0, max_tasks: 1 })),
      jobs: [
        { id: 1, location_index: 1 },
        { id: 2, location_index: 2 },
      ],
      matrices: { car: { durations: lineMatrix([0, 10, 20]) } },
    });
    expect(solution.unassignedJobs()).toEqual([]);
    expect(solution.usedRoutes()).toBe(2);
  });
});

describe('constructByRegret opens the cheapest vehicle (reproduction of a bug)', () => {
  /*
   * Vehicle 1 starts at 0 and ends at 2, 1000 s away; vehicle 2 goes home to
   * 0. For the job at 1 (10 s from 0), vehicle 1 costs 10 + 1000 and vehicle 2
   * 10 + 10, but insertionDelta prices opening vehicle 1 as 10 + 1000 − 1000
   * (it subtracts the start → end leg an unused vehicle never drives), so the
   * construction opens vehicle 1.
   */
  it('serves the job with the vehicle whose route costs 20, not 1010', () => {
    const solution = construct({
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
    });
    expect(solution.objective().cost).toBe(20);
    expect(solution.routes[1]!.jobs).toEqual([0]);
  });
});
