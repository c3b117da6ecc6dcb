/**
 * The engine's public types, in one place: VROOM's JSON input and output
 * (VROOM-Project/vroom docs/API.md, v1.14) and the solver options.
 *
 * Units follow VROOM: times and durations in seconds, distances in metres,
 * costs in the vehicle's cost unit (by default one unit per second of travel).
 * Time values are relative or absolute timestamps at the caller's choice.
 */

/** A duration or timestamp in seconds. */
export type Seconds = number;
/** A distance in metres. */
export type Meters = number;
/** A cost in the objective's unit (VROOM: per_hour × hours + per_km × km). */
export type Cost = number;
/** `[lon, lat]`, as VROOM and GeoJSON order them. */
export type Coordinates = readonly [number, number];
/** `[start, end]`, both inclusive. */
export type TimeWindow = readonly [Seconds, Seconds];
/** Multidimensional quantities (weight, volume, items…), one entry per dimension. */
export type Amount = readonly number[];

export interface Job {
  readonly id: number;
  readonly description?: string;
  readonly location?: Coordinates;
  readonly location_index?: number;
  /** Spent once on arrival at a location different from the previous step's. */
  readonly setup?: Seconds;
  readonly service?: Seconds;
  readonly delivery?: Amount;
  readonly pickup?: Amount;
  readonly skills?: readonly number[];
  /** 0 to 100; a higher priority is served before any number of lower ones. */
  readonly priority?: number;
  /** Valid slots for the start of the task (setup, then service). */
  readonly time_windows?: readonly TimeWindow[];

  // Tournée extensions (ignored by VROOM): what field-service planning needs.
  /** Service duration for some vehicles, keyed by vehicle id (e.g. faster for a more skilled technician). */
  readonly service_by_vehicle?: Readonly<Record<string, Seconds>>;
  /** Extra cost when served by some vehicles, keyed by vehicle id (outside sector, not the usual technician, a change to the published plan…). */
  readonly assignment_costs?: Readonly<Record<string, Cost>>;
  /** Only these vehicles may serve the job (pinning, required or forbidden technicians, hard sectors). */
  readonly allowed_vehicles?: readonly number[];
  /** Soft deadline (an SLA): starting the task after `at` costs `cost_per_hour` per hour late. */
  readonly deadline?: { readonly at: Seconds; readonly cost_per_hour: Cost };
}

export interface VehicleCosts {
  readonly fixed?: Cost;
  readonly per_hour?: Cost;
  readonly per_km?: Cost;
  /**
   * Tournée extension: cost per squared hour of the route's working time
   * (travel + setup + service). Convex, so it spreads work evenly across vehicles.
   */
  readonly per_work_hour_squared?: Cost;
}

/** Tournée extension: a route ending after `after` costs `cost_per_hour` per extra hour (time_window[1] stays the hard limit). */
export interface Overtime {
  readonly after: Seconds;
  readonly cost_per_hour: Cost;
}

export interface Break {
  readonly id: number;
  readonly description?: string;
  /** Valid slots for the start of the break. */
  readonly time_windows?: readonly TimeWindow[];
  readonly service?: Seconds;
  /** The load the vehicle may carry while taking the break. */
  readonly max_load?: Amount;
}

export type VehicleStepType = 'start' | 'job' | 'pickup' | 'delivery' | 'break' | 'end';

/** A step of a vehicle's expected route, used as a warm start. */
export interface VehicleStep {
  readonly type: VehicleStepType;
  readonly id?: number;
  readonly service_at?: Seconds;
  readonly service_after?: Seconds;
  readonly service_before?: Seconds;
}

export interface Vehicle {
  readonly id: number;
  readonly profile?: string;
  readonly description?: string;
  readonly start?: Coordinates;
  readonly start_index?: number;
  readonly end?: Coordinates;
  readonly end_index?: number;
  readonly capacity?: Amount;
  readonly costs?: VehicleCosts;
  readonly skills?: readonly number[];
  /** Working hours: the route starts and ends within it. */
  readonly time_window?: TimeWindow;
  readonly breaks?: readonly Break[];
  /** Travel times of the profile are divided by it (0 < speed_factor ≤ 5). */
  readonly speed_factor?: number;
  readonly max_tasks?: number;
  readonly max_travel_time?: Seconds;
  readonly max_distance?: Meters;
  readonly steps?: readonly VehicleStep[];
  /** Tournée extension: soft end of the working day. */
  readonly overtime?: Overtime;
}

export interface ProfileMatrices {
  readonly durations?: readonly (readonly Seconds[])[];
  readonly distances?: readonly (readonly Meters[])[];
  readonly costs?: readonly (readonly Cost[])[];
}

