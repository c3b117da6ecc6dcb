import { InputError } from '../errors.ts';
import type { Coordinates, Input, ProfileMatrices, TimeWindow, Vehicle } from '../types.ts';
import { fillCoordinateLegs, isLonLat, legsFitSinglePrecision } from './coordinate-travel.ts';
import type { BreakData, JobData, Problem, SquareMatrix, TravelData, VehicleData } from './model.ts';
import { NeighbourLists } from './neighbour-lists.ts';

const NO_LIMIT = Number.POSITIVE_INFINITY;
const DEFAULT_PROFILE = 'car';

/**
 * Turns a validated VROOM input into the solver's indexed model. Locations are
 * the matrices' indices when the input has matrices, otherwise the distinct
 * coordinates of jobs and vehicles.
 */
export function compileProblem(input: Input): Problem {
  const jobsIn = input.jobs ?? [];
  const matrixMode = input.matrices !== undefined && Object.keys(input.matrices).length > 0;

  const coordinates: (Coordinates | undefined)[] = [];
  const locationOf = locationIndexer(matrixMode, coordinates);

  const jobLocs = jobsIn.map((job, j) => locationOf(job.location_index, job.location, `jobs[${j}]`));
  const vehicleLocs = input.vehicles.map((v, i) => ({
    start: v.start_index !== undefined || v.start ? locationOf(v.start_index, v.start, `vehicles[${i}].start`) : -1,
    end: v.end_index !== undefined || v.end ? locationOf(v.end_index, v.end, `vehicles[${i}].end`) : -1,
  }));
  const locationCount = matrixMode ? matrixSize(input) : coordinates.length;

  const dimensions = amountDimensions(input);
  const vehicleIndexById = new Map(input.vehicles.map((v, i) => [v.id, i]));
  const perVehicle = (values: Readonly<Record<string, number>> | undefined, fallback: number): Float64Array | null => {
    if (!values || Object.keys(values).length === 0) return null;
    const out = new Float64Array(input.vehicles.length).fill(fallback);
    for (const [id, value] of Object.entries(values)) {
      const i = vehicleIndexById.get(Number(id));
      if (i !== undefined) out[i] = value;
    }
    return out;
  };
  const jobs: JobData[] = jobsIn.map((job, j) => {
    const tw = flattenWindows(job.time_windows);
    return {
      index: j,
      id: job.id,
      loc: jobLocs[j]!,
      setup: job.setup ?? 0,
      service: job.service ?? 0,
      delivery: toAmount(job.delivery, dimensions),
      pickup: toAmount(job.pickup, dimensions),
      priority: job.priority ?? 0,
      tw,
      twEarliest: tw[0]!,
      twLatest: tw[tw.length - 1]!,
      serviceByVehicle: perVehicle(job.service_by_vehicle, job.service ?? 0),
      assignmentCost: perVehicle(job.assignment_costs, 0),
      deadline: job.deadline ? job.deadline.at : NO_LIMIT,
      latenessCost: job.deadline ? job.deadline.cost_per_hour / 3600 : 0,
    };
  });
  const serviceVaries = jobs.some((job) => job.serviceByVehicle !== null);
  // Per-vehicle job data makes every vehicle unlike the others (an empty one no longer stands for all).
  const vehiclesDiffer = serviceVaries || jobs.some((job) => job.assignmentCost !== null) || jobsIn.some((job) => job.allowed_vehicles !== undefined);

  const travelCache = new Map<string, TravelData>();
  const baseTravelCache = new Map<string, BaseTravel>();
  const timingKeys = new Map<string, number>();
  const classKeys = new Map<string, number>();
  const jobIndexById = new Map(jobs.map((job) => [job.id, job.index]));
  const vehicles: VehicleData[] = input.vehicles.map((v, i) => {
    const profile = v.profile ?? DEFAULT_PROFILE;
    const speed = v.speed_factor ?? 1;
    const perHour = v.costs?.per_hour ?? 3600;
    const perKm = v.costs?.per_km ?? 0;
    const travelKey = `${profile}\u0000${speed}\u0000${perHour}\u0000${perKm}`;
    let travel = travelCache.get(travelKey);
    if (!travel) {
      travel = buildTravel(input, profile, speed, perHour, perKm, locationCount, coordinates, i, baseTravelCache);
      travelCache.set(travelKey, travel);
    }
    const breaks = compileBreaks(v, dimensions);
    const twStart = v.time_window ? v.time_window[0] : 0;
    const twEnd = v.time_window ? v.time_window[1] : NO_LIMIT;
    // Vehicles with breaks, or whose service times differ, time every sequence their own way.
    const keyText = breaks.length > 0 || serviceVaries ? `own\u0000${i}` : `${travelKey}\u0000${vehicleLocs[i]!.end}\u0000${twEnd}`;
    let timingKey = timingKeys.get(keyText);
    if (timingKey === undefined) {
      timingKey = timingKeys.size;
      timingKeys.set(keyText, timingKey);
    }
    const classText = JSON.stringify([
      travelKey,
      vehicleLocs[i],
      v.time_window ?? null,
      v.capacity ?? null,
      v.costs?.fixed ?? 0,
      v.breaks ?? null,
      [...(v.skills ?? [])].sort((a, b) => a - b),
      v.max_tasks ?? null,
      v.max_travel_time ?? null,
      v.max_distance ?? null,
      v.overtime ?? null,
      v.costs?.per_work_hour_squared ?? 0,
      vehiclesDiffer ? i : null,
    ]);
    let classKey = classKeys.get(classText);
    if (classKey === undefined) {
      classKey = classKeys.size;
      classKeys.set(classText, classKey);
    }
    return {
      index: i,
      id: v.id,
      classKey,
      startLoc: vehicleLocs[i]!.start,
      endLoc: vehicleLocs[i]!.end,
      twStart,
      twEnd,
      capacity: toAmount(v.capacity, dimensions, NO_LIMIT),
      fixedCost: v.costs?.fixed ?? 0,
      travel,
      breaks,
      breaksInOrder: [...breaks].sort((a, b) => a.tw[0]! - b.tw[0]! || a.index - b.index),
      maxTasks: v.max_tasks ?? NO_LIMIT,
      maxTravelTime: v.max_travel_time ?? NO_LIMIT,
      maxDistance: v.max_distance ?? NO_LIMIT,
      timingKey,
      initialJobs: (v.steps ?? [])
        .filter((s) => s.type === 'job' && s.id !== undefined && jobIndexById.has(s.id))
        .map((s) => jobIndexById.get(s.id as number) as number),
      overtimeAfter: v.overtime ? v.overtime.after : NO_LIMIT,
      overtimeCost: v.overtime ? v.overtime.cost_per_hour / 3600 : 0,
      workloadCost: v.costs?.per_work_hour_squared ?? 0,
    };
  });

  const eligible = eligibility(input);
  return {
    input,
    jobs,
    vehicles,
    dimensions,
    eligible,
    // Travel from coordinates is the same both ways; a given matrix need not be.
    neighbours: new NeighbourLists(jobs, vehicles[0]?.travel.durations, !matrixMode, eligible, vehicles.length),
    timeDependentCosts: jobs.some((job) => job.latenessCost > 0) || vehicles.some((v) => v.overtimeCost > 0 || v.workloadCost > 0),
    hasAssignmentCosts: jobs.some((job) => job.assignmentCost !== null),
    coordinates,
  };
}

