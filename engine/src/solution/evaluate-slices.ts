import type { Problem, VehicleData } from '../problem/model.ts';
import type { Route } from './route.ts';
import { scheduleRoute } from './schedule.ts';
import { earliestStart } from './time-windows.ts';

/** Nodes [from, to) of a route's current sequence. */
export interface Slice {
  readonly route: Route;
  readonly from: number;
  readonly to: number;
}

const INFEASIBLE = Number.POSITIVE_INFINITY;

/**
 * Cost (fixed cost included) of the route that `vehicle` would drive through
 * the concatenation of `slices`, or +Infinity when it breaks a constraint.
 *
 * A leading prefix of the vehicle's own route reuses its forward caches, and a
 * trailing suffix of a route timed alike reuses its backward caches, so moves
 * that splice a few nodes between a prefix and a suffix (relocate, swap,
 * 2-opt*, or-opt, cross-exchange) cost O(nodes in the middle).
 */
export function evaluateSlices(problem: Problem, vehicle: VehicleData, slices: readonly Slice[]): number {
  let count = 0;
  for (const s of slices) count += s.to - s.from;
  if (count === 0) return 0;
  if (count > vehicle.maxTasks) return INFEASIBLE;
  if (vehicle.breaks.length > 0) return evaluateBySchedule(problem, vehicle, slices);

  const dims = problem.dimensions;
  const cap = vehicle.capacity;
  const load = dims > 0 ? new Float64Array(dims) : null;
  if (load) {
    for (const s of slices) {
      if (s.to <= s.from) continue;
      for (let d = 0; d < dims; d++) {
        const upTo = s.route.cumDelivery[(s.to - 1) * dims + d];
        const before = s.from > 0 ? s.route.cumDelivery[(s.from - 1) * dims + d] : 0;
        load[d] += upTo - before;
      }
    }
    for (let d = 0; d < dims; d++) if (load[d] > cap[d]) return INFEASIBLE;
  }

  const { durations, distances, costs } = vehicle.travel;
  const size = durations.size;
  const jobData = problem.jobs;
  let t = vehicle.twStart;
  let loc = vehicle.startLoc;
  let travel = 0;
  let distance = 0;
  let cost = 0;
  let k = 0;
  while (k < slices.length && slices[k].to <= slices[k].from) k++;

  const first = slices[k];
  if (first.from === 0 && first.route.vehicle === vehicle) {
    const route = first.route;
    const last = first.to - 1;
    t = route.dep[last];
    loc = route.locAt(last);
    travel = route.cumTravel[last];
    distance = route.cumDistance[last];
    cost = route.cumCost[last];
    if (load) {
      for (let d = 0; d < dims; d++) {
        const shift = load[d] - route.startLoad[d];
        if (route.prefixMaxLoad[last * dims + d] + shift > cap[d]) return INFEASIBLE;
        load[d] = route.loadAfter[last * dims + d] + shift;
      }
    }
    k++;
  }

  for (; k < slices.length; k++) {
    const s = slices[k];
    if (s.to <= s.from) continue;
    const route = s.route;
    const isLast = k === slices.length - 1;
    if (isLast && s.to === route.size && route.vehicle.timingKey === vehicle.timingKey && loc >= 0) {
      // Splice onto a suffix timed alike: one check against its latest completion.
      const f = s.from;
      const job = jobData[route.jobs[f]];
      const leg = loc * size + job.loc;
      const start = earliestStart(job.tw, t + durations.data[leg]);
      if (Number.isNaN(start)) return INFEASIBLE;
      const end = start + (loc !== job.loc ? job.setup : 0) + job.service;
      if (end > route.latestEnd[f]) return INFEASIBLE;
      if (load) {
        for (let d = 0; d < dims; d++) {
          const oldBefore = f > 0 ? route.loadAfter[(f - 1) * dims + d] : route.startLoad[d];
          if (route.suffixMaxLoad[f * dims + d] + load[d] - oldBefore > cap[d]) return INFEASIBLE;
        }
      }
      travel += durations.data[leg] + route.travel - route.cumTravel[f];
      distance += distances.data[leg] + route.distance - route.cumDistance[f];
      cost += costs.data[leg] + route.travelCost - route.cumCost[f];
      return finish(vehicle, travel, distance, cost);
    }
    for (let i = s.from; i < s.to; i++) {
      const job = jobData[route.jobs[i]];
      if (loc >= 0) {
        const leg = loc * size + job.loc;
        t += durations.data[leg];
        travel += durations.data[leg];
        distance += distances.data[leg];
        cost += costs.data[leg];
      }
      if (t > job.twLatest) return INFEASIBLE;
      const start = earliestStart(job.tw, t);
      if (Number.isNaN(start)) return INFEASIBLE;
      t = start + (loc !== job.loc || loc < 0 ? job.setup : 0) + job.service;
      loc = job.loc;
      if (load) {
        for (let d = 0; d < dims; d++) {
          load[d] += job.pickup[d] - job.delivery[d];
          if (load[d] > cap[d]) return INFEASIBLE;
        }
      }
    }
  }
  if (loc >= 0 && vehicle.endLoc >= 0) {
    const leg = loc * size + vehicle.endLoc;
    t += durations.data[leg];
    travel += durations.data[leg];
    distance += distances.data[leg];
    cost += costs.data[leg];
  }
  if (t > vehicle.twEnd) return INFEASIBLE;
  return finish(vehicle, travel, distance, cost);
}

function finish(vehicle: VehicleData, travel: number, distance: number, cost: number): number {
  if (travel > vehicle.maxTravelTime || distance > vehicle.maxDistance) return INFEASIBLE;
  return cost + vehicle.fixedCost;
}

function evaluateBySchedule(problem: Problem, vehicle: VehicleData, slices: readonly Slice[]): number {
  const jobs: number[] = [];
  for (const s of slices) for (let i = s.from; i < s.to; i++) jobs.push(s.route.jobs[i]);
  const result = scheduleRoute(problem, vehicle, jobs);
  return result.ok ? result.schedule.cost : INFEASIBLE;
}
