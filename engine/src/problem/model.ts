import type { Cost, Input, Meters, Seconds } from '../types.ts';
import type { NeighbourLists } from './neighbour-lists.ts';

/**
 * The solver's internal view of a validated input: everything indexed by
 * position (job 0..n-1, vehicle 0..m-1, location 0..L-1), matrices flattened,
 * per-vehicle travel already scaled by its speed factor. Built once by
 * `compileProblem`; never mutated by the search.
 */

/**
 * Row-major L×L matrix: value(a, b) = data[a * size + b]. Travel computed from coordinates is in
 * whole metres and seconds below 2^24, exact in single precision: Float32 halves the memory of a
 * 10,000-job day (0.8 instead of 1.7 GB) and the time spent faulting it in.
 */
export interface SquareMatrix {
  readonly size: number;
  readonly data: Float64Array | Float32Array;
}

export interface JobData {
  readonly index: number;
  readonly id: number;
  /** Location index in the vehicle matrices. */
  readonly loc: number;
  readonly setup: Seconds;
  readonly service: Seconds;
  readonly delivery: Float64Array;
  readonly pickup: Float64Array;
  readonly priority: number;
  /** Time windows flattened as [start0, end0, start1, end1, …], sorted by start. */
  readonly tw: Float64Array;
  /** Earliest start of its first window and latest end of its last. */
  readonly twEarliest: Seconds;
  readonly twLatest: Seconds;
  /** Service per vehicle index when some vehicles differ (Tournée extension), else null: use `service`. */
  readonly serviceByVehicle: Float64Array | null;
  /** Extra cost per vehicle index (Tournée extension), else null. */
  readonly assignmentCost: Float64Array | null;
  /** Soft deadline of the task start and its cost per second late (+Infinity and 0 when none). */
  readonly deadline: Seconds;
  readonly latenessCost: number;
}

export interface BreakData {
  readonly index: number;
  readonly id: number;
  readonly service: Seconds;
  readonly tw: Float64Array;
  /** Null when the break has no load limit. */
  readonly maxLoad: Float64Array | null;
}

/**
 * Travel data shared by all vehicles of one (profile, speed factor, cost
 * parameters) combination, so that the search indexes one array per leg.
 */
export interface TravelData {
  readonly durations: SquareMatrix;
  readonly distances: SquareMatrix;
  /** Cost of each leg for this vehicle type (travel cost only). */
  readonly costs: SquareMatrix;
}

export interface VehicleData {
  readonly index: number;
  readonly id: number;
  /** -1 when the vehicle has no start (its route begins at its first job). */
  readonly startLoc: number;
  /** -1 when the vehicle has no end (its route ends at its last job). */
  readonly endLoc: number;
  readonly twStart: Seconds;
  readonly twEnd: Seconds;
  readonly capacity: Float64Array;
  readonly fixedCost: Cost;
  readonly travel: TravelData;
  readonly breaks: readonly BreakData[];
  /** The same breaks in the order a route takes them (by earliest window start). */
  readonly breaksInOrder: readonly BreakData[];
  readonly maxTasks: number;
  readonly maxTravelTime: Seconds;
  readonly maxDistance: Meters;
  /**
   * Vehicles with equal keys time and cost every sequence alike, so cached
   * suffix data of one route is valid for the other's vehicle.
   */
  readonly timingKey: number;
  /** Vehicles with equal keys are interchangeable in every respect (an empty one stands for all). */
  readonly classKey: number;
  /** Job indices of the warm-start route, in order (empty when none). */
  readonly initialJobs: readonly number[];
  /** Soft end of the day and the cost per second beyond it (+Infinity and 0 when none). */
  readonly overtimeAfter: Seconds;
  readonly overtimeCost: number;
  /** Cost per squared hour of working time (travel + setup + service); 0 when none. */
  readonly workloadCost: number;
}

export interface Problem {
  readonly input: Input;
  readonly jobs: readonly JobData[];
  readonly vehicles: readonly VehicleData[];
  /** Number of capacity dimensions (0 when there are no amounts at all). */
  readonly dimensions: number;
  /** eligible[v * jobs.length + j] = 1 when vehicle v may serve job j (skills). */
  readonly eligible: Uint8Array;
  /** For each job, other jobs sorted by increasing travel-time proximity (for string removals). */
  readonly neighbours: NeighbourLists;
  /**
   * True when some cost depends on times (deadlines, overtime, workload):
   * cached suffixes then tell feasibility but not cost, so moves are costed
   * node by node after the changed position.
   */
  readonly timeDependentCosts: boolean;
  /** True when some job costs differently per vehicle. */
  readonly hasAssignmentCosts: boolean;
  /** Location coordinates, when known, for the output. */
  readonly coordinates: readonly (readonly [number, number] | undefined)[];
}
