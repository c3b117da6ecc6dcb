import type { Amount, Break, Coordinates, Input, Job, ProfileMatrices, Route, SolvedOutput, Step, TimeWindow, Vehicle } from '../../src/types.ts';

/**
 * The test suite's independent check of a solver output against
 * engine/README.md "Route semantics". It deliberately shares no code with the
 * engine beyond its types: travel, loads and timings are recomputed here from
 * the input alone, so that a bug in the solver cannot hide itself by being
 * repeated in the check.
 *
 * Returns one human-readable line per violation; an empty list means feasible.
 */
export function checkSolution(input: Input, output: SolvedOutput): string[] {
  const problems: string[] = [];
  // A caller may hand us an error output typed loosely; say so rather than crash on missing fields.
  if ((output as { code: number }).code !== 0) {
    const error = (output as unknown as { error?: unknown }).error;
    return [`output has code ${String((output as { code: unknown }).code)}: ${String(error)}`];
  }

  const jobs = input.jobs ?? [];
  const jobsById = new Map<number, Job>();
  for (const job of jobs) jobsById.set(job.id, job);
  const vehiclesById = new Map<number, Vehicle>();
  for (const vehicle of input.vehicles) vehiclesById.set(vehicle.id, vehicle);
  const dims = amountDimensions(input);
  const travel = new TravelModel(input);

  const servedBy = new Map<number, number>();
  const routedVehicles = new Set<number>();
  for (const route of output.routes) {
    const where = `route of vehicle ${route.vehicle}`;
    const vehicle = vehiclesById.get(route.vehicle);
    if (!vehicle) {
      problems.push(`${where}: no vehicle has this id`);
      continue;
    }
    if (routedVehicles.has(route.vehicle)) problems.push(`${where}: the vehicle has more than one route`);
    routedVehicles.add(route.vehicle);
    for (const step of route.steps) {
      if (step.type !== 'job' || step.id === undefined || !jobsById.has(step.id)) continue;
      const other = servedBy.get(step.id);
      if (other !== undefined) problems.push(`job ${step.id} is served more than once (vehicles ${other} and ${route.vehicle})`);
      else servedBy.set(step.id, route.vehicle);
    }
    problems.push(...checkRoute(route, vehicle, jobsById, dims, travel));
  }

  const unassignedIds = new Set<number>();
  for (const [k, u] of output.unassigned.entries()) {
    const where = `unassigned[${k}] (job ${u.id})`;
    if (u.type !== 'job') problems.push(`${where}: type is ${JSON.stringify(u.type)}, not "job"`);
    if (!jobsById.has(u.id)) problems.push(`${where}: no job has this id`);
    if (unassignedIds.has(u.id)) problems.push(`${where}: listed more than once`);
    if (servedBy.has(u.id)) problems.push(`${where}: also served by vehicle ${servedBy.get(u.id)}`);
    unassignedIds.add(u.id);
  }
  for (const job of jobs) {
    if (!servedBy.has(job.id) && !unassignedIds.has(job.id)) problems.push(`job ${job.id} is neither in a route nor unassigned`);
  }

  problems.push(...checkSummary(output, dims));
  return problems;
}

// ---------------------------------------------------------------------------
// Travel

const EARTH_RADIUS_M = 6371008.8;
const ROAD_FACTOR = 1.3;
const SPEED_M_PER_S = 50 / 3.6;
const DEFAULT_PROFILE = 'car';

interface Place {
  readonly index: number | undefined;
  readonly coords: Coordinates | undefined;
}

interface Leg {
  readonly duration: number;
  readonly distance: number;
  readonly cost: number;
}

class TravelModel {
  /** With matrices, locations are matrix indices; otherwise coordinates, compared exactly. */
  readonly matrixMode: boolean;

  constructor(private readonly input: Input) {
    this.matrixMode = input.matrices !== undefined && Object.keys(input.matrices).length > 0;
  }

  samePlace(a: Place, b: Place): boolean {
    if (this.matrixMode) return a.index !== undefined && a.index === b.index;
    return a.coords !== undefined && b.coords !== undefined && a.coords[0] === b.coords[0] && a.coords[1] === b.coords[1];
  }

