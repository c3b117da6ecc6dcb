import type { Problem } from '../../problem/model.ts';
import type { Solution } from '../../solution/solution.ts';

/** An improving change found by an operator, applied only if chosen. */
export interface Move {
  /** Change of the objective's cost (negative improves). */
  readonly delta: number;
  /** New sequences per route index. */
  readonly routes: readonly { readonly route: number; readonly jobs: number[] }[];
}

/** What operators read: the problem, the solution and where each job sits. */
export interface MoveContext {
  readonly problem: Problem;
  readonly solution: Solution;
  /** Position of each assigned job in its route. */
  readonly positionOf: Int32Array;
  /** True when every vehicle may serve every job: eligibility checks can be skipped. */
  readonly allEligible: boolean;
}

/**
 * A local-search neighbourhood explored around a pair (u, v) of nearby jobs
 * (granular search: v is among u's nearest neighbours).
 */
export interface Operator {
  readonly name: string;
  /** Returns the best improving move around (u, v), or null. */
  find(context: MoveContext, u: number, v: number): Move | null;
}

export { sliceJobs } from '../../solution/evaluate-slices.ts';

/** Whether vehicle of route r may serve every job of route `from` in [a, b). */
export function eligibleRange(context: MoveContext, r: number, from: number, a: number, b: number): boolean {
  if (context.allEligible) return true;
  const { problem, solution } = context;
  const n = problem.jobs.length;
  const jobs = solution.routes[from]!.jobs;
  for (let i = a; i < b; i++) if (problem.eligible[r * n + jobs[i]!] === 0) return false;
  return true;
}
