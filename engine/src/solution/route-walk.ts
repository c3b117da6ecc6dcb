import type { BreakData, JobData, Problem, VehicleData } from '../problem/model.ts';
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

/** What a route caches of a walk after each of its nodes, so that a changed route is timed from the change on. */
export interface WalkCache {
  /** Per node i and state s (breaks taken), at [i * states + s]: earliest departure (+Infinity: unreachable) and lateness so far. */
  readonly stateTimes: Float64Array;
  readonly stateLates: Float64Array;
  readonly cumTravel: Float64Array;
  readonly cumDistance: Float64Array;
  readonly cumCost: Float64Array;
  readonly cumWork: Float64Array;
  locAt(i: number): number;
}

/**
 * Drives a vehicle through a sequence one task at a time, following the rules
 * of engine/README.md ("Route semantics"), breaks included. Its state after
 * any task can be saved and resumed, which lets the search time a changed
 * route from the change onwards instead of from the start.
 *
 * Where the breaks go is not decided step by step: a break taken in the waiting before a job
 * may delay it a little and spare the whole break later, or push a later job out of its window.
 * Breaks have no location, so every placement drives the same legs and only times differ;
 * the walk keeps, for each number of breaks taken so far, the earliest departure any
 * placement reaches (a later departure with as many breaks taken can do nothing an earlier one
 * cannot), and the end picks the best. With one lunch break that is two states per node: a
 * route VROOM times with its break before a waiting job is feasible here too.
 */
export class RouteWalk {
  /** Location of the last task; -1 before the first when the vehicle has no start. */
  loc = -1;
  travel = 0;
  distance = 0;
  /** Legs and assignment costs so far: the same wherever the breaks go. Lateness is per state. */
  cost = 0;
  /** Travel, setup and service of jobs so far. */
  work = 0;
  setupSum = 0;
  /** Services so far: jobs', and once `finish` has run, every break's. */
  serviceSum = 0;
  readonly load: Float64Array;
  failure: ScheduleFailure | null = null;
  /** Filled by `finish`: arrival at the end (or completion of the last task), and the waiting of the chosen timing. */
  endTime = 0;
  waitingSum = 0;

  /** Breaks + 1: state s means s breaks (in `breaksInOrder`) taken so far. */
  readonly states: number;
  /** Per state: earliest departure from the last task, +Infinity when no placement of the breaks reaches it. */
  readonly times: Float64Array;
  /** Per state: lateness costs so far, and waiting so far (breaks' waits included). */
  readonly lates: Float64Array;
  readonly waits: Float64Array;
  /** Filled by `finish`, per state before the last leg: the end time (+Infinity when infeasible). */
  readonly endTimes: Float64Array;

  private readonly nextTimes: Float64Array;
  private readonly nextLates: Float64Array;
  private readonly nextWaits: Float64Array;
  private readonly from: Int32Array;
  /** The gap being walked by `takeBreak`: departure (or end of the last break), leg still to drive, waiting so far, last break's arrival. */
  private gapT = 0;
  private gapRemaining = 0;
  private gapWait = 0;
  private gapArrival = 0;
  private readonly v: number;
  private readonly size: number;
  /** Record mode: the departure and start load, the jobs and, per job and state, the state before its gap. */
  private departure = 0;
  private readonly startLoad: Float64Array;
  private readonly visited: JobData[] = [];
  private readonly trail: number[] = [];

  constructor(
    private readonly problem: Problem,
    private readonly vehicle: VehicleData,
    private readonly record: ((step: WalkedStep) => void) | null = null,
  ) {
    this.v = vehicle.index;
    this.size = vehicle.travel.durations.size;
    this.load = new Float64Array(problem.dimensions);
    this.startLoad = new Float64Array(problem.dimensions);
    this.states = vehicle.breaksInOrder.length + 1;
    this.times = new Float64Array(this.states);
    this.lates = new Float64Array(this.states);
    this.waits = new Float64Array(this.states);
    this.endTimes = new Float64Array(this.states);
    this.nextTimes = new Float64Array(this.states);
    this.nextLates = new Float64Array(this.states);
    this.nextWaits = new Float64Array(this.states);
    this.from = new Int32Array(this.states);
  }

