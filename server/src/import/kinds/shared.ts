// Cells and lookups the workforce, contract and intervention files share:
// whole numbers, one-of-a-list words (French or English), skill lists with
// levels ("CLIM:3, ELEC:2"), lists of days, and agencies, sites and skills
// looked up by code or reference — within the caller's agencies for a dispatcher.
import type { Claims } from '../../auth/tokens.ts';
import { cellText, day, type Cell, type Parsed } from '../cells.ts';
import type { Db, ImportRow } from './kind.ts';

const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value });
const fail = (code: string, message: string): Parsed<never> => ({ ok: false, code, message });

export function integer(min: number, max: number): (cell: Cell) => Parsed<number> {
  return (cell) => {
    const s = typeof cell === 'number' ? String(cell) : cellText(cell).replace(/[\s\u00a0\u202f]/g, '');
    if (s === '') return ok(null);
    if (!/^[-+]?\d+([.,]0+)?$/.test(s)) return fail('invalid_integer', `a whole number, got ${s.slice(0, 40)}`);
    const n = Number(s.replace(',', '.'));
    if (n < min || n > max) return fail('out_of_range', `must be between ${min} and ${max}`);
    return ok(n);
  };
}

/** One word of a list: the stored value, or one of its French or English names (case and accents ignored). */
export function choice<T extends string>(names: Readonly<Record<T, readonly string[]>>): (cell: Cell) => Parsed<T> {
  const byName = new Map<string, T>();
  for (const [value, words] of Object.entries(names) as [T, readonly string[]][]) for (const w of [value, ...words]) byName.set(fold(w), value);
  return (cell) => {
    const s = cellText(cell);
    if (s === '') return ok(null);
    const value = byName.get(fold(s));
    return value ? ok(value) : fail('invalid_choice', `one of ${Object.keys(names).join(', ')} (got ${s.slice(0, 40)})`);
  };
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

export interface SkillLevel {
  readonly code: string;
  readonly level: number;
}

/** "CLIM:3, ELEC" (level 1 when not given), separated by commas or semicolons, sorted by code so files compare whatever their order. */
export function skillList(cell: Cell): Parsed<SkillLevel[]> {
  const s = cellText(cell);
  if (s === '') return ok(null);
  const out = new Map<string, number>();
  for (const part of s.split(/[,;]/)) {
    const item = part.trim();
    if (!item) continue;
    const m = /^([^:=\s]+)\s*(?:[:=]\s*(\d+))?$/.exec(item);
    if (!m) return fail('invalid_skills', `skills as CODE:level separated by commas, e.g. CLIM:3, ELEC:1 (got ${item.slice(0, 40)})`);
    const level = m[2] === undefined ? 1 : Number(m[2]);
    if (level < 1 || level > 5) return fail('out_of_range', `the level of ${m[1]} must be between 1 and 5`);
    if (out.has(m[1]!)) return fail('duplicate', `${m[1]} is given twice`);
    out.set(m[1]!, level);
  }
  return ok([...out].map(([code, level]) => ({ code, level })).sort((a, b) => (a.code < b.code ? -1 : 1)));
}

export const skillText = (skills: readonly SkillLevel[]): string | null => (skills.length ? skills.map((s) => `${s.code}:${s.level}`).join(', ') : null);

/** Codes separated by commas or semicolons, sorted. */
export function codeList(cell: Cell): Parsed<string[]> {
  const s = cellText(cell);
  if (s === '') return ok(null);
  const codes = [...new Set(s.split(/[,;]/).map((c) => c.trim()))].filter(Boolean).sort();
  if (codes.some((c) => c.length > 40)) return fail('too_long', 'codes are at most 40 characters');
  return ok(codes);
}

/** Days separated by commas or semicolons (31/12/2027, 2027-12-31…), sorted. */
export function dayList(cell: Cell): Parsed<Date[]> {
  const s = cellText(cell);
  if (s === '') return ok(null);
  const days: Date[] = [];
  for (const part of s.split(/[,;]/)) {
    if (!part.trim()) continue;
    const parsed = day(part.trim());
    if (!parsed.ok) return parsed;
    days.push(parsed.value!);
  }
  return ok(days.sort((a, b) => a.getTime() - b.getTime()));
}

export const dayText = (d: Date) => `${d.toISOString().slice(8, 10)}/${d.toISOString().slice(5, 7)}/${d.toISOString().slice(0, 4)}`;

export function refuse(row: ImportRow, field: string, code: string, message: string): void {
  row.errors.push({ field, column: row.columns[field] ?? null, code, message });
}

/** Agency code → agency (id, time zone), among the caller's agencies for a dispatcher. */
export async function agenciesByCode(db: Db, rows: readonly ImportRow[], auth: Claims, field = 'agencyCode') {
  const codes = [...new Set(rows.map((r) => r.values[field]).filter((v): v is string => typeof v === 'string'))];
  const found = codes.length ? await db.agency.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, timezone: true } }) : [];
  return new Map(found.map((a) => [a.code, a]));
}

