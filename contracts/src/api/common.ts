// Building blocks shared by every REST contract. These schemas are imported by
// the server (validation, OpenAPI) and by the UI (types, form checks), so they
// import nothing from the server.
import { z } from 'zod';
import { MESSAGE_CODES } from '../message-codes.ts';

/** Record ids (UUIDv7 strings by default; seeds may choose their own). */
export const Id = z.string().trim().min(1).max(100);
/**
 * The years a date or instant may fall in. ISO allows year 0000 (and
 * PostgreSQL refuses it: no year zero), and nothing a field-service company
 * records is older than equipment installed last century or further ahead than
 * a long contract; refusing the rest here names the field, where the database
 * would refuse the whole write without naming it (issue 11, finding 6).
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
const yearInRange = (iso: string) => {
  // Not a date at all: the format check says so, once.
  if (!/^\d{4}-/.test(iso)) return true;
  const year = Number(iso.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};
const yearMessage = `must be between the years ${MIN_YEAR} and ${MAX_YEAR}`;

/** An instant with an explicit offset, e.g. 2026-01-15T08:00:00Z. */
export const Instant = z.iso.datetime({ offset: true }).refine(yearInRange, yearMessage);
/** A calendar day, e.g. 2026-01-15 (read in the agency's time zone). */
export const Day = z.iso.date().refine(yearInRange, yearMessage);
export const Latitude = z.number().min(-90).max(90);
export const Longitude = z.number().min(-180).max(180);
/** Minutes after local midnight; 1440 is the end of the day. */
export const MinuteOfDay = z.number().int().min(0).max(1440);
/** PostgreSQL stores no U+0000 in text: refused here with the field's name. */
export const noNul = (s: string) => !s.includes('\u0000');
export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
export const Text = (max = 200) => z.string().trim().min(1).max(max).refine(noNul, NUL_MESSAGE);
export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
/** Any JSON object (configurations, kind-specific data). */
export const JsonObject = z.record(z.string(), z.unknown());

/**
 * An optional column: absent = leave as is (update) or unset (create),
 * null = clear it.
 */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

// Query strings carry text; these coerce and check it.
export const QueryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const QueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
/** `a,b,c` or repeated `?x=a&x=b`. */
export const QueryList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item));

export const MAX_PAGE_SIZE = 200;
export const Pagination = z.object({
  limit: QueryInt(1, MAX_PAGE_SIZE).default(50),
  offset: QueryInt(0, 1_000_000).default(0),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
export type PageOf<T> = { items: T[]; total: number; limit: number; offset: number };

export const IdParams = z.object({ id: Id });

/** Every error answer: a sentence, and one entry per offending field. */
export const ErrorDetail = z.object({
  /** Where the field is, e.g. `positions[3].lat`; empty for the request as a whole. */
  path: z.string(),
  /** body, query, params, or absent when not about a request field. */
  in: z.enum(['body', 'query', 'params']).optional(),
  message: z.string(),
});
/** A text for people as a code the UI translates (contracts/src/message-codes.ts), and its parameters. */
export const MessageCode = z.enum(MESSAGE_CODES);
export const MessageParams = z.record(z.string(), z.union([z.string(), z.number()]));

export const ErrorResponse = z.object({
  error: z.string(),
  details: z.array(ErrorDetail),
  /** For the texts people read: a code the UI translates, with its parameters (`error` stays the English text). */
  code: MessageCode.optional(),
  params: MessageParams.optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** A stale write: the record as it is now, so the client can merge and retry. */
export const ConflictResponse = ErrorResponse.extend({ current: z.unknown() });

/**
 * Fields stored as calendar days. JSON answers render them as `YYYY-MM-DD`
 * (not as midnight UTC instants), matching what requests send.
 */
export const CALENDAR_DAY_FIELDS: ReadonlySet<string> = new Set([
  'date',
  'days',
  'installedOn',
  'warrantyEndsOn',
  'startsOn',
  'endsOn',
  'fixedDates',
  'lastDoneOn',
  'nextDueOn',
  'earliestDate',
  'latestDate',
  'dueOn',
]);

// Common output columns.
export const Timestamps = { createdAt: Instant, updatedAt: Instant };
