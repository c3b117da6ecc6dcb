/**
 * A field-service problem resolved once for every later step: weights with
 * their defaults, the travel table, the work periods, each visit's sector and
 * absolute time windows, and indices by id. Compile, reasons, insertion and
 * slots all read this one view, so they agree with one another.
 */
import { DEFAULT_COORDINATE_TRAVEL } from '../problem/coordinate-travel.ts';
import type { Coordinates } from '../types.ts';
import { type WorkPeriod, workPeriods } from './periods.ts';
import { visitSectors } from './sectors.ts';
import { buildTravelTable, fieldServiceLocations, type TravelTable } from './travel.ts';
import { DAY, DEFAULT_WEIGHTS, type FieldServiceProblem, type ObjectiveWeights, type RealtimeState, type TravelMatrix, type Visit } from './types.ts';

export interface FieldServiceContext {
  readonly problem: FieldServiceProblem;
  readonly weights: ObjectiveWeights;
  readonly table: TravelTable;
  readonly periods: readonly WorkPeriod[];
  /** Per visit index. */
  readonly visitSectors: readonly (string | undefined)[];
  readonly visitIndex: ReadonlyMap<string, number>;
  readonly technicianIndex: ReadonlyMap<string, number>;
  readonly state?: RealtimeState;
  /**
   * Travel is the core's own coordinate model (haversine × 1.3 at 50 km/h, no
   * matrix given): the core can then compute it from coordinates itself,
   * which spares building and validating a matrix of every pair of places.
   */
  readonly coreTravel: boolean;
}

export interface ContextOptions {
  readonly state?: RealtimeState;
  readonly travelMatrix?: TravelMatrix;
  /** Sites not in the problem that the table must cover (an urgent visit, a booking). */
  readonly extraVisits?: readonly Visit[];
  /** Where to assume a technician is when the state gives no position (see `WorkPeriod`). */
  readonly fallbackPosition?: (technician: string, now: number) => Coordinates | undefined;
}

export function resolveWeights(problem: FieldServiceProblem): ObjectiveWeights {
  return { ...DEFAULT_WEIGHTS, ...stripUndefined(problem.weights ?? {}) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function buildContext(problem: FieldServiceProblem, options: ContextOptions = {}): FieldServiceContext {
  const locations = fieldServiceLocations(problem, options.state, options.extraVisits ?? []);
  // A fallback position may be any place of the plan: make sure the table knows it.
  const table = buildTravelTable(locations, problem.travel, options.travelMatrix);
  const periods = workPeriods(problem, table, {
    state: options.state,
    fallbackPosition: options.fallbackPosition
      ? (technician, now) => {
          const p = options.fallbackPosition?.(technician, now);
          return p && table.has(p) ? p : undefined;
        }
      : undefined,
  });
  return {
    problem,
    weights: resolveWeights(problem),
    table,
    periods,
    visitSectors: visitSectors(problem.visits, problem.sectors ?? []),
    visitIndex: new Map(problem.visits.map((v, i) => [v.id, i])),
    technicianIndex: new Map(problem.technicians.map((t, i) => [t.id, i])),
    coreTravel:
      options.travelMatrix === undefined &&
      (problem.travel?.roadFactor ?? DEFAULT_COORDINATE_TRAVEL.roadFactor) === DEFAULT_COORDINATE_TRAVEL.roadFactor &&
      (problem.travel?.speedKmh ?? DEFAULT_COORDINATE_TRAVEL.speedKmh) === DEFAULT_COORDINATE_TRAVEL.speedKmh,
    ...(options.state ? { state: options.state } : {}),
  };
}

/** First and last day a visit may take place (a time pin fixes its day). */
export function visitDays(visit: Visit, days: number): [number, number] {
  if (visit.pin && visit.pin.mode !== 'technician' && visit.pin.start !== undefined) {
    const d = Math.floor(visit.pin.start / DAY);
    return [d, d];
  }
  return [visit.earliestDay ?? 0, Math.min(visit.latestDay ?? days - 1, days - 1)];
}

/** The visit's allowed start times over the horizon, absolute and sorted. */
export function visitWindows(visit: Visit, days: number): [number, number][] {
  if (visit.pin && visit.pin.mode !== 'technician' && visit.pin.start !== undefined) return [[visit.pin.start, visit.pin.start]];
  const [first, last] = visitDays(visit, days);
  const daily = visit.windows ?? [[0, DAY]];
  const out: [number, number][] = [];
  for (let d = first; d <= last; d++) for (const [a, b] of daily) out.push([d * DAY + a, d * DAY + b]);
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** The technician a visit is pinned to, if any. */
export function pinnedTechnician(visit: Visit): string | undefined {
  return visit.pin && visit.pin.mode !== 'time' ? visit.pin.technician : undefined;
}

/** Whether the hard technician rules (required, forbidden, pin) let this technician do the visit. */
export function technicianPermitted(visit: Visit, technician: string): boolean {
  const pinned = pinnedTechnician(visit);
  if (pinned !== undefined && pinned !== technician) return false;
  if (visit.requiredTechnicians && visit.requiredTechnicians.length > 0 && !visit.requiredTechnicians.includes(technician)) {
    return false;
  }
  return !(visit.forbiddenTechnicians ?? []).includes(technician);
}
