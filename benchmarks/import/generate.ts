// Spreadsheets of a plausible size and shape for the import's benchmark and
// browser test: customers (CSV, as French Excel saves it), their sites (CSV)
// and their installed equipment (XLSX, with as-sold attributes), generated
// in memory — never committed.
import ExcelJS from 'exceljs';

const FIRST = ['Marie', 'Jean', 'Sophie', 'Pierre', 'Camille', 'Luc', 'Élodie', 'François', 'Inès', 'Hugo'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];
const CITIES = [
  ['13100', 'Aix-en-Provence'],
  ['13001', 'Marseille'],
  ['06100', 'Grasse'],
  ['83000', 'Toulon'],
  ['84000', 'Avignon'],
] as const;
const BRANDS = ['Daikin', 'Atlantic', 'Mitsubishi', 'Saunier Duval', 'Viessmann'];
const CATEGORIES = ['heat_pump', 'boiler', 'air_conditioner', 'pool_filtration'];

export const customerReference = (i: number) => `CLI-${String(i + 1).padStart(5, '0')}`;
export const siteReference = (i: number) => `SITE-${String(i + 1).padStart(5, '0')}`;

/** `count` customers, `;`-separated with a BOM, French headers. */
export function customersCsv(count: number): string {
  const lines = ['\uFEFFRéférence client;Nom;E-mail;Téléphone;Remarques'];
  for (let i = 0; i < count; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    lines.push(
      `${customerReference(i)};${name} ${i + 1};client${i + 1}@example.fr;04 42 ${String(i % 100).padStart(2, '0')} 00 00;${i % 7 === 0 ? 'Chien dans le jardin' : ''}`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** One site per customer. */
export function sitesCsv(count: number): string {
  const lines = ['\uFEFFRéférence;Référence client;Adresse;Code postal;Ville'];
  for (let i = 0; i < count; i++) {
    const [postcode, city] = CITIES[i % CITIES.length]!;
    lines.push(`${siteReference(i)};${customerReference(i)};${(i % 150) + 1} avenue des Platanes;${postcode};${city}`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** `count` equipment spread over `sites` sites, with three as-sold attributes. */
export async function equipmentWorkbook(count: number, sites: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Parc installé');
  sheet.addRow(['Référence', 'Référence site', 'Catégorie', 'Marque', 'Modèle', 'N° de série', 'Mise en service', 'Fluide', 'Charge (kg)', 'Puissance (kW)']);
  for (let i = 0; i < count; i++) {
    sheet.addRow([
      `EQ-${String(i + 1).padStart(6, '0')}`,
      siteReference(i % sites),
      CATEGORIES[i % CATEGORIES.length],
      BRANDS[i % BRANDS.length],
      `M-${(i % 40) + 100}`,
      `SN${String(1_000_000 + i)}`,
      new Date(Date.UTC(2015 + (i % 10), i % 12, (i % 28) + 1)),
      i % 2 ? 'R32' : 'R410A',
      Math.round((0.8 + (i % 20) / 10) * 10) / 10,
      4 + (i % 12),
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
