// Regions, agencies, their sectors (GeoJSON outlines around real towns) and
// the skill catalogue.
import type { Prisma } from '../../generated/prisma/client.ts';
import { AGENCIES, REGIONS, type AgencyDef, type SectorDef } from '../catalogue/geography.ts';
import { SKILLS, type SkillCode } from '../catalogue/trade.ts';
import { sectorPolygon } from '../geo.ts';
import { locateTowns, type Place } from '../places.ts';
import type { BuildContext } from './context.ts';

/** Around each town centre; addresses are scattered within 1.8 km of it. */
export const SECTOR_BUFFER_METERS = 2500;

export interface BuiltSector {
  id: string;
  agencyId: string;
  def: SectorDef;
  places: Place[];
}

export interface BuiltAgency {
  id: string;
  def: AgencyDef;
  sectors: BuiltSector[];
}

export interface Organisation {
  regions: Prisma.RegionCreateManyInput[];
  agencies: Prisma.AgencyCreateManyInput[];
  sectors: Prisma.SectorCreateManyInput[];
  skills: Prisma.SkillCreateManyInput[];
  built: BuiltAgency[];
  skillIds: Record<SkillCode, string>;
}

export function buildOrganisation({ r }: BuildContext): Organisation {
  const regions = REGIONS.map((region) => ({ id: r.uuid(), code: region.code, name: region.name }));
  const regionId = new Map<string, string>(regions.map((region) => [region.code, region.id]));
  const places = locateTowns(AGENCIES.flatMap((a) => a.sectors.flatMap((s) => s.towns)));
  let next = 0;

  const built: BuiltAgency[] = AGENCIES.map((def) => {
    const id = r.uuid();
    return {
      id,
      def,
      sectors: def.sectors.map((sector) => ({
        id: r.uuid(),
        agencyId: id,
        def: sector,
        places: sector.towns.map(() => places[next++]!),
      })),
    };
  });

  const skills = SKILLS.map((s) => ({ id: r.uuid(), code: s.code, name: s.name, description: s.description }));
  return {
    regions,
    agencies: built.map(({ id, def }) => ({
      id,
      regionId: regionId.get(def.region)!,
      code: def.code,
      name: def.name,
      timezone: 'Europe/Paris',
      address: def.address,
      postcode: def.postcode,
      city: def.city,
      lat: def.lat,
      lon: def.lon,
    })),
    sectors: built.flatMap((a) =>
      a.sectors.map((s) => ({
        id: s.id,
        agencyId: a.id,
        code: s.def.code,
        name: s.def.name,
        color: s.def.color,
        polygon: sectorPolygon(s.places, SECTOR_BUFFER_METERS) as unknown as Prisma.InputJsonValue,
      })),
    ),
    skills,
    built,
    skillIds: Object.fromEntries(skills.map((s) => [s.code, s.id])) as Record<SkillCode, string>,
  };
}
