import type { JobData, Problem, VehicleData } from '../problem/model.ts';
import { assignmentCost, serviceTime } from '../problem/per-vehicle.ts';
import { latenessCost, routeTimeCost } from './soft-costs.ts';
import { earliestStart } from './time-windows.ts';

/**
 * The reference timing of a route, step by step, following the rules of
 * engine/README.md ("Route semantics"). The search uses faster cached checks
 * for vehicles without breaks; this function is the one truth behind the
 * output and behind every vehicle that has breaks.
 */

export interface ScheduledStep {
  readonly kind: 'job' | 'break';
  /** Job index or break index. */
  readonly index: number;
  readonly arrival: number;
  readonly waiting: number;
  readonly setup: number;
  readonly service: number;
  /** Cumulated travel time and distance upon arrival. */
  readonly travel: number;
  readonly distance: number;
  /** Load after the step, one entry per dimension. */
  readonly load: Float64Array;
}

export interface Schedule {
  readonly departure: number;
  /** Arrival at the end, or completion of the last step when the vehicle has no end. */
  readonly endTime: number;
  readonly steps: readonly ScheduledStep[];
  readonly startLoad: Float64Array;
  readonly travel: number;
  readonly distance: number;
  readonly cost: number;
  readonly setup: number;
  readonly service: number;
  readonly waiting: number;
}

/** Why a sequence cannot be a route of this vehicle. */
export type ScheduleFailure = 'time_window' | 'capacity' | 'break' | 'max_tasks' | 'max_travel_time' | 'max_distance';

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; reason: ScheduleFailure };