  /** The leg for this vehicle, or a reason it cannot be computed. */
  leg(vehicle: Vehicle, from: Place, to: Place): Leg | string {
    const profile = vehicle.profile ?? DEFAULT_PROFILE;
    const m: ProfileMatrices | undefined = this.input.matrices?.[profile];
    const geo = from.coords && to.coords ? coordinateLeg(from.coords, to.coords) : undefined;

    let rawDuration: number;
    if (this.matrixMode) {
      if (!m?.durations) return `no durations matrix for profile "${profile}"`;
      const value = matrixValue(m.durations, from.index, to.index);
      if (value === undefined) return `no durations[${from.index}][${to.index}] in profile "${profile}"`;
      rawDuration = value;
    } else {
      if (!geo) return 'a location has neither matrix index nor coordinates';
      rawDuration = geo.duration;
    }
    const duration = Math.round(rawDuration / (vehicle.speed_factor ?? 1));

    let distance = 0;
    if (m?.distances) {
      const value = matrixValue(m.distances, from.index, to.index);
      if (value === undefined) return `no distances[${from.index}][${to.index}] in profile "${profile}"`;
      distance = value;
    } else if (geo) {
      distance = geo.distance;
    }

    let cost: number;
    if (m?.costs) {
      const value = matrixValue(m.costs, from.index, to.index);
      if (value === undefined) return `no costs[${from.index}][${to.index}] in profile "${profile}"`;
      cost = value;
    } else {
      cost = ((vehicle.costs?.per_hour ?? 3600) * duration) / 3600 + ((vehicle.costs?.per_km ?? 0) * distance) / 1000;
    }
    return { duration, distance, cost };
  }
}

function matrixValue(rows: readonly (readonly number[])[], a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  const value = rows[a]?.[b];
  return typeof value === 'number' ? value : undefined;
}

/**
 * README rule: great-circle distance × 1.3 at 50 km/h; both rounded from the
 * unrounded road distance, so a leg's time does not inherit the metre rounding.
 */
function coordinateLeg(a: Coordinates, b: Coordinates): { duration: number; distance: number } {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  const road = 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))) * ROAD_FACTOR;
  return { distance: Math.round(road), duration: Math.round(road / SPEED_M_PER_S) };
}

// ---------------------------------------------------------------------------
// One route

