import { describe, expect, it } from 'vitest';
import { eligibleRange, sliceJobs } from '../../../src/search/operators/operator.ts';
import { moveFixture } from '../../support/moves.ts';

describe('operator helpers', () => {
  const f = moveFixture(
    [0, 10, 20, 30],
    [
      { id: 1, start_index: 0, skills: [1] },
      { id: 2, start_index: 0 },
    ],
    [
      { id: 1, location_index: 1 },
      { id: 2, location_index: 2, skills: [1] },
      { id: 3, location_index: 3 },
    ],
    [[1, 2, 3], []],
  );

  it('sliceJobs concatenates the slices', () => {
    const route = f.solution.routes[0]!;
    expect(
      sliceJobs([
        { route, from: 2, to: 3 },
        { route, from: 0, to: 0 },
        { route, from: 0, to: 2 },
      ]),
    ).toEqual([2, 0, 1]);
  });

  it('eligibleRange checks the skills of the receiving vehicle over the range', () => {
    expect(f.context.allEligible).toBe(false);
    expect(eligibleRange(f.context, 1, 0, 0, 1)).toBe(true);
    expect(eligibleRange(f.context, 1, 0, 0, 2)).toBe(false);
    expect(eligibleRange(f.context, 1, 0, 2, 3)).toBe(true);
    expect(eligibleRange(f.context, 0, 0, 0, 3)).toBe(true);
  });
});