  /** The earliest departure from the last task over every placement of the breaks. */
  get t(): number {
    let t = Number.POSITIVE_INFINITY;
    for (let s = 0; s < this.states; s++) if (this.times[s]! < t) t = this.times[s]!;
    return t;
  }

  /** Starts a route that will serve jobs, leaving at `departure` with `startLoad`. */
  begin(departure: number, startLoad: Float64Array | null): void {
    this.loc = this.vehicle.startLoc;
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
    this.times.fill(Number.POSITIVE_INFINITY);
    this.times[0] = departure;
    this.lates.fill(0);
    this.waits.fill(0);
    if (this.record) {
      this.departure = departure;
      this.startLoad.set(this.load);
      this.visited.length = 0;
      this.trail.length = 0;
    }
  }

  /** Resumes after node k of a cached route of this vehicle (loads are the caller's to set). */
  resumeAfter(cache: WalkCache, k: number): void {
    const states = this.states;
    for (let s = 0; s < states; s++) {
      this.times[s] = cache.stateTimes[k * states + s]!;
      this.lates[s] = cache.stateLates[k * states + s]!;
      this.waits[s] = 0;
    }
    this.loc = cache.locAt(k);
    this.travel = cache.cumTravel[k]!;
    this.distance = cache.cumDistance[k]!;
    this.cost = cache.cumCost[k]!;
    this.work = cache.cumWork[k]!;
  }

  /** Saves the state after node i into a route's cache arrays. */
  saveAfter(stateTimes: Float64Array, stateLates: Float64Array, i: number): void {
    const states = this.states;
    for (let s = 0; s < states; s++) {
      stateTimes[i * states + s] = this.times[s]!;
      stateLates[i * states + s] = this.lates[s]!;
    }
  }

  /** True when the walk is in the state a cached route had after node k: from there on, nothing differs. */
  sameStateAs(cache: WalkCache, k: number): boolean {
    const states = this.states;
    for (let s = 0; s < states; s++) {
      const t = cache.stateTimes[k * states + s];
      if (this.times[s] !== t) return false;
      if (t !== Number.POSITIVE_INFINITY && this.lates[s] !== cache.stateLates[k * states + s]) return false;
    }
    return true;
  }

  /** Takes breaks before `job` where they delay least, travels to it and serves it. False on failure. */
  visit(job: JobData): boolean {
    if (this.failure) return false;
    const { durations, distances, costs } = this.vehicle.travel;
    const leg = this.loc >= 0 ? this.loc * this.size + job.loc : -1;
    const legTime = leg >= 0 ? durations.data[leg]! : 0;
    const setup = this.loc !== job.loc || this.loc < 0 ? job.setup : 0;
    const service = serviceTime(job, this.v);
    const breaks = this.vehicle.breaksInOrder;
    const last = this.states - 1;
    const { times, lates, waits, nextTimes, nextLates, nextWaits, from } = this;
    nextTimes.fill(Number.POSITIVE_INFINITY);
    let servable = false;
    for (let s = 0; s <= last; s++) {
      if (times[s] === Number.POSITIVE_INFINITY) continue;
      this.beginGap(times[s]!, legTime, waits[s]!);
      // Serve the job after taking breaks s..b-1 in this gap, for b = s, s + 1, …
      for (let b = s; ; b++) {
        const arrival = this.gapT + this.gapRemaining;
        const start = earliestStart(job.tw, arrival);
        // Arrivals only get later as more breaks are taken: no later b can make it either.
        if (Number.isNaN(start)) break;
        servable = true;
        const departure = start + setup + service;
        const late = lates[s]! + latenessCost(job, start);
        if (departure < nextTimes[b]! || (departure === nextTimes[b] && late < nextLates[b]!)) {
          nextTimes[b] = departure;
          nextLates[b] = late;
          nextWaits[b] = this.gapWait + start - arrival;
          from[b] = s;
        }
        if (b === last || !this.takeBreak(breaks[b]!, true)) break;
      }
    }
    if (!servable) return this.fail('time_window');
    if (!this.keepUseful(nextTimes, nextLates)) return this.fail('break');
    times.set(nextTimes);
    lates.set(nextLates);
    waits.set(nextWaits);
    if (this.record) {
      this.visited.push(job);
      for (let s = 0; s <= last; s++) this.trail.push(from[s]!);
    }
    if (leg >= 0) {
      this.travel += legTime;
      this.distance += distances.data[leg]!;
      this.cost += costs.data[leg]!;
      this.work += legTime;
    }
    this.cost += assignmentCost(job, this.v);
    const dims = this.load.length;
    for (let d = 0; d < dims; d++) {
      this.load[d]! += job.pickup[d]! - job.delivery[d]!;
      if (this.load[d]! > this.vehicle.capacity[d]!) return this.fail('capacity');
    }
    this.setupSum += setup;
    this.serviceSum += service;
    this.work += setup + service;
    this.loc = job.loc;
    return true;
  }

