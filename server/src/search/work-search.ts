// The search behind "Nouvelle intervention" and the urgent panel's "Client ou
// site": one text box finds a customer by name, contact, phone, email or
// number, a site by address, town or postcode, an equipment by serial number,
// brand or model — among what the caller's agencies serve: sites in their
// sectors, customers with such a site, and customers with no site at all yet
// (just created, not anyone's yet; the installed base is shared, scope.ts).
// Each customer comes once, with their sites in those sectors (each once), the
// best match first; matching ignores case and accents on PostgreSQL and PGlite
// alike (fold.ts).
import type { CustomerHit, WorkSearchAnswer } from '@tournee/contracts/api';
import type { Claims } from '../auth/tokens.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { fold, foldSql, likeEscape, searchTerms } from './fold.ts';

/** Rows ranked in SQL before grouping: enough for 20 customers with many sites each. */
const MAX_ROWS = 300;

// Phones and serial numbers also in one piece: "0490123456" finds "04 90 12 34 56", "pac2021" finds "PAC-2021".
const compact = (column: string) => `lower(regexp_replace(coalesce(${column}, ''), '[^0-9A-Za-z+]', '', 'g'))`;
const digits = (column: string) => `${foldSql(`coalesce(${column}, '')`)} || ' ' || ${compact(column)}`;
const CUSTOMER_TEXT = `' ' || ${foldSql(`c.name || ' ' || coalesce(c.reference, '') || ' ' || coalesce(c.email, '')`)} || ' ' || ${digits('c.phone')}`;
const SITE_TEXT = `CASE WHEN s.id IS NULL THEN '' ELSE ' ' || ${foldSql(
  `coalesce(s.name, '') || ' ' || s.address || ' ' || s.postcode || ' ' || s.city || ' ' || coalesce(s.contact_name, '') || ' ' || coalesce(s.reference, '')`,
)} || ' ' || ${digits('s.contact_phone')} END`;
// One pass over the equipment, grouped by site (a correlated subquery per site was the slowest part).
const EQUIPMENT_BY_SITE = `SELECT e.site_id, ' ' || ${foldSql(
  `string_agg(coalesce(e.serial_number, '') || ' ' || coalesce(e.brand, '') || ' ' || coalesce(e.model, '') || ' ' || coalesce(e.reference, ''), ' ')`,
)} || ' ' || string_agg(${compact('e.serial_number')}, ' ') AS text FROM equipment e GROUP BY e.site_id`;

/**
 * The query for `n` words: $1 the agencies (null: all), then per word its
 * "anywhere" pattern ('%word%') and its "word start" pattern ('% word%').
 * Only placeholders are spliced into the text; the words go as parameters.
 *
 * Per word: a word of the customer's starting with it counts most, then an
 * equipment's (serial numbers are precise), then the site's; anywhere inside a
 * word counts less. Every word must be found somewhere.
 */
function searchSql(n: number): string {
  const words = Array.from({ length: n }, (_, i) => ({ anywhere: `$${2 + 2 * i}`, start: `$${3 + 2 * i}` }));
  const score = words
    .map(
      (w) => `CASE WHEN r.customer_text LIKE ${w.start} THEN 10 WHEN r.equipment_text LIKE ${w.start} THEN 8 WHEN r.site_text LIKE ${w.start} THEN 5
                   WHEN r.customer_text LIKE ${w.anywhere} THEN 4 ELSE 2 END`,
    )
    .join(' + ');
  const siteMatched = words.map((w) => `r.site_text || r.equipment_text LIKE ${w.anywhere}`).join(' OR ');
  const all = words.map((w) => `r.text LIKE ${w.anywhere}`).join(' AND ');
  return `
    WITH rows AS (
      SELECT c.id AS customer_id, c.name AS customer_name, s.id AS site_id,
             ${CUSTOMER_TEXT} AS customer_text, ${SITE_TEXT} AS site_text, coalesce(eq.text, '') AS equipment_text
        FROM customers c
        LEFT JOIN (SELECT s.* FROM sites s JOIN sectors sc ON sc.id = s.sector_id WHERE $1::text[] IS NULL OR sc.agency_id = ANY ($1::text[])) s
          ON s.customer_id = c.id
        LEFT JOIN (${EQUIPMENT_BY_SITE}) eq ON eq.site_id = s.id
       WHERE s.id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM sites x WHERE x.customer_id = c.id)
    )
    SELECT r.customer_id, r.site_id, (${score})::int AS score, (${siteMatched}) AS site_matched
      FROM (SELECT rows.*, customer_text || site_text || equipment_text AS text FROM rows) r
     WHERE ${all}
     ORDER BY score DESC, r.customer_name, r.customer_id, r.site_id
     LIMIT ${MAX_ROWS}`;
}

