import { evaluateSlices, type Slice } from '../../solution/evaluate-slices.ts';
import { SequenceBound } from '../../solution/sequence-bound.ts';
import { eligibleRange, type Move, type MoveContext, type Operator, sliceJobs } from './operator.ts';

const IMPROVEMENT = 1e-9;
/** One for the module: the search is synchronous, and a bound is read before the next begins. */
const bound = new SequenceBound();

/**
 * 2-opt* between two routes: u's route continues with v and the rest of v's
 * route; v's route takes over what followed u. Keeps both routes' directions,
 * which is what time windows need.
 */
export const twoOptStar: Operator = {
  name: '2-opt*',
  find(context: MoveContext, u: number, v: number): Move | null {
    const { problem, solution, positionOf } = context;
    const ra = solution.routeOf[u]!;
    const rb = solution.routeOf[v]!;
    if (ra < 0 || rb < 0 || ra === rb) return null;
    const a = solution.routes[ra]!;
    const b = solution.routes[rb]!;
    const i = positionOf[u]! + 1;
    const k = positionOf[v]!;
    const newABound = bound.begin(problem, a.vehicle).piece(a, 0, i).piece(b, k, b.size).end();
    const newBBound = bound.begin(problem, b.vehicle).piece(b, 0, k).piece(a, i, a.size).end();
    if (newABound + newBBound - a.cost - b.cost >= -IMPROVEMENT) return null;
    const newA: Slice[] = [
      { route: a, from: 0, to: i },
      { route: b, from: k, to: b.size },
    ];
    const newB: Slice[] = [
      { route: b, from: 0, to: k },
      { route: a, from: i, to: a.size },
    ];
    if (!eligibleRange(context, ra, rb, k, b.size) || !eligibleRange(context, rb, ra, i, a.size)) return null;
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
