// The trade: skills, the installed products (brands and models sold in
// France, with their configuration as sold), the service plans a maintenance
// contract carries, and the breakdowns customers call about.
import type { DemoRandom } from '../random.ts';

export const SKILLS = [
  { code: 'heat_pump', name: 'Pompe à chaleur (PAC)', description: 'PAC air/eau et air/air : mise en service, réglages, maintenance, diagnostic. Niveaux 1 (débutant) à 5 (expert).' },
  { code: 'air_conditioning', name: 'Climatisation', description: 'Climatiseurs mono- et multi-split : entretien, nettoyage, dépannage. Niveaux 1 à 5.' },
  { code: 'gas_boiler', name: 'Chaudière gaz', description: 'Entretien annuel réglementaire, combustion, dépannage des chaudières gaz. Niveaux 1 à 5.' },
  { code: 'pool', name: 'Piscine', description: 'Filtration, traitement de l’eau, mise en route et hivernage, PAC de piscine. Niveaux 1 à 5.' },
  { code: 'electrical', name: 'Électricité', description: 'Habilitation électrique et diagnostic des armoires et commandes. Niveaux 1 (B1V) à 5 (BR/BC, tableaux).' },
  { code: 'refrigeration', name: 'Frigoriste (fluides frigorigènes)', description: 'Intervention sur circuits frigorifiques sous attestation de capacité : 1 contrôle d’étanchéité, 3 intervention sur circuit, 5 toutes installations.' },
] as const;

export type SkillCode = (typeof SKILLS)[number]['code'];

export type Category = 'heat_pump' | 'gas_boiler' | 'air_conditioner' | 'pool_filtration' | 'pool_heat_pump';

type Config = Record<string, string | number | boolean | null>;

export interface ProductModel {
  brand: string;
  model: string;
  serialPrefix: string;
  asSold: (r: DemoRandom, large: boolean) => Config;
}

const pick = <T>(r: DemoRandom, items: readonly T[]): T => r.pick(items);

const heatPump = (power: number[], refrigerant: string) => (r: DemoRandom, large: boolean): Config => {
  const kw = large ? pick(r, [16, 22, 30]) : pick(r, power);
  return {
    type: 'air/eau',
    power_kw: kw,
    refrigerant,
    refrigerant_charge_kg: Math.round(kw * r.real(0.14, 0.2) * 10) / 10,
    emitters: pick(r, ['plancher chauffant', 'radiateurs basse température', 'radiateurs']),
    backup_heater_kw: pick(r, [3, 6, 9]),
    dhw_tank_l: pick(r, [null, 190, 250]),
    control: pick(r, ['thermostat d’ambiance filaire', 'thermostat radio', 'régulation connectée']),
  };
};

const boiler = (power: number[]) => (r: DemoRandom, large: boolean): Config => ({
  type: 'condensation',
  power_kw: large ? pick(r, [45, 65, 90]) : pick(r, power),
  flue: pick(r, ['ventouse horizontale', 'ventouse verticale', 'cheminée']),
  dhw: large ? 'ballon séparé 300 L' : pick(r, ['instantanée', 'micro-accumulation', 'ballon intégré 40 L']),
  gas: 'gaz naturel',
  expansion_vessel_bar: 1,
});

const airConditioner = (refrigerant: string) => (r: DemoRandom, large: boolean): Config => {
  const units = large ? r.between(3, 5) : pick(r, [1, 1, 2, 3]);
  return {
    type: units > 1 ? 'multi-split' : 'mono-split',
    indoor_units: units,
    power_kw: units > 1 ? Math.round(units * 2.5 * 10) / 10 : pick(r, [2.5, 3.5, 5]),
    refrigerant,
    refrigerant_charge_kg: Math.round(units * r.real(0.6, 0.9) * 10) / 10,
    indoor_type: pick(r, ['murale', 'murale', 'console', 'gainable']),
  };
};

const poolFiltration = (r: DemoRandom, large: boolean): Config => ({
  pool_volume_m3: large ? pick(r, [150, 250, 400]) : pick(r, [32, 40, 50, 60, 75]),
  pump_kw: large ? pick(r, [2.2, 3]) : pick(r, [0.55, 0.75, 1.1]),
  variable_speed: r.chance(0.3),
  filter: pick(r, ['sable', 'sable', 'cartouche', 'diatomée']),
  treatment: pick(r, ['électrolyseur au sel', 'chlore', 'brome', 'oxygène actif']),
  cover: pick(r, ['volet immergé', 'bâche à barres', 'aucune']),
});

