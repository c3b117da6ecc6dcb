// Sector outlines: GeoJSON Polygon or MultiPolygon geometries in WGS84
// ([lon, lat], RFC 7946). Rings are checked for what breaks point-in-polygon
// tests downstream: too few points, or not closed.
import { z } from 'zod';
import { Latitude, Longitude } from './common.ts';

/** [lon, lat] with an optional altitude. */
export const GeoPosition = z.tuple([Longitude, Latitude]).rest(z.number());

export const LinearRing = z
  .array(GeoPosition)
  .min(4, 'a linear ring needs at least 4 positions (the first repeated at the end)')
  .refine((ring) => ring.length < 4 || (ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]), {
    message: 'a linear ring must end at the position it starts from',
  });

export const GeoPolygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(LinearRing).min(1, 'a polygon needs an outer ring'),
});

export const GeoMultiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1, 'a polygon needs an outer ring')).min(1),
});

export const SectorGeometry = z.discriminatedUnion('type', [GeoPolygon, GeoMultiPolygon]);
export type SectorGeometry = z.infer<typeof SectorGeometry>;
