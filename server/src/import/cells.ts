// One spreadsheet cell as the readers hand it over (CSV cells are always text;
// XLSX cells keep their type), and the parsers that turn a cell into a
// field's value or a reason to refuse the line.
import { MAX_YEAR, MIN_YEAR } from '@tournee/contracts/api/common';

export type Cell = string | number | boolean | Date | null;

export type Parsed<T> = { readonly ok: true; readonly value: T | null } | { readonly ok: false; readonly code: string; readonly message: string };

const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value });
const fail = (code: string, message: string): Parsed<never> => ({ ok: false, code, message });

/** The cell as text, '' when empty. Numbers are written with a dot, as JavaScript does; days as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

export function text(max = 200): (cell: Cell) => Parsed<string> {
  return (cell) => {
    const s = cellText(cell);
    if (s === '') return ok(null);
    if (s.includes('\u0000')) return fail('nul', 'must not contain the NUL character (U+0000)');
    if (s.length > max) return fail('too_long', `at most ${max} characters (${s.length})`);
    return ok(s);
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function email(cell: Cell): Parsed<string> {
  const s = cellText(cell);
  if (s === '') return ok(null);
  if (s.length > 254 || !EMAIL.test(s)) return fail('invalid_email', `not an email address: ${s.slice(0, 80)}`);
  return ok(s);
}

/** A French postcode written in a numeric cell lost its leading zero (06100 → 6100): put it back. */
export function postcode(cell: Cell): Parsed<string> {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 1000 && cell < 10000) return ok(`0${cell}`);
  return text(20)(cell);
}

const COUNTRIES: Record<string, string> = { france: 'FR', belgique: 'BE', belgium: 'BE', suisse: 'CH', switzerland: 'CH', monaco: 'MC', luxembourg: 'LU' };
export function country(cell: Cell): Parsed<string> {
  const s = cellText(cell);
  if (s === '') return ok(null);
  if (/^[A-Za-z]{2}$/.test(s)) return ok(s.toUpperCase());
  const named = COUNTRIES[s.toLowerCase()];
  return named ? ok(named) : fail('invalid_country', `an ISO 3166-1 alpha-2 code, e.g. FR (got ${s.slice(0, 40)})`);
}

/** A decimal number: a numeric cell, or text with a comma or a dot ("2,5", "1 234.5"). */
export function decimal(min: number, max: number): (cell: Cell) => Parsed<number> {
  return (cell) => {
    const n = toNumber(cell);
    if (n === null) return ok(null);
    if (Number.isNaN(n)) return fail('invalid_number', `not a number: ${cellText(cell).slice(0, 40)}`);
    if (n < min || n > max) return fail('out_of_range', `must be between ${min} and ${max}`);
    return ok(n);
  };
}

/** An amount in euros ("12,50", "12.5 €", 12.5) as whole cents. */
export function euros(cell: Cell): Parsed<number> {
  const n = toNumber(typeof cell === 'string' ? cell.replace(/€|eur/gi, '') : cell);
  if (n === null) return ok(null);
  if (Number.isNaN(n)) return fail('invalid_number', `not an amount: ${cellText(cell).slice(0, 40)}`);
  if (n < 0 || n > 10_000_000) return fail('out_of_range', 'must be between 0 and 10,000,000 €');
  return ok(Math.round(n * 100));
}

function toNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return cell;
  const s = cellText(cell).replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  if (!/^[-+]?\d+([.,]\d+)?$/.test(s)) return Number.NaN;
  return Number(s.replace(',', '.'));
}

const TRUE = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x']);
const FALSE = new Set(['non', 'n', 'no', 'false', 'faux', '0']);
export function boolean(cell: Cell): Parsed<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  const s = cellText(cell).toLowerCase();
  if (s === '') return ok(null);
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return fail('invalid_boolean', `oui/non (or yes/no) expected, got ${s.slice(0, 20)}`);
}

/** A calendar day: a date cell, 31/12/2024 (the French order), or 2024-12-31. Stored as midnight UTC, as the API stores days. */
export function day(cell: Cell): Parsed<Date> {
  if (cell instanceof Date) return inRange(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  const s = cellText(cell);
  if (s === '') return ok(null);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return inRange(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})(T00:00(:00(\.000)?)?Z?)?$/.exec(s);
  if (m) return inRange(Number(m[1]), Number(m[2]), Number(m[3]));
  return fail('invalid_day', `a date such as 31/12/2024 or 2024-12-31, got ${s.slice(0, 40)}`);
}

function inRange(year: number, month: number, dayOfMonth: number): Parsed<Date> {
  if (year < MIN_YEAR || year > MAX_YEAR) return fail('out_of_range', `must be between the years ${MIN_YEAR} and ${MAX_YEAR}`);
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dayOfMonth) {
    return fail('invalid_day', `no such day: ${dayOfMonth}/${month}/${year}`);
  }
  return ok(date);
}

const PLAIN_NUMBER = /^-?(0|[1-9]\d{0,14})([.,]\d+)?$/;
/**
 * An as-sold attribute: numbers stay numbers ("2,5" → 2.5), yes/no words stay
 * text (a configuration says "oui" as often as true) but true/false are booleans,
 * leading zeros keep a code as text, {…} and […] are JSON; booleans and dates of an
 * XLSX cell keep their type (dates as YYYY-MM-DD).
 */
export function attribute(cell: Cell): unknown {
  if (cell === null) return null;
  if (typeof cell === 'number' || typeof cell === 'boolean') return cell;
  const s = cellText(cell);
  if (s === '') return null;
  if (PLAIN_NUMBER.test(s)) return Number(s.replace(',', '.'));
  if (s === 'true' || s === 'false') return s === 'true';
  // A nested value exported as JSON comes back as it was.
  if (/^[[{]/.test(s)) {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return s;
    }
  }
  return s;
}
