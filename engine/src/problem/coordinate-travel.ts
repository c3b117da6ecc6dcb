import type { CoordinateTravelModel, Coordinates, Meters, Seconds } from '../types.ts';

/**
 * Travel when no matrix is given: great-circle distance stretched by a road
 * factor (roads are not straight: 1.3 is the usual figure for French rural and
 * peri-urban networks) at an average speed. Good enough to plan; a deployment
 * that needs real roads passes OSRM matrices instead.
 */
export const DEFAULT_COORDINATE_TRAVEL: CoordinateTravelModel = { roadFactor: 1.3, speedKmh: 50 };

/**
 * Whether `c` can be a `[lon, lat]` pair, so that great-circle travel means something. Beside matrices,
 * coordinates may be planar (benchmark instances converted to VROOM's format): they are then only echoed.
 */
export function isLonLat(c: Coordinates): boolean {
  return c[0] >= -180 && c[0] <= 180 && c[1] >= -90 && c[1] <= 90;
}

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6371008.8;
const RADIANS = Math.PI / 180;

/**
 * Points as unit vectors on the sphere, three numbers each: the great-circle angle between two is
 * then 2·asin(chord / 2) — the haversine formula rewritten so that a pair costs one square root
 * and one asin, no sine or cosine. A 10,000-job day has 10^8 pairs; the trigonometry is paid once
 * per point here instead of per pair.
 */
export function unitVectors(points: readonly (Coordinates | undefined)[]): Float64Array {
  const out = new Float64Array(points.length * 3);
  points.forEach((p, i) => {
    if (p === undefined) return;
    const lat = p[1] * RADIANS;
    const lon = p[0] * RADIANS;
    out[3 * i] = Math.cos(lat) * Math.cos(lon);
    out[3 * i + 1] = Math.cos(lat) * Math.sin(lon);
    out[3 * i + 2] = Math.sin(lat);
  });
  return out;
}

/** Great-circle metres between points a and b of a unitVectors() array. */
function arcMeters(units: Float64Array, a: number, b: number): Meters {
  const dx = units[3 * a]! - units[3 * b]!;
  const dy = units[3 * a + 1]! - units[3 * b + 1]!;
  const dz = units[3 * a + 2]! - units[3 * b + 2]!;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2));
}

export function greatCircleMeters(a: Coordinates, b: Coordinates): Meters {
  return arcMeters(unitVectors([a, b]), 0, 1);
}

/**
 * Math.round for the non-negative values of a leg, as floor(x + 0.5): the same result (but for
 * 0.49999999999999994, no leg's length), and V8 compiles it to a few instructions where
 * Math.round cost a third of filling a 10,000-job day's matrices.
 */
const roundLength = (x: number): number => Math.floor(x + 0.5);

/** Road distance (whole metres) and travel time (whole seconds) between two points. */
export function coordinateLeg(
  a: Coordinates,
  b: Coordinates,
  model: CoordinateTravelModel = DEFAULT_COORDINATE_TRAVEL,
): { distance: Meters; duration: Seconds } {
  const road = greatCircleMeters(a, b) * model.roadFactor;
  return { distance: roundLength(road), duration: roundLength(road / (model.speedKmh / 3.6)) };
}

/** Integers below 2^24 are exact in a Float32Array. */
const SINGLE_PRECISION_EXACT = 2 ** 24;

/**
 * Whether every leg between these places, in whole metres (and so in seconds), stays below 2^24
 * (16,777 km) and can be kept in single precision. Bounded through the first place: no two places
 * are further apart than twice the furthest from it.
 */
export function legsFitSinglePrecision(coordinates: readonly (Coordinates | undefined)[], model: CoordinateTravelModel = DEFAULT_COORDINATE_TRAVEL): boolean {
  const units = unitVectors(coordinates);
  const first = coordinates.findIndex((c) => c !== undefined);
  let furthest = 0;
  for (let b = first + 1; first >= 0 && b < coordinates.length; b++) {
    if (coordinates[b] !== undefined) furthest = Math.max(furthest, arcMeters(units, first, b));
  }
  return 2 * furthest * model.roadFactor + 1 < SINGLE_PRECISION_EXACT && model.speedKmh / 3.6 >= 1;
}

/** Side of the square tiles the matrices are filled by: a tile and its mirror (32 KB each) stay in cache. */
const TILE = 64;

/**
 * Fills row-major size × size matrices with coordinateLeg()'s values for every pair of places
 * that have coordinates (others stay 0). Each pair is computed once for both directions, tile by
 * tile, so that writing the mirrored half does not miss the cache on every entry.
 * `durations` null: distances only.
 */
export function fillCoordinateLegs(
  durations: Float64Array | Float32Array | null,
  distances: Float64Array | Float32Array,
  coordinates: readonly (Coordinates | undefined)[],
  size: number,
  model: CoordinateTravelModel = DEFAULT_COORDINATE_TRAVEL,
): void {
  const units = unitVectors(coordinates);
  const present = Uint8Array.from(coordinates, (c) => (c === undefined ? 0 : 1));
  const metresPerSecond = model.speedKmh / 3.6;
  const n = coordinates.length;
  for (let rowTile = 0; rowTile < n; rowTile += TILE) {
    for (let columnTile = rowTile; columnTile < n; columnTile += TILE) {
      const rowEnd = Math.min(n, rowTile + TILE);
      const columnEnd = Math.min(n, columnTile + TILE);
      for (let a = rowTile; a < rowEnd; a++) {
        if (present[a] === 0) continue;
        for (let b = Math.max(columnTile, a + 1); b < columnEnd; b++) {
          if (present[b] === 0) continue;
          const road = arcMeters(units, a, b) * model.roadFactor;
          const distance = roundLength(road);
          distances[a * size + b] = distance;
          distances[b * size + a] = distance;
          if (durations) {
            const duration = roundLength(road / metresPerSecond);
            durations[a * size + b] = duration;
            durations[b * size + a] = duration;
          }
        }
      }
    }
  }
}