function locationIndexer(matrixMode: boolean, coordinates: (Coordinates | undefined)[]) {
  const byKey = new Map<string, number>();
  return (index: number | undefined, location: Coordinates | undefined, path: string): number => {
    if (matrixMode) {
      if (index === undefined) throw new InputError(path, 'needs a location_index when matrices are given');
      if (location && coordinates[index] === undefined) coordinates[index] = location;
      return index;
    }
    if (!location) throw new InputError(path, 'needs a location (no matrices are given)');
    const key = `${location[0]},${location[1]}`;
    let loc = byKey.get(key);
    if (loc === undefined) {
      loc = coordinates.length;
      coordinates.push(location);
      byKey.set(key, loc);
    }
    return loc;
  };
}

function matrixSize(input: Input): number {
  for (const m of Object.values(input.matrices ?? {})) {
    const rows = m.durations ?? m.distances ?? m.costs;
    if (rows) return rows.length;
  }
  return 0;
}

function flattenWindows(windows: readonly TimeWindow[] | undefined): Float64Array {
  if (!windows || windows.length === 0) return Float64Array.of(0, NO_LIMIT);
  const sorted = [...windows].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return Float64Array.from(sorted.flatMap((w) => [w[0], w[1]]));
}

function amountDimensions(input: Input): number {
  let dims = 0;
  for (const j of input.jobs ?? []) dims = Math.max(dims, j.delivery?.length ?? 0, j.pickup?.length ?? 0);
  for (const v of input.vehicles) {
    dims = Math.max(dims, v.capacity?.length ?? 0);
    for (const b of v.breaks ?? []) dims = Math.max(dims, b.max_load?.length ?? 0);
  }
  return dims;
}

