/**
 * Travel for field-service planning: one table of durations and distances over
 * the distinct places of a problem (homes, shift ends, sites, positions). The
 * core receives it as its matrices, and reasons, insertion and slots read the
 * same numbers, so every part of the layer agrees with the solver on time.
 */
import { InputError } from '../errors.ts';
import { coordinateLeg } from '../problem/coordinate-travel.ts';
import type { Coordinates } from '../types.ts';
import type { FieldServiceProblem, RealtimeState, TravelMatrix, TravelModelSettings, TravelProvider, Visit } from './types.ts';

export const DEFAULT_ROAD_FACTOR = 1.3;
export const DEFAULT_SPEED_KMH = 50;

const key = (c: Coordinates): string => `${c[0]},${c[1]}`;

/**
 * The distinct places a plan of `problem` may visit, in a stable order: what a
 * `TravelProvider` must cover when its matrix is passed as `travelMatrix`.
 * `extraVisits` adds sites not in the problem (an urgent visit, a booking).
 */
export function fieldServiceLocations(problem: FieldServiceProblem, state?: RealtimeState, extraVisits: readonly Visit[] = []): Coordinates[] {
  const seen = new Set<string>();
  const out: Coordinates[] = [];
  const add = (c: Coordinates | undefined): void => {
    if (!c) return;
    const k = key(c);
    if (seen.has(k)) return;
    seen.add(k);
    out.push([c[0], c[1]]);
  };
  for (const t of problem.technicians) {
    add(t.home);
    for (const s of t.shifts) {
      add(s.startLocation);
      add(s.endLocation);
    }
  }
  for (const v of problem.visits) add(v.location);
  for (const v of extraVisits) add(v.location);
  for (const p of state?.positions ?? []) add(p.location);
  return out;
}

/** A provider that answers at once (no I/O). */
export interface HaversineTravel extends TravelProvider {
  matrix(locations: readonly Coordinates[]): TravelMatrix;
}

/** The default model: great-circle distance × road factor, at an average speed (the core's coordinate travel). */
export function haversineTravel(settings: TravelModelSettings = {}): HaversineTravel {
  const model = { roadFactor: settings.roadFactor ?? DEFAULT_ROAD_FACTOR, speedKmh: settings.speedKmh ?? DEFAULT_SPEED_KMH };
  return {
    matrix(locations) {
      const n = locations.length;
      const durations: number[][] = [];
      const distances: number[][] = [];
      for (let a = 0; a < n; a++) {
        const d = new Array<number>(n).fill(0);
        const m = new Array<number>(n).fill(0);
        for (let b = 0; b < n; b++) {
          if (a === b) continue;
          const leg = coordinateLeg(locations[a]!, locations[b]!, model);
          d[b] = leg.duration;
          m[b] = leg.distance;
        }
        durations.push(d);
        distances.push(m);
      }
      return { locations: locations.map((c) => [c[0], c[1]] as Coordinates), durations, distances };
    },
  };
}

/**
 * Durations and distances over indexed places, flattened row-major. Legs are
 * filled on first read (NaN = not yet known): real-time insertion reads a few
 * thousand legs out of a table of a million, and should not pay for the rest.
 */
export class TravelTable {
  readonly size: number;
  private readonly durations: Float64Array;
  private readonly distances: Float64Array;
  private readonly byKey: Map<string, number>;

  constructor(
    readonly locations: readonly Coordinates[],
    private readonly fill: (a: number, b: number) => { duration: number; distance: number },
  ) {
    this.size = locations.length;
    this.durations = new Float64Array(this.size * this.size).fill(Number.NaN);
    this.distances = new Float64Array(this.size * this.size).fill(Number.NaN);
    this.byKey = new Map(locations.map((c, i) => [key(c), i]));
  }

  /** A table over given matrices (row-major, size × size). */
  static of(locations: readonly Coordinates[], durations: Float64Array, distances: Float64Array): TravelTable {
    const n = locations.length;
    return new TravelTable(locations, (a, b) => ({ duration: durations[a * n + b]!, distance: distances[a * n + b]! }));
  }

  /** Index of a place; throws when the table does not cover it. */
  index(c: Coordinates): number {
    const i = this.byKey.get(key(c));
    if (i === undefined) throw new InputError('travelMatrix', `has no entry for [${c[0]}, ${c[1]}]`);
    return i;
  }

  has(c: Coordinates): boolean {
    return this.byKey.has(key(c));
  }

  time(a: number, b: number): number {
    const k = a * this.size + b;
    const d = this.durations[k]!;
    return d === d ? d : this.load(a, b, k).duration;
  }

  distance(a: number, b: number): number {
    const k = a * this.size + b;
    const d = this.distances[k]!;
    return d === d ? d : this.load(a, b, k).distance;
  }

  private load(a: number, b: number, k: number): { duration: number; distance: number } {
    const leg = this.fill(a, b);
    this.durations[k] = leg.duration;
    this.distances[k] = leg.distance;
    return leg;
  }

  /** Nested arrays, the core's matrix format (every leg computed). */
  toMatrices(): { durations: number[][]; distances: number[][] } {
    const durations: number[][] = [];
    const distances: number[][] = [];
    for (let a = 0; a < this.size; a++) {
      const d = new Array<number>(this.size);
      const m = new Array<number>(this.size);
      for (let b = 0; b < this.size; b++) {
        d[b] = this.time(a, b);
        m[b] = this.distance(a, b);
      }
      durations.push(d);
      distances.push(m);
    }
    return { durations, distances };
  }
}

/**
 * The table over `locations`: read from `matrix` when given (any superset,
 * in any order), computed with the problem's haversine model otherwise.
 */
export function buildTravelTable(locations: readonly Coordinates[], settings: TravelModelSettings | undefined, matrix?: TravelMatrix): TravelTable {
  if (!matrix) {
    const model = { roadFactor: settings?.roadFactor ?? DEFAULT_ROAD_FACTOR, speedKmh: settings?.speedKmh ?? DEFAULT_SPEED_KMH };
    return new TravelTable(locations, (a, b) => (a === b ? { duration: 0, distance: 0 } : coordinateLeg(locations[a]!, locations[b]!, model)));
  }
  const rowOf = new Map(matrix.locations.map((c, i) => [key(c), i]));
  const rows = locations.map((c) => {
    const r = rowOf.get(key(c));
    if (r === undefined) throw new InputError('travelMatrix', `has no entry for [${c[0]}, ${c[1]}]`);
    return r;
  });
  return new TravelTable(locations, (a, b) => {
    const d = matrix.durations[rows[a]!]?.[rows[b]!];
    const m = matrix.distances[rows[a]!]?.[rows[b]!];
    if (!(typeof d === 'number' && d >= 0) || !(typeof m === 'number' && m >= 0)) {
      throw new InputError('travelMatrix', `entry [${rows[a]}][${rows[b]}] must be a non-negative number`);
    }
    // The core takes whole seconds and metres.
    return { duration: Math.round(d), distance: Math.round(m) };
  });
}
