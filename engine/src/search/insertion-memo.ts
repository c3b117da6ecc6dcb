import type { Solution } from '../solution/solution.ts';

/**
 * Remembers, per job, the solution version at which the last search for a
 * place for it over every route found none. A route's sequence changes only
 * together with its `modifiedAt`, so a route not modified since then still
 * has no feasible place for that job: the next search need only look at the
 * routes modified after it.
 *
 * This is exact, not a heuristic (but for SISR's blinks, which may skip the one
 * feasible position, as they would anyway). It matters on over-constrained
 * days: with a quarter of the visits unservable, every ruin-and-recreate
 * iteration re-offers that whole backlog, and without the memo each of those
 * visits would be tried against every route each time.
 */
export class InsertionMemo {
  /** Solution version of the last failed full search, per job; -1 when there was none. */
  private readonly failedAt: Int32Array;

  constructor(jobs: number) {
    this.failedAt = new Int32Array(jobs).fill(-1);
  }

  /** True when a search for j's place has failed before: only routes modified since need a look. */
  hasFailed(j: number): boolean {
    return this.failedAt[j]! >= 0;
  }

  /** True when route r may hold a place for job j that the last failed search did not see. */
  worthTrying(solution: Solution, j: number, r: number): boolean {
    return solution.modifiedAt[r]! > this.failedAt[j]!;
  }

  recordFailure(solution: Solution, j: number): void {
    this.failedAt[j] = solution.version;
  }
}