function toAmount(values: readonly number[] | undefined, dims: number, missing = 0): Float64Array {
  const out = new Float64Array(dims).fill(missing);
  if (values) for (let d = 0; d < dims && d < values.length; d++) out[d] = values[d]!;
  return out;
}

function compileBreaks(v: Vehicle, dims: number): BreakData[] {
  return (v.breaks ?? []).map((b, k) => ({
    index: k,
    id: b.id,
    service: b.service ?? 0,
    tw: flattenWindows(b.time_windows),
    maxLoad: b.max_load ? toAmount(b.max_load, dims, NO_LIMIT) : null,
  }));
}

/** Durations and distances of one (profile, speed factor): shared by every cost variant of it. */
interface BaseTravel {
  readonly durations: Float64Array | Float32Array;
  readonly distances: Float64Array | Float32Array;
}

function buildTravel(
  input: Input,
  profile: string,
  speedFactor: number,
  perHour: number,
  perKm: number,
  size: number,
  coordinates: readonly (Coordinates | undefined)[],
  vehicleIndex: number,
  baseCache: Map<string, BaseTravel>,
): TravelData {
  const given: ProfileMatrices | undefined = input.matrices?.[profile];
  const baseKey = `${profile}\u0000${speedFactor}`;
  let base = baseCache.get(baseKey);
  if (!base) {
    // Given matrices are kept in double precision; travel from coordinates is whole and, but across continents, fits single precision.
    const single = !given?.durations && !(input.matrices && Object.keys(input.matrices).length > 0) && legsFitSinglePrecision(coordinates);
    const durations = single ? new Float32Array(size * size) : new Float64Array(size * size);
    const distances = single ? new Float32Array(size * size) : new Float64Array(size * size);
    if (given?.durations) {
      fill(durations, given.durations);
      if (given.distances) fill(distances, given.distances);
      // Distances from coordinates only if they are all [lon, lat]: planar ones (allowed beside matrices) give none, as in VROOM.
      else if (coordinates.every((c) => c === undefined || isLonLat(c))) fillCoordinateLegs(null, distances, coordinates, size);
    } else if (input.matrices && Object.keys(input.matrices).length > 0) {
      throw new InputError(`vehicles[${vehicleIndex}].profile`, `no durations matrix for profile "${profile}"`);
    } else {
      fillCoordinateLegs(durations, distances, coordinates, size);
    }
    if (speedFactor !== 1) for (let k = 0; k < durations.length; k++) durations[k] = Math.round(durations[k]! / speedFactor);
    base = { durations, distances };
    baseCache.set(baseKey, base);
  }
  const { durations, distances } = base;
  let costs: Float64Array | Float32Array;
  if (given?.costs) {
    costs = new Float64Array(size * size);
    fill(costs, given.costs);
  } else if (perHour === 3600 && perKm === 0) {
    // VROOM's default: cost = travel seconds. Sharing the array keeps large matrices in cache.
    costs = durations;
  } else {
    costs = new Float64Array(size * size);
    for (let k = 0; k < costs.length; k++) costs[k] = (perHour * durations[k]!) / 3600 + (perKm * distances[k]!) / 1000;
  }
  return { durations: square(size, durations), distances: square(size, distances), costs: square(size, costs) };
}

function square(size: number, data: Float64Array | Float32Array): SquareMatrix {
  return { size, data };
}

function fill(target: Float64Array | Float32Array, rows: readonly (readonly number[])[]): void {
  const size = rows.length;
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) target[a * size + b] = rows[a]![b]!;
}

function eligibility(input: Input): Uint8Array {
  const jobs = input.jobs ?? [];
  const out = new Uint8Array(input.vehicles.length * jobs.length);
  const allowedSets = jobs.map((job) => (job.allowed_vehicles ? new Set(job.allowed_vehicles) : null));
  input.vehicles.forEach((v, i) => {
    const has = new Set(v.skills ?? []);
    jobs.forEach((job, j) => {
      const skilled = (job.skills ?? []).every((s) => has.has(s));
      const allowed = allowedSets[j] === null || allowedSets[j]!.has(v.id);
      out[i * jobs.length + j] = skilled && allowed ? 1 : 0;
    });
  });
  return out;
}
