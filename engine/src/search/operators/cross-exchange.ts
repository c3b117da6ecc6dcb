import { costLowerBound, evaluateSlices, type Slice } from '../../solution/evaluate-slices.ts';
import { eligibleRange, type Move, type MoveContext, type Operator, sliceJobs } from './operator.ts';

const IMPROVEMENT = 1e-9;

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
      if (costLowerBound(problem, a.vehicle, newA) + costLowerBound(problem, b.vehicle, newB) - a.cost - b.cost >= -IMPROVEMENT) return null;
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
