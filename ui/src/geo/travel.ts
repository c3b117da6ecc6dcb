// The board's travel estimate while a visit is being dragged: the engine's own
// default for coordinates without a matrix (engine/README.md, "Travel"):
// great-circle distance × 1.3 road factor at 50 km/h. Same rule, so the
// preview and the planner agree when no routing matrix is configured.
export const ROAD_FACTOR = 1.3;
export const SPEED_METERS_PER_SECOND = 50_000 / 3600;
const EARTH_RADIUS_METERS = 6_371_000;

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

export function greatCircleMeters(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function travel(a: LatLon, b: LatLon): { meters: number; seconds: number } {
  const meters = Math.round(greatCircleMeters(a, b) * ROAD_FACTOR);
  return { meters, seconds: Math.round(meters / SPEED_METERS_PER_SECOND) };
}
