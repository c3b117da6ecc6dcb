/**
 * Travel between coordinates as the engine's README defines it when no matrix
 * is given: great-circle distance × 1.3 (roads are not straight) at 50 km/h,
 * both rounded to integers from the unrounded road distance. Writing the same
 * model into the instances' matrices means every solver (ours with or without
 * the matrix, VROOM with it) sees the same travel times.
 */
import type { Coordinates, ProfileMatrices } from '../../engine/src/types.ts';

const EARTH_RADIUS_M = 6371008.8;
export const ROAD_FACTOR = 1.3;
export const SPEED_KMH = 50;

/** Road distance in metres between two [lon, lat] points, unrounded. */
export function roadMetres(a: Coordinates, b: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))) * ROAD_FACTOR;
}

/** Durations (s) and distances (m) between every pair of `places`, in VROOM's `matrices.<profile>` shape. */
export function travelMatrices(places: readonly Coordinates[]): Required<Pick<ProfileMatrices, 'durations' | 'distances'>> {
  const speed = SPEED_KMH / 3.6;
  const n = places.length;
  const durations: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const distances: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const road = roadMetres(places[i], places[j]);
      durations[i][j] = durations[j][i] = Math.round(road / speed);
      distances[i][j] = distances[j][i] = Math.round(road);
    }
  }
  return { durations, distances };
}
