import { describe, expect, it } from 'vitest';
import { CONSTRUCTION_GRACE_MS, searchSolution } from '../../src/search/annealing.ts';
import type { Input } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

// Forty jobs on a line, four vans: enough work for a search to run long.
const xs = Array.from({ length: 41 }, (_, k) => (k === 0 ? 0 : ((k * 37) % 101) - 50));
const input: Input = {
  vehicles: [1, 2, 3, 4].map((id) => ({ id, start_index: 0, end_index: 0, max_tasks: 10 })),
  jobs: xs.slice(1).map((_, k) => ({ id: k + 1, location_index: k + 1 })),
  matrices: { car: { durations: lineMatrix(xs) } },
};

describe('searchSolution under a time limit', () => {
  it('stops when the clock reaches the limit, wherever it is', () => {
    const problem = compile(input);
    // A clock that moves 1 ms every time it is read: the search reads it often.
    let now = 0;
    const result = searchSolution(problem, { seed: 1, timeLimitMs: 500, clock: () => now++ });
    expect(now).toBeLessThan(500 + CONSTRUCTION_GRACE_MS + 100);
    expect(result.objective.unserved).toBe(0);
  });

  it('lets the construction finish a little past the limit rather than answer nearly empty', () => {
    const problem = compile(input);
    // Out of time from the first reading on, but the clock stands still: the grace lets construction run.
    const result = searchSolution(problem, { seed: 1, timeLimitMs: 0, clock: () => 0 });
    expect(result.objective.unserved).toBe(0);
  });

  it('stops a stalled search before its limit', () => {
    const tiny = compile({ ...input, jobs: input.jobs?.slice(0, 1) });
    let now = 0;
    // 1 ms per reading and a limit of a day: only the stall rule can end this run early.
    const result = searchSolution(tiny, { seed: 1, timeLimitMs: 86_400_000, clock: () => (now += 0.001) });
    expect(result.iterations).toBeLessThan(30_000);
    expect(result.objective.unserved).toBe(0);
  });
});