const poolHeatPump = (power: number[]) => (r: DemoRandom, large: boolean): Config => ({
  power_kw: large ? pick(r, [25, 35]) : pick(r, power),
  refrigerant: 'R32',
  inverter: r.chance(0.6),
  pool_volume_m3: large ? 250 : pick(r, [32, 40, 50, 60]),
});

export const PRODUCTS: Record<Category, ProductModel[]> = {
  heat_pump: [
    { brand: 'Atlantic', model: 'Alféa Extensa A.I.', serialPrefix: 'ATL', asSold: heatPump([5, 6, 8, 10], 'R32') },
    { brand: 'Daikin', model: 'Altherma 3 R', serialPrefix: 'DKN', asSold: heatPump([6, 8, 11], 'R32') },
    { brand: 'Mitsubishi Electric', model: 'Ecodan PUZ-WM', serialPrefix: 'MEL', asSold: heatPump([6, 8, 11], 'R32') },
    { brand: 'Viessmann', model: 'Vitocal 200-S', serialPrefix: 'VIE', asSold: heatPump([7, 10, 13], 'R410A') },
    { brand: 'Panasonic', model: 'Aquarea T-CAP', serialPrefix: 'PAN', asSold: heatPump([9, 12, 16], 'R32') },
    { brand: 'Hitachi', model: 'Yutaki S', serialPrefix: 'HIT', asSold: heatPump([6, 8, 11], 'R410A') },
  ],
  gas_boiler: [
    { brand: 'Saunier Duval', model: 'ThemaPlus Condens', serialPrefix: 'SDV', asSold: boiler([25, 30]) },
    { brand: 'Viessmann', model: 'Vitodens 100-W', serialPrefix: 'VIE', asSold: boiler([19, 26, 32]) },
    { brand: 'Frisquet', model: 'Prestige Condensation', serialPrefix: 'FRQ', asSold: boiler([25, 32]) },
    { brand: 'De Dietrich', model: 'Naneo EMC-M', serialPrefix: 'DDI', asSold: boiler([24, 28, 34]) },
    { brand: 'ELM Leblanc', model: 'Mégalis Condens', serialPrefix: 'ELM', asSold: boiler([24, 28]) },
    { brand: 'Chaffoteaux', model: 'Mira C Green', serialPrefix: 'CHF', asSold: boiler([25, 30]) },
  ],
  air_conditioner: [
    { brand: 'Daikin', model: 'Perfera FTXM-R', serialPrefix: 'DKN', asSold: airConditioner('R32') },
    { brand: 'Mitsubishi Electric', model: 'MSZ-LN', serialPrefix: 'MEL', asSold: airConditioner('R32') },
    { brand: 'Atlantic', model: 'Takao M2', serialPrefix: 'ATL', asSold: airConditioner('R32') },
    { brand: 'Toshiba', model: 'Shorai Edge', serialPrefix: 'TSB', asSold: airConditioner('R32') },
    { brand: 'Samsung', model: 'WindFree Comfort', serialPrefix: 'SAM', asSold: airConditioner('R32') },
    { brand: 'LG', model: 'Dualcool Deluxe', serialPrefix: 'LGE', asSold: airConditioner('R410A') },
  ],
  pool_filtration: [
    { brand: 'Pentair', model: 'SuperFlo VS + Triton II', serialPrefix: 'PEN', asSold: poolFiltration },
    { brand: 'Hayward', model: 'Max-Flo XL + Pro Side', serialPrefix: 'HAY', asSold: poolFiltration },
    { brand: 'Zodiac', model: 'FloPro e3 + Cristal Flo', serialPrefix: 'ZOD', asSold: poolFiltration },
    { brand: 'AstralPool', model: 'Victoria Plus + Aster', serialPrefix: 'AST', asSold: poolFiltration },
  ],
  pool_heat_pump: [
    { brand: 'Zodiac', model: 'Z550iQ', serialPrefix: 'ZOD', asSold: poolHeatPump([7, 9, 11]) },
    { brand: 'Hayward', model: 'EnergyLine Pro', serialPrefix: 'HAY', asSold: poolHeatPump([7, 9, 11]) },
    { brand: 'Poolex', model: 'Jetline Premium Fi', serialPrefix: 'PLX', asSold: poolHeatPump([9, 12]) },
    { brand: 'Pentair', model: 'UltraTemp', serialPrefix: 'PEN', asSold: poolHeatPump([9, 12]) },
  ],
};

