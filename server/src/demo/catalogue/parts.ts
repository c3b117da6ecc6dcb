// The demo's spare-parts catalogue and its suppliers: what a Provençal
// heat-pump, boiler, air-conditioning and pool business keeps in its depots
// and vans. Costs and prices in cents, before VAT.
import type { Category } from './trade.ts';

export interface SupplierDef {
  code: string;
  name: string;
  email: string;
  phone: string;
  /** Days between ordering and delivery. */
  leadDays: number;
}

export const SUPPLIERS: readonly SupplierDef[] = [
  { code: 'THERMOSUD', name: 'Thermo Pièces Sud', email: 'commandes@thermopieces-sud.example', phone: '04 42 10 20 30', leadDays: 3 },
  { code: 'CLIMADIS', name: 'Climadis Méditerranée', email: 'pro@climadis-med.example', phone: '04 91 55 60 70', leadDays: 5 },
  { code: 'AQUAPRO', name: 'Aqua Pro Distribution', email: 'sav@aquapro-distri.example', phone: '04 90 80 81 82', leadDays: 4 },
  { code: 'FRIGOFLU', name: 'Frigo Fluides Provence', email: 'agence@frigofluides.example', phone: '04 42 33 44 55', leadDays: 2 },
  { code: 'ELECPRO', name: 'ÉlecPro Négoce', email: 'contact@elecpro-negoce.example', phone: '04 94 12 13 14', leadDays: 2 },
];

export interface PartDef {
  reference: string;
  name: string;
  costCents: number;
  priceCents: number;
  supplier: SupplierDef['code'];
  /** The equipment it repairs (null: consumables for every trade). */
  category: Category | null;
  /** Central depot: min and max per agency. */
  min: number;
  max: number;
  /** Carried in the vans of technicians of that trade: [min, max]. */
  van?: [number, number];
  energyEfficient?: boolean;
}

