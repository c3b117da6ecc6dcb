// Regions, agencies and their sectors.
import { z } from 'zod';
import { Id, Latitude, Longitude, Pagination, Text, Timestamps, optional } from './common.ts';
import { SectorGeometry } from './geojson.ts';

// Input schemas carry no .default(): `.partial()` would apply it to every
// PATCH and overwrite stored values; the columns' own defaults apply instead.
const Code = z.string().trim().min(1).max(40);

export const RegionInput = z.object({ code: Code, name: Text() });
export const RegionPatch = RegionInput.partial();
export const Region = RegionInput.extend({ id: Id, ...Timestamps });
export const RegionQuery = Pagination.extend({ q: z.string().optional() });

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const AgencyInput = z.object({
  regionId: optional(Id),
  code: Code,
  name: Text(),
  // Europe/Paris when absent (the column's default).
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone (e.g. Europe/Paris)').optional(),
  address: optional(Text()),
  postcode: optional(Text(20)),
  city: optional(Text()),
  lat: optional(Latitude),
  lon: optional(Longitude),
});
export const AgencyPatch = AgencyInput.partial();
export const Agency = AgencyInput.extend({
  id: Id,
  regionId: Id.nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  timezone: z.string(),
  ...Timestamps,
});
export const AgencyQuery = Pagination.extend({ regionId: Id.optional(), q: z.string().optional() });

export const SectorInput = z.object({
  agencyId: Id,
  code: Code,
  name: Text(),
  polygon: SectorGeometry,
  color: optional(z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f77b4')),
});
export const SectorPatch = SectorInput.partial();
export const Sector = SectorInput.extend({ id: Id, color: z.string().nullable(), ...Timestamps });
export const SectorQuery = Pagination.extend({ agencyId: Id.optional() });

export type RegionInput = z.infer<typeof RegionInput>;
export type AgencyInput = z.infer<typeof AgencyInput>;
export type SectorInput = z.infer<typeof SectorInput>;
