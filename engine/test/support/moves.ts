import type { Problem } from '../../src/problem/model.ts';
import type { MoveContext } from '../../src/search/operators/operator.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { Solution } from '../../src/solution/solution.ts';
import type { Input, Job, Vehicle } from '../../src/types.ts';
import { compile, lineMatrix } from './fixtures.ts';

/**
 * Hand-made solutions for the local-search operators: places on a line
 * (travel = distance in seconds), vehicles and jobs given by the test, routes
 * as sequences of job ids.
 */
export interface MoveFixture {
  readonly problem: Problem;
  readonly solution: Solution;
  readonly context: MoveContext;
  /** Job index of a job id. */
  readonly job: (id: number) => number;
  /** Job ids of a list of job indices. */
  readonly ids: (jobs: readonly number[]) => number[];
}

export function moveFixture(
  xs: readonly number[],
  vehicles: readonly Vehicle[],
  jobs: readonly Job[],
  routes: readonly (readonly number[])[],
  extra: Partial<Input> = {},
): MoveFixture {
  const problem = compile({ vehicles, jobs, matrices: { car: { durations: lineMatrix(xs) } }, ...extra });
  const indexOf = new Map(problem.jobs.map((j) => [j.id, j.index]));
  const job = (id: number): number => {
    const index = indexOf.get(id);
    if (index === undefined) throw new Error(`no job ${id}`);
    return index;
  };
  const solution = new Solution(problem);
  routes.forEach((ids, r) => solution.setJobs(r, ids.map(job)));
  const positionOf = new Int32Array(problem.jobs.length);
  for (const route of solution.routes) route.jobs.forEach((j, i) => (positionOf[j] = i));
  const context: MoveContext = { problem, solution, positionOf, allEligible: problem.eligible.every((e) => e === 1) };
  return { problem, solution, context, job, ids: (list) => list.map((j) => problem.jobs[j]!.id) };
}

/** The objective cost of the solution with some routes replaced, timed by scheduleRoute; +∞ if one is infeasible. */
export function costWith(fixture: MoveFixture, changes: readonly { readonly route: number; readonly jobs: readonly number[] }[]): number {
  const { problem, solution } = fixture;
  let cost = 0;
  solution.routes.forEach((route, r) => {
    const jobs = changes.find((c) => c.route === r)?.jobs ?? route.jobs;
    if (jobs.length === 0) return;
    const result = scheduleRoute(problem, route.vehicle, jobs);
    cost += result.ok ? result.schedule.cost : Number.POSITIVE_INFINITY;
  });
  return cost;
}