export const inCallersAgencies = (auth: Claims, agencyId: string | null | undefined): boolean =>
  auth.role === 'admin' || (agencyId !== null && agencyId !== undefined && auth.agencyIds.includes(agencyId));

/** An agency code of the line, checked: the agency exists and is one of the caller's. Adds the error and returns null otherwise. */
export function agencyOf(row: ImportRow, agencies: Map<string, { id: string; timezone: string }>, auth: Claims, field = 'agencyCode') {
  const code = row.values[field];
  if (typeof code !== 'string') return null;
  const agency = agencies.get(code);
  if (!agency) {
    refuse(row, field, 'unknown_reference', `no agency with the code ${code}`);
    return null;
  }
  if (!inCallersAgencies(auth, agency.id)) {
    refuse(row, field, 'not_your_agency', `agency ${code} is not one of yours`);
    return null;
  }
  return agency;
}

/** Sites by reference with their customer and agency (through the sector), for the lines' `field`. */
export async function sitesByReference(db: Db, rows: readonly ImportRow[], field = 'siteReference') {
  const refs = [...new Set(rows.map((r) => r.values[field]).filter((v): v is string => typeof v === 'string'))];
  const found = refs.length
    ? await db.site.findMany({
        where: { reference: { in: refs } },
        select: { id: true, reference: true, customerId: true, sector: { select: { agencyId: true, agency: { select: { timezone: true } } } } },
      })
    : [];
  return new Map(found.map((s) => [s.reference!, s]));
}

/** The line's site, checked: it exists and (a dispatcher) is not in another agency's sector. */
export function siteOf(row: ImportRow, sites: Awaited<ReturnType<typeof sitesByReference>>, auth: Claims, field = 'siteReference') {
  const ref = row.values[field];
  if (typeof ref !== 'string') return null;
  const site = sites.get(ref);
  if (!site) {
    refuse(row, field, 'unknown_reference', `no site with the reference ${ref}`);
    return null;
  }
  if (site.sector && !inCallersAgencies(auth, site.sector.agencyId)) {
    refuse(row, field, 'not_your_agency', `site ${ref} is in another agency's sector`);
    return null;
  }
  return site;
}

/** Equipment by reference (with its site), for the lines' `field`. */
export async function equipmentByReference(db: Db, rows: readonly ImportRow[], field = 'equipmentReference') {
  const refs = [...new Set(rows.map((r) => r.values[field]).filter((v): v is string => typeof v === 'string'))];
  const found = refs.length ? await db.equipment.findMany({ where: { reference: { in: refs } }, select: { id: true, reference: true, siteId: true } }) : [];
  return new Map(found.map((e) => [e.reference!, e]));
}

/** The line's equipment, checked: it exists and is installed at the line's site. */
export function equipmentOf(
  row: ImportRow,
  equipment: Awaited<ReturnType<typeof equipmentByReference>>,
  siteId: string | undefined,
  field = 'equipmentReference',
) {
  const ref = row.values[field];
  if (ref === null) return null;
  if (typeof ref !== 'string') return undefined;
  const found = equipment.get(ref);
  if (!found) {
    refuse(row, field, 'unknown_reference', `no equipment with the reference ${ref}`);
    return undefined;
  }
  if (siteId && found.siteId !== siteId) {
    refuse(row, field, 'not_at_site', `equipment ${ref} is not installed at this line's site`);
    return undefined;
  }
  return found;
}

/** Skill code → id for the lines' skills; unknown codes refuse the line naming the code. */
export async function resolveSkillCodes(db: Db, rows: readonly ImportRow[], field = 'skills'): Promise<Map<string, string>> {
  const codes = [...new Set(rows.flatMap((r) => ((r.values[field] as SkillLevel[] | null | undefined) ?? []).map((s) => s.code)))];
  const found = codes.length ? await db.skill.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } }) : [];
  const byCode = new Map(found.map((s) => [s.code, s.id]));
  for (const row of rows) {
    const unknown = ((row.values[field] as SkillLevel[] | null | undefined) ?? []).filter((s) => !byCode.has(s.code)).map((s) => s.code);
    if (unknown.length) refuse(row, field, 'unknown_reference', `no skill with the code ${unknown.join(', ')}`);
  }
  return byCode;
}
