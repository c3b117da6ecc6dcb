import type { Problem } from '../problem/model.ts';
import type { Route } from './route.ts';
import { assignmentCost, serviceTime } from '../problem/per-vehicle.ts';
import { evaluateSlices } from './evaluate-slices.ts';
import { RouteWalk } from './route-walk.ts';
import { scheduleRoute } from './schedule.ts';
import { earliestStart } from './time-windows.ts';

const INFEASIBLE = Number.POSITIVE_INFINITY;
const NO_LIMIT = Number.POSITIVE_INFINITY;

/**
 * Added cost of inserting job `j` before node `p` of `route` (p = size: at the
 * end), or +Infinity when the result breaks a constraint. Constant time for
 * vehicles without breaks, through the route's forward and backward caches.
 * Positions whose cost is not below `bound` are reported as +Infinity unchecked.
 */
export function insertionDelta(problem: Problem, route: Route, j: number, p: number, bound: number = INFEASIBLE): number {
  if (route.hasBreaks || problem.timeDependentCosts) {
    // Time-dependent costs only grow when a job is added: legs and assignment bound the delta from below.
    if (legsDelta(problem, route, j, p) >= bound) return INFEASIBLE;
    if (!timingMayAllow(problem, route, j, p)) return INFEASIBLE;
    if (route.hasBreaks) return insertionDeltaByWalk(problem, route, j, p, bound);
    return insertionDeltaBySlices(problem, route, j, p, bound);
  }
  const v = route.vehicle;
  const n = route.jobs.length;
  if (n + 1 > v.maxTasks) return INFEASIBLE;
  const job = problem.jobs[j]!;
  const { durations, distances, costs } = v.travel;
  const size = durations.size;

  const prevLoc = p > 0 ? problem.jobs[route.jobs[p - 1]!]!.loc : v.startLoc;
  const nextLoc = p < n ? problem.jobs[route.jobs[p]!]!.loc : v.endLoc;
  const inLeg = prevLoc >= 0 ? prevLoc * size + job.loc : -1;
  const outLeg = nextLoc >= 0 ? job.loc * size + nextLoc : -1;
  // An unused vehicle drives nothing: opening it replaces no start→end leg.
  const oldLeg = n > 0 && prevLoc >= 0 && nextLoc >= 0 ? prevLoc * size + nextLoc : -1;
  // The cost first: most positions lose to the best one found so far, and
  // then no time window needs a look.
  const delta =
    (inLeg >= 0 ? costs.data[inLeg]! : 0) +
    (outLeg >= 0 ? costs.data[outLeg]! : 0) -
    (oldLeg >= 0 ? costs.data[oldLeg]! : 0) +
    (n === 0 ? v.fixedCost : 0) +
    assignmentCost(job, v.index);
  if (delta >= bound) return INFEASIBLE;

  // Without breaks or time-dependent costs the necessary condition is also sufficient for time windows.
  if (!timingMayAllow(problem, route, j, p)) return INFEASIBLE;

  const dims = problem.dimensions;
  if (dims > 0 && !loadAllowsInsertion(route, job.delivery, job.pickup, p, dims)) return INFEASIBLE;

  if (v.maxTravelTime !== NO_LIMIT) {
    const added = (inLeg >= 0 ? durations.data[inLeg]! : 0) + (outLeg >= 0 ? durations.data[outLeg]! : 0) - (oldLeg >= 0 ? durations.data[oldLeg]! : 0);
    if (route.travel + added > v.maxTravelTime) return INFEASIBLE;
  }
  if (v.maxDistance !== NO_LIMIT) {
    const added = (inLeg >= 0 ? distances.data[inLeg]! : 0) + (outLeg >= 0 ? distances.data[outLeg]! : 0) - (oldLeg >= 0 ? distances.data[oldLeg]! : 0);
    if (route.distance + added > v.maxDistance) return INFEASIBLE;
  }
  return delta;
}

/**
 * Necessary condition on time windows, in constant time: the job reachable in one of its
 * windows from the previous node's departure, and the next node still able to finish by its
 * latest end. Breaks and soft costs can only make a route later, and `latestEnd` ignores
 * breaks, so a position this rejects is infeasible; with breaks, one it accepts still needs the
 * full timing. Without breaks `latestEnd` is exact and so is this check: `insertionDelta`'s
 * constant-time path relies on it for time windows.
 */
function timingMayAllow(problem: Problem, route: Route, j: number, p: number): boolean {
  const v = route.vehicle;
  const n = route.jobs.length;
  const job = problem.jobs[j]!;
  const durations = v.travel.durations;
  const size = durations.size;
  const prevLoc = p > 0 ? problem.jobs[route.jobs[p - 1]!]!.loc : v.startLoc;
  const depart = p > 0 ? route.dep[p - 1]! : v.twStart;
  const arrival = depart + (prevLoc >= 0 ? durations.data[prevLoc * size + job.loc]! : 0);
  if (arrival > job.twLatest) return false;
  const start = earliestStart(job.tw, arrival);
  if (Number.isNaN(start)) return false;
  const end = start + (prevLoc !== job.loc || prevLoc < 0 ? job.setup : 0) + serviceTime(job, v.index);
  if (p < n) {
    const next = problem.jobs[route.jobs[p]!]!;
    const nextStart = earliestStart(next.tw, end + durations.data[job.loc * size + next.loc]!);
    if (Number.isNaN(nextStart)) return false;
    const nextSetup = job.loc !== next.loc ? next.setup : 0;
    return nextStart + nextSetup + serviceTime(next, v.index) <= route.latestEnd[p]!;
  }
  return end + (v.endLoc >= 0 ? durations.data[job.loc * size + v.endLoc]! : 0) <= v.twEnd;
}