function checkRoute(route: Route, vehicle: Vehicle, jobsById: ReadonlyMap<number, Job>, dims: number, travel: TravelModel): string[] {
  const problems: string[] = [];
  const where = `route of vehicle ${route.vehicle}`;
  const steps = route.steps;
  const at = (i: number): string => `${where}, step ${i} (${stepLabel(steps[i]!)})`;

  const hasStart = vehicle.start !== undefined || vehicle.start_index !== undefined;
  const hasEnd = vehicle.end !== undefined || vehicle.end_index !== undefined;
  if (steps.length === 0) return [`${where}: has no steps`];
  if (hasStart && steps[0]!.type !== 'start') problems.push(`${where}: the vehicle has a start but the first step is not 'start'`);
  if (hasEnd && steps[steps.length - 1]!.type !== 'end') problems.push(`${where}: the vehicle has an end but the last step is not 'end'`);

  // Resolve each step against the input first; timing checks need every step to make sense.
  const breaksById = new Map<number, Break>();
  for (const b of vehicle.breaks ?? []) breaksById.set(b.id, b);
  const seenBreaks = new Set<number>();
  const stepJobs: (Job | undefined)[] = [];
  const stepBreaks: (Break | undefined)[] = [];
  let structureOk = true;
  for (const [i, step] of steps.entries()) {
    let job: Job | undefined;
    let brk: Break | undefined;
    switch (step.type) {
      case 'start':
        if (i !== 0) problems.push(`${at(i)}: 'start' is not the first step`);
        if (!hasStart) problems.push(`${at(i)}: the vehicle has no start`);
        if (i !== 0 || !hasStart) structureOk = false;
        break;
      case 'end':
        if (i !== steps.length - 1) problems.push(`${at(i)}: 'end' is not the last step`);
        if (!hasEnd) problems.push(`${at(i)}: the vehicle has no end`);
        if (i !== steps.length - 1 || !hasEnd) structureOk = false;
        break;
      case 'job':
        job = step.id === undefined ? undefined : jobsById.get(step.id);
        if (!job) {
          problems.push(`${at(i)}: no job has this id`);
          structureOk = false;
        }
        break;
      case 'break':
        brk = step.id === undefined ? undefined : breaksById.get(step.id);
        if (!brk) {
          problems.push(`${at(i)}: the vehicle has no break with this id`);
          structureOk = false;
        } else if (seenBreaks.has(brk.id)) {
          problems.push(`${at(i)}: break ${brk.id} is taken more than once`);
        }
        if (brk) seenBreaks.add(brk.id);
        break;
      default:
        problems.push(`${at(i)}: unknown step type ${JSON.stringify((step as { type: unknown }).type)}`);
        structureOk = false;
    }
    stepJobs.push(job);
    stepBreaks.push(brk);
  }
  for (const b of vehicle.breaks ?? []) {
    if (!seenBreaks.has(b.id)) problems.push(`${where}: break ${b.id} of the vehicle is not taken`);
  }
  const servedJobs = stepJobs.filter((j): j is Job => j !== undefined);

  const vehicleSkills = new Set(vehicle.skills ?? []);
  for (const [i, step] of steps.entries()) {
    const job = stepJobs[i];
    const brk = stepBreaks[i];
    for (const key of ['arrival', 'duration', 'distance', 'setup', 'service', 'waiting_time'] as const) {
      if (typeof step[key] !== 'number' || !Number.isFinite(step[key])) problems.push(`${at(i)}: ${key} is not a finite number`);
      else if (step[key] < 0) problems.push(`${at(i)}: ${key} ${step[key]} is negative`);
    }
    if (job) {
      const missing = (job.skills ?? []).filter((s) => !vehicleSkills.has(s));
      if (missing.length > 0) problems.push(`${at(i)}: the vehicle lacks skill(s) ${missing.join(', ')}`);
      const service = job.service_by_vehicle?.[String(vehicle.id)] ?? job.service ?? 0;
      if (step.service !== service) problems.push(`${at(i)}: service ${step.service}, but the job's service is ${service}`);
      if (step.location_index !== undefined && job.location_index !== undefined && step.location_index !== job.location_index) {
        problems.push(`${at(i)}: location_index ${step.location_index}, but the job's is ${job.location_index}`);
      }
    } else if (brk) {
      if (step.setup !== 0) problems.push(`${at(i)}: a break has setup ${step.setup}`);
      if (step.service !== (brk.service ?? 0)) problems.push(`${at(i)}: service ${step.service}, but the break's service is ${brk.service ?? 0}`);
    } else if (step.type === 'start' || step.type === 'end') {
      if (step.setup !== 0 || step.service !== 0 || step.waiting_time !== 0) {
        problems.push(`${at(i)}: setup, service and waiting_time must be 0, got ${step.setup}, ${step.service}, ${step.waiting_time}`);
      }
    }
  }

  if (vehicle.max_tasks !== undefined && servedJobs.length > vehicle.max_tasks) {
    problems.push(`${where}: serves ${servedJobs.length} jobs, more than max_tasks ${vehicle.max_tasks}`);
  }

  problems.push(...checkLoads(route, vehicle, stepJobs, stepBreaks, dims, at));
  if (!structureOk) return problems; // timings of an ill-formed route would only repeat the same error

  // Travel: legs between consecutive located steps (start, jobs, end); breaks have no location.
  const places: (Place | undefined)[] = steps.map((step, i) => {
    const job = stepJobs[i];
    if (job) return { index: job.location_index, coords: job.location };
    if (step.type === 'start') return { index: vehicle.start_index, coords: vehicle.start };
    if (step.type === 'end') return { index: vehicle.end_index, coords: vehicle.end };
    return undefined;
  });
  /** Expected cumulated travel and distance at each located step. */
  const cumDuration: (number | undefined)[] = new Array(steps.length).fill(undefined);
  const cumDistance: (number | undefined)[] = new Array(steps.length).fill(undefined);
  const legDuration: number[] = new Array(steps.length).fill(0);
  let totalDuration = 0;
  let totalDistance = 0;
  let exactCost = 0;
  let roundedCost = 0;
  let previousLocated = -1;
  for (let i = 0; i < steps.length; i++) {
    const place = places[i];
    if (!place) continue;
    if (previousLocated >= 0) {
      const leg = travel.leg(vehicle, places[previousLocated] as Place, place);
      if (typeof leg === 'string') {
        problems.push(`${at(i)}: cannot compute travel from step ${previousLocated}: ${leg}`);
        return problems;
      }
      legDuration[i] = leg.duration;
      totalDuration += leg.duration;
      totalDistance += leg.distance;
      exactCost += leg.cost;
      roundedCost += Math.round(leg.cost);
    }
    cumDuration[i] = totalDuration;
    cumDistance[i] = totalDistance;
    previousLocated = i;
  }

  // Cumulated travel: exact at located steps; at a break, anywhere between its neighbours (travel may be split).
  let lower = { duration: 0, distance: 0 };
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (cumDuration[i] !== undefined) {
      lower = { duration: cumDuration[i] as number, distance: cumDistance[i] as number };
      if (step.duration !== lower.duration) problems.push(`${at(i)}: cumulated travel duration ${step.duration}, expected ${lower.duration}`);
      if (step.distance !== lower.distance) problems.push(`${at(i)}: cumulated distance ${step.distance}, expected ${lower.distance}`);
      continue;
    }
    let next = i + 1;
    while (next < steps.length && cumDuration[next] === undefined) next++;
    const upper = next < steps.length ? { duration: cumDuration[next] as number, distance: cumDistance[next] as number } : lower;
    const previous = i > 0 ? steps[i - 1] : undefined;
    const floorDuration = Math.max(lower.duration, previous?.duration ?? 0);
    const floorDistance = Math.max(lower.distance, previous?.distance ?? 0);
    if (step.duration < floorDuration || step.duration > upper.duration) {
      problems.push(`${at(i)}: cumulated travel duration ${step.duration} outside [${floorDuration}, ${upper.duration}]`);
    }
    // A break's distance is a pro-rata share of a leg, rounded: allow that rounding.
    if (step.distance < floorDistance || step.distance > upper.distance + 1) {
      problems.push(`${at(i)}: cumulated distance ${step.distance} outside [${floorDistance}, ${upper.distance}]`);
    }
  }

  // Timing: between two located steps the vehicle drives only in the gaps between steps, and those gaps must hold the leg.
  const departure = (s: Step): number => s.arrival + s.waiting_time + s.setup + s.service;
  let freeSinceLocated = 0;
  previousLocated = -1;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (i > 0) {
      const gap = step.arrival - departure(steps[i - 1]!);
      if (gap < 0) {
        problems.push(`${at(i)}: arrives at ${step.arrival}, before step ${i - 1} (${stepLabel(steps[i - 1]!)}) is done at ${departure(steps[i - 1]!)}`);
      } else {
        freeSinceLocated += gap;
      }
    }
    if (places[i]) {
      if (previousLocated >= 0 && freeSinceLocated < legDuration[i]!) {
        problems.push(
          `${at(i)}: arrives at ${step.arrival}, but travel from step ${previousLocated} (${stepLabel(steps[previousLocated]!)}) takes ${legDuration[i]} s and only ${freeSinceLocated} s are free`,
        );
      }
      freeSinceLocated = 0;
      previousLocated = i;
    }
  }

  // Setup is paid only when arriving from elsewhere; the first task of a route without a start always pays it.
  let lastPlace: Place | undefined;
  for (let i = 0; i < steps.length; i++) {
    const place = places[i];
    const job = stepJobs[i];
    if (job && place) {
      const expected = lastPlace && travel.samePlace(lastPlace, place) ? 0 : (job.setup ?? 0);
      if (steps[i]!.setup !== expected) problems.push(`${at(i)}: setup ${steps[i]!.setup}, expected ${expected}`);
    }
    if (place) lastPlace = place;
  }

  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const windows = stepJobs[i]?.time_windows ?? stepBreaks[i]?.time_windows;
    if (windows && windows.length > 0) {
      const start = step.arrival + step.waiting_time;
      if (!windows.some((w) => w[0] <= start && start <= w[1])) problems.push(`${at(i)}: starts at ${start} ${windowMiss(start, windows)}`);
    }
  }
  if (vehicle.time_window) {
    const [open, close] = vehicle.time_window;
    if (steps[0]!.arrival < open) problems.push(`${at(0)}: the route starts at ${steps[0]!.arrival}, before the vehicle's time window opens at ${open}`);
    const last = steps.length - 1;
    if (departure(steps[last]!) > close) {
      problems.push(`${at(last)}: the route ends at ${departure(steps[last]!)}, after the vehicle's time window closes at ${close}`);
    }
  }

  if (vehicle.max_travel_time !== undefined && totalDuration > vehicle.max_travel_time) {
    problems.push(`${where}: travel time ${totalDuration} exceeds max_travel_time ${vehicle.max_travel_time}`);
  }
  if (vehicle.max_distance !== undefined && totalDistance > vehicle.max_distance) {
    problems.push(`${where}: distance ${totalDistance} exceeds max_distance ${vehicle.max_distance}`);
  }

  const fixed = (servedJobs.length > 0 ? (vehicle.costs?.fixed ?? 0) : 0) + extensionCosts(vehicle, steps, stepJobs, totalDuration);
  const costOk = [exactCost, roundedCost].some((c) => Math.abs(route.cost - (fixed + c)) <= 1 + 1e-9);
  if (!costOk) problems.push(`${where}: cost ${route.cost}, expected ${round6(fixed + exactCost)} (±1)`);
  if (route.duration !== totalDuration) problems.push(`${where}: duration ${route.duration}, expected total travel ${totalDuration}`);
  if (route.distance !== totalDistance) problems.push(`${where}: distance ${route.distance}, expected ${totalDistance}`);
  const sum = (f: (s: Step) => number): number => steps.reduce((acc, s) => acc + f(s), 0);
  for (const key of ['setup', 'service', 'waiting_time'] as const) {
    const expected = sum((s) => s[key]);
    if (route[key] !== expected) problems.push(`${where}: ${key} ${route[key]}, but its steps add up to ${expected}`);
  }
  const priority = servedJobs.reduce((acc, j) => acc + (j.priority ?? 0), 0);
  if (route.priority !== priority) problems.push(`${where}: priority ${route.priority}, expected ${priority}`);
  const delivery = sumAmounts(
    servedJobs.map((j) => j.delivery),
    dims,
  );
  const pickup = sumAmounts(
    servedJobs.map((j) => j.pickup),
    dims,
  );
  if (!sameAmount(route.delivery, delivery)) problems.push(`${where}: delivery [${route.delivery}], expected [${delivery}]`);
  if (!sameAmount(route.pickup, pickup)) problems.push(`${where}: pickup [${route.pickup}], expected [${pickup}]`);

  return problems;
}

