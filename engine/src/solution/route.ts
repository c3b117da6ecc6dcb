import type { JobData, Problem, VehicleData } from '../problem/model.ts';
import { assignmentCost, serviceTime } from '../problem/per-vehicle.ts';
import { RouteWalk, type WalkCache } from './route-walk.ts';
import { latenessCost, routeTimeCost } from './soft-costs.ts';
import { earliestStart, latestStart } from './time-windows.ts';

/**
 * One vehicle's sequence of jobs with the caches that make move evaluation
 * constant-time for vehicles without breaks:
 * forward  — earliest departure from each node, cumulated travel/distance/cost;
 * backward — latest completion of each node keeping the rest feasible;
 * loads    — load after each node with prefix and suffix maxima.
 * Vehicles with breaks are evaluated by full scheduling instead (their routes
 * are short: a technician's day).
 */
export class Route implements WalkCache {
  readonly vehicle: VehicleData;
  readonly hasBreaks: boolean;
  jobs: number[] = [];

  /** Earliest departure (task completion) from node i. */
  dep = new Float64Array(0);
  /**
   * Latest completion of node i's task such that the rest of the route stays feasible
   * (for vehicles with breaks: ignoring the breaks, so an upper bound).
   */
  latestEnd = new Float64Array(0);
  /** Cumulated travel time and distance upon arrival at node i. */
  cumTravel = new Float64Array(0);
  cumDistance = new Float64Array(0);
  /** Cumulated cost through node i: legs, plus assignment and lateness costs of nodes 0..i. */
  cumCost = new Float64Array(0);
  /** Cumulated leg cost upon arrival at node i (travel cost alone: a lower bound of any sequence's cost). */
  cumLegCost = new Float64Array(0);
  /** Cumulated working time (travel, setup, service) through the departure from node i. */
  cumWork = new Float64Array(0);
  /** Per node i and dimension d, at [i * dims + d]. */
  loadAfter = new Float64Array(0);
  cumDelivery = new Float64Array(0);
  prefixMaxLoad = new Float64Array(0);
  suffixMaxLoad = new Float64Array(0);
  startLoad: Float64Array;

  /** Totals of the whole route. */
  travel = 0;
  distance = 0;
  /** Cost of the legs alone. */
  legCost = 0;
  /** Every cost but the fixed one: legs, assignments, lateness, overtime, workload. */
  variableCost = 0;
  /**
   * Vehicles with breaks: the walk's state after node i (with dep and cum* above), so a change
   * can be timed from there — per node and number of breaks taken s, at [i * (breaks + 1) + s],
   * the earliest departure (+Infinity: unreachable) and the lateness so far.
   */
  stateTimes = new Float64Array(0);
  stateLates = new Float64Array(0);
  /** Vehicles with breaks: legs and assignments of the whole route, its work, and the end time. */
  walkCost = 0;
  walkWork = 0;
  endTime = 0;
  /** Vehicles with breaks: per state before the last leg, the end time (+Infinity: infeasible) and the lateness. */
  finalEndTimes: Float64Array;
  finalLates: Float64Array;
  /** A reusable walker for this vehicle (vehicles with breaks). */
  readonly walk: RouteWalk | null;
  /** Latest departure from the start keeping the route feasible. */
  latestDeparture = Number.POSITIVE_INFINITY;
  /** Time the route keeps the vehicle busy: travel, setups, services and breaks (0 when unused). */
  busyTime = 0;
  feasible = true;

  constructor(
    private readonly problem: Problem,
    vehicle: VehicleData,
  ) {
    this.vehicle = vehicle;
    this.hasBreaks = vehicle.breaks.length > 0;
    this.startLoad = new Float64Array(problem.dimensions);
    this.walk = this.hasBreaks ? new RouteWalk(problem, vehicle) : null;
    this.finalEndTimes = new Float64Array(vehicle.breaks.length + 1);
    this.finalLates = new Float64Array(vehicle.breaks.length + 1);
  }

  get size(): number {
    return this.jobs.length;
  }

  /**
   * Objective cost: fixed cost when used, plus the variable cost; +Infinity
   * when the sequence breaks a constraint (a removal can do that: non-metric
   * travel, a shared setup, a break that moves), so that no search step keeps it.
   */
  get cost(): number {
    if (!this.feasible) return Number.POSITIVE_INFINITY;
    return this.jobs.length > 0 ? this.vehicle.fixedCost + this.variableCost : 0;
  }

