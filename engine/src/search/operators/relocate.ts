import { evaluateSlices, type Slice } from '../../solution/evaluate-slices.ts';
import { SequenceBound } from '../../solution/sequence-bound.ts';
import { eligibleRange, type Move, type MoveContext, type Operator, sliceJobs } from './operator.ts';

const IMPROVEMENT = 1e-9;
/** One for the module: the search is synchronous, and a bound is read before the next begins. */
const bound = new SequenceBound();

/**
 * Moves the segment of `length` jobs starting at u to just after or just
 * before v, in v's route (possibly u's own). Length 1 is the classic relocate;
 * 2 and 3 are or-opt.
 */
export function relocateOperator(length: number): Operator {
  return {
    name: length === 1 ? 'relocate' : `or-opt-${length}`,
    find(context: MoveContext, u: number, v: number): Move | null {
      const { problem, solution, positionOf } = context;
      const ra = solution.routeOf[u]!;
      const rb = solution.routeOf[v]!;
      if (ra < 0 || rb < 0) return null;
      const a = solution.routes[ra]!;
      const b = solution.routes[rb]!;
      const i = positionOf[u]!;
      if (i + length > a.size) return null;
      const k = positionOf[v]!;
      if (ra === rb && k >= i && k < i + length) return null;
      if (ra !== rb && !eligibleRange(context, rb, ra, i, i + length)) return null;
      let best: Move | null = null;
      const restABound =
        ra !== rb
          ? bound
              .begin(problem, a.vehicle)
              .piece(a, 0, i)
              .piece(a, i + length, a.size)
              .end()
          : 0;
      // Insert after v (gap k+1) or before v (gap k).
      for (let side = 0; side < 2; side++) {
        const gap = side === 0 ? k + 1 : k;
        let move: Move | null;
        if (ra !== rb) {
          const newBBound = bound
            .begin(problem, b.vehicle)
            .piece(b, 0, gap)
            .piece(a, i, i + length)
            .piece(b, gap, b.size)
            .end();
          if (restABound + newBBound - a.cost - b.cost >= -IMPROVEMENT) continue;
          const restA: Slice[] = [
            { route: a, from: 0, to: i },
            { route: a, from: i + length, to: a.size },
          ];
          const newB: Slice[] = [
            { route: b, from: 0, to: gap },
            { route: a, from: i, to: i + length },
            { route: b, from: gap, to: b.size },
          ];
          const costA = evaluateSlices(problem, a.vehicle, restA);
          if (costA === Number.POSITIVE_INFINITY) return null;
          const costB = evaluateSlices(problem, b.vehicle, newB);
          const delta = costA + costB - a.cost - b.cost;
          move =
            delta < -IMPROVEMENT
              ? {
                  delta,
                  routes: [
                    { route: ra, jobs: sliceJobs(restA) },
                    { route: rb, jobs: sliceJobs(newB) },
                  ],
                }
              : null;
        } else {
          if (gap === i || gap === i + length) continue;
          const lowerBound =
            gap < i
              ? bound
                  .begin(problem, a.vehicle)
                  .piece(a, 0, gap)
                  .piece(a, i, i + length)
                  .piece(a, gap, i)
                  .piece(a, i + length, a.size)
                  .end()
              : bound
                  .begin(problem, a.vehicle)
                  .piece(a, 0, i)
                  .piece(a, i + length, gap)
                  .piece(a, i, i + length)
                  .piece(a, gap, a.size)
                  .end();
          if (lowerBound - a.cost >= -IMPROVEMENT) continue;
          const slices: Slice[] =
            gap < i
              ? [
                  { route: a, from: 0, to: gap },
                  { route: a, from: i, to: i + length },
                  { route: a, from: gap, to: i },
                  { route: a, from: i + length, to: a.size },
                ]
              : [
                  { route: a, from: 0, to: i },
                  { route: a, from: i + length, to: gap },
                  { route: a, from: i, to: i + length },
                  { route: a, from: gap, to: a.size },
                ];
          const delta = evaluateSlices(problem, a.vehicle, slices) - a.cost;
          move = delta < -IMPROVEMENT ? { delta, routes: [{ route: ra, jobs: sliceJobs(slices) }] } : null;
        }
        if (move && (!best || move.delta < best.delta)) best = move;
      }
      return best;
    },
  };
}
