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

export function greatCircleMeters(a: Coordinates, b: Coordinates): Meters {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road distance (whole metres) and travel time (whole seconds) between two points. */
export function coordinateLeg(
  a: Coordinates,
  b: Coordinates,
  model: CoordinateTravelModel = DEFAULT_COORDINATE_TRAVEL,
): { distance: Meters; duration: Seconds } {
  const road = greatCircleMeters(a, b) * model.roadFactor;
  return { distance: Math.round(road), duration: Math.round(road / (model.speedKmh / 3.6)) };
}