  /**
   * Drops the states that cannot finish (their next break's window has closed) or that
   * another state beats (more breaks taken, no later, no more lateness). False when none is left.
   */
  private keepUseful(times: Float64Array, lates: Float64Array): boolean {
    const breaks = this.vehicle.breaksInOrder;
    const last = this.states - 1;
    let alive = false;
    for (let s = last; s >= 0; s--) {
      if (times[s] === Number.POSITIVE_INFINITY) continue;
      if (s < last && Number.isNaN(earliestStart(breaks[s]!.tw, times[s]!))) {
        times[s] = Number.POSITIVE_INFINITY;
        continue;
      }
      for (let r = s + 1; r <= last; r++) {
        if (times[r]! <= times[s]! && lates[r]! <= lates[s]!) {
          times[s] = Number.POSITIVE_INFINITY;
          break;
        }
      }
      if (times[s] !== Number.POSITIVE_INFINITY) alive = true;
    }
    return alive;
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
    const legTime = leg >= 0 ? durations.data[leg]! : 0;
    if (leg >= 0) {
      this.travel += legTime;
      this.distance += distances.data[leg]!;
      this.cost += costs.data[leg]!;
      this.work += legTime;
    }
    const breaks = v.breaksInOrder;
    const last = this.states - 1;
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    let bestWait = 0;
    let closedBreak = false;
    for (let s = 0; s <= last; s++) {
      this.endTimes[s] = Number.POSITIVE_INFINITY;
      if (this.times[s] === Number.POSITIVE_INFINITY) continue;
      this.beginGap(this.times[s]!, legTime, this.waits[s]!);
      let b = s;
      while (b < last && this.takeBreak(breaks[b]!, true)) b++;
      if (b < last) {
        closedBreak = true;
        continue;
      }
      const end = this.gapT + this.gapRemaining;
      const wait = this.gapWait;
      if (end > v.twEnd) continue;
      this.endTimes[s] = end;
      const cost = this.lates[s]! + routeTimeCost(v, end, this.work);
      // Ties go to the state with the fewest breaks taken before the last leg (breaks deferred).
      if (cost < bestCost || (cost === bestCost && end < this.endTimes[best]!)) {
        best = s;
        bestCost = cost;
        bestWait = wait;
      }
    }
    if (best < 0) return this.failed(closedBreak ? 'break' : 'time_window');
    this.endTime = this.endTimes[best]!;
    this.waitingSum = bestWait;
    for (const brk of breaks) this.serviceSum += brk.service;
    if (this.travel > v.maxTravelTime) return this.failed('max_travel_time');
    if (this.distance > v.maxDistance) return this.failed('max_distance');
    if (this.record) this.replay(best);
    return v.fixedCost + this.cost + bestCost;
  }

  /** The cost of ending from the cached states with `work` (a walk that rejoined a cached route). */
  static bestEnding(vehicle: VehicleData, endTimes: Float64Array, lates: Float64Array, work: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (let s = 0; s < endTimes.length; s++) {
      if (endTimes[s] === Number.POSITIVE_INFINITY) continue;
      const cost = lates[s]! + routeTimeCost(vehicle, endTimes[s]!, work);
      if (cost < best) best = cost;
    }
    return best;
  }

