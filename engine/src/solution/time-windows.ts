/**
 * Time-window arithmetic on windows flattened as [start0, end0, start1, end1, …]
 * sorted by start. Feasibility is monotone in the arrival time (arriving
 * earlier never hurts: one may wait), which is what makes the latest-arrival
 * caches of a route exact even with several windows.
 */

/** Earliest start ≥ `arrival` inside a window, or NaN when every window has closed. */
export function earliestStart(tw: Float64Array, arrival: number): number {
  for (let k = 1; k < tw.length; k += 2) {
    if (tw[k]! >= arrival) return arrival > tw[k - 1]! ? arrival : tw[k - 1]!;
  }
  return Number.NaN;
}

/**
 * Latest start inside a window such that start + `duration` ≤ `latestEnd`,
 * or -Infinity when none exists. Any arrival up to this value is feasible.
 */
export function latestStart(tw: Float64Array, duration: number, latestEnd: number): number {
  const bound = latestEnd - duration;
  for (let k = tw.length - 2; k >= 0; k -= 2) {
    if (tw[k]! <= bound) return tw[k + 1]! < bound ? tw[k + 1]! : bound;
  }
  return Number.NEGATIVE_INFINITY;
}