  /**
   * False when the vehicle's day has too little time left for the job's service: adding a job
   * adds at least its service (less the setup it may spare the next job), and under the triangle
   * inequality no less travel, so such a route needs no position-by-position look. On a full day
   * most routes are such. (A matrix that breaks the triangle inequality could in rare cases have
   * room this misses: the search then loses that insertion, never feasibility.)
   */
  hasRoomFor(job: JobData): boolean {
    const v = this.vehicle;
    return v.twEnd - v.twStart - this.busyTime >= serviceTime(job, v.index) - largestSetup(this.problem);
  }

  /** Location of node i; -1 stands for "no location" (missing start or end). */
  locAt(i: number): number {
    return this.problem.jobs[this.jobs[i]!]!.loc;
  }

  /** Recomputes every cache after the sequence changed. */
  update(): void {
    const n = this.jobs.length;
    const dims = this.problem.dimensions;
    if (this.dep.length < n) this.grow(Math.max(n, this.dep.length * 2, 8), dims);
    if (this.hasBreaks) this.updateWithSchedule();
    else this.updateForward();
    this.updateLoads(n, dims);
    this.updateLegCosts(n);
    // With breaks, latestEnd ignores them: breaks only delay what follows, so it is an
    // upper bound that rules out most infeasible insertions before a walk is needed.
    this.updateBackward();
  }

  private grow(capacity: number, dims: number): void {
    this.dep = new Float64Array(capacity);
    this.latestEnd = new Float64Array(capacity);
    this.cumTravel = new Float64Array(capacity);
    this.cumDistance = new Float64Array(capacity);
    this.cumCost = new Float64Array(capacity);
    this.cumLegCost = new Float64Array(capacity);
    this.cumWork = new Float64Array(capacity);
    if (this.hasBreaks) {
      this.stateTimes = new Float64Array(capacity * (this.vehicle.breaks.length + 1));
      this.stateLates = new Float64Array(capacity * (this.vehicle.breaks.length + 1));
    }
    this.loadAfter = new Float64Array(capacity * dims);
    this.cumDelivery = new Float64Array(capacity * dims);
    this.prefixMaxLoad = new Float64Array(capacity * dims);
    this.suffixMaxLoad = new Float64Array(capacity * dims);
  }

  private updateForward(): void {
    const { jobs: jobData } = this.problem;
    const v = this.vehicle;
    const vi = v.index;
    const { durations, distances, costs } = v.travel;
    const size = durations.size;
    let t = v.twStart;
    let loc = v.startLoc;
    let travel = 0;
    let distance = 0;
    let legCost = 0;
    let cost = 0;
    let work = 0;
    let feasible = true;
    for (let i = 0; i < this.jobs.length; i++) {
      const job = jobData[this.jobs[i]!]!;
      if (loc >= 0) {
        const leg = loc * size + job.loc;
        travel += durations.data[leg]!;
        distance += distances.data[leg]!;
        legCost += costs.data[leg]!;
        cost += costs.data[leg]!;
        work += durations.data[leg]!;
        t += durations.data[leg]!;
      }
      this.cumTravel[i] = travel;
      this.cumDistance[i] = distance;
      let start = earliestStart(job.tw, t);
      if (Number.isNaN(start)) {
        feasible = false;
        start = t;
      }
      const task = (loc !== job.loc || loc < 0 ? job.setup : 0) + serviceTime(job, vi);
      cost += assignmentCost(job, vi) + latenessCost(job, start);
      work += task;
      t = start + task;
      this.cumCost[i] = cost;
      this.cumWork[i] = work;
      this.dep[i] = t;
      loc = job.loc;
    }
    if (this.jobs.length > 0 && loc >= 0 && v.endLoc >= 0) {
      const leg = loc * size + v.endLoc;
      travel += durations.data[leg]!;
      distance += distances.data[leg]!;
      legCost += costs.data[leg]!;
      cost += costs.data[leg]!;
      work += durations.data[leg]!;
      t += durations.data[leg]!;
    }
    if (this.jobs.length > 0) cost += routeTimeCost(v, t, work);
    this.travel = travel;
    this.busyTime = work;
    this.distance = distance;
    this.legCost = legCost;
    this.variableCost = cost;
    this.feasible = feasible && t <= v.twEnd && travel <= v.maxTravelTime && distance <= v.maxDistance && this.jobs.length <= v.maxTasks;
  }

