/**
 * From a Solomon / Gehring & Homberger instance to the engine's VROOM-format
 * input, and back: the distance of the engine's answer recomputed from the
 * coordinates, and an independent feasibility check against the original data.
 *
 * Scaling. VROOM's matrices, time windows and service times are integers, while
 * the benchmarks' travel times are real Euclidean distances. Every value is
 * multiplied by SCALE = 1000 and travel is rounded *up*: an integer travel time
 * is then never shorter than the true one, so a route that meets every time
 * window with the integer matrix also meets them in exact arithmetic (arriving
 * earlier only adds waiting). Rounding to nearest, the common DIMACS practice,
 * would let the solver use travel times up to 0.0005 shorter than the real ones
 * and return solutions that are infeasible for the original instance. 1000
 * keeps the total overestimate below one unit per thousand legs while scaled
 * values stay far from 2^53.
 *
 * Ids: job id = the instance's customer number; location index 0 is the depot,
 * index i + 1 is `customers[i]`; vehicle ids are 1…vehicles.
 */
import type { Input, Job, Output, SolvedOutput, Vehicle } from '../../engine/src/types.ts';
import type { Customer, Instance } from './read-instance.ts';

export const SCALE = 1000;

export interface ToVroomOptions {
  /**
   * Added as `costs.fixed` to every vehicle. With one large enough to
   * dominate any difference in travel (see `hierarchicalFixedCost`), the
   * engine's cost becomes the literature's hierarchical objective.
   */
  readonly fixedCost?: number;
}

/** Euclidean distance in double precision, as the best-known solutions are computed. */
export function euclid(a: Customer, b: Customer): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * `ceil(euclid(a, b) × SCALE)`, exactly. With integer coordinates the square
 * of the scaled distance is an exact integer (below 2^53 for any realistic
 * instance), so the integer square root is corrected against it instead of
 * trusting the floating-point ceil, which could round a value a hair above an
 * integer down to it.
 */
export function scaledTravel(a: Customer, b: Customer): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  const squared = (dx * dx + dy * dy) * SCALE * SCALE;
  if (Number.isInteger(dx) && Number.isInteger(dy) && Number.isSafeInteger(squared)) {
    let root = Math.ceil(Math.sqrt(squared));
    while (root > 0 && (root - 1) * (root - 1) >= squared) root--;
    while (root * root < squared) root++;
    return root;
  }
  return Math.ceil(Math.sqrt(dx * dx + dy * dy) * SCALE);
}

/** Depot first, then the customers in file order: the location indices of the input. */
export function nodesOf(instance: Instance): Customer[] {
  return [instance.depot, ...instance.customers];
}

export function travelMatrix(instance: Instance): number[][] {
  const nodes = nodesOf(instance);
  return nodes.map((from) => nodes.map((to) => scaledTravel(from, to)));
}

/**
 * Integer data (every known file) scales exactly; fractional data is rounded
 * so as to shrink windows and lengthen services, keeping integer feasibility
 * sufficient for feasibility of the original.
 */
const earliest = (t: number): number => Math.ceil(t * SCALE);
const latest = (t: number): number => Math.floor(t * SCALE);
const duration = (t: number): number => Math.ceil(t * SCALE);

