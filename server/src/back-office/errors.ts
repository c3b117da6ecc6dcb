// The back office's one error family. Domain functions throw it with a code;
// only the HTTP layer turns codes into statuses (routes/back-office/errors.ts),
// so the planner or a job calling these functions gets the same facts.
//
// The database enforces the invariants too (see the back_office migration):
// its errors start with "tournee:<code>", and `fromDatabase` reads them back
// into this family, so a rule broken past the application checks still gets
// a clear answer instead of a 500.

export type BackOfficeErrorCode =
  /** A referenced record does not exist (or is out of the caller's scope). */
  | 'not_found'
  /** The request contradicts itself or the rules (bad quantities, dates…). */
  | 'invalid'
  /** The state of the records forbids it now (not enough stock, issued document…). */
  | 'conflict'
  /** The caller may not do this. */
  | 'forbidden';

export interface ErrorField {
  /** Where in the request, e.g. `lines[2].quantity`; empty for the request as a whole. */
  readonly path: string;
  readonly message: string;
}

export class BackOfficeError extends Error {
  override readonly name = 'BackOfficeError';
  constructor(
    readonly code: BackOfficeErrorCode,
    message: string,
    readonly fields: readonly ErrorField[] = [],
    /** A machine-readable reason for clients (e.g. `stock_below_zero`). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string, path = ''): BackOfficeError =>
  new BackOfficeError('not_found', `${what} not found`, path ? [{ path, message: 'no such record' }] : []);
export const invalid = (message: string, fields: readonly ErrorField[] = []): BackOfficeError => new BackOfficeError('invalid', message, fields);
export const conflict = (message: string, fields: readonly ErrorField[] = [], reason?: string): BackOfficeError =>
  new BackOfficeError('conflict', message, fields, reason);
export const forbidden = (message: string): BackOfficeError => new BackOfficeError('forbidden', message);

const TRIGGER_MESSAGES: Record<string, { code: BackOfficeErrorCode; text: string }> = {
  stock_below_zero: { code: 'conflict', text: 'not enough stock: the movement would take on hand below zero' },
  stock_level_read_only: { code: 'conflict', text: 'on hand is the sum of the stock movements: record an inventory adjustment instead' },
  append_only: { code: 'conflict', text: 'this record is history: it is never changed or deleted' },
  document_issued: { code: 'conflict', text: 'the document is issued: it is never edited, only credited' },
  entry_unbalanced: { code: 'conflict', text: 'journal entry does not balance' },
};

/** The raise of one of our triggers, as a BackOfficeError; undefined otherwise. */
export function fromDatabase(error: unknown): BackOfficeError | undefined {
  const text = messagesOf(error).find((m) => m.includes('tournee:'));
  if (!text) return undefined;
  const match = /tournee:([a-z_]+)\s*(.*)/s.exec(text);
  const reason = match?.[1] ?? '';
  const known = TRIGGER_MESSAGES[reason];
  if (!known) return undefined;
  const detail = (match?.[2] ?? '').split('\n')[0]!.trim();
  return new BackOfficeError(known.code, detail ? `${known.text} (${detail})` : known.text, [], reason);
}

/** Every message in an error and its causes (driver adapters nest the database's own). */
function messagesOf(error: unknown, seen = new Set<unknown>()): string[] {
  if (error === null || typeof error !== 'object' || seen.has(error)) return typeof error === 'string' ? [error] : [];
  seen.add(error);
  const out: string[] = [];
  for (const [key, value] of Object.entries(error as Record<string, unknown>)) {
    if (typeof value === 'string' && /message/i.test(key)) out.push(value);
    else if (value && typeof value === 'object') out.push(...messagesOf(value, seen));
  }
  if (error instanceof Error) {
    out.push(error.message);
    if (error.cause) out.push(...messagesOf(error.cause, seen));
  }
  return out;
}

/** PostgreSQL's "try again" answers: serialization failure, deadlock. */
export function isRetryable(error: unknown): boolean {
  return (
    messagesOf(error).some((m) => /could not serialize access|deadlock detected|40001|40P01/.test(m)) ||
    codesOf(error).some((c) => c === '40001' || c === '40P01')
  );
}

function codesOf(error: unknown, seen = new Set<unknown>()): string[] {
  if (error === null || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const out: string[] = [];
  for (const [key, value] of Object.entries(error as Record<string, unknown>)) {
    if (typeof value === 'string' && /code/i.test(key)) out.push(value);
    else if (value && typeof value === 'object') out.push(...codesOf(value, seen));
  }
  return out;
}
