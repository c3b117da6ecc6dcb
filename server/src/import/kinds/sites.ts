// Sites: matched on their reference; the customer named by its reference, the
// sector by its code (and the agency's code when two agencies use the same
// sector code). Sectors belong to agencies: a dispatcher may put a site only in
// a sector of their agencies, and may not change a site in another agency's sector.
import { country, decimal, postcode, text } from '../cells.ts';
import { pages, resolveByKey, type Db, type DbRecord, type Delegate, type ImportRow, type KindDefinition } from './kind.ts';
import type { Claims } from '../../auth/tokens.ts';

export const sites: KindDefinition = {
  kind: 'sites',
  key: 'reference',
  fields: [
    {
      key: 'reference',
      column: 'reference',
      parse: text(60),
      labels: ['Référence', 'Reference', 'Réf', 'Ref', 'Code site', 'Référence site', 'Site reference'],
    },
    {
      key: 'customerReference',
      parse: text(60),
      labels: ['Référence client', 'Code client', 'N° client', 'Numéro client', 'Client', 'Customer', 'Customer reference'],
    },
    { key: 'name', column: 'name', parse: text(200), labels: ['Nom', 'Name', 'Nom du site', 'Site', 'Site name'] },
    { key: 'address', column: 'address', parse: text(200), labels: ['Adresse', 'Address', 'Rue', 'Street'] },
    { key: 'postcode', column: 'postcode', parse: postcode, labels: ['Code postal', 'CP', 'Postcode', 'Postal code', 'Zip', 'Zip code'] },
    { key: 'city', column: 'city', parse: text(200), labels: ['Ville', 'Commune', 'City', 'Town'] },
    { key: 'country', column: 'country', parse: country, labels: ['Pays', 'Country'] },
    { key: 'lat', column: 'lat', parse: decimal(-90, 90), labels: ['Latitude', 'Lat'] },
    { key: 'lon', column: 'lon', parse: decimal(-180, 180), labels: ['Longitude', 'Lon', 'Lng'] },
    { key: 'agencyCode', parse: text(40), labels: ['Agence', 'Code agence', 'Agency', 'Agency code'] },
    { key: 'sectorCode', parse: text(40), labels: ['Secteur', 'Code secteur', 'Sector', 'Sector code'] },
    { key: 'accessNotes', column: 'accessNotes', parse: text(2000), labels: ["Consignes d'accès", 'Accès', 'Access notes', 'Access'] },
    { key: 'contactName', column: 'contactName', parse: text(200), labels: ['Contact', 'Nom du contact', 'Contact name'] },
    { key: 'contactPhone', column: 'contactPhone', parse: text(40), labels: ['Téléphone du contact', 'Tél contact', 'Téléphone contact', 'Contact phone'] },
  ],
  delegate: (db: Db) => db.site as unknown as Delegate,
  existingInclude: { sector: { select: { agencyId: true } } },
  async resolve(rows, db, auth) {
    await resolveByKey(
      rows,
      'customerReference',
      'customerId',
      async (refs) =>
        (await db.customer.findMany({ where: { reference: { in: refs } }, select: { id: true, reference: true } })).map((c) => ({
          id: c.id,
          key: c.reference!,
        })),
      'customer',
    );
    for (const row of rows) {
      if (row.data.country === null) delete row.data.country; // required column: an empty cell keeps FR
      // A French postcode that went through a numeric cell lost its leading zero (06100 → 6100).
      const code = row.data.postcode;
      if (typeof code === 'string' && /^\d{4}$/.test(code) && ((row.data.country as string | undefined) ?? 'FR') === 'FR') row.data.postcode = `0${code}`;
    }
    await resolveSectors(rows, db, auth);
  },
  checkExisting(existing: DbRecord, auth: Claims) {
    const agencyId = (existing.sector as { agencyId: string } | null)?.agencyId;
    if (auth.role === 'admin' || !agencyId || auth.agencyIds.includes(agencyId)) return null;
    return {
      field: 'reference',
      column: null,
      code: 'not_your_agency',
      message: "this site is in another agency's sector: only that agency or an admin may change it",
    };
  },
  async dependents(db, ids) {
    const where = { siteId: { in: [...ids] } };
    const [equipment, interventions, plans] = await Promise.all([
      db.equipment.count({ where }),
      db.intervention.count({ where }),
      db.servicePlan.count({ where }),
    ]);
    if (equipment + interventions + plans === 0) return null;
    return `sites this import created are used since (${equipment} equipment, ${interventions} intervention(s), ${plans} service plan(s)): undo the equipment's import first`;
  },
  async *exportRows(db) {
    const include = { customer: { select: { reference: true } }, sector: { select: { code: true, agency: { select: { code: true } } } } };
    for await (const page of pages(sites.delegate(db), { include })) {
      for (const s of page) {
        const sector = s.sector as { code: string; agency: { code: string } } | null;
        yield {
          fields: {
            reference: s.reference as string | null,
            customerReference: (s.customer as { reference: string | null }).reference,
            name: s.name as string | null,
            address: s.address as string,
            postcode: s.postcode as string,
            city: s.city as string,
            country: s.country as string,
            lat: s.lat as number | null,
            lon: s.lon as number | null,
            agencyCode: sector?.agency.code ?? null,
            sectorCode: sector?.code ?? null,
            accessNotes: s.accessNotes as string | null,
            contactName: s.contactName as string | null,
            contactPhone: s.contactPhone as string | null,
          },
        };
      }
    }
  },
};

/** Sector code (+ agency code) → sector id, among the caller's agencies for a dispatcher. */
async function resolveSectors(rows: readonly ImportRow[], db: Db, auth: Claims): Promise<void> {
  const codes = [...new Set(rows.map((r) => r.values.sectorCode).filter((v): v is string => typeof v === 'string'))];
  const sectors = codes.length
    ? await db.sector.findMany({
        where: { code: { in: codes }, ...(auth.role === 'admin' ? {} : { agencyId: { in: [...auth.agencyIds] } }) },
        select: { id: true, code: true, agency: { select: { code: true } } },
      })
    : [];
  for (const row of rows) {
    if (!('sectorCode' in row.values)) continue;
    const code = row.values.sectorCode as string | null;
    const column = row.columns.sectorCode ?? null;
    if (code === null) {
      row.data.sectorId = null;
      continue;
    }
    const agencyCode = row.values.agencyCode as string | null | undefined;
    const matches = sectors.filter((s) => s.code === code && (!agencyCode || s.agency.code === agencyCode));
    if (matches.length === 1) row.data.sectorId = matches[0]!.id;
    else if (matches.length > 1) {
      row.errors.push({ field: 'sectorCode', column, code: 'ambiguous', message: `several agencies have a sector ${code}: add an agency column` });
    } else {
      const where = auth.role === 'admin' ? '' : ' in your agencies';
      row.errors.push({
        field: 'sectorCode',
        column,
        code: 'unknown_reference',
        message: `no sector ${code}${agencyCode ? ` in agency ${agencyCode}` : ''}${where}`,
      });
    }
  }
}