function checkLoads(
  route: Route,
  vehicle: Vehicle,
  stepJobs: readonly (Job | undefined)[],
  stepBreaks: readonly (Break | undefined)[],
  dims: number,
  at: (i: number) => string,
): string[] {
  const problems: string[] = [];
  const capacity = vehicle.capacity;
  let load = sumAmounts(
    stepJobs.map((j) => j?.delivery),
    dims,
  );
  const overCapacity = (amount: Amount): boolean => exceeds(amount, capacity);
  if (route.steps[0]?.type !== 'start' && overCapacity(load)) {
    problems.push(`route of vehicle ${route.vehicle}: leaves with load [${load}] over capacity [${capacity}]`);
  }
  for (const [i, step] of route.steps.entries()) {
    const job = stepJobs[i];
    if (job) load = load.map((x, d) => x - amountAt(job.delivery, d) + amountAt(job.pickup, d));
    if (!sameAmount(step.load, load)) problems.push(`${at(i)}: load [${step.load}], expected [${load}]`);
    if (overCapacity(load)) problems.push(`${at(i)}: load [${load}] exceeds capacity [${capacity}]`);
    const brk = stepBreaks[i];
    if (brk && exceeds(load, brk.max_load)) problems.push(`${at(i)}: load [${load}] exceeds the break's max_load [${brk.max_load}]`);
  }
  return problems;
}

