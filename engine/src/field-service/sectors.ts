/**
 * A site's sector: the first of the company's sectors whose polygon contains
 * it (GeoJSON, holes honoured, boundary inside), unless the visit names one.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Coordinates } from '../types.ts';
import type { Sector, Visit } from './types.ts';

/** Sector id of a point, or undefined when no sector contains it. */
export function sectorOf(point: Coordinates, sectors: readonly Sector[]): string | undefined {
  for (const sector of sectors) {
    // Our readonly tuples are the same data as GeoJSON's mutable arrays.
    const geometry = sector.geometry as unknown as Polygon | MultiPolygon;
    if (booleanPointInPolygon([point[0], point[1]], geometry)) return sector.id;
  }
  return undefined;
}

/** Each visit's sector, by index (undefined: in no sector, which no sector rule restricts). */
export function visitSectors(visits: readonly Visit[], sectors: readonly Sector[]): (string | undefined)[] {
  return visits.map((v) => v.sector ?? (sectors.length > 0 ? sectorOf(v.location, sectors) : undefined));
}

/** How a technician stands toward a sector: in a home sector, a secondary one, or outside. */
export type SectorStanding = 'home' | 'secondary' | 'outside';

export function sectorStanding(sector: string | undefined, home: readonly string[] | undefined, secondary: readonly string[] | undefined): SectorStanding {
  if (sector === undefined) return 'home';
  if (home?.includes(sector)) return 'home';
  if (secondary?.includes(sector)) return 'secondary';
  return 'outside';
}
