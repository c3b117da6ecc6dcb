// What every back-office route shares: domain errors as HTTP answers in the
// server's one error shape, calendar days as YYYY-MM-DD, agency checks.
import { canManageAgency } from '../../../auth/scope.ts';
import type { Claims } from '../../../auth/tokens.ts';
import { BackOfficeError, fromDatabase } from '../../../back-office/errors.ts';
import { BACK_OFFICE_DAY_FIELDS } from '@tournee/contracts/back-office';
import type { PrismaClient } from '../../../generated/prisma/client.ts';
import { HttpError, forbidden } from '../../errors.ts';

export interface BackOfficeDeps {
  readonly prisma: PrismaClient;
  /** Tests pin the clock; default: the wall clock. */
  readonly now?: (() => Date) | undefined;
}

export const OFFICE = ['admin', 'dispatcher'] as const;
export const TAGS = {
  catalogue: 'Back office: catalogue',
  stock: 'Back office: stock',
  warranties: 'Back office: warranties',
  billing: 'Back office: billing',
  accounting: 'Back office: accounting',
} as const;

/**
 * not_found → 404 for the record in the URL, 422 for a record the body names
 * (the server's rule for unknown references); invalid → 422; conflict → 409;
 * forbidden → 403. `reason` (e.g. stock_below_zero) rides along for clients.
 */
export function toHttp(e: BackOfficeError): HttpError {
  const status = e.code === 'not_found' ? (e.fields.length ? 422 : 404) : e.code === 'invalid' ? 422 : e.code === 'conflict' ? 409 : 403;
  const message = e.code === 'not_found' && e.fields.length ? `refers to a record that does not exist: ${e.message}` : e.message;
  return new HttpError(
    status,
    message,
    e.fields.map((f) => ({ path: f.path, in: 'body' as const, message: f.message })),
    e.reason ? { reason: e.reason } : {},
  );
}

export async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackOfficeError) throw toHttp(error);
    const fromTrigger = fromDatabase(error);
    if (fromTrigger) throw toHttp(fromTrigger);
    throw error;
  }
}

/** Answers with calendar-day columns as YYYY-MM-DD (they are stored as midnight UTC). */
export function days<T>(value: T): T {
  return convert(value, '') as T;
}

function convert(value: unknown, key: string): unknown {
  if (value instanceof Date) return BACK_OFFICE_DAY_FIELDS.has(key) ? value.toISOString().slice(0, 10) : value;
  if (Array.isArray(value)) return value.map((v) => convert(v, key));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, k)]));
  }
  return value;
}

export function requireAgency(auth: Claims, agencyId: string): void {
  if (!canManageAgency(auth, agencyId)) throw forbidden(`agency ${agencyId} is not one of yours`);
}

/** Agencies the caller sees: undefined = all (admin). */
export const visibleAgencies = (auth: Claims): readonly string[] | undefined => (auth.role === 'admin' ? undefined : auth.agencyIds);

export const today = (deps: BackOfficeDeps): Date => (deps.now ? deps.now() : new Date());