// ---------------------------------------------------------------------------
// Summary

function checkSummary(output: SolvedOutput, dims: number): string[] {
  const problems: string[] = [];
  const { summary, routes } = output;
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  const total = (f: (r: Route) => number): number => routes.reduce((acc, r) => acc + f(r), 0);
  const scalar: [string, number, number][] = [
    ['cost', summary.cost, total((r) => r.cost)],
    ['setup', summary.setup, total((r) => r.setup)],
    ['service', summary.service, total((r) => r.service)],
    ['duration', summary.duration, total((r) => r.duration)],
    ['waiting_time', summary.waiting_time, total((r) => r.waiting_time)],
    ['priority', summary.priority, total((r) => r.priority)],
    ['distance', summary.distance, total((r) => r.distance)],
  ];
  for (const [key, got, expected] of scalar) {
    if (!close(got, expected)) problems.push(`summary: ${key} ${got}, but the routes add up to ${round6(expected)}`);
  }
  if (summary.routes !== routes.length) problems.push(`summary: routes ${summary.routes}, but there are ${routes.length}`);
  if (summary.unassigned !== output.unassigned.length) {
    problems.push(`summary: unassigned ${summary.unassigned}, but ${output.unassigned.length} jobs are listed`);
  }
  const delivery = sumAmounts(
    routes.map((r) => r.delivery),
    dims,
  );
  const pickup = sumAmounts(
    routes.map((r) => r.pickup),
    dims,
  );
  if (!sameAmount(summary.delivery, delivery)) problems.push(`summary: delivery [${summary.delivery}], but the routes add up to [${delivery}]`);
  if (!sameAmount(summary.pickup, pickup)) problems.push(`summary: pickup [${summary.pickup}], but the routes add up to [${pickup}]`);
  return problems;
}

