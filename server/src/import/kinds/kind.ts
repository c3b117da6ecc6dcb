// What one kind of import file (customers, sites, …) declares: its fields and
// the column names that mean them, the record it writes, how it resolves the
// other records a line names (a site's customer by reference), and what it
// exports. The batch runner (../run-batch.ts) does the rest the same way for
// every kind.
import type { ImportKind, ImportLineError } from '@tournee/contracts/import';
import type { Claims } from '../../auth/tokens.ts';
import type { ImportChange, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Cell, Parsed } from '../cells.ts';

export type Db = PrismaClient | Prisma.TransactionClient;
export type DbRecord = Record<string, unknown> & { id: string };

export interface FieldSpec {
  readonly key: string;
  /** Column names that mean this field (compared without accents, case or punctuation); the first is the export's header. */
  readonly labels: readonly string[];
  readonly parse: (cell: Cell) => Parsed<unknown>;
  /** The record's column it is stored in; absent for the other records a line names, which `resolve` turns into ids. */
  readonly column?: string;
}

/** One line being imported: the values of its mapped fields (null: the cell is empty), then the columns it writes. */
export interface ImportRow {
  readonly line: number;
  readonly key: string | null;
  readonly values: Record<string, unknown>;
  /** Equipment: the as-sold attributes (column header → value), empty cells left out. */
  readonly attributes: Record<string, unknown>;
  /** The record's columns to write (filled from `values`, then by `resolve`). */
  readonly data: Record<string, unknown>;
  readonly errors: ImportLineError[];
  /** field → the column header it was read from, for the report. */
  readonly columns: Readonly<Record<string, string>>;
}

/** The subset of a Prisma model delegate the runner uses (every kind's delegate has it). */
export interface Delegate {
  findMany(args: { where: object; select?: object; include?: object; orderBy?: object; take?: number; skip?: number; cursor?: object }): Promise<DbRecord[]>;
  createManyAndReturn(args: { data: object[]; select: object }): Promise<DbRecord[]>;
  update(args: { where: { id: string }; data: object }): Promise<unknown>;
  deleteMany(args: { where: object }): Promise<{ count: number }>;
}

export interface KindDefinition {
  readonly kind: ImportKind;
  readonly fields: readonly FieldSpec[];
  /** The field lines are matched on (its column is unique): a second import of the same file finds the records of the first. */
  readonly key: 'reference' | 'code';
  /** Equipment: columns mapped to no field may be as-sold attributes. */
  readonly acceptsAttributes?: boolean;
  delegate(db: Db): Delegate;
  /** Related records read with the existing ones, for `checkExisting` (a site's sector and its agency). */
  readonly existingInclude?: object;
  /** Turns the references a line names into ids (in `row.data`), or adds an error naming the field. */
  resolve?(rows: readonly ImportRow[], db: Db, auth: Claims): Promise<void>;
  /** An error when the caller may not change this existing record (a dispatcher and another agency's site). */
  checkExisting?(existing: DbRecord, auth: Claims): ImportLineError | null;
  /** Why the created records cannot be deleted any more (other records added to them since), or null. */
  dependents(db: Db, ids: readonly string[]): Promise<string | null>;
  /** The records in the import's columns (field key → cell; equipment adds its attributes), page by page. */
  exportRows(db: Db, auth: Claims, agencyId?: string): AsyncGenerator<ExportRow>;
  /**
   * Keys of `row.data` that are not the record's columns but its related rows
   * (a technician's skills): compared like columns (the stored value from
   * `existingView`), written by `writeRelations` after the record.
   */
  readonly relations?: readonly string[];
  /** Replaces the related rows named by `relations` (only the keys present in `values`). */
  writeRelations?(tx: Prisma.TransactionClient, id: string, values: Record<string, unknown>): Promise<void>;
  /** The existing record as the lines compare with it (its related rows in the lines' form). */
  existingView?(record: DbRecord): DbRecord;
  /** Added to every update (an intervention's version, so an open screen sees it changed). */
  readonly updateExtra?: object;
  /** Kinds that are not one record per line matched on a unique column (stock levels): their own lookup, writes and undo. */
  readonly custom?: CustomWriter;
  /** Equipment: the attribute names present, for the header line. */
  exportAttributes?(db: Db): Promise<string[]>;
}

