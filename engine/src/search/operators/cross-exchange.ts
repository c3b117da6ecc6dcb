import { evaluateSlices, type Slice } from '../../solution/evaluate-slices.ts';
import { SequenceBound } from '../../solution/sequence-bound.ts';
import { eligibleRange, type Move, type MoveContext, type Operator, sliceJobs } from './operator.ts';

const IMPROVEMENT = 1e-9;
/** One for the module: the search is synchronous, and a bound is read before the next begins. */
const bound = new SequenceBound();

/**
 * Exchanges the segment of `lengthA` jobs starting at u with the segment of
 * `lengthB` jobs starting at v, between two routes. Lengths 1 and 1 is the
 * classic swap; longer segments are the cross-exchange.
 */
export function crossExchangeOperator(lengthA: number, lengthB: number): Operator {
  return {
    name: lengthA === 1 && lengthB === 1 ? 'swap' : `cross-exchange-${lengthA}-${lengthB}`,
    find(context: MoveContext, u: number, v: number): Move | null {
      const { problem, solution, positionOf } = context;
      const ra = solution.routeOf[u]!;
      const rb = solution.routeOf[v]!;
      if (ra < 0 || rb < 0 || ra === rb) return null;
      const a = solution.routes[ra]!;
      const b = solution.routes[rb]!;
      const i = positionOf[u]!;
      const k = positionOf[v]!;
      if (i + lengthA > a.size || k + lengthB > b.size) return null;
      if (!eligibleRange(context, rb, ra, i, i + lengthA) || !eligibleRange(context, ra, rb, k, k + lengthB)) return null;
      const newABound = bound
        .begin(problem, a.vehicle)
        .piece(a, 0, i)
        .piece(b, k, k + lengthB)
        .piece(a, i + lengthA, a.size)
        .end();
      const newBBound = bound
        .begin(problem, b.vehicle)
        .piece(b, 0, k)
        .piece(a, i, i + lengthA)
        .piece(b, k + lengthB, b.size)
        .end();
      if (newABound + newBBound - a.cost - b.cost >= -IMPROVEMENT) return null;
      const newA: Slice[] = [
        { route: a, from: 0, to: i },
        { route: b, from: k, to: k + lengthB },
        { route: a, from: i + lengthA, to: a.size },
      ];
      const newB: Slice[] = [
        { route: b, from: 0, to: k },
        { route: a, from: i, to: i + lengthA },
        { route: b, from: k + lengthB, to: b.size },
      ];
      const costA = evaluateSlices(problem, a.vehicle, newA);
      if (costA === Number.POSITIVE_INFINITY) return null;
      const delta = costA + evaluateSlices(problem, b.vehicle, newB) - a.cost - b.cost;
      if (!(delta < -IMPROVEMENT)) return null;
      return {
        delta,
        routes: [
          { route: ra, jobs: sliceJobs(newA) },
          { route: rb, jobs: sliceJobs(newB) },
        ],
      };
    },
  };
}