/** What technicians change on site: the "as maintained" configuration drifts from "as sold". */
export const MAINTENANCE_CHANGES: Record<Category, Array<{ summary: string; apply: (c: Config, r: DemoRandom) => void }>> = {
  heat_pump: [
    { summary: 'Appoint de fluide après recherche de fuite', apply: (c, r) => { c.refrigerant_charge_kg = Math.round((Number(c.refrigerant_charge_kg) + r.real(0.1, 0.3)) * 10) / 10; } },
    { summary: 'Thermostat remplacé par une régulation connectée', apply: (c) => { c.control = 'régulation connectée'; } },
    { summary: 'Appoint électrique bridé à 3 kW à la demande du client', apply: (c) => { c.backup_heater_kw = 3; } },
    { summary: 'Loi d’eau ajustée', apply: (c, r) => { c.heating_curve_slope = Math.round(r.real(0.4, 1.2) * 10) / 10; } },
    { summary: 'Ajout d’un pot à boues magnétique', apply: (c) => { c.sludge_filter = 'magnétique'; } },
  ],
  gas_boiler: [
    { summary: 'Vase d’expansion regonflé', apply: (c) => { c.expansion_vessel_bar = 1.2; } },
    { summary: 'Remplacement de l’électrode d’allumage', apply: (c) => { c.ignition_electrode_replaced = true; } },
    { summary: 'Thermostat d’ambiance ajouté', apply: (c) => { c.control = 'thermostat d’ambiance'; } },
    { summary: 'Débit de gaz réglé après analyse de combustion', apply: (c, r) => { c.co_ppm_last = r.between(5, 40); } },
  ],
  air_conditioner: [
    { summary: 'Unité intérieure supplémentaire raccordée', apply: (c) => { c.indoor_units = Number(c.indoor_units) + 1; c.type = 'multi-split'; } },
    { summary: 'Pompe de relevage des condensats ajoutée', apply: (c) => { c.condensate_pump = true; } },
    { summary: 'Télécommande Wi-Fi installée', apply: (c) => { c.wifi_control = true; } },
  ],
  pool_filtration: [
    { summary: 'Sable remplacé par du verre filtrant', apply: (c) => { c.filter = 'verre filtrant'; } },
    { summary: 'Pompe remplacée par une pompe à vitesse variable', apply: (c) => { c.variable_speed = true; } },
    { summary: 'Passage au traitement par électrolyse', apply: (c) => { c.treatment = 'électrolyseur au sel'; } },
    { summary: 'Régulateur de pH ajouté', apply: (c) => { c.ph_regulator = true; } },
  ],
  pool_heat_pump: [
    { summary: 'By-pass hydraulique ajouté', apply: (c) => { c.bypass = true; } },
    { summary: 'Carte électronique remplacée', apply: (c) => { c.board_replaced = true; } },
  ],
};

/** Counter name and yearly accumulation (hours), by category. */
export const COUNTERS: Record<Category, { name: string; perYear: number; second?: { name: string; perHour: number } }> = {
  heat_pump: { name: 'operating_hours', perYear: 1900, second: { name: 'compressor_starts', perHour: 0.45 } },
  gas_boiler: { name: 'burner_hours', perYear: 1300, second: { name: 'ignitions', perHour: 2.2 } },
  air_conditioner: { name: 'operating_hours', perYear: 650 },
  pool_filtration: { name: 'operating_hours', perYear: 1700 },
  pool_heat_pump: { name: 'operating_hours', perYear: 800 },
};

export interface PlanTemplate {
  name: string;
  description: string;
  kind: 'preventive' | 'regulatory';
  trigger: 'frequency' | 'fixed_dates' | 'usage_counter';
  frequencyMonths?: number;
  counterName?: string;
  counterInterval?: number;
  requiredSkills: Array<{ skill: SkillCode; minLevel: number }>;
  durationMinutes: number;
  priority: number;
  leadDays: number;
}