function integerAmount(value: number, what: string, instance: Instance): number {
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${instance.name}: ${what} ${value} is not an integer; VROOM amounts are integers`);
  }
  return value;
}

export function toVroom(instance: Instance, options: ToVroomOptions = {}): Input {
  const matrix = travelMatrix(instance);
  const capacity = integerAmount(instance.capacity, 'capacity', instance);
  const jobs: Job[] = instance.customers.map((customer, i) => ({
    id: customer.id,
    location_index: i + 1,
    service: duration(customer.service),
    delivery: [integerAmount(customer.demand, `customer ${customer.id} demand`, instance)],
    time_windows: [[earliest(customer.ready), latest(customer.due)]],
  }));
  const vehicles: Vehicle[] = [];
  for (let v = 1; v <= instance.vehicles; v++) {
    vehicles.push({
      id: v,
      start_index: 0,
      end_index: 0,
      capacity: [capacity],
      time_window: [earliest(instance.depot.ready), latest(instance.depot.due)],
      ...(options.fixedCost !== undefined ? { costs: { fixed: options.fixedCost } } : {}),
    });
  }
  // The same matrix for both: the benchmarks' travel time is the distance.
  return { jobs, vehicles, matrices: { car: { durations: matrix, distances: matrix } } };
}

/**
 * A fixed cost per used vehicle larger than the travel of any solution, so
 * that one vehicle fewer always beats any distance saving (the engine's cost
 * of a leg is its scaled travel time: default per_hour 3600 per 3600 s).
 * Every customer is left exactly once and the depot once per route, so no
 * solution travels more than Σ_customers longest-leg-out + vehicles × the
 * depot's longest leg out. About 10^9 for the 1000-customer instances, which
 * keeps every cost below 10^12, exact in double precision.
 */
export function hierarchicalFixedCost(instance: Instance): number {
  const nodes = nodesOf(instance);
  const longestOut = (from: Customer): number => {
    let longest = 0;
    for (const to of nodes) longest = Math.max(longest, scaledTravel(from, to));
    return longest;
  };
  let bound = instance.vehicles * longestOut(instance.depot);
  for (const customer of instance.customers) bound += longestOut(customer);
  return bound + 1;
}

export interface RouteJobs {
  readonly vehicle: number;
  /** Job ids (= customer numbers) in visiting order. */
  readonly jobs: readonly number[];
}

export function routesOf(output: SolvedOutput): RouteJobs[] {
  return output.routes.map((route) => ({
    vehicle: route.vehicle,
    jobs: route.steps.filter((step) => step.type === 'job').map((step) => step.id ?? Number.NaN),
  }));
}

function customerIndex(instance: Instance): Map<number, Customer> {
  return new Map(instance.customers.map((customer) => [customer.id, customer]));
}

/**
 * Total distance of the engine's routes in double precision from the
 * coordinates, whatever scaling the engine saw: the number comparable with
 * best-known solutions. Throws on a job id that is not a customer, which the
 * feasibility check reports instead.
 */
export function solutionDistance(instance: Instance, output: SolvedOutput): number {
  const byId = customerIndex(instance);
  let total = 0;
  for (const route of routesOf(output)) {
    let previous = instance.depot;
    for (const id of route.jobs) {
      const customer = byId.get(id);
      if (customer === undefined) throw new Error(`${instance.name}: vehicle ${route.vehicle} serves unknown job ${id}`);
      total += euclid(previous, customer);
      previous = customer;
    }
    if (route.jobs.length > 0) total += euclid(previous, instance.depot);
  }
  return total;
}

/**
 * Checks the engine's answer against the original instance, trusting nothing
 * the engine reports but the order of the jobs in each route: the fleet size,
 * every customer served once or reported unassigned, the capacity, and the
 * schedule replayed with double-precision travel (leave the depot at its
 * ready time, wait for ready times, start no later than the due date, be back
 * by the depot's due date). Comparisons are strict, with no tolerance, so
 * that an integer-feasible answer is never flagged by rounding noise: a leg
 * whose scaled length √N is not an integer gets a ceil slack of at least
 * 1/(2√N) scaled units (≈ 7e-10 original units for coordinates up to 500),
 * more than the rounding error of replaying even a 100-customer route
 * (≈ 3e-10 at times near 10^4); and where every leg is a whole multiple of
 * 1/SCALE, the replay is exact.
 * Returns the violations, empty when the solution is feasible. Unassigned jobs
 * are not violations: the runner reports them separately.
 */
export function checkFeasibility(instance: Instance, output: Output): string[] {
  if (output.code !== 0) return [`engine error ${output.code}: ${output.error}`];
  const violations: string[] = [];
  const byId = customerIndex(instance);
  const servedBy = new Map<number, number>();

  const routes = routesOf(output);
  const used = routes.filter((route) => route.jobs.length > 0);
  if (used.length > instance.vehicles) {
    violations.push(`${used.length} routes with jobs for a fleet of ${instance.vehicles} vehicles`);
  }
  const vehicleSeen = new Set<number>();
  for (const route of output.routes) {
    if (!Number.isInteger(route.vehicle) || route.vehicle < 1 || route.vehicle > instance.vehicles) {
      violations.push(`route for unknown vehicle ${route.vehicle}`);
    }
    if (vehicleSeen.has(route.vehicle)) violations.push(`vehicle ${route.vehicle} has more than one route`);
    vehicleSeen.add(route.vehicle);
    for (const step of route.steps) {
      if (step.type !== 'start' && step.type !== 'job' && step.type !== 'end') {
        violations.push(`vehicle ${route.vehicle}: unexpected ${step.type} step`);
      }
    }
  }

  for (const route of routes) {
    const where = `vehicle ${route.vehicle}`;
    let load = 0;
    let time = instance.depot.ready;
    let previous = instance.depot;
    for (const id of route.jobs) {
      const customer = byId.get(id);
      if (customer === undefined) {
        violations.push(`${where}: unknown job ${id}`);
        continue;
      }
      const other = servedBy.get(id);
      if (other !== undefined) violations.push(`${where}: customer ${id} already served by vehicle ${other}`);
      servedBy.set(id, route.vehicle);
      load += customer.demand;
      time += euclid(previous, customer);
      if (time > customer.due) {
        violations.push(`${where}: customer ${id} reached at ${time}, after its due date ${customer.due}`);
      }
      time = Math.max(time, customer.ready) + customer.service;
      previous = customer;
    }
    if (route.jobs.length === 0) continue;
    if (load > instance.capacity) violations.push(`${where}: load ${load} exceeds capacity ${instance.capacity}`);
    time += euclid(previous, instance.depot);
    if (time > instance.depot.due) {
      violations.push(`${where}: back at the depot at ${time}, after its due date ${instance.depot.due}`);
    }
  }

  const unassigned = new Set<number>();
  for (const job of output.unassigned) {
    if (!byId.has(job.id)) violations.push(`unknown job ${job.id} reported unassigned`);
    else if (servedBy.has(job.id)) violations.push(`customer ${job.id} reported unassigned but served by vehicle ${servedBy.get(job.id)}`);
    unassigned.add(job.id);
  }
  for (const customer of instance.customers) {
    if (!servedBy.has(customer.id) && !unassigned.has(customer.id)) {
      violations.push(`customer ${customer.id} neither served nor reported unassigned`);
    }
  }
  return violations;
}
