import { assignmentCost, serviceTime } from '../problem/per-vehicle.ts';
import type { Problem, VehicleData } from '../problem/model.ts';
import type { Route } from './route.ts';
import type { RouteWalk } from './route-walk.ts';
import { scheduleRoute } from './schedule.ts';
import { latenessCost, routeTimeCost } from './soft-costs.ts';
import { earliestStart } from './time-windows.ts';

/** Nodes [from, to) of a route's current sequence, or a lone job from nowhere. */
export type Slice = { readonly route: Route; readonly from: number; readonly to: number } | { readonly job: number };

const INFEASIBLE = Number.POSITIVE_INFINITY;

function sliceLength(s: Slice): number {
  return 'job' in s ? 1 : s.to - s.from;
}

function sliceJob(s: Slice, k: number): number {
  return 'job' in s ? s.job : s.route.jobs[s.from + k]!;
}

/**
 * Cost (fixed cost included) of the route that `vehicle` would drive through
 * the concatenation of `slices`, or +Infinity when it breaks a constraint.
 *
 * A leading prefix of the vehicle's own route reuses its forward caches, and a
 * trailing suffix of a route timed alike reuses its backward caches, so moves
 * that splice a few nodes between a prefix and a suffix (relocate, swap,
 * 2-opt*, or-opt, cross-exchange) cost O(nodes in the middle). When costs
 * depend on times (deadlines, overtime, workload) the suffix is walked node by
 * node instead: its feasibility could be cached, its cost cannot.
 */
