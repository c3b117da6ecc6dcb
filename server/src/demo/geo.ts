// Small planar-enough geometry for a region 200 km across: metre offsets,
// distances, bearings, and sector outlines as valid GeoJSON polygons (a convex
// hull of discs around each town, counter-clockwise as RFC 7946 asks).

export interface LatLon {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number): number => (deg * Math.PI) / 180;
const deg = (r: number): number => (r * 180) / Math.PI;

/** The point `meters` away from `from` along `bearingDeg` (0 = north, clockwise). */
export function offset(from: LatLon, meters: number, bearingDeg: number): LatLon {
  const b = rad(bearingDeg);
  const dLat = (meters * Math.cos(b)) / EARTH_RADIUS_M;
  const dLon = (meters * Math.sin(b)) / (EARTH_RADIUS_M * Math.cos(rad(from.lat)));
  return { lat: from.lat + deg(dLat), lon: from.lon + deg(dLon) };
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearing(a: LatLon, b: LatLon): number {
  const y = Math.sin(rad(b.lon - a.lon)) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lon - a.lon));
  return (deg(Math.atan2(y, x)) + 360) % 360;
}

/** Linear interpolation, fine over the few kilometres between two stops. */
export function interpolate(a: LatLon, b: LatLon, fraction: number): LatLon {
  const f = Math.min(1, Math.max(0, fraction));
  return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f };
}

export interface GeoJsonPolygon {
  type: 'Polygon';
  /** One exterior ring of [lon, lat], closed (first = last), counter-clockwise. */
  coordinates: [number, number][][];
}

/**
 * The outline of a sector: the convex hull of a `bufferMeters` disc (as a
 * 16-gon) around each town, so every address within that distance of a town
 * centre lies inside.
 */
export function sectorPolygon(towns: readonly LatLon[], bufferMeters: number): GeoJsonPolygon {
  const points: [number, number][] = [];
  for (const town of towns) {
    for (let k = 0; k < 16; k++) {
      const p = offset(town, bufferMeters, k * 22.5);
      points.push([round(p.lon), round(p.lat)]);
    }
  }
  const hull = convexHull(points);
  return { type: 'Polygon', coordinates: [[...hull, hull[0]!]] };
}

const round = (x: number): number => Math.round(x * 1e5) / 1e5;

/** Andrew's monotone chain: counter-clockwise, without repeating the first point. */
export function convexHull(points: readonly [number, number][]): [number, number][] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: [number, number][] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Even-odd ray casting on the exterior ring. */
export function pointInPolygon(point: LatLon, polygon: GeoJsonPolygon): boolean {
  const ring = polygon.coordinates[0]!;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > point.lat !== yj > point.lat && point.lon < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Signed area of a ring in degrees² (positive = counter-clockwise). */
export function ringArea(ring: readonly [number, number][]): number {
  let area = 0;
  for (let i = 0; i < ring.length - 1; i++) area += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return area / 2;
}
