import { describe, expect, it } from 'vitest';
import { bestInsertion } from '../../src/search/best-insertion.ts';
import { InsertionMemo } from '../../src/search/insertion-memo.ts';
import { Solution } from '../../src/solution/solution.ts';
import type { Input } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

// Two vans of one task each; three jobs: one must stay out.
const input: Input = {
  vehicles: [
    { id: 1, start_index: 0, end_index: 0, max_tasks: 1 },
    { id: 2, start_index: 0, end_index: 0, max_tasks: 1 },
  ],
  jobs: [1, 2, 3].map((id) => ({ id, location_index: id })),
  matrices: { car: { durations: lineMatrix([0, 10, 20, 30]) } },
};

describe('InsertionMemo', () => {
  it('skips routes unchanged since a failed search, and looks again at a route that changed', () => {
    const problem = compile(input);
    const solution = new Solution(problem);
    solution.insert(0, 0, 0);
    solution.insert(1, 1, 0);
    const memo = new InsertionMemo(problem.jobs.length);
    expect(memo.hasFailed(2)).toBe(false);
    expect(bestInsertion(problem, solution, 2, null, 0, true, memo)).toBeNull();
    expect(memo.hasFailed(2)).toBe(true);
    // Nothing changed: no route is worth a look.
    expect(memo.worthTrying(solution, 2, 0)).toBe(false);
    expect(memo.worthTrying(solution, 2, 1)).toBe(false);
    // Route 1 empties: it has room now, and only it is looked at.
    solution.setJobs(1, []);
    expect(memo.worthTrying(solution, 2, 0)).toBe(false);
    expect(memo.worthTrying(solution, 2, 1)).toBe(true);
    expect(bestInsertion(problem, solution, 2, null, 0, true, memo)).toEqual({ route: 1, position: 0, delta: 60 });
  });

  it('finds what a search without it finds (it is exact)', () => {
    const problem = compile(input);
    const solution = new Solution(problem);
    solution.insert(0, 2, 0);
    const memo = new InsertionMemo(problem.jobs.length);
    const withMemo = bestInsertion(problem, solution, 0, null, 0, true, memo);
    const without = bestInsertion(problem, solution, 0, null, 0, true);
    expect(withMemo).toEqual(without);
  });
});