export function evaluateSlices(problem: Problem, vehicle: VehicleData, slices: readonly Slice[]): number {
  let count = 0;
  for (const s of slices) count += sliceLength(s);
  if (count === 0) return 0;
  if (count > vehicle.maxTasks) return INFEASIBLE;
  if (vehicle.breaks.length > 0) return evaluateBySchedule(problem, vehicle, slices);

  const dims = problem.dimensions;
  const cap = vehicle.capacity;
  const jobData = problem.jobs;
  const load = dims > 0 ? new Float64Array(dims) : null;
  if (load) {
    for (const s of slices) {
      if ('job' in s) {
        for (let d = 0; d < dims; d++) load[d]! += jobData[s.job]!.delivery[d]!;
        continue;
      }
      if (s.to <= s.from) continue;
      for (let d = 0; d < dims; d++) {
        const upTo = s.route.cumDelivery[(s.to - 1) * dims + d]!;
        const before = s.from > 0 ? s.route.cumDelivery[(s.from - 1) * dims + d]! : 0;
        load[d]! += upTo - before;
      }
    }
    for (let d = 0; d < dims; d++) if (load[d]! > cap[d]!) return INFEASIBLE;
  }

  const vi = vehicle.index;
  const { durations, distances, costs } = vehicle.travel;
  const size = durations.size;
  let t = vehicle.twStart;
  let loc = vehicle.startLoc;
  let travel = 0;
  let distance = 0;
  let cost = 0;
  let work = 0;
  let k = 0;
  while (k < slices.length && sliceLength(slices[k]!) === 0) k++;

  const first = slices[k]!;
  if (!('job' in first) && first.from === 0 && first.route.vehicle === vehicle) {
    const route = first.route;
    const last = first.to - 1;
    t = route.dep[last]!;
    loc = route.locAt(last);
    travel = route.cumTravel[last]!;
    distance = route.cumDistance[last]!;
    cost = route.cumCost[last]!;
    work = route.cumWork[last]!;
    if (load) {
      for (let d = 0; d < dims; d++) {
        const shift = load[d]! - route.startLoad[d]!;
        if (route.prefixMaxLoad[last * dims + d]! + shift > cap[d]!) return INFEASIBLE;
        load[d] = route.loadAfter[last * dims + d]! + shift;
      }
    }
    k++;
  }

  for (; k < slices.length; k++) {
    const s = slices[k]!;
    const length = sliceLength(s);
    if (length === 0) continue;
    if (
      k === slices.length - 1 &&
      !('job' in s) &&
      s.to === s.route.size &&
      loc >= 0 &&
      !problem.timeDependentCosts &&
      s.route.vehicle.timingKey === vehicle.timingKey &&
      (s.route.vehicle === vehicle || !problem.hasAssignmentCosts)
    ) {
      // Splice onto a suffix timed alike: one check against its latest completion.
      const route = s.route;
      const f = s.from;
      const job = jobData[route.jobs[f]!]!;
      const leg = loc * size + job.loc;
      const start = earliestStart(job.tw, t + durations.data[leg]!);
      if (Number.isNaN(start)) return INFEASIBLE;
      const end = start + (loc !== job.loc ? job.setup : 0) + serviceTime(job, vi);
      if (end > route.latestEnd[f]!) return INFEASIBLE;
      if (load) {
        for (let d = 0; d < dims; d++) {
          const oldBefore = f > 0 ? route.loadAfter[(f - 1) * dims + d]! : route.startLoad[d]!;
          if (route.suffixMaxLoad[f * dims + d]! + load[d]! - oldBefore > cap[d]!) return INFEASIBLE;
        }
      }
      travel += durations.data[leg]! + route.travel - route.cumTravel[f]!;
      distance += distances.data[leg]! + route.distance - route.cumDistance[f]!;
      // Suffix cost without the leg into f: everything after f's arrival, plus f's own assignment cost.
      cost += costs.data[leg]! + route.variableCost - route.cumCost[f]! + assignmentCost(job, vi);
      return finish(vehicle, travel, distance, cost);
    }
    for (let n = 0; n < length; n++) {
      const job = jobData[sliceJob(s, n)]!;
      if (loc >= 0) {
        const leg = loc * size + job.loc;
        t += durations.data[leg]!;
        travel += durations.data[leg]!;
        distance += distances.data[leg]!;
        cost += costs.data[leg]!;
        work += durations.data[leg]!;
      }
      if (t > job.twLatest) return INFEASIBLE;
      const start = earliestStart(job.tw, t);
      if (Number.isNaN(start)) return INFEASIBLE;
      const task = (loc !== job.loc || loc < 0 ? job.setup : 0) + serviceTime(job, vi);
      cost += assignmentCost(job, vi) + latenessCost(job, start);
      work += task;
      t = start + task;
      loc = job.loc;
      if (load) {
        for (let d = 0; d < dims; d++) {
          load[d]! += job.pickup[d]! - job.delivery[d]!;
          if (load[d]! > cap[d]!) return INFEASIBLE;
        }
      }
    }
  }
  if (loc >= 0 && vehicle.endLoc >= 0) {
    const leg = loc * size + vehicle.endLoc;
    t += durations.data[leg]!;
    travel += durations.data[leg]!;
    distance += distances.data[leg]!;
    cost += costs.data[leg]!;
    work += durations.data[leg]!;
  }
  if (t > vehicle.twEnd) return INFEASIBLE;
  return finish(vehicle, travel, distance, cost + routeTimeCost(vehicle, t, work));
}

function finish(vehicle: VehicleData, travel: number, distance: number, cost: number): number {
  if (travel > vehicle.maxTravelTime || distance > vehicle.maxDistance) return INFEASIBLE;
  return cost + vehicle.fixedCost;
}

/**
 * A lower bound of `evaluateSlices` in O(slices) (plus the nodes of slices taken from a
 * vehicle that costs travel differently, and of jobs with assignment costs): the fixed
 * cost, the legs' travel cost and the assignment costs. Every other cost (lateness,
 * overtime, workload) is non-negative, so a move whose bound already fails to improve
 * needs no timing at all — most moves a local search looks at are such.
 */