export function scheduleRoute(
  problem: Problem,
  vehicle: VehicleData,
  jobs: readonly number[],
  departure: number = vehicle.twStart,
  recordSteps = true,
): ScheduleResult {
  if (jobs.length > vehicle.maxTasks) return { ok: false, reason: 'max_tasks' };
  const dims = problem.dimensions;
  const load = new Float64Array(dims);
  for (const j of jobs) for (let d = 0; d < dims; d++) load[d] += problem.jobs[j].delivery[d];
  if (exceeds(load, vehicle.capacity)) return { ok: false, reason: 'capacity' };
  const startLoad = recordSteps ? load.slice() : load;

  const { durations, distances, costs } = vehicle.travel;
  const size = durations.size;
  const steps: ScheduledStep[] = [];
  // Breaks still to take: vehicle.breaksInOrder[nextBreak…]; an unused vehicle takes none.
  const breaks = vehicle.breaksInOrder;
  let nextBreak = jobs.length > 0 ? 0 : breaks.length;
  let t = departure;
  let loc = vehicle.startLoc;
  let travel = 0;
  let distance = 0;
  let cost = jobs.length > 0 ? vehicle.fixedCost : 0;
  let setupSum = 0;
  let serviceSum = 0;
  let waitingSum = 0;
  const v = vehicle.index;

  for (let n = 0; n <= jobs.length; n++) {
    const job: JobData | null = n < jobs.length ? problem.jobs[jobs[n]] : null;
    const nextLoc = job ? job.loc : vehicle.endLoc;
    const leg = loc >= 0 && nextLoc >= 0 ? loc * size + nextLoc : -1;
    const legTime = leg >= 0 ? durations.data[leg] : 0;
    let remaining = legTime;

    // Breaks that must or may be taken in this gap, in order.
    while (nextBreak < breaks.length) {
      const brk = breaks[nextBreak];
      const breakStart = earliestStart(brk.tw, t);
      if (Number.isNaN(breakStart)) return { ok: false, reason: 'break' };
      let takeNow = job === null;
      if (job) {
        const taskDuration = job.setup * (loc !== job.loc ? 1 : 0) + serviceTime(job, v);
        const startWithout = earliestStart(job.tw, t + remaining);
        if (Number.isNaN(startWithout)) return { ok: false, reason: 'time_window' };
        const canDefer = !Number.isNaN(earliestStart(brk.tw, startWithout + taskDuration));
        const readyWith = Math.max(breakStart + brk.service, t + remaining + brk.service);
        const fitsInWaiting = earliestStart(job.tw, readyWith) === startWithout;
        const loadAllows = brk.maxLoad === null || !exceeds(load, brk.maxLoad);
        takeNow = !canDefer || (fitsInWaiting && loadAllows);
      }
      if (!takeNow) break;
      if (brk.maxLoad !== null && exceeds(load, brk.maxLoad)) return { ok: false, reason: 'break' };
      const before = Math.min(remaining, breakStart - t);
      const arrival = t + before;
      if (recordSteps) {
        steps.push({
          kind: 'break',
          index: brk.index,
          arrival,
          waiting: breakStart - arrival,
          setup: 0,
          service: brk.service,
          travel,
          distance,
          load: load.slice(),
        });
      }
      waitingSum += breakStart - arrival;
      serviceSum += brk.service;
      remaining -= before;
      t = breakStart + brk.service;
      nextBreak++;
    }

    if (leg >= 0) {
      travel += legTime;
      distance += distances.data[leg];
      cost += costs.data[leg];
    }
    const arrival = t + remaining;
    if (!job) {
      t = arrival;
      break;
    }
    const start = earliestStart(job.tw, arrival);
    if (Number.isNaN(start)) return { ok: false, reason: 'time_window' };
    const setup = loc !== job.loc || loc < 0 ? job.setup : 0;
    const service = serviceTime(job, v);
    cost += assignmentCost(job, v) + latenessCost(job, start);
    for (let d = 0; d < dims; d++) load[d] += job.pickup[d] - job.delivery[d];
    if (exceeds(load, vehicle.capacity)) return { ok: false, reason: 'capacity' };
    if (recordSteps) {
      steps.push({
        kind: 'job',
        index: job.index,
        arrival,
        waiting: start - arrival,
        setup,
        service,
        travel,
        distance,
        load: load.slice(),
      });
    }
    waitingSum += start - arrival;
    setupSum += setup;
    serviceSum += service;
    t = start + setup + service;
    loc = job.loc;
  }

  if (nextBreak < breaks.length) return { ok: false, reason: 'break' };
  if (t > vehicle.twEnd) return { ok: false, reason: 'time_window' };
  if (travel > vehicle.maxTravelTime) return { ok: false, reason: 'max_travel_time' };
  if (distance > vehicle.maxDistance) return { ok: false, reason: 'max_distance' };
  if (jobs.length > 0) cost += routeTimeCost(vehicle, t, travel + setupSum + jobServiceSum(problem, vehicle, jobs));
  return {
    ok: true,
    schedule: {
      departure,
      endTime: t,
      steps,
      startLoad,
      travel,
      distance,
      cost,
      setup: setupSum,
      service: serviceSum,
      waiting: waitingSum,
    },
  };
}

/**
 * The same route leaving as late as possible without changing anything after
 * the first task: nobody waits at the first job for it to open.
 */
export function scheduleWithLateDeparture(problem: Problem, vehicle: VehicleData, jobs: readonly number[]): ScheduleResult {
  const early = scheduleRoute(problem, vehicle, jobs);
  if (!early.ok || early.schedule.steps.length === 0) return early;
  const first = early.schedule.steps[0];
  if (first.waiting <= 0) return early;
  const late = scheduleRoute(problem, vehicle, jobs, early.schedule.departure + first.waiting);
  if (late.ok && late.schedule.endTime === early.schedule.endTime && late.schedule.travel === early.schedule.travel) return late;
  return early;
}

/** Service of the jobs alone (breaks are not work). */
function jobServiceSum(problem: Problem, vehicle: VehicleData, jobs: readonly number[]): number {
  let sum = 0;
  for (const j of jobs) sum += serviceTime(problem.jobs[j], vehicle.index);
  return sum;
}

function exceeds(load: Float64Array, limit: Float64Array): boolean {
  for (let d = 0; d < load.length; d++) if (load[d] > limit[d]) return true;
  return false;
}
