/**
 * Sector polygons for generated instances: each town gets its Voronoi cell
 * (the points closer to it than to any other town), clipped to a box around
 * the region, and a sector is the MultiPolygon of its towns' cells. Sectors
 * then tile the region without overlap or gap, so every customer falls in
 * exactly one sector by point-in-polygon, as in a real company's map.
 *
 * Distances are measured in a local plane (x = lon × cos(mean latitude),
 * y = lat): at 44° N a degree of longitude is 28 % shorter than one of
 * latitude, and plain degrees would tilt the cells. The map is linear, so
 * straight cell edges stay straight in lon/lat.
 */
import type { SectorGeometry } from '../../engine/src/field-service/types.ts';
import type { Coordinates } from '../../engine/src/types.ts';

type Point = readonly [number, number];

/** Keeps the part of convex `polygon` where (p − origin) · normal ≤ 0 (Sutherland–Hodgman with one edge). */
function clipHalfPlane(polygon: readonly Point[], origin: Point, normal: Point): Point[] {
  const side = (p: Point): number => (p[0] - origin[0]) * normal[0] + (p[1] - origin[1]) * normal[1];
  const out: Point[] = [];
  for (let k = 0; k < polygon.length; k++) {
    const a = polygon[k]!;
    const b = polygon[(k + 1) % polygon.length]!;
    const sa = side(a);
    const sb = side(b);
    if (sa <= 0) out.push(a);
    if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
      const t = sa / (sa - sb);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

export interface SiteGroup {
  readonly id: string;
  readonly name?: string;
  /** `[lon, lat]` of the group's towns. */
  readonly sites: readonly Coordinates[];
}

/**
 * One MultiPolygon per group: the Voronoi cells of its sites among all sites,
 * clipped to their bounding box widened by `margin` degrees. Rings are closed
 * and counter-clockwise (RFC 7946), coordinates rounded to 5 decimals (≈ 1 m).
 */
export function voronoiSectors(groups: readonly SiteGroup[], margin = 0.2): { id: string; name?: string; geometry: SectorGeometry }[] {
  const all = groups.flatMap((group) => group.sites);
  if (all.length === 0) return [];
  const lat0 = all.reduce((sum, [, lat]) => sum + lat, 0) / all.length;
  const kx = Math.cos((lat0 * Math.PI) / 180);
  const project = ([lon, lat]: Coordinates): Point => [lon * kx, lat];
  const unproject = ([x, y]: Point): Coordinates => [round5(x / kx), round5(y)];

  const lons = all.map(([lon]) => lon);
  const lats = all.map(([, lat]) => lat);
  const [x0, y0] = project([Math.min(...lons) - margin, Math.min(...lats) - margin]);
  const [x1, y1] = project([Math.max(...lons) + margin, Math.max(...lats) + margin]);
  const box: Point[] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  const points = all.map(project);

  const cell = (i: number): Point[] => {
    let polygon: Point[] = box;
    const p = points[i]!;
    for (let j = 0; j < points.length && polygon.length > 0; j++) {
      const q = points[j]!;
      if (j === i || (q[0] === p[0] && q[1] === p[1])) continue;
      polygon = clipHalfPlane(polygon, [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2], [q[0] - p[0], q[1] - p[1]]);
    }
    return polygon;
  };

  let index = 0;
  return groups.map((group) => {
    const polygons: Coordinates[][][] = [];
    for (let k = 0; k < group.sites.length; k++, index++) {
      const ring = cell(index).map(unproject);
      // Rounding may merge neighbouring vertices; a repeated vertex is harmless but useless.
      const distinct = ring.filter((c, n) => n === 0 || c[0] !== ring[n - 1]![0] || c[1] !== ring[n - 1]![1]);
      const last = distinct[distinct.length - 1]!;
      if (distinct.length > 1 && last[0] === distinct[0]![0] && last[1] === distinct[0]![1]) distinct.pop();
      if (distinct.length >= 3) polygons.push([[...distinct, distinct[0]!]]);
    }
    return { id: group.id, ...(group.name ? { name: group.name } : {}), geometry: { type: 'MultiPolygon' as const, coordinates: polygons } };
  });
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
