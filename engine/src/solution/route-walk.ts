import type { JobData, Problem, VehicleData } from '../problem/model.ts';
import { assignmentCost, serviceTime } from '../problem/per-vehicle.ts';
import { latenessCost, routeTimeCost } from './soft-costs.ts';
import { earliestStart } from './time-windows.ts';

/** Why a sequence cannot be a route of this vehicle. */
export type ScheduleFailure = 'time_window' | 'capacity' | 'break' | 'max_tasks' | 'max_travel_time' | 'max_distance';

/** What a walk reports of each step, when asked (the output needs it, the search does not). */
export interface WalkedStep {
  readonly kind: 'job' | 'break';
  readonly index: number;
  readonly arrival: number;
  readonly waiting: number;
  readonly setup: number;
  readonly service: number;
  readonly travel: number;
  readonly distance: number;
  /** The walk's load array: copy it to keep it. */
  readonly load: Float64Array;
}

/**
 * Drives a vehicle through a sequence one task at a time, following the rules
 * of engine/README.md ("Route semantics"), breaks included. Its state after
 * any task can be saved and resumed, which lets the search time a changed
 * route from the change onwards instead of from the start.
 */
export class RouteWalk {
  /** Departure time from the last task (or the start). */
  t = 0;
  /** Location of the last task; -1 before the first when the vehicle has no start. */
  loc = -1;
  /** Index in vehicle.breaksInOrder of the next break to take. */
  nextBreak = 0;
  travel = 0;
  distance = 0;
  /** Legs, assignment and lateness costs so far (fixed and end-of-route costs come in `finish`). */
  cost = 0;
  /** Travel, setup and service of jobs so far. */
  work = 0;
  setupSum = 0;
  serviceSum = 0;
  waitingSum = 0;
  readonly load: Float64Array;
  failure: ScheduleFailure | null = null;
  /** Filled by `finish`: arrival at the end (or completion of the last task). */
  endTime = 0;

  private readonly v: number;
  private readonly size: number;

  constructor(
    private readonly problem: Problem,
    private readonly vehicle: VehicleData,
    private readonly record: ((step: WalkedStep) => void) | null = null,
  ) {
    this.v = vehicle.index;
    this.size = vehicle.travel.durations.size;
    this.load = new Float64Array(problem.dimensions);
  }

  /** Starts a route that will serve jobs, leaving at `departure` with `startLoad`. */
  begin(departure: number, startLoad: Float64Array | null): void {
    this.t = departure;
    this.loc = this.vehicle.startLoc;
    this.nextBreak = 0;
    this.travel = 0;
    this.distance = 0;
    this.cost = 0;
    this.work = 0;
    this.setupSum = 0;
    this.serviceSum = 0;
    this.waitingSum = 0;
    this.failure = null;
    if (startLoad) this.load.set(startLoad);
    else this.load.fill(0);
  }

  /** Takes the breaks due before `job`, travels to it and serves it. False on failure. */
  visit(job: JobData): boolean {
    if (this.failure) return false;
    const { durations, distances, costs } = this.vehicle.travel;
    const leg = this.loc >= 0 ? this.loc * this.size + job.loc : -1;
    const legTime = leg >= 0 ? durations.data[leg] : 0;
    const remaining = this.takeBreaks(job, legTime);
    if (remaining < 0) return false;
    if (leg >= 0) {
      this.travel += legTime;
      this.distance += distances.data[leg];
      this.cost += costs.data[leg];
      this.work += legTime;
    }
    const arrival = this.t + remaining;
    const start = earliestStart(job.tw, arrival);
    if (Number.isNaN(start)) return this.fail('time_window');
    const setup = this.loc !== job.loc || this.loc < 0 ? job.setup : 0;
    const service = serviceTime(job, this.v);
    this.cost += assignmentCost(job, this.v) + latenessCost(job, start);
    const dims = this.load.length;
    for (let d = 0; d < dims; d++) {
      this.load[d] += job.pickup[d] - job.delivery[d];
      if (this.load[d] > this.vehicle.capacity[d]) return this.fail('capacity');
    }
    this.record?.({
      kind: 'job',
      index: job.index,
      arrival,
      waiting: start - arrival,
      setup,
      service,
      travel: this.travel,
      distance: this.distance,
      load: this.load,
    });
    this.waitingSum += start - arrival;
    this.setupSum += setup;
    this.serviceSum += service;
    this.work += setup + service;
    this.t = start + setup + service;
    this.loc = job.loc;
    return true;
  }

