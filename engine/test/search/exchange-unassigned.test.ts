import { describe, expect, it } from 'vitest';
import { UnassignedExchange } from '../../src/search/exchange-unassigned.ts';
import { Solution } from '../../src/solution/solution.ts';
import type { Input } from '../../src/types.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

// One van of one task on a line: depot 0, jobs at 10, 20 and 30 (ids 1, 2, 3 at locations 1, 2, 3).
function oneTaskVan(priorities: readonly number[]): Input {
  return {
    vehicles: [{ id: 1, start_index: 0, end_index: 0, max_tasks: 1 }],
    jobs: priorities.map((priority, k) => ({ id: k + 1, location_index: k + 1, priority })),
    matrices: { car: { durations: lineMatrix([0, 10, 20, 30]) } },
  };
}

function served(input: Input, start: number, priorities: readonly number[]): { jobs: number[]; changed: boolean } {
  const problem = compile({ ...input, jobs: input.jobs!.map((j, k) => ({ ...j, priority: priorities[k] })) });
  const solution = new Solution(problem);
  solution.insert(0, start, 0);
  const changed = new UnassignedExchange(problem, solution).run(() => false);
  return { jobs: solution.routes[0]!.jobs, changed };
}

describe('UnassignedExchange', () => {
  it('inserts a job left out when a route has room for it', () => {
    const input: Input = { ...oneTaskVan([0, 0, 0]), vehicles: [{ id: 1, start_index: 0, end_index: 0, max_tasks: 2 }] };
    const problem = compile(input);
    const solution = new Solution(problem);
    solution.insert(0, 2, 0);
    expect(new UnassignedExchange(problem, solution).run(() => false)).toBe(true);
    expect(solution.routes[0]!.jobs).toHaveLength(2);
  });

  it('serves a left-out job of higher priority instead of a served one, even at a higher cost', () => {
    // The van serves job 1 (10 away); job 3 (30 away) has a higher priority: it takes the place.
    expect(served(oneTaskVan([0, 0, 0]), 0, [10, 0, 50])).toEqual({ jobs: [2], changed: true });
  });

  it('at equal priority, serves the nearer job instead (same visits, less travel)', () => {
    expect(served(oneTaskVan([0, 0, 0]), 2, [5, 5, 5])).toEqual({ jobs: [0], changed: true });
  });

  it('never trades a served job for one of lower priority, nor for a costlier one of equal priority', () => {
    expect(served(oneTaskVan([0, 0, 0]), 2, [10, 20, 30])).toEqual({ jobs: [2], changed: false });
    expect(served(oneTaskVan([0, 0, 0]), 0, [5, 5, 5])).toEqual({ jobs: [0], changed: false });
  });

  it('looks again at a job only when a route near it changed', () => {
    const problem = compile(oneTaskVan([5, 5, 5]));
    const solution = new Solution(problem);
    solution.insert(0, 0, 0);
    const exchange = new UnassignedExchange(problem, solution);
    expect(exchange.run(() => false)).toBe(false);
    expect(exchange.run(() => false)).toBe(false);
  });
});
