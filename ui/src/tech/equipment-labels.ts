// Equipment as the technician reads it. Categories and configuration keys are codes that come from the
// company's records (the ERP's "as sold" configuration): the usual ones of our trades are named here in
// the app's language; any other is shown humanised ("max_flow_m3h" → "Max flow m3h") rather than raw.

import { formatNumber } from './format.ts';

type Named = Readonly<Record<string, { readonly fr: string; readonly en: string }>>;

const CATEGORIES: Named = {
  heat_pump: { fr: 'Pompe à chaleur', en: 'Heat pump' },
  gas_boiler: { fr: 'Chaudière gaz', en: 'Gas boiler' },
  boiler: { fr: 'Chaudière', en: 'Boiler' },
  air_conditioner: { fr: 'Climatiseur', en: 'Air conditioner' },
  pool_filtration: { fr: 'Filtration de piscine', en: 'Pool filtration' },
  pool_heat_pump: { fr: 'Pompe à chaleur de piscine', en: 'Pool heat pump' },
  water_heater: { fr: 'Chauffe-eau', en: 'Water heater' },
  ventilation: { fr: 'Ventilation (VMC)', en: 'Ventilation' },
};

const KEYS: Named = {
  type: { fr: 'Type', en: 'Type' },
  power_kw: { fr: 'Puissance (kW)', en: 'Power (kW)' },
  refrigerant: { fr: 'Fluide frigorigène', en: 'Refrigerant' },
  refrigerant_charge_kg: { fr: 'Charge de fluide (kg)', en: 'Refrigerant charge (kg)' },
  emitters: { fr: 'Émetteurs', en: 'Emitters' },
  backup_heater_kw: { fr: 'Appoint électrique (kW)', en: 'Backup heater (kW)' },
  dhw_tank_l: { fr: 'Ballon d’eau chaude (L)', en: 'Hot water tank (L)' },
  dhw: { fr: 'Eau chaude sanitaire', en: 'Domestic hot water' },
  control: { fr: 'Régulation', en: 'Control' },
  flue: { fr: 'Évacuation des fumées', en: 'Flue' },
  gas: { fr: 'Gaz', en: 'Gas' },
  expansion_vessel_bar: { fr: 'Vase d’expansion (bar)', en: 'Expansion vessel (bar)' },
  indoor_units: { fr: 'Unités intérieures', en: 'Indoor units' },
  indoor_type: { fr: 'Type d’unité intérieure', en: 'Indoor unit type' },
  pool_volume_m3: { fr: 'Volume du bassin (m³)', en: 'Pool volume (m³)' },
  pump_kw: { fr: 'Pompe (kW)', en: 'Pump (kW)' },
  variable_speed: { fr: 'Vitesse variable', en: 'Variable speed' },
  filter: { fr: 'Filtre', en: 'Filter' },
  treatment: { fr: 'Traitement de l’eau', en: 'Water treatment' },
  cover: { fr: 'Couverture', en: 'Cover' },
  inverter: { fr: 'Inverter', en: 'Inverter' },
  operating_hours: { fr: 'Heures de fonctionnement', en: 'Operating hours' },
  compressor_starts: { fr: 'Démarrages du compresseur', en: 'Compressor starts' },
  burner_hours: { fr: 'Heures de brûleur', en: 'Burner hours' },
  co_ppm_last: { fr: 'Dernière mesure de CO (ppm)', en: 'Last CO reading (ppm)' },
  heating_curve_slope: { fr: 'Pente de la courbe de chauffe', en: 'Heating curve slope' },
  wifi_control: { fr: 'Pilotage Wi-Fi', en: 'Wi-Fi control' },
  sludge_filter: { fr: 'Filtre à boues', en: 'Sludge filter' },
  condensate_pump: { fr: 'Pompe de relevage', en: 'Condensate pump' },
  ph_regulator: { fr: 'Régulateur de pH', en: 'pH regulator' },
  ignition_electrode_replaced: { fr: 'Électrode d’allumage remplacée', en: 'Ignition electrode replaced' },
  board_replaced: { fr: 'Carte électronique remplacée', en: 'Control board replaced' },
};

const lang = (language: string): 'fr' | 'en' => (language === 'en' ? 'en' : 'fr');

function humanise(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function categoryLabel(category: string, language: string): string {
  return CATEGORIES[category]?.[lang(language)] ?? humanise(category);
}

export function configKeyLabel(key: string, language: string): string {
  return KEYS[key]?.[lang(language)] ?? humanise(key);
}

/** A configuration value to read: yes/no for booleans, numbers with the language's decimal sign. */
export function configValueLabel(value: unknown, language: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return lang(language) === 'en' ? (value ? 'Yes' : 'No') : value ? 'Oui' : 'Non';
  if (typeof value === 'number') return formatNumber(value, language);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
