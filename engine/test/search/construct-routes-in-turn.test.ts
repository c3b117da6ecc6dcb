import { describe, expect, it } from 'vitest';
import { constructRoutesInTurn } from '../../src/search/construct-routes-in-turn.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { Solution } from '../../src/solution/solution.ts';
import type { Input } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

/*
 * Two technicians at opposite ends of a line (homes at 0 and 1000), jobs clustered near each home,
 * a working day with room for three one-hour jobs each.
 */
const xs = [0, 1000, 10, 20, 30, 40, 990, 980, 970, 960];
const input: Input = {
  vehicles: [
    { id: 1, start_index: 0, end_index: 0, time_window: [0, 3 * 3600 + 200] },
    { id: 2, start_index: 1, end_index: 1, time_window: [0, 3 * 3600 + 200] },
  ],
  jobs: xs.slice(2).map((_, k) => ({ id: k + 1, location_index: k + 2, service: 3600, priority: k === 3 ? 90 : 10 })),
  matrices: { car: { durations: lineMatrix(xs) } },
};

describe('constructRoutesInTurn', () => {
  const problem = compile(input);

  it('fills each technician’s day with work near home, and returns what is left', () => {
    const solution = new Solution(problem);
    const left = constructRoutesInTurn(problem, solution, solution.unassignedJobs());
    for (const route of solution.routes) expect(scheduleRoute(problem, route.vehicle, route.jobs).ok).toBe(true);
    const near = (r: number) => solution.routes[r]!.jobs.map((j) => xs[problem.jobs[j]!.loc]!);
    expect(near(0).every((x) => x < 500)).toBe(true);
    expect(near(1).every((x) => x > 500)).toBe(true);
    expect(solution.routes.map((r) => r.jobs.length)).toEqual([3, 3]);
    expect(left).toHaveLength(2);
    expect(left.every((j) => solution.routeOf[j]! < 0)).toBe(true);
  });

  it('keeps the higher priority when the day cannot take every nearby job', () => {
    const solution = new Solution(problem);
    constructRoutesInTurn(problem, solution, solution.unassignedJobs());
    // Job 4 (at 40, priority 90) is the farthest of its cluster but worth the most: it is served.
    expect(solution.routeOf[3]).toBe(0);
  });

  it('stops between technicians when asked to, leaving a feasible partial solution', () => {
    const solution = new Solution(problem);
    let asked = 0;
    const left = constructRoutesInTurn(problem, solution, solution.unassignedJobs(), () => asked++ > 0);
    expect(solution.routes.filter((r) => r.jobs.length > 0)).toHaveLength(1);
    expect(left.length).toBe(problem.jobs.length - 3);
  });
});
