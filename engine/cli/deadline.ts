/**
 * `-l` is a promise about the whole process (issue 14: wall time ≤ limit × 1.05 + 0.3 s): start-up,
 * reading and parsing the input count against it. Node's `performance.now()` counts from the
 * process's start, so the search gets what is left of the limit once the input is parsed, less a
 * share kept for writing the answer.
 */

/** Share of the limit kept for serialising and writing the answer. */
export const OUTPUT_MARGIN = 0.05;

/**
 * The least the search gets, even when start-up and parsing used the whole limit: the engine stops
 * where it is when time is up, so with nothing left it would answer with every job unassigned. The
 * target's fixed 0.3 s allowance covers this much.
 */
export const MIN_SEARCH_MS = 100;

export interface SearchBudget {
  /** What the engine may still spend, from now. */
  readonly timeLimitMs: number;
  readonly clock: () => number;
}

/** The engine's time options for a run whose limit, `limitMs`, counts from the process's start (`clock`'s origin). */
export function searchBudget(limitMs: number, clock: () => number = () => performance.now()): SearchBudget {
  const deadline = limitMs * (1 - OUTPUT_MARGIN);
  return { timeLimitMs: Math.max(Math.min(MIN_SEARCH_MS, limitMs), deadline - clock()), clock };
}