export const PARTS: readonly PartDef[] = [
  // Gas boilers.
  { reference: 'CH-ELEC-ALL', name: 'Électrode d’allumage et d’ionisation', costCents: 1_850, priceCents: 3_900, supplier: 'THERMOSUD', category: 'gas_boiler', min: 4, max: 12, van: [1, 2] },
  { reference: 'CH-VASE-8L', name: 'Vase d’expansion chauffage 8 L', costCents: 4_200, priceCents: 8_900, supplier: 'THERMOSUD', category: 'gas_boiler', min: 2, max: 6 },
  { reference: 'CH-CIRC-UPM3', name: 'Circulateur chaudière UPM3 15-70', costCents: 11_800, priceCents: 22_900, supplier: 'THERMOSUD', category: 'gas_boiler', min: 2, max: 5 },
  { reference: 'CH-CARTE-PRINC', name: 'Carte électronique principale chaudière', costCents: 24_500, priceCents: 42_000, supplier: 'THERMOSUD', category: 'gas_boiler', min: 1, max: 3 },
  { reference: 'CH-SONDE-CTN', name: 'Sonde CTN départ chauffage', costCents: 1_450, priceCents: 3_200, supplier: 'THERMOSUD', category: 'gas_boiler', min: 4, max: 10, van: [1, 2] },
  { reference: 'CH-JOINTS-KIT', name: 'Kit joints d’entretien brûleur', costCents: 950, priceCents: 2_400, supplier: 'THERMOSUD', category: 'gas_boiler', min: 10, max: 30, van: [2, 4] },
  { reference: 'CH-VANNE-GAZ', name: 'Bloc vanne gaz', costCents: 13_900, priceCents: 26_500, supplier: 'THERMOSUD', category: 'gas_boiler', min: 1, max: 3 },
  // Heat pumps.
  { reference: 'PAC-PRESSO-HP', name: 'Pressostat haute pression PAC', costCents: 3_800, priceCents: 7_900, supplier: 'CLIMADIS', category: 'heat_pump', min: 2, max: 6, van: [0, 1] },
  { reference: 'PAC-CARTE-REG', name: 'Carte de régulation module hydraulique', costCents: 38_000, priceCents: 61_000, supplier: 'CLIMADIS', category: 'heat_pump', min: 1, max: 3 },
  { reference: 'PAC-VENT-EXT', name: 'Moteur de ventilateur unité extérieure', costCents: 21_500, priceCents: 38_900, supplier: 'CLIMADIS', category: 'heat_pump', min: 1, max: 3 },
  { reference: 'PAC-DEBIT-FLO', name: 'Contrôleur de débit (flow switch)', costCents: 4_600, priceCents: 9_500, supplier: 'CLIMADIS', category: 'heat_pump', min: 2, max: 6 },
  { reference: 'PAC-DETEND-EEV', name: 'Détendeur électronique', costCents: 9_800, priceCents: 18_500, supplier: 'CLIMADIS', category: 'heat_pump', min: 1, max: 4 },
  { reference: 'PAC-AE-8KW', name: 'PAC air/eau 8 kW (unité extérieure + module)', costCents: 520_000, priceCents: 780_000, supplier: 'CLIMADIS', category: 'heat_pump', min: 1, max: 2, energyEfficient: true },
  { reference: 'PAC-FILTRE-TAMIS', name: 'Filtre tamis magnétique 1"', costCents: 3_200, priceCents: 6_900, supplier: 'CLIMADIS', category: 'heat_pump', min: 3, max: 10, van: [1, 2] },
  // Refrigerants and air conditioning.
  { reference: 'FLU-R32-9KG', name: 'Fluide frigorigène R32 — bouteille 9 kg', costCents: 16_500, priceCents: 27_000, supplier: 'FRIGOFLU', category: null, min: 2, max: 6 },
  { reference: 'FLU-R410A-10KG', name: 'Fluide frigorigène R410A — bouteille 10 kg', costCents: 24_000, priceCents: 39_000, supplier: 'FRIGOFLU', category: null, min: 1, max: 4 },
  { reference: 'CLIM-POMPE-REL', name: 'Pompe de relevage condensats', costCents: 6_900, priceCents: 13_900, supplier: 'FRIGOFLU', category: 'air_conditioner', min: 3, max: 8, van: [0, 1] },
  { reference: 'CLIM-CAPT-AMB', name: 'Sonde d’ambiance unité intérieure', costCents: 1_200, priceCents: 2_900, supplier: 'FRIGOFLU', category: 'air_conditioner', min: 4, max: 10 },
  { reference: 'CLIM-CARTE-INT', name: 'Carte électronique unité intérieure murale', costCents: 14_500, priceCents: 26_900, supplier: 'FRIGOFLU', category: 'air_conditioner', min: 1, max: 3 },
  { reference: 'CLIM-FILTRE-KIT', name: 'Kit filtres purificateurs (2 pièces)', costCents: 1_900, priceCents: 4_500, supplier: 'FRIGOFLU', category: 'air_conditioner', min: 6, max: 20, van: [1, 3] },
  // Pools.
  { reference: 'PIS-COND-16UF', name: 'Condensateur moteur pompe 16 µF', costCents: 1_100, priceCents: 2_900, supplier: 'AQUAPRO', category: 'pool_filtration', min: 5, max: 15, van: [1, 2] },
  { reference: 'PIS-GARN-MEC', name: 'Garniture mécanique pompe de filtration', costCents: 2_400, priceCents: 5_500, supplier: 'AQUAPRO', category: 'pool_filtration', min: 4, max: 12, van: [1, 2] },
  { reference: 'PIS-CART-FILT', name: 'Cartouche filtrante 75 pi²', costCents: 4_800, priceCents: 9_900, supplier: 'AQUAPRO', category: 'pool_filtration', min: 4, max: 12 },
  { reference: 'PIS-CELL-ELEC', name: 'Cellule d’électrolyseur au sel', costCents: 29_000, priceCents: 49_000, supplier: 'AQUAPRO', category: 'pool_filtration', min: 1, max: 3 },
  { reference: 'PIS-POMPE-075', name: 'Pompe de filtration 0,75 kW', costCents: 31_000, priceCents: 54_900, supplier: 'AQUAPRO', category: 'pool_filtration', min: 1, max: 3 },
  { reference: 'PIS-PAC-FLO', name: 'Détecteur de débit PAC piscine', costCents: 3_900, priceCents: 8_500, supplier: 'AQUAPRO', category: 'pool_heat_pump', min: 2, max: 6 },
  { reference: 'PIS-JOINT-VANNE', name: 'Joint de vanne 6 voies', costCents: 850, priceCents: 2_200, supplier: 'AQUAPRO', category: 'pool_filtration', min: 6, max: 20, van: [1, 3] },
  // Electrical and consumables.
  { reference: 'ELEC-DISJ-16A', name: 'Disjoncteur différentiel 16 A 30 mA', costCents: 3_400, priceCents: 6_900, supplier: 'ELECPRO', category: null, min: 4, max: 12, van: [1, 2] },
  { reference: 'ELEC-CONT-25A', name: 'Contacteur modulaire 25 A', costCents: 2_700, priceCents: 5_900, supplier: 'ELECPRO', category: null, min: 3, max: 10 },
  { reference: 'CONS-RACC-KIT', name: 'Assortiment raccords laiton', costCents: 1_600, priceCents: 3_500, supplier: 'ELECPRO', category: null, min: 8, max: 25, van: [2, 4] },
];

