// One error shape for every answer: {error, details: [{path, in?, message}]}.
// Handlers throw HttpError (or let zod / Prisma errors through); the error
// middleware turns them into that shape and a status code.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { ErrorResponse } from '@tournee/contracts/api';

export type ErrorDetail = ErrorResponse['details'][number];
export type FieldLocation = 'body' | 'query' | 'params';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Extra members of the JSON answer (e.g. `current` on a conflict). */
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, `${what} not found`);
export const forbidden = (why: string) => new HttpError(403, why);
export const unauthorized = (why = 'authentication required: log in or send Authorization: Bearer <token>') => new HttpError(401, why);
export const badRequest = (message: string, details: ErrorDetail[] = []) => new HttpError(400, message, details);

/** `positions[3].lat` from zod's ['positions', 3, 'lat']. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

export function validationError(error: z.ZodError, where: FieldLocation): HttpError {
  const details = error.issues.map((issue) => ({ path: formatPath(issue.path), in: where, message: issue.message }));
  return new HttpError(400, `invalid request ${where === 'body' ? 'body' : where === 'query' ? 'query string' : 'path'}`, details);
}

export function validationErrorFromIssues(issues: readonly z.core.$ZodIssue[], where: FieldLocation): HttpError {
  return validationError(new z.ZodError([...issues]), where);
}

// ─── Database errors ─────────────────────────────────────────────────────────

interface PrismaLikeError {
  code: string;
  meta?: {
    modelName?: string;
    driverAdapterError?: {
      cause?: {
        originalCode?: string;
        code?: string;
        originalMessage?: string;
        message?: string;
        table?: string;
        constraint?: { fields?: string[]; index?: string };
      };
    };
  };
}

const isPrismaError = (e: unknown): e is PrismaLikeError =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && /^P\d{4}$/.test((e as { code: string }).code);

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Database constraint violations as the client's mistakes, with the field when known. */
export function fromDatabaseError(error: unknown): HttpError | undefined {
  if (!isPrismaError(error)) return undefined;
  const cause = error.meta?.driverAdapterError?.cause;
  const message = cause?.originalMessage ?? cause?.message ?? '';
  // SQLSTATE class 22 (data exception): a value the database cannot store.
  // Prisma wraps it as P2039 (queries) or P2010 (raw queries); it is the
  // client's input, never a missing record.
  const sqlState = cause?.originalCode ?? cause?.code;
  if (typeof sqlState === 'string' && sqlState.startsWith('22')) return dataException(sqlState, message);
  // A CHECK constraint (23514) refused the values together (e.g. a stock level's minimum above its maximum).
  if (sqlState === '23514') {
    const rule = /check constraint "([^"]+)"/.exec(message)?.[1] ?? '';
    return new HttpError(400, `the values break the rule ${rule || 'of the record'}`, [{ path: '', in: 'body', message: message || `SQLSTATE ${sqlState}` }]);
  }
  // PGlite's adapter reports a RESTRICT (23001) or foreign-key (23503) violation as P2039
  // with the SQLSTATE: the same mistake as Prisma's P2003 (found by the authorization matrix:
  // deleting a supplier that orders still name was a 500 on PGlite).
  const code = sqlState === '23001' || sqlState === '23503' ? 'P2003' : error.code;
  switch (code) {
    case 'P2025':
      return notFound(error.meta?.modelName ?? 'record');
    case 'P2002': {
      // PGlite's adapter names the columns; node-postgres's only the index (`<table>_<columns>_key`).
      const index = cause?.constraint?.index;
      const table = cause?.table;
      const fields =
        cause?.constraint?.fields ?? (index && table && index.startsWith(`${table}_`) && index.endsWith('_key') ? [index.slice(table.length + 1, -4)] : []);
      return new HttpError(
        409,
        'a record with the same unique value already exists',
        (fields.length ? fields : ['']).map((f) => ({ path: camel(f), in: 'body' as const, message: 'already taken' })),
      );
    }
    case 'P2003':
    case 'P2014': {
      // Deleting something still referenced, or pointing at a missing record.
      const referencedBy = /violates (?:RESTRICT setting of )?foreign key constraint "[^"]+" on table "([^"]+)"/.exec(message);
      if (referencedBy) return new HttpError(409, `still referenced by ${referencedBy[1]}: remove or reassign those first`);
      const fk = /on table "([^"]+)" violates foreign key constraint "([^"]+)"/.exec(message);
      const column = fk ? fk[2]!.replace(`${fk[1]}_`, '').replace(/_fkey$/, '') : '';
      return new HttpError(422, 'refers to a record that does not exist', [{ path: camel(column), in: 'body', message: 'no such record' }]);
    }
    default:
      return undefined;
  }
}

/**
 * The contracts refuse these values with the field's name (see
 * `@tournee/contracts/api/common`); this is the net for a field they do not
 * cover: the database's own words, without the field it could not name.
 */
function dataException(sqlState: string, message: string): HttpError {
  const why: Record<string, string> = {
    '22021': 'a text contains a NUL character (U+0000), which cannot be stored',
    '22P05': 'a JSON value contains a NUL character (\\u0000), which cannot be stored',
    '22008': 'a date or instant is outside the range that can be stored (years 1 to 294276)',
    '22007': 'a date or instant is not valid',
    '22003': 'a number is outside the range that can be stored',
    '22001': 'a text is longer than the column allows',
  };
  return new HttpError(400, why[sqlState] ?? `a value cannot be stored: ${message}`, [{ path: '', in: 'body', message: message || `SQLSTATE ${sqlState}` }]);
}

// ─── Middleware ──────────────────────────────────────────────────────────────

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `no route ${req.method} ${req.originalUrl.split('?')[0]}`));
};

export function errorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const http = toHttpError(error);
    if (http.status >= 500) log('request failed', error);
    if (res.headersSent) return;
    res
      .status(http.status)
      .set(http.headers)
      .json({ error: http.message, details: http.details, ...http.extra });
  };
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const fromDb = fromDatabaseError(error);
  if (fromDb) return fromDb;
  // body-parser's errors: malformed JSON, too large, wrong charset.
  const status = (error as { status?: unknown; statusCode?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (error as { type?: string }).type;
    const message =
      type === 'entity.parse.failed'
        ? 'the body is not valid JSON'
        : type === 'entity.too.large'
          ? `the body is larger than the limit of ${bytes((error as { limit?: number }).limit)}`
          : (error as Error).message;
    return new HttpError(status, message);
  }
  return new HttpError(500, 'internal error');
}

const bytes = (n: number | undefined) =>
  n === undefined ? 'the server' : n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB (${n} bytes)` : `${n} bytes`;
