import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.ts';
import { eliminateRoutes } from '../../src/search/route-elimination.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { Solution } from '../../src/solution/solution.ts';
import type { Input, Job } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

// Two vans with a fixed cost at 0; jobs at 10 and 20, one per van to start with.
function setup(extraJobs: Job[] = [], capacity?: number) {
  const input: Input = {
    vehicles: [1, 2].map((id) => ({ id, start_index: 0, end_index: 0, costs: { fixed: 1000 }, ...(capacity ? { capacity: [capacity] } : {}) })),
    jobs: [{ id: 1, location_index: 1, delivery: [1] }, { id: 2, location_index: 2, delivery: [1] }, ...extraJobs],
    matrices: { car: { durations: lineMatrix([0, 10, 20, 30]) } },
  };
  const problem = compile(input);
  const solution = new Solution(problem);
  solution.setJobs(0, [0]);
  solution.setJobs(1, [1]);
  let calls = 0;
  const eliminate = () => eliminateRoutes(problem, solution, new Rng(1), () => ++calls > 200, 20);
  return { problem, solution, eliminate };
}

describe('eliminateRoutes', () => {
  it('empties a route whose jobs fit in the others', () => {
    const { problem, solution, eliminate } = setup();
    expect(eliminate()).toBe(1);
    expect(solution.usedRoutes()).toBe(1);
    expect(solution.unassignedJobs()).toEqual([]);
    expect(solution.objective().cost).toBe(1040);
    for (const route of solution.routes) expect(scheduleRoute(problem, route.vehicle, route.jobs).ok).toBe(true);
  });

  it('rolls back when the jobs cannot fit elsewhere', () => {
    const { solution, eliminate } = setup([], 1);
    const before = solution.snapshot();
    expect(eliminate()).toBe(0);
    expect(solution.snapshot()).toEqual(before);
    expect(solution.unassignedJobs()).toEqual([]);
  });

  it('stops when asked to', () => {
    const { problem, solution } = setup();
    expect(eliminateRoutes(problem, solution, new Rng(1), () => true, 20)).toBe(0);
    expect(solution.usedRoutes()).toBe(2);
  });

  /*
   * Reproduction of a bug: an attempt succeeds only when *no* job at all is
   * unassigned afterwards, so a single job that no vehicle can serve (here a
   * skill nobody has) makes every attempt fail and fleet minimisation never
   * removes a route. It should compare with the jobs unassigned before the
   * attempt.
   */
  it('still empties a route when some other job can never be served', () => {
    const { solution, eliminate } = setup([{ id: 3, location_index: 3, delivery: [1], skills: [9] }]);
    expect(eliminate()).toBe(1);
    expect(solution.usedRoutes()).toBe(1);
    expect(solution.unassignedJobs()).toEqual([2]);
  });
});