export const PLAN_TEMPLATES = {
  boilerYearly: {
    name: 'Entretien annuel chaudière gaz',
    description: 'Entretien annuel obligatoire (décret n° 2009-649) : nettoyage du corps de chauffe, analyse de combustion, contrôle du tirage et des sécurités, attestation d’entretien remise au client.',
    kind: 'regulatory',
    trigger: 'frequency',
    frequencyMonths: 12,
    requiredSkills: [{ skill: 'gas_boiler', minLevel: 2 }],
    durationMinutes: 60,
    priority: 40,
    leadDays: 45,
  },
  heatPumpTwiceYearly: {
    name: 'Maintenance semestrielle PAC',
    description: 'Contrôle des pressions et températures, nettoyage de l’évaporateur, contrôle d’étanchéité, vérification de la régulation et du circulateur.',
    kind: 'preventive',
    trigger: 'frequency',
    frequencyMonths: 6,
    requiredSkills: [{ skill: 'heat_pump', minLevel: 2 }],
    durationMinutes: 90,
    priority: 35,
    leadDays: 30,
  },
  heatPumpCompressor: {
    name: 'Contrôle compresseur toutes les 3 000 h',
    description: 'Contrôle du compresseur et du circuit frigorifique au compteur d’heures : intensités, surchauffe, sous-refroidissement, huile.',
    kind: 'preventive',
    trigger: 'usage_counter',
    counterName: 'operating_hours',
    counterInterval: 3000,
    requiredSkills: [{ skill: 'heat_pump', minLevel: 3 }, { skill: 'refrigeration', minLevel: 2 }],
    durationMinutes: 120,
    priority: 40,
    leadDays: 0,
  },
  airConditionerYearly: {
    name: 'Entretien annuel climatisation',
    description: 'Nettoyage et désinfection des unités intérieures, filtres, contrôle de charge, évacuation des condensats.',
    kind: 'preventive',
    trigger: 'frequency',
    frequencyMonths: 12,
    requiredSkills: [{ skill: 'air_conditioning', minLevel: 2 }],
    durationMinutes: 60,
    priority: 30,
    leadDays: 45,
  },
  poolSeason: {
    name: 'Mise en route et hivernage de la piscine',
    description: 'Au printemps : remise en eau, démarrage de la filtration, équilibrage. À l’automne : hivernage, vidange des canalisations, bouchons et flotteurs.',
    kind: 'preventive',
    trigger: 'fixed_dates',
    requiredSkills: [{ skill: 'pool', minLevel: 2 }],
    durationMinutes: 120,
    priority: 30,
    leadDays: 21,
  },
  poolPumpHours: {
    name: 'Révision pompe de filtration toutes les 2 000 h',
    description: 'Révision au compteur d’heures : garniture mécanique, roulements, préfiltre, consommation électrique.',
    kind: 'preventive',
    trigger: 'usage_counter',
    counterName: 'operating_hours',
    counterInterval: 2000,
    requiredSkills: [{ skill: 'pool', minLevel: 2 }, { skill: 'electrical', minLevel: 1 }],
    durationMinutes: 60,
    priority: 30,
    leadDays: 0,
  },
  poolHeatPumpYearly: {
    name: 'Entretien annuel PAC de piscine',
    description: 'Nettoyage de l’évaporateur, contrôle du débit et des sondes, vérification du by-pass.',
    kind: 'preventive',
    trigger: 'frequency',
    frequencyMonths: 12,
    requiredSkills: [{ skill: 'pool', minLevel: 1 }, { skill: 'heat_pump', minLevel: 2 }],
    durationMinutes: 60,
    priority: 25,
    leadDays: 45,
  },
} satisfies Record<string, PlanTemplate>;

export interface BreakdownTemplate {
  category: Category;
  description: string;
  requiredSkills: Array<{ skill: SkillCode; minLevel: number }>;
  durationMinutes: number;
  priority: number;
  /** Hours the contract gives to be on site, for urgent calls. */
  slaHours?: number;
  /** Heating breakdowns matter in winter, pool and AC ones in summer. */
  season: 'heating' | 'summer' | 'any';
}