  private updateLegCosts(n: number): void {
    const jobData = this.problem.jobs;
    const costs = this.vehicle.travel.costs;
    let loc = this.vehicle.startLoc;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const next = jobData[this.jobs[i]!]!.loc;
      if (loc >= 0) sum += costs.data[loc * costs.size + next]!;
      this.cumLegCost[i] = sum;
      loc = next;
    }
  }

  private updateBackward(): void {
    const { jobs: jobData } = this.problem;
    const v = this.vehicle;
    const durations = v.travel.durations;
    const size = durations.size;
    const n = this.jobs.length;
    if (n === 0) {
      this.latestDeparture = v.twEnd;
      return;
    }
    let nextLoc = v.endLoc;
    // Latest arrival at the next node (the end: the vehicle's closing time).
    let latestArrivalNext = v.twEnd;
    for (let i = n - 1; i >= 0; i--) {
      const job = jobData[this.jobs[i]!]!;
      const leg = nextLoc >= 0 ? durations.data[job.loc * size + nextLoc]! : 0;
      const latestEnd = latestArrivalNext - leg;
      this.latestEnd[i] = latestEnd;
      const prevLoc = i > 0 ? jobData[this.jobs[i - 1]!]!.loc : v.startLoc;
      const taskDuration = (prevLoc !== job.loc || prevLoc < 0 ? job.setup : 0) + serviceTime(job, v.index);
      latestArrivalNext = latestStart(job.tw, taskDuration, latestEnd);
      nextLoc = job.loc;
    }
    const firstLeg = v.startLoc >= 0 ? durations.data[v.startLoc * size + jobData[this.jobs[0]!]!.loc]! : 0;
    this.latestDeparture = latestArrivalNext - firstLeg;
  }

  private updateLoads(n: number, dims: number): void {
    if (dims === 0) return;
    const jobData = this.problem.jobs;
    const start = this.startLoad;
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const job = jobData[this.jobs[i]!]!;
      for (let d = 0; d < dims; d++) {
        start[d]! += job.delivery[d]!;
        this.cumDelivery[i * dims + d] = start[d]!;
      }
    }
    for (let i = 0; i < n; i++) {
      const job = jobData[this.jobs[i]!]!;
      for (let d = 0; d < dims; d++) {
        const before = i > 0 ? this.loadAfter[(i - 1) * dims + d]! : start[d]!;
        const after = before - job.delivery[d]! + job.pickup[d]!;
        this.loadAfter[i * dims + d] = after;
        const prevMax = i > 0 ? this.prefixMaxLoad[(i - 1) * dims + d]! : start[d]!;
        this.prefixMaxLoad[i * dims + d] = after > prevMax ? after : prevMax;
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      for (let d = 0; d < dims; d++) {
        const here = this.loadAfter[i * dims + d]!;
        const nextMax = i < n - 1 ? this.suffixMaxLoad[(i + 1) * dims + d]! : here;
        this.suffixMaxLoad[i * dims + d] = here > nextMax ? here : nextMax;
      }
    }
    const cap = this.vehicle.capacity;
    for (let d = 0; d < dims; d++) {
      const peak = n > 0 ? Math.max(start[d]!, this.prefixMaxLoad[(n - 1) * dims + d]!) : 0;
      if (peak > cap[d]!) this.feasible = false;
    }
  }

  private updateWithSchedule(): void {
    const n = this.jobs.length;
    const walk = this.walk as RouteWalk;
    this.feasible = n <= this.vehicle.maxTasks;
    this.busyTime = 0;
    this.travel = 0;
    this.distance = 0;
    this.legCost = 0;
    this.variableCost = 0;
    if (n === 0) return;
    const start = new Float64Array(this.problem.dimensions);
    for (const j of this.jobs) for (let d = 0; d < start.length; d++) start[d]! += this.problem.jobs[j]!.delivery[d]!;
    walk.begin(this.vehicle.twStart, start);
    for (let i = 0; i < n && this.feasible; i++) {
      if (!walk.visit(this.problem.jobs[this.jobs[i]!]!)) this.feasible = false;
      this.dep[i] = walk.t;
      this.cumTravel[i] = walk.travel;
      this.cumDistance[i] = walk.distance;
      this.cumCost[i] = walk.cost;
      this.cumWork[i] = walk.work;
      walk.saveAfter(this.stateTimes, this.stateLates, i);
    }
    const total = walk.finish();
    if (!Number.isFinite(total)) this.feasible = false;
    this.travel = walk.travel;
    this.distance = walk.distance;
    this.walkCost = walk.cost;
    this.walkWork = walk.work;
    let breaks = 0;
    for (const b of this.vehicle.breaks) breaks += b.service;
    this.busyTime = walk.work + breaks;
    this.endTime = walk.endTime;
    this.finalEndTimes.set(walk.endTimes);
    this.finalLates.set(walk.lates);
    this.legCost = walk.cost;
    this.variableCost = total - this.vehicle.fixedCost;
  }
}

const largestSetups = new WeakMap<Problem, number>();

function largestSetup(problem: Problem): number {
  let largest = largestSetups.get(problem);
  if (largest === undefined) {
    largest = 0;
    for (const job of problem.jobs) if (job.setup > largest) largest = job.setup;
    largestSetups.set(problem, largest);
  }
  return largest;
}