export function costLowerBound(problem: Problem, vehicle: VehicleData, slices: readonly Slice[]): number {
  const costs = vehicle.travel.costs;
  const size = costs.size;
  const jobData = problem.jobs;
  const vi = vehicle.index;
  let loc = vehicle.startLoc;
  let bound = 0;
  let empty = true;
  for (const s of slices) {
    const length = sliceLength(s);
    if (length === 0) continue;
    empty = false;
    if ('job' in s) {
      const job = jobData[s.job]!;
      if (loc >= 0) bound += costs.data[loc * size + job.loc]!;
      bound += assignmentCost(job, vi);
      loc = job.loc;
      continue;
    }
    const route = s.route;
    const firstLoc = route.locAt(s.from);
    if (loc >= 0) bound += costs.data[loc * size + firstLoc]!;
    if (route.vehicle.travel.costs === costs) {
      bound += route.cumLegCost[s.to - 1]! - route.cumLegCost[s.from]!;
    } else {
      for (let i = s.from + 1; i < s.to; i++) bound += costs.data[route.locAt(i - 1) * size + route.locAt(i)]!;
    }
    if (problem.hasAssignmentCosts) for (let i = s.from; i < s.to; i++) bound += assignmentCost(jobData[route.jobs[i]!]!, vi);
    loc = route.locAt(s.to - 1);
  }
  if (empty) return 0;
  if (loc >= 0 && vehicle.endLoc >= 0) bound += costs.data[loc * size + vehicle.endLoc]!;
  return bound + vehicle.fixedCost;
}

/** The job sequence a list of slices describes. */
export function sliceJobs(slices: readonly Slice[]): number[] {
  const jobs: number[] = [];
  for (const s of slices) for (let n = 0; n < sliceLength(s); n++) jobs.push(sliceJob(s, n));
  return jobs;
}

/**
 * Vehicles with breaks: walk the sequence, resuming after a leading prefix of
 * the vehicle's own route (its walk state is cached) when no break has a load
 * limit that the changed loads could sway.
 */
function evaluateBySchedule(problem: Problem, vehicle: VehicleData, slices: readonly Slice[]): number {
  const dims = problem.dimensions;
  const first = slices.find((s) => sliceLength(s) > 0);
  const resumable =
    first !== undefined &&
    !('job' in first) &&
    first.from === 0 &&
    first.route.vehicle === vehicle &&
    first.route.walk !== null &&
    (dims === 0 || vehicle.breaks.every((b) => b.maxLoad === null));
  if (!resumable) {
    const result = scheduleRoute(problem, vehicle, sliceJobs(slices), vehicle.twStart, false);
    return result.ok ? result.schedule.cost : INFEASIBLE;
  }
  const route = first.route;
  const walk = route.walk as RouteWalk;
  const startLoad = new Float64Array(dims);
  for (const s of slices)
    for (let n = 0; n < sliceLength(s); n++) {
      const job = problem.jobs[sliceJob(s, n)]!;
      for (let d = 0; d < dims; d++) startLoad[d]! += job.delivery[d]!;
    }
  for (let d = 0; d < dims; d++) if (startLoad[d]! > vehicle.capacity[d]!) return INFEASIBLE;
  walk.begin(vehicle.twStart, startLoad);
  const k = first.to - 1;
  walk.resumeAfter(route, k);
  for (let d = 0; d < dims; d++) {
    const shift = startLoad[d]! - route.startLoad[d]!;
    if (route.prefixMaxLoad[k * dims + d]! + shift > vehicle.capacity[d]!) return INFEASIBLE;
    walk.load[d] = route.loadAfter[k * dims + d]! + shift;
  }
  let started = false;
  for (const s of slices) {
    if (!started) {
      if (s === first) started = true;
      continue;
    }
    for (let n = 0; n < sliceLength(s); n++) if (!walk.visit(problem.jobs[sliceJob(s, n)]!)) return INFEASIBLE;
  }
  return walk.finish();
}