export const BREAKDOWNS: BreakdownTemplate[] = [
  { category: 'gas_boiler', description: 'Chaudière en sécurité (code F28), plus de chauffage ni d’eau chaude.', requiredSkills: [{ skill: 'gas_boiler', minLevel: 3 }], durationMinutes: 90, priority: 85, slaHours: 4, season: 'heating' },
  { category: 'gas_boiler', description: 'Fuite d’eau sous la chaudière, la pression chute tous les jours.', requiredSkills: [{ skill: 'gas_boiler', minLevel: 2 }], durationMinutes: 60, priority: 65, season: 'any' },
  { category: 'gas_boiler', description: 'Odeur de gaz près de la chaudière : le client a fermé le robinet de gaz.', requiredSkills: [{ skill: 'gas_boiler', minLevel: 4 }], durationMinutes: 60, priority: 95, slaHours: 2, season: 'any' },
  { category: 'heat_pump', description: 'PAC en défaut haute pression, plus de chauffage.', requiredSkills: [{ skill: 'heat_pump', minLevel: 3 }, { skill: 'refrigeration', minLevel: 2 }], durationMinutes: 120, priority: 80, slaHours: 8, season: 'heating' },
  { category: 'heat_pump', description: 'Unité extérieure prise en glace, bruit anormal pendant le dégivrage.', requiredSkills: [{ skill: 'heat_pump', minLevel: 2 }], durationMinutes: 90, priority: 60, season: 'heating' },
  { category: 'heat_pump', description: 'Perte de performance, fuite de fluide suspectée.', requiredSkills: [{ skill: 'refrigeration', minLevel: 3 }, { skill: 'heat_pump', minLevel: 2 }], durationMinutes: 150, priority: 55, season: 'any' },
  { category: 'air_conditioner', description: 'La climatisation ne refroidit plus.', requiredSkills: [{ skill: 'air_conditioning', minLevel: 2 }, { skill: 'refrigeration', minLevel: 2 }], durationMinutes: 90, priority: 60, season: 'summer' },
  { category: 'air_conditioner', description: 'De l’eau coule de l’unité intérieure.', requiredSkills: [{ skill: 'air_conditioning', minLevel: 1 }], durationMinutes: 60, priority: 45, season: 'any' },
  { category: 'pool_filtration', description: 'La pompe de filtration fait disjoncter le tableau.', requiredSkills: [{ skill: 'pool', minLevel: 2 }, { skill: 'electrical', minLevel: 2 }], durationMinutes: 60, priority: 60, season: 'summer' },
  { category: 'pool_filtration', description: 'Eau verte malgré la filtration, filtre colmaté.', requiredSkills: [{ skill: 'pool', minLevel: 1 }], durationMinutes: 90, priority: 45, season: 'summer' },
  { category: 'pool_filtration', description: 'Fuite dans le local technique de la piscine.', requiredSkills: [{ skill: 'pool', minLevel: 2 }], durationMinutes: 90, priority: 55, season: 'any' },
  { category: 'pool_heat_pump', description: 'PAC de piscine en défaut de débit (code FLO).', requiredSkills: [{ skill: 'pool', minLevel: 2 }, { skill: 'heat_pump', minLevel: 2 }], durationMinutes: 60, priority: 40, season: 'summer' },
];

export const INSTALLATION = {
  description: 'Pose d’une PAC air/eau en remplacement d’une chaudière fioul : unité extérieure, module hydraulique, raccordements, mise en service.',
  requiredSkills: [{ skill: 'heat_pump', minLevel: 3 }, { skill: 'electrical', minLevel: 2 }] as Array<{ skill: SkillCode; minLevel: number }>,
  durationMinutes: 240,
  priority: 50,
};

/** Technician profiles: [min, max] level per skill (absent = not held). */
export const PROFILES: Record<'hvac' | 'boiler' | 'pool' | 'generalist', Partial<Record<SkillCode, [number, number]>>> = {
  hvac: { heat_pump: [3, 5], air_conditioning: [3, 5], refrigeration: [3, 5], electrical: [2, 3], gas_boiler: [1, 2] },
  boiler: { gas_boiler: [3, 5], heat_pump: [1, 3], electrical: [2, 3], air_conditioning: [1, 2] },
  pool: { pool: [3, 5], electrical: [2, 3], heat_pump: [1, 2] },
  generalist: { gas_boiler: [2, 3], heat_pump: [2, 3], air_conditioning: [2, 3], pool: [1, 2], electrical: [2, 2], refrigeration: [1, 2] },
};

export const ACCESS_NOTES = [
  'Portail automatique : sonner à l’interphone.',
  'Chien dans le jardin, prévenir à l’arrivée.',
  'Appeler 30 minutes avant.',
  'Clé chez la voisine du n° 14.',
  'Local technique piscine au fond du jardin.',
  'Chaudière au sous-sol, accès par le garage.',
  'Unité extérieure sur le toit-terrasse : prévoir une échelle.',
  'Stationnement difficile : se garer sur la place du village.',
  'Digicode 4B21A, 3e étage sans ascenseur.',
];
