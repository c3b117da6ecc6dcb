import type { Problem } from '../problem/model.ts';
import type { Rng } from '../rng.ts';
import type { Solution } from '../solution/solution.ts';

/** Parameters of the string removal (SISR, Christiaens & Vanden Berghe 2020). */
export interface StringRemovalParams {
  /** Average number of jobs removed per ruin. */
  readonly averageRemoved: number;
  /** Longest string removed from one route. */
  readonly maxStringLength: number;
  /** Probability of the "split string" variant, which keeps a few jobs in the middle. */
  readonly splitRate: number;
}

export const DEFAULT_STRING_REMOVAL: StringRemovalParams = { averageRemoved: 10, maxStringLength: 10, splitRate: 0.5 };

/**
 * Removes strings of consecutive jobs from routes that are geographically close
 * to a random seed job: the removed jobs leave gaps near each other, so the
 * recreate step can reshuffle a neighbourhood across several routes. Returns
 * the removed jobs; every route is reported through `touched` before it changes.
 */
export function ruinStrings(problem: Problem, solution: Solution, rng: Rng, params: StringRemovalParams, touched: (route: number) => void): number[] {
  let used = 0;
  let totalSize = 0;
  for (const r of solution.routes) {
    if (r.jobs.length > 0) {
      used++;
      totalSize += r.jobs.length;
    }
  }
  if (used === 0) return [];
  const averageSize = totalSize / used;
  const maxLength = Math.min(params.maxStringLength, averageSize);
  const maxStrings = (4 * params.averageRemoved) / (1 + maxLength) - 1;
  const strings = Math.floor(rng.next() * maxStrings) + 1;

  let seed = rng.int(problem.jobs.length);
  for (let tries = 0; solution.routeOf[seed]! < 0 && tries < 50; tries++) seed = rng.int(problem.jobs.length);
  // Rarely reached (most jobs unassigned): fall back to the first assigned job, found only then.
  if (solution.routeOf[seed]! < 0) seed = solution.routeOf.findIndex((r) => r >= 0);

  const removed: number[] = [];
  const ruinedRoutes: number[] = [];
  const neighbours = problem.neighbours.of(seed);
  for (let k = -1; k < neighbours.length && ruinedRoutes.length < strings; k++) {
    const c = k < 0 ? seed : neighbours[k]!;
    const r = solution.routeOf[c]!;
    if (r < 0 || ruinedRoutes.includes(r)) continue;
    const route = solution.routes[r]!;
    const size = route.jobs.length;
    const lengthCap = Math.min(size, maxLength);
    const length = Math.floor(rng.next() * lengthCap) + 1;
    const at = route.jobs.indexOf(c);
    touched(r);
    if (rng.next() < params.splitRate && length < size) {
      removeSplitString(solution, r, at, length, rng, removed);
    } else {
      const from = clampStart(at, length, size, rng);
      removed.push(...solution.removeRange(r, from, from + length));
    }
    ruinedRoutes.push(r);
  }
  for (const r of ruinedRoutes) solution.routes[r]!.update();
  return removed;
}

/** A random start such that [start, start+length) holds position `at` and fits. */
function clampStart(at: number, length: number, size: number, rng: Rng): number {
  const lo = Math.max(0, at - length + 1);
  const hi = Math.min(at, size - length);
  return lo + rng.int(hi - lo + 1);
}

/** Removes `length` jobs from a window of length + m around `at`, keeping m consecutive jobs. */
function removeSplitString(solution: Solution, r: number, at: number, length: number, rng: Rng, removed: number[]): void {
  const size = solution.routes[r]!.jobs.length;
  let kept = 1;
  while (length + kept < size && rng.next() < 0.5) kept++;
  const window = length + kept;
  const from = clampStart(at, window, size, rng);
  const keepFrom = from + rng.int(length + 1);
  // Remove the part after the kept block first so indices stay valid.
  const tail = solution.removeRange(r, keepFrom + kept, from + window);
  const head = solution.removeRange(r, from, keepFrom);
  removed.push(...head, ...tail);
}
