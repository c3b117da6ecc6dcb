import type { Problem } from '../problem/model.ts';
import { costLowerBound, evaluateSlices, type Slice, sliceJobs } from '../solution/evaluate-slices.ts';
import type { Route } from '../solution/route.ts';
import type { Solution } from '../solution/solution.ts';
import { bestInsertion } from './best-insertion.ts';
import { InsertionMemo } from './insertion-memo.ts';

/** Routes holding one of a job's nearest neighbours are the candidates for an exchange. */
const NEAR_NEIGHBOURS = 40;
const IMPROVEMENT = 1e-9;

/** Where an unassigned job takes an assigned one's place, and what the day gains by it. */
interface Exchange {
  route: number;
  /** The job that leaves the route, and the route's new sequence. */
  removed: number;
  jobs: number[];
  priorityGain: number;
  delta: number;
}

/**
 * The local-search moves that change which jobs are served, after VROOM's unassigned
 * exchange: an unassigned job is inserted where it fits, or else takes the place of an
 * assigned job of no higher priority in a nearby route (at its own best position in that
 * route without the other), when the day gains priority — or keeps it and costs less.
 *
 * Relocations and exchanges between routes never change the served set, and on an
 * over-constrained day (a quarter of the visits left out) which visits are served is what
 * the travel depends on most: a route holding a far low-priority visit may serve a near one
 * of equal priority instead. Every move strictly improves the hierarchical objective
 * (priority, then visits, then cost), so passes cannot cycle.
 *
 * A job is examined again only against routes changed since its last examination, as the
 * local search does for pairs, so polishing a solution that changed in a few routes costs
 * little however long the backlog.
 */
export class UnassignedExchange {
  /** Solution version when each unassigned job was last examined; -1 when never as unassigned. */
  private readonly examinedAt: Int32Array;
  private readonly memo: InsertionMemo;
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(
    private readonly problem: Problem,
    private readonly solution: Solution,
  ) {
    this.examinedAt = new Int32Array(problem.jobs.length).fill(-1);
    this.memo = new InsertionMemo(problem.jobs.length);
    this.seen = new Int32Array(problem.vehicles.length);
  }

  /** One pass over the unassigned jobs, highest priority first; true when the solution changed. */
  run(shouldStop: () => boolean): boolean {
    const { problem, solution } = this;
    const waiting = solution.unassignedJobs();
    if (waiting.length === 0) return false;
    waiting.sort((a, b) => problem.jobs[b]!.priority - problem.jobs[a]!.priority || a - b);
    let changed = false;
    for (let k = 0; k < waiting.length; k++) {
      if (k % 8 === 7 && shouldStop()) break;
      const w = waiting[k]!;
      if (solution.routeOf[w]! >= 0) continue;
      const since = this.examinedAt[w]!;
      this.examinedAt[w] = solution.version;

      // Served without anyone leaving: the best move there is (it gains w's priority and a visit).
      const place = bestInsertion(problem, solution, w, null, 0, true, this.memo);
      if (place) {
        solution.insert(place.route, w, place.position);
        changed = true;
        continue;
      }
      const exchange = this.bestExchange(w, since);
      if (exchange) {
        // Left out now: examined next time against every route.
        this.examinedAt[exchange.removed] = -1;
        solution.setJobs(exchange.route, exchange.jobs);
        changed = true;
      }
    }
    return changed;
  }

  /** The best exchange of w with a job of a nearby route changed since `since`, or null. */
  private bestExchange(w: number, since: number): Exchange | null {
    const { problem, solution } = this;
    const n = problem.jobs.length;
    const stamp = ++this.stamp;
    const neighbours = problem.neighbours.of(w);
    let best: Exchange | null = null;
    for (let k = 0; k < neighbours.length && k < NEAR_NEIGHBOURS; k++) {
      const r = solution.routeOf[neighbours[k]!]!;
      if (r < 0 || this.seen[r] === stamp) continue;
      this.seen[r] = stamp;
      if (solution.modifiedAt[r]! <= since || problem.eligible[r * n + w] === 0) continue;
      const found = this.bestExchangeIn(w, r, best);
      if (found) best = found;
    }
    return best;
  }

  /** The best exchange of w in route r that beats `incumbent`, or null. */
  private bestExchangeIn(w: number, r: number, incumbent: Exchange | null): Exchange | null {
    const { problem, solution } = this;
    const route = solution.routes[r]!;
    const size = route.size;
    const priorityW = problem.jobs[w]!.priority;
    let best = incumbent;
    let found: Exchange | null = null;
    for (let i = 0; i < size; i++) {
      const gain = priorityW - problem.jobs[route.jobs[i]!]!.priority;
      if (gain < 0 || (best && gain < best.priorityGain)) continue;
      // Positions in the route without node i: w goes before what was node g (g ≠ i), or last.
      for (let g = 0; g <= size; g++) {
        if (g === i + 1) continue; // the same sequence as g = i
        const slices = exchangeSlices(route, i, g, w);
        // What the cost change must beat: the incumbent's at equal gain, and any saving at no gain.
        let bound = Number.POSITIVE_INFINITY;
        if (best && gain === best.priorityGain) bound = best.delta;
        if (gain === 0) bound = Math.min(bound, -IMPROVEMENT);
        if (costLowerBound(problem, route.vehicle, slices) - route.cost >= bound) continue;
        const delta = evaluateSlices(problem, route.vehicle, slices) - route.cost;
        if (!(delta < bound)) continue; // infeasible (+Infinity) included
        found = { route: r, removed: route.jobs[i]!, jobs: sliceJobs(slices), priorityGain: gain, delta };
        best = found;
      }
    }
    return found;
  }
}

/** Route without node i, with job w inserted before node g (g = size: at the end). */
function exchangeSlices(route: Route, i: number, g: number, w: number): Slice[] {
  const size = route.size;
  if (g <= i) {
    return [{ route, from: 0, to: g }, { job: w }, { route, from: g, to: i }, { route, from: i + 1, to: size }];
  }
  return [{ route, from: 0, to: i }, { route, from: i + 1, to: g }, { job: w }, { route, from: g, to: size }];
}