// ---------------------------------------------------------------------------
// Small helpers

function stepLabel(step: Step): string {
  if (step.type === 'job' || step.type === 'break') return `${step.type} ${step.id}`;
  return step.type;
}

function windowMiss(t: number, windows: readonly TimeWindow[]): string {
  if (windows.every((w) => t < w[0])) return 'before its time windows';
  if (windows.every((w) => t > w[1])) return 'after its time windows';
  return 'between its time windows';
}

function amountDimensions(input: Input): number {
  let dims = 0;
  for (const job of input.jobs ?? []) dims = Math.max(dims, job.delivery?.length ?? 0, job.pickup?.length ?? 0);
  for (const v of input.vehicles) {
    dims = Math.max(dims, v.capacity?.length ?? 0);
    for (const b of v.breaks ?? []) dims = Math.max(dims, b.max_load?.length ?? 0);
  }
  return dims;
}

function amountAt(amount: Amount | undefined, d: number): number {
  return amount?.[d] ?? 0;
}

function sumAmounts(amounts: readonly (Amount | undefined)[], dims: number): number[] {
  const out = new Array<number>(dims).fill(0);
  for (const a of amounts) for (let d = 0; d < dims; d++) out[d]! += amountAt(a, d);
  return out;
}

/** Compares dimension by dimension; a missing trailing entry counts as 0, so [] equals [0, 0]. */
function sameAmount(a: Amount | undefined, b: Amount): boolean {
  if (!Array.isArray(a)) return false;
  const n = Math.max(a.length, b.length);
  for (let d = 0; d < n; d++) if (amountAt(a, d) !== amountAt(b, d)) return false;
  return true;
}

/** A limit without an entry for a dimension does not bound it (input validation is the solver's job). */
function exceeds(amount: Amount, limit: Amount | undefined): boolean {
  if (!limit) return false;
  return amount.some((x, d) => limit[d] !== undefined && x > limit[d]);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Costs of the Tournée extensions (engine/README.md): assignment costs, lateness
 * past a soft deadline, overtime past the soft end, and the workload term.
 */
function extensionCosts(vehicle: Vehicle, steps: readonly Step[], stepJobs: readonly (Job | undefined)[], travel: number): number {
  let cost = 0;
  let work = travel;
  let served = 0;
  steps.forEach((step, i) => {
    const job = stepJobs[i];
    if (!job) return;
    served++;
    work += step.setup + step.service;
    cost += job.assignment_costs?.[String(vehicle.id)] ?? 0;
    const start = step.arrival + step.waiting_time;
    if (job.deadline && start > job.deadline.at) cost += ((start - job.deadline.at) * job.deadline.cost_per_hour) / 3600;
  });
  if (served === 0) return 0;
  const last = steps[steps.length - 1]!;
  const end = last.arrival + last.waiting_time + last.setup + last.service;
  if (vehicle.overtime && end > vehicle.overtime.after) cost += ((end - vehicle.overtime.after) * vehicle.overtime.cost_per_hour) / 3600;
  const perHour2 = vehicle.costs?.per_work_hour_squared ?? 0;
  if (perHour2 > 0) cost += perHour2 * (work / 3600) ** 2;
  return cost;
}