  /** Record mode: walks the chosen placement of the breaks again, reporting every step. */
  private replay(finalState: number): void {
    const record = this.record as (step: WalkedStep) => void;
    const states = this.states;
    const jobs = this.visited;
    // Breaks taken before each job, from the trail of predecessor states.
    const before = new Int32Array(jobs.length + 1);
    let state = finalState;
    before[jobs.length] = states - 1 - finalState;
    for (let i = jobs.length - 1; i >= 0; i--) {
      const previous = this.trail[i * states + state]!;
      before[i] = state - previous;
      state = previous;
    }
    const { durations } = this.vehicle.travel;
    const breaks = this.vehicle.breaksInOrder;
    const load = this.startLoad.slice();
    let t = this.departure;
    let loc = this.vehicle.startLoc;
    let travel = 0;
    let distance = 0;
    let next = 0;
    // The chosen path is feasible: its breaks are taken as found, without checking their load again.
    const takeBreaks = (count: number, legTime: number): number => {
      this.beginGap(t, legTime, 0);
      for (let c = 0; c < count; c++, next++) {
        const brk = breaks[next]!;
        this.takeBreak(brk, false);
        const arrival = this.gapArrival;
        record({
          kind: 'break',
          index: brk.index,
          arrival,
          waiting: this.gapT - brk.service - arrival,
          setup: 0,
          service: brk.service,
          travel,
          distance,
          load,
        });
      }
      t = this.gapT;
      return this.gapRemaining;
    };
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[i]!;
      const leg = loc >= 0 ? loc * this.size + job.loc : -1;
      const legTime = leg >= 0 ? durations.data[leg]! : 0;
      const remaining = takeBreaks(before[i]!, legTime);
      if (leg >= 0) {
        travel += legTime;
        distance += this.vehicle.travel.distances.data[leg]!;
      }
      const arrival = t + remaining;
      const start = earliestStart(job.tw, arrival);
      const setup = loc !== job.loc || loc < 0 ? job.setup : 0;
      const service = serviceTime(job, this.v);
      for (let d = 0; d < load.length; d++) load[d]! += job.pickup[d]! - job.delivery[d]!;
      record({ kind: 'job', index: job.index, arrival, waiting: start - arrival, setup, service, travel, distance, load });
      t = start + setup + service;
      loc = job.loc;
    }
    const endLeg = loc >= 0 && this.vehicle.endLoc >= 0 ? loc * this.size + this.vehicle.endLoc : -1;
    takeBreaks(before[jobs.length]!, endLeg >= 0 ? durations.data[endLeg]! : 0);
  }

  /** Starts walking a gap: leaving at `t` with `legTime` of driving ahead and `wait` seconds of waiting so far. */
  private beginGap(t: number, legTime: number, wait: number): void {
    this.gapT = t;
    this.gapRemaining = legTime;
    this.gapWait = wait;
  }

  /**
   * Takes `brk` in the gap being walked, during the driving or the waiting (the drive is split around it);
   * false when its windows have all closed or, with `checkLoad`, when the load is over its limit.
   */
  private takeBreak(brk: BreakData, checkLoad: boolean): boolean {
    if (checkLoad && brk.maxLoad !== null && exceeds(this.load, brk.maxLoad)) return false;
    const t = this.gapT;
    const breakStart = earliestStart(brk.tw, t);
    if (Number.isNaN(breakStart)) return false;
    const before = Math.min(this.gapRemaining, breakStart - t);
    this.gapArrival = t + before;
    this.gapWait += breakStart - this.gapArrival;
    this.gapRemaining -= before;
    this.gapT = breakStart + brk.service;
    return true;
  }

  private fail(reason: ScheduleFailure): false {
    this.failure = reason;
    return false;
  }

  private failed(reason: ScheduleFailure): number {
    this.failure = reason;
    return Number.POSITIVE_INFINITY;
  }
}

export function exceeds(load: Float64Array, limit: Float64Array): boolean {
  for (let d = 0; d < load.length; d++) if (load[d]! > limit[d]!) return true;
  return false;
}