/**
 * Change of leg costs plus the job's assignment cost (and the fixed cost when the route opens): a
 * lower bound of `insertionDelta` at the same place, since every other cost only grows when a job
 * is added. Constant time: no timing.
 */
export function legsDelta(problem: Problem, route: Route, j: number, p: number): number {
  const v = route.vehicle;
  const n = route.jobs.length;
  const job = problem.jobs[j]!;
  const costs = v.travel.costs;
  const size = costs.size;
  const prevLoc = p > 0 ? problem.jobs[route.jobs[p - 1]!]!.loc : v.startLoc;
  const nextLoc = p < n ? problem.jobs[route.jobs[p]!]!.loc : v.endLoc;
  let delta = assignmentCost(job, v.index) + (n === 0 ? v.fixedCost : 0);
  if (prevLoc >= 0) delta += costs.data[prevLoc * size + job.loc]!;
  if (nextLoc >= 0) delta += costs.data[job.loc * size + nextLoc]!;
  if (n > 0 && prevLoc >= 0 && nextLoc >= 0) delta -= costs.data[prevLoc * size + nextLoc]!;
  return delta;
}

function loadAllowsInsertion(route: Route, delivery: Float64Array, pickup: Float64Array, p: number, dims: number): boolean {
  const cap = route.vehicle.capacity;
  const n = route.jobs.length;
  for (let d = 0; d < dims; d++) {
    // Every step before the new job carries its delivery; every step after, its pickup.
    const startLoad = route.startLoad[d]! + delivery[d]!;
    if (startLoad > cap[d]!) return false;
    if (p > 0 && route.prefixMaxLoad[(p - 1) * dims + d]! + delivery[d]! > cap[d]!) return false;
    const before = p > 0 ? route.loadAfter[(p - 1) * dims + d]! : route.startLoad[d]!;
    if (before + pickup[d]! > cap[d]!) return false;
    if (p < n && route.suffixMaxLoad[p * dims + d]! + pickup[d]! > cap[d]!) return false;
  }
  return true;
}

/** Exact when costs depend on times: the suffix is re-timed node by node. */
function insertionDeltaBySlices(problem: Problem, route: Route, j: number, p: number, bound: number): number {
  const n = route.jobs.length;
  const cost = evaluateSlices(problem, route.vehicle, [{ route, from: 0, to: p }, { job: j }, { route, from: p, to: n }]);
  const delta = cost - route.cost;
  return delta < bound ? delta : INFEASIBLE;
}

/**
 * Vehicles with breaks: resume the route's walk after node p-1, serve j, then
 * the old nodes until the walk is back in step with the old route (same time
 * and same breaks taken): from there on nothing changes, and the old totals
 * finish the sum. Usually a few nodes instead of the whole day.
 */
function insertionDeltaByWalk(problem: Problem, route: Route, j: number, p: number, bound: number): number {
  const v = route.vehicle;
  const n = route.jobs.length;
  if (n + 1 > v.maxTasks) return INFEASIBLE;
  const job = problem.jobs[j]!;
  const dims = problem.dimensions;
  if (dims > 0) {
    if (!loadAllowsInsertion(route, job.delivery, job.pickup, p, dims)) return INFEASIBLE;
    // A break's load limit could decide differently once the loads shift: time it all.
    if (v.breaks.some((b) => b.maxLoad !== null)) return insertionDeltaBySchedule(problem, route, j, p, bound);
  }
  const walk = route.walk;
  if (walk === null) return insertionDeltaBySchedule(problem, route, j, p, bound);
  const startLoad = new Float64Array(dims);
  for (let d = 0; d < dims; d++) startLoad[d] = route.startLoad[d]! + job.delivery[d]!;
  walk.begin(v.twStart, startLoad);
  if (p > 0) {
    const k = p - 1;
    walk.resumeAfter(route, k);
    for (let d = 0; d < dims; d++) walk.load[d] = route.loadAfter[k * dims + d]! + job.delivery[d]!;
  }
  if (!walk.visit(job)) return INFEASIBLE;
  for (let k = p; k < n; k++) {
    if (!walk.visit(problem.jobs[route.jobs[k]!]!)) return INFEASIBLE;
    if (walk.sameStateAs(route, k)) {
      const travel = walk.travel + route.travel - route.cumTravel[k]!;
      const distance = walk.distance + route.distance - route.cumDistance[k]!;
      if (travel > v.maxTravelTime || distance > v.maxDistance) return INFEASIBLE;
      const work = walk.work + route.walkWork - route.cumWork[k]!;
      const ending = RouteWalk.bestEnding(v, route.finalEndTimes, route.finalLates, work);
      const cost = v.fixedCost + walk.cost + route.walkCost - route.cumCost[k]! + ending;
      const delta = cost - route.cost;
      return delta < bound ? delta : INFEASIBLE;
    }
  }
  const delta = walk.finish() - route.cost;
  return delta < bound ? delta : INFEASIBLE;
}

function insertionDeltaBySchedule(problem: Problem, route: Route, j: number, p: number, bound: number): number {
  const candidate = route.jobs.slice();
  candidate.splice(p, 0, j);
  const result = scheduleRoute(problem, route.vehicle, candidate, route.vehicle.twStart, false);
  if (!result.ok) return INFEASIBLE;
  const delta = result.schedule.cost - route.cost;
  return delta < bound ? delta : INFEASIBLE;
}