/** A line decided on: what the runner hands a custom writer (updates carry the changes and their before-image). */
export type WriteDecision =
  | { readonly row: ImportRow; readonly action: 'create'; readonly existing?: undefined }
  | {
      readonly row: ImportRow;
      readonly action: 'update';
      readonly existing: DbRecord;
      readonly changes: Record<string, unknown>;
      readonly before: Record<string, unknown>;
    };

export interface WriteContext {
  readonly batchId: string;
  readonly auth: Claims;
}

export interface CustomWriter {
  /** The stored records the lines are compared with, by line key. */
  findExisting(rows: readonly ImportRow[], db: Db, auth: Claims): Promise<Map<string, DbRecord>>;
  /** Writes the chunk's creates and updates (in the chunk's transaction) and returns what undo needs, one entry per line. */
  write(
    tx: Prisma.TransactionClient,
    decisions: readonly WriteDecision[],
    ctx: WriteContext,
  ): Promise<{ line: number; recordId: string; action: 'created' | 'updated'; before: unknown }[]>;
  /** Undoes the batch's recorded changes. */
  revert(tx: Prisma.TransactionClient, changes: readonly ImportChange[], auth: Claims | null): Promise<void>;
}

export const withoutKeys = (data: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(data).filter(([k]) => !keys.includes(k)));
export const onlyKeys = (data: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(Object.entries(data).filter(([k]) => keys.includes(k)));

/** Writes changed columns (and related rows) of one record: the import's updates and undo's restores. */
export async function updateRecord(tx: Prisma.TransactionClient, kind: KindDefinition, id: string, data: Record<string, unknown>): Promise<void> {
  const relations = kind.relations ?? [];
  const columns = withoutKeys(data, relations);
  if (Object.keys(columns).length || kind.updateExtra) await kind.delegate(tx).update({ where: { id }, data: { ...columns, ...kind.updateExtra } });
  const related = onlyKeys(data, relations);
  if (kind.writeRelations && Object.keys(related).length) await kind.writeRelations(tx, id, related);
}

export interface ExportRow {
  readonly fields: Record<string, Cell>;
  readonly attributes?: Record<string, unknown>;
}

export const EXPORT_PAGE = 1000;

/** Pages through a model by id, so a 10,000-row export never holds more than one page. */
export async function* pages(delegate: Delegate, args: { where?: object; include?: object }): AsyncGenerator<DbRecord[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await delegate.findMany({
      where: args.where ?? {},
      ...(args.include ? { include: args.include } : {}),
      orderBy: { id: 'asc' },
      take: EXPORT_PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) return;
    yield page;
    if (page.length < EXPORT_PAGE) return;
    cursor = page[page.length - 1]!.id;
  }
}

/** Resolves a reference field (a site's customer reference) to ids of the referenced model; unknown ones are errors naming the field. */
export async function resolveByKey(
  rows: readonly ImportRow[],
  field: string,
  column: string,
  lookup: (keys: string[]) => Promise<{ id: string; key: string }[]>,
  noun: string,
): Promise<void> {
  const wanted = [...new Set(rows.map((r) => r.values[field]).filter((v): v is string => typeof v === 'string'))];
  const found = new Map((wanted.length ? await lookup(wanted) : []).map((r) => [r.key, r.id]));
  for (const row of rows) {
    if (!(field in row.values)) continue;
    const value = row.values[field];
    if (value === null) {
      row.data[column] = null;
      continue;
    }
    const id = found.get(value as string);
    if (id) row.data[column] = id;
    else row.errors.push({ field, column: row.columns[field] ?? null, code: 'unknown_reference', message: `no ${noun} with the reference ${String(value)}` });
  }
}