export interface Input {
  readonly jobs?: readonly Job[];
  /** Not supported yet: rejected with an input error. */
  readonly shipments?: readonly unknown[];
  readonly vehicles: readonly Vehicle[];
  /** Per routing profile; the default profile is `car`. */
  readonly matrices?: Readonly<Record<string, ProfileMatrices>>;
}

/** VROOM's status codes. */
export const StatusCode = { ok: 0, internal: 1, input: 2, routing: 3 } as const;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

export type StepType = 'start' | 'job' | 'break' | 'end';

export interface Step {
  readonly type: StepType;
  readonly arrival: Seconds;
  /** Cumulated travel time upon arrival. */
  readonly duration: Seconds;
  readonly setup: Seconds;
  readonly service: Seconds;
  readonly waiting_time: Seconds;
  readonly description?: string;
  readonly location?: Coordinates;
  readonly location_index?: number;
  /** Id of the job or break; absent on start and end. */
  readonly id?: number;
  /** Vehicle load after the step. */
  readonly load: Amount;
  /** Cumulated travel distance upon arrival. */
  readonly distance: Meters;
}

export interface Route {
  readonly vehicle: number;
  readonly steps: readonly Step[];
  readonly cost: Cost;
  readonly setup: Seconds;
  readonly service: Seconds;
  /** Total travel time. */
  readonly duration: Seconds;
  readonly waiting_time: Seconds;
  readonly priority: number;
  readonly delivery: Amount;
  readonly pickup: Amount;
  readonly distance: Meters;
  readonly description?: string;
}

export interface Unassigned {
  readonly id: number;
  readonly type: 'job';
  readonly description?: string;
  readonly location?: Coordinates;
  readonly location_index?: number;
}

export interface ComputingTimes {
  readonly loading: number;
  readonly solving: number;
}

export interface Summary {
  readonly cost: Cost;
  readonly routes: number;
  readonly unassigned: number;
  readonly setup: Seconds;
  readonly service: Seconds;
  readonly duration: Seconds;
  readonly waiting_time: Seconds;
  readonly priority: number;
  readonly delivery: Amount;
  readonly pickup: Amount;
  readonly distance: Meters;
  /** Present only when the caller gave the engine a clock. */
  readonly computing_times?: ComputingTimes;
}

export interface SolvedOutput {
  readonly code: 0;
  readonly summary: Summary;
  readonly unassigned: readonly Unassigned[];
  readonly routes: readonly Route[];
}

export interface ErrorOutput {
  readonly code: 1 | 2 | 3;
  readonly error: string;
}

export type Output = SolvedOutput | ErrorOutput;

/** Progress of a running solve, reported to `SolveOptions.onProgress`. */
export interface Progress {
  readonly iteration: number;
  readonly elapsedMs: number;
  readonly bestCost: Cost;
  readonly unassigned: number;
}

export interface SolveOptions {
  /** Seed of the random number generator; same seed and iterations → same answer. Default 1. */
  readonly seed?: number;
  /** Stop after this many ruin-and-recreate iterations. */
  readonly maxIterations?: number;
  /** Stop after this many milliseconds; needs `clock`. */
  readonly timeLimitMs?: number;
  /**
   * Monotonic milliseconds. The engine never reads a clock itself: callers
   * that want a time limit pass one (e.g. `performance.now`).
   */
  readonly clock?: () => number;
  /** Called now and then during the search (every few hundred iterations). */
  readonly onProgress?: (progress: Progress) => void;
  /**
   * Searches running side by side share their best solutions through this (engine/io/solve-threads.ts
   * builds it on message ports): each new best is offered, and a better one offered by another search
   * is taken over every few iterations. Without it the search is alone.
   */
  readonly exchange?: BestSolutionExchange;
}

/**
 * A solution as searches share it: its objective and each vehicle's jobs, as the compiled problem's
 * job indices — the same in every search of the same input, since compilation is deterministic.
 */
export interface SharedSolution {
  /** Sum of the priorities of the jobs left out (the objective's first term, lower is better). */
  readonly unservedPriority: number;
  readonly unserved: number;
  readonly cost: number;
  readonly routes: readonly (readonly number[])[];
}

/** Where a search offers its new best solutions and takes those found by others. */
export interface BestSolutionExchange {
  offer(best: SharedSolution): void;
  /** The best solution offered by the others since the last call, or null. */
  take(): SharedSolution | null;
}

/** Travel derived from coordinates when no matrix is given for a profile. */
export interface CoordinateTravelModel {
  /** Road distance = great-circle distance × this factor. */
  readonly roadFactor: number;
  /** Average speed on the road distance, km/h. */
  readonly speedKmh: number;
}
