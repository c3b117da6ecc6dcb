import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.ts';
import { recreateGreedy } from '../../src/search/recreate-greedy.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { Solution } from '../../src/solution/solution.ts';
import type { Input } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

const input: Input = {
  vehicles: [
    { id: 1, start_index: 0, end_index: 0, capacity: [3] },
    { id: 2, start_index: 0, end_index: 0, capacity: [3] },
  ],
  jobs: [1, 2, 3, 4, 5].map((id) => ({ id, location_index: id, delivery: [1], priority: id === 5 ? 5 : 0 })),
  matrices: { car: { durations: lineMatrix([0, 10, 20, 30, 40, 50]) } },
};

describe('recreateGreedy', () => {
  it('reinserts every job it can, feasibly, reporting each route before it changes', () => {
    const problem = compile(input);
    let complete = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const solution = new Solution(problem);
      const touched: [number, number[]][] = [];
      recreateGreedy(problem, solution, [0, 1, 2, 3, 4], new Rng(seed), (r) => touched.push([r, solution.routes[r]!.jobs.slice()]));
      // A blink (1% per position) may skip a job's only feasible place now and then.
      const unassigned = solution.unassignedJobs().length;
      if (unassigned === 0) complete++;
      for (const route of solution.routes) expect(scheduleRoute(problem, route.vehicle, route.jobs).ok).toBe(true);
      // The first report of a route shows it as it was before (here: empty), one report per insertion.
      const first = new Map<number, number[]>();
      for (const [r, jobs] of touched) if (!first.has(r)) first.set(r, jobs);
      for (const jobs of first.values()) expect(jobs).toEqual([]);
      expect(touched.length).toBe(5 - unassigned);
    }
    expect(complete).toBeGreaterThanOrEqual(18);
  });

  it('always inserts higher priorities first', () => {
    // Room for a single job: the priority-5 job must get it, whichever order the rng draws.
    const problem = compile({ ...input, vehicles: [{ id: 1, start_index: 0, end_index: 0, max_tasks: 1 }] });
    let first = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const solution = new Solution(problem);
      recreateGreedy(problem, solution, [0, 1, 2, 3, 4], new Rng(seed), () => {});
      if (solution.routes[0]!.jobs[0] === 4) first++;
    }
    // All but the rare blink of the only position of the first job.
    expect(first).toBeGreaterThanOrEqual(38);
  });

  it('is reproducible for a seed', () => {
    const problem = compile(input);
    const run = (seed: number) => {
      const solution = new Solution(problem);
      recreateGreedy(problem, solution, [0, 1, 2, 3, 4], new Rng(seed), () => {});
      return solution.snapshot();
    };
    expect(run(7)).toEqual(run(7));
  });
});
