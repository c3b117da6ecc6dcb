import type { Problem } from '../problem/model.ts';
import { Route } from './route.ts';

/**
 * VROOM's hierarchical objective: serve the most priority, then the most jobs,
 * then the least cost. Compared lexicographically, never summed with big
 * weights, so costs of any magnitude keep their precision.
 */
export interface Objective {
  readonly unservedPriority: number;
  readonly unserved: number;
  readonly cost: number;
}

/** Negative when a is better than b, positive when worse, 0 when equal. */
export function compareObjectives(a: Objective, b: Objective): number {
  if (a.unservedPriority !== b.unservedPriority) return a.unservedPriority - b.unservedPriority;
  if (a.unserved !== b.unserved) return a.unserved - b.unserved;
  return a.cost - b.cost;
}

/** A frozen copy of the routes' sequences: what the search keeps as "best". */
export type Snapshot = readonly (readonly number[])[];

/**
 * Routes of every vehicle (empty ones included) and which route serves each
 * job (-1 = unassigned). Mutated in place by the search; changes are undone by
 * restoring saved sequences rather than by copying the whole solution.
 */
export class Solution {
  readonly routes: Route[];
  /** Route index serving each job, or -1. */
  readonly routeOf: Int32Array;
  /** Counts changes; `modifiedAt[r]` is its value at route r's last change (lets local search skip unchanged pairs). */
  version = 0;
  readonly modifiedAt: Int32Array;

  constructor(readonly problem: Problem) {
    this.routes = problem.vehicles.map((v) => new Route(problem, v));
    this.routeOf = new Int32Array(problem.jobs.length).fill(-1);
    this.modifiedAt = new Int32Array(problem.vehicles.length);
    for (const r of this.routes) r.update();
  }

  objective(): Objective {
    let unservedPriority = 0;
    let unserved = 0;
    for (let j = 0; j < this.routeOf.length; j++) {
      if (this.routeOf[j]! < 0) {
        unserved++;
        unservedPriority += this.problem.jobs[j]!.priority;
      }
    }
    let cost = 0;
    for (const r of this.routes) cost += r.cost;
    return { unservedPriority, unserved, cost };
  }

  unassignedJobs(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.routeOf.length; j++) if (this.routeOf[j]! < 0) out.push(j);
    return out;
  }

  /** Replaces a route's sequence and refreshes its caches and the job index. */
  setJobs(r: number, jobs: number[]): void {
    const route = this.routes[r]!;
    for (const j of route.jobs) if (this.routeOf[j] === r) this.routeOf[j] = -1;
    route.jobs = jobs;
    for (const j of jobs) this.routeOf[j] = r;
    route.update();
    this.modifiedAt[r] = ++this.version;
  }

  insert(r: number, j: number, position: number): void {
    const route = this.routes[r]!;
    route.jobs.splice(position, 0, j);
    this.routeOf[j] = r;
    route.update();
    this.modifiedAt[r] = ++this.version;
  }

  /** Removes the nodes [from, to) of route r without refreshing its caches. */
  removeRange(r: number, from: number, to: number): number[] {
    const removed = this.routes[r]!.jobs.splice(from, to - from);
    for (const j of removed) this.routeOf[j] = -1;
    this.modifiedAt[r] = ++this.version;
    return removed;
  }

  snapshot(): Snapshot {
    return this.routes.map((r) => r.jobs.slice());
  }

  restore(snapshot: Snapshot): void {
    this.routeOf.fill(-1);
    snapshot.forEach((jobs, r) => {
      this.routes[r]!.jobs = jobs.slice();
      for (const j of jobs) this.routeOf[j] = r;
      this.routes[r]!.update();
      this.modifiedAt[r] = ++this.version;
    });
  }

  usedRoutes(): number {
    let used = 0;
    for (const r of this.routes) if (r.jobs.length > 0) used++;
    return used;
  }
}