  /**
   * Takes the remaining breaks, drives to the end and checks the route's
   * limits. Returns the route's whole cost (fixed cost included), or +Infinity.
   */
  finish(): number {
    if (this.failure) return Number.POSITIVE_INFINITY;
    const v = this.vehicle;
    const { durations, distances, costs } = v.travel;
    const leg = this.loc >= 0 && v.endLoc >= 0 ? this.loc * this.size + v.endLoc : -1;
    const legTime = leg >= 0 ? durations.data[leg] : 0;
    const remaining = this.takeBreaks(null, legTime);
    if (remaining < 0) return Number.POSITIVE_INFINITY;
    if (this.nextBreak < v.breaksInOrder.length) return this.failed('break');
    if (leg >= 0) {
      this.travel += legTime;
      this.distance += distances.data[leg];
      this.cost += costs.data[leg];
      this.work += legTime;
    }
    this.endTime = this.t + remaining;
    if (this.endTime > v.twEnd) return this.failed('time_window');
    if (this.travel > v.maxTravelTime) return this.failed('max_travel_time');
    if (this.distance > v.maxDistance) return this.failed('max_distance');
    return v.fixedCost + this.cost + routeTimeCost(v, this.endTime, this.work);
  }

  /**
   * Breaks due in the gap before `job` (null: before the end), taken during
   * the travel or the waiting (travel is split around them). Returns the
   * travel still to do, or -1 on failure.
   */
  private takeBreaks(job: JobData | null, legTime: number): number {
    const breaks = this.vehicle.breaksInOrder;
    let remaining = legTime;
    while (this.nextBreak < breaks.length) {
      const brk = breaks[this.nextBreak];
      const breakStart = earliestStart(brk.tw, this.t);
      if (Number.isNaN(breakStart)) return this.failAt('break');
      const loadAllows = brk.maxLoad === null || !exceeds(this.load, brk.maxLoad);
      let takeNow = true;
      if (job) {
        const taskDuration = (this.loc !== job.loc || this.loc < 0 ? job.setup : 0) + serviceTime(job, this.v);
        const startWithout = earliestStart(job.tw, this.t + remaining);
        if (Number.isNaN(startWithout)) return this.failAt('time_window');
        // Take it now when it cannot wait until after the job, or when it costs nothing (it fits in the waiting).
        const canDefer = !Number.isNaN(earliestStart(brk.tw, startWithout + taskDuration));
        const readyWith = Math.max(breakStart + brk.service, this.t + remaining + brk.service);
        const fitsInWaiting = earliestStart(job.tw, readyWith) === startWithout;
        takeNow = !canDefer || (fitsInWaiting && loadAllows);
      }
      if (!takeNow) break;
      if (!loadAllows) return this.failAt('break');
      const before = Math.min(remaining, breakStart - this.t);
      const arrival = this.t + before;
      this.record?.({
        kind: 'break',
        index: brk.index,
        arrival,
        waiting: breakStart - arrival,
        setup: 0,
        service: brk.service,
        travel: this.travel,
        distance: this.distance,
        load: this.load,
      });
      this.waitingSum += breakStart - arrival;
      this.serviceSum += brk.service;
      remaining -= before;
      this.t = breakStart + brk.service;
      this.nextBreak++;
    }
    return remaining;
  }

  private fail(reason: ScheduleFailure): false {
    this.failure = reason;
    return false;
  }

  private failAt(reason: ScheduleFailure): -1 {
    this.failure = reason;
    return -1;
  }

  private failed(reason: ScheduleFailure): number {
    this.failure = reason;
    return Number.POSITIVE_INFINITY;
  }
}

export function exceeds(load: Float64Array, limit: Float64Array): boolean {
  for (let d = 0; d < load.length; d++) if (load[d] > limit[d]) return true;
  return false;
}
