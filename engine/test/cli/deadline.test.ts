import { describe, expect, it } from 'vitest';
import { MIN_SEARCH_MS, searchBudget } from '../../cli/deadline.ts';

describe('searchBudget: -l counts from the process start', () => {
  it('gives the search what is left of the limit, less 5 % for writing the answer', () => {
    // 2 s limit, 300 ms already gone (start-up, parsing): 1900 - 300.
    expect(searchBudget(2000, () => 300).timeLimitMs).toBe(1600);
  });

  it('passes the same clock on, so that the engine measures from the same origin', () => {
    const clock = () => 42;
    expect(searchBudget(1000, clock).clock).toBe(clock);
  });

  it('keeps a minimum when start-up used the whole limit, but never more than the limit itself', () => {
    expect(searchBudget(1000, () => 5000).timeLimitMs).toBe(MIN_SEARCH_MS);
    expect(searchBudget(30, () => 5000).timeLimitMs).toBe(30);
  });
});