/**
 * Parts a breakdown calls for, by the breakdown's description (first words),
 * and what a preventive visit of a category uses.
 */
export const BREAKDOWN_PARTS: ReadonlyArray<{ startsWith: string; parts: Array<[string, number]> }> = [
  { startsWith: 'Chaudière en sécurité', parts: [['CH-ELEC-ALL', 1], ['CH-CARTE-PRINC', 1]] },
  { startsWith: 'Fuite d’eau sous la chaudière', parts: [['CH-VASE-8L', 1], ['CONS-RACC-KIT', 1]] },
  { startsWith: 'Odeur de gaz', parts: [['CH-VANNE-GAZ', 1], ['CH-JOINTS-KIT', 1]] },
  { startsWith: 'PAC en défaut haute pression', parts: [['PAC-PRESSO-HP', 1], ['PAC-FILTRE-TAMIS', 1]] },
  { startsWith: 'Unité extérieure prise en glace', parts: [['PAC-VENT-EXT', 1]] },
  { startsWith: 'Perte de performance', parts: [['PAC-DETEND-EEV', 1], ['FLU-R32-9KG', 1]] },
  { startsWith: 'La climatisation ne refroidit plus', parts: [['CLIM-CARTE-INT', 1], ['FLU-R32-9KG', 1]] },
  { startsWith: 'De l’eau coule', parts: [['CLIM-POMPE-REL', 1]] },
  { startsWith: 'La pompe de filtration fait disjoncter', parts: [['PIS-COND-16UF', 1], ['ELEC-DISJ-16A', 1]] },
  { startsWith: 'Eau verte', parts: [['PIS-CART-FILT', 1]] },
  { startsWith: 'Fuite dans le local technique', parts: [['PIS-GARN-MEC', 1], ['PIS-JOINT-VANNE', 2]] },
  { startsWith: 'PAC de piscine en défaut de débit', parts: [['PIS-PAC-FLO', 1]] },
  { startsWith: 'Pose d’une PAC air/eau', parts: [['PAC-AE-8KW', 1], ['PAC-FILTRE-TAMIS', 1], ['CONS-RACC-KIT', 2]] },
];

/**
 * Parts short at every agency's central depot (nothing received, so they are
 * below their minimum and breakdowns needing them are `parts_unavailable`);
 * the first is already ordered (expected in a few days), the second is not.
 */
export const SHORT_PARTS: readonly string[] = ['CH-CARTE-PRINC', 'PAC-DETEND-EEV'];
/** Parts received below their minimum: the shortage list suggests reordering them. */
export const LOW_PARTS: readonly string[] = ['CH-VASE-8L', 'PIS-CART-FILT', 'CLIM-POMPE-REL', 'PAC-DEBIT-FLO'];

/** Yearly maintenance fee per equipment category (cents, before VAT). */
export const CONTRACT_FEES: Record<Category, number> = {
  gas_boiler: 16_500,
  heat_pump: 24_000,
  air_conditioner: 14_000,
  pool_filtration: 39_000,
  pool_heat_pump: 12_000,
};

/** Billing rates per agency code: labour per hour and travel flat, in cents. */
export const AGENCY_RATES: Record<string, { labour: number; travel: number }> = {
  AIX: { labour: 6_800, travel: 4_500 },
  MRS: { labour: 7_200, travel: 4_900 },
  AVI: { labour: 6_500, travel: 4_200 },
};