interface Row {
  customer_id: string;
  site_id: string | null;
  score: number;
  site_matched: boolean;
}

export interface WorkSearchRequest {
  readonly q: string;
  readonly agencyId?: string | undefined;
  readonly limit: number;
}

/** The agencies whose sectors bound the search: the one asked (already checked as the caller's), else all of the caller's. */
function agenciesOf(auth: Claims, agencyId: string | undefined): string[] | null {
  if (agencyId) return [agencyId];
  return auth.role === 'admin' ? null : [...auth.agencyIds];
}

export async function searchWork(prisma: PrismaClient, auth: Claims, request: WorkSearchRequest): Promise<WorkSearchAnswer> {
  const terms = searchTerms(request.q);
  if (terms.length === 0) return { customers: [] };
  const agencies = agenciesOf(auth, request.agencyId);
  const rows = await prisma.$queryRawUnsafe<Row[]>(searchSql(terms.length), agencies, ...terms.flatMap((t) => [`%${likeEscape(t)}%`, `% ${likeEscape(t)}%`]));

  // Customers in order of their best row; the sites that matched, per customer.
  const order: string[] = [];
  const matchedSites = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!matchedSites.has(row.customer_id)) {
      if (order.length === request.limit) continue;
      order.push(row.customer_id);
      matchedSites.set(row.customer_id, new Set());
    }
    if (row.site_id && row.site_matched) matchedSites.get(row.customer_id)!.add(row.site_id);
  }
  if (order.length === 0) return { customers: [] };

  const customers = await prisma.customer.findMany({
    where: { id: { in: order } },
    select: {
      id: true,
      name: true,
      reference: true,
      phone: true,
      email: true,
      sites: {
        where: { sector: agencies ? { agencyId: { in: agencies } } : { isNot: null } },
        orderBy: [{ city: 'asc' }, { address: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          customerId: true,
          sectorId: true,
          name: true,
          address: true,
          postcode: true,
          city: true,
          country: true,
          lat: true,
          lon: true,
          accessNotes: true,
          contactName: true,
          contactPhone: true,
          createdAt: true,
          updatedAt: true,
          equipment: {
            where: { active: true },
            orderBy: [{ category: 'asc' }, { id: 'asc' }],
            select: { id: true, category: true, brand: true, model: true, serialNumber: true },
          },
        },
      },
    },
  });
  const byId = new Map(customers.map((c) => [c.id, c]));
  // How many of the words an equipment holds; on each site, the units holding the most (at least one) matched:
  // "PAC-2021-0042" marks that unit, not its neighbour PAC-2021-0043; "daikin" marks both.
  const wordsIn = (e: { serialNumber: string | null; brand: string | null; model: string | null }) => {
    const text = ` ${fold([e.serialNumber, e.brand, e.model].filter(Boolean).join(' '))} ${(e.serialNumber ?? '').replace(/[^0-9A-Za-z+]/g, '').toLowerCase()}`;
    return terms.filter((t) => text.includes(t)).length;
  };
  const hits: CustomerHit[] = [];
  for (const id of order) {
    const c = byId.get(id);
    if (!c) continue; // deleted between the two reads
    const matched = matchedSites.get(id)!;
    const sites = c.sites
      .map((s) => {
        const words = s.equipment.map(wordsIn);
        const best = Math.max(1, ...words);
        return {
          ...s,
          createdAt: s.createdAt.toISOString(),
          updatedAt: s.updatedAt.toISOString(),
          matched: matched.has(s.id),
          equipment: s.equipment.map((e, i) => ({ ...e, matched: words[i] === best })),
        };
      })
      // The matching sites first, each list otherwise in address order (a stable sort).
      .sort((a, b) => Number(b.matched) - Number(a.matched));
    hits.push({ id: c.id, name: c.name, reference: c.reference, phone: c.phone, email: c.email, sites });
  }
  return { customers: hits };
}
