// A dry run or an import of a stored batch: the rows are read from the file as
// a stream, 500 at a time; each chunk is parsed, its references resolved, its
// records found by reference and compared, then (import only) written in one
// transaction together with the before-images undo needs and the batch's
// progress. A second import of the same file finds every record unchanged.
import { AS_SOLD_ATTRIBUTE, IMPORT_FIELDS, type ImportLine, type ImportLineError, type ImportMapping } from '@tournee/contracts/import';
import type { Claims } from '../auth/tokens.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { attribute } from './cells.ts';
import { SUMMARY_OMIT, type BatchSummary } from './batch-view.ts';
import { jsonable, sameValue } from './compare.ts';
import { ImportConflictError, ImportMappingError } from './errors.ts';
import { KINDS } from './kinds/index.ts';
import { onlyKeys, updateRecord, withoutKeys, type DbRecord, type FieldSpec, type WriteDecision, type ImportRow, type KindDefinition } from './kinds/kind.ts';
import { checkMapping, rememberMapping } from './mapping.ts';
import { readRows, type SheetRow } from './read-spreadsheet.ts';
import { revertChanges } from './undo-batch.ts';

export const CHUNK_ROWS = 500;
// A chunk is a few hundred writes: generous limits for a loaded machine, never a silent time-out.
const TX_OPTIONS = { timeout: 120_000, maxWait: 60_000 } as const;

export type RunMode = 'dry-run' | 'import';

export interface Counts {
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
}

/**
 * Checks the mapping and claims the batch for a run (one run at a time; an
 * imported or undone batch cannot run again: upload the file again). Returns
 * the batch as claimed; `runBatch` then does the work.
 */
export async function claimBatch(prisma: PrismaClient, batchId: string, mode: RunMode, mapping: ImportMapping): Promise<BatchSummary> {
  const batch = await prisma.importBatch.findUnique({ where: { id: batchId }, omit: SUMMARY_OMIT });
  if (!batch) throw new ImportConflictError('no such import');
  const problems = checkMapping(KINDS[batch.kind], batch.headers as string[], mapping);
  if (problems.length) throw new ImportMappingError(problems);
  const from = mode === 'dry-run' ? (['uploaded', 'checked', 'failed'] as const) : (['uploaded', 'checked', 'failed'] as const);
  const claimed = await prisma.importBatch.updateMany({
    where: { id: batchId, status: { in: [...from] } },
    data: { status: mode === 'dry-run' ? 'checking' : 'importing', mapping, processed: 0, created: 0, updated: 0, unchanged: 0, refused: 0, error: null },
  });
  if (claimed.count === 0) throw new ImportConflictError(`this import is ${batch.status}: ${explainStatus(batch.status)}`);
  await rememberMapping(prisma, batch.kind, mapping);
  return (await prisma.importBatch.findUniqueOrThrow({ where: { id: batchId }, omit: SUMMARY_OMIT }))!;
}

function explainStatus(status: string): string {
  if (status === 'checking' || status === 'importing') return 'wait for it to finish';
  if (status === 'imported') return 'it cannot run twice (upload the file again; unchanged rows are left as they are)';
  return 'upload the file again';
}

/** Runs a claimed batch to the end. An unexpected failure during an import reverts what it wrote and marks the batch failed. */
export async function runBatch(
  prisma: PrismaClient,
  batchId: string,
  mode: RunMode,
  auth: Claims,
  onProgress?: (counts: Readonly<Counts>, rowCount: number) => void,
): Promise<BatchSummary> {
  const batch = await prisma.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  const kind = KINDS[batch.kind];
  const counts: Counts = { processed: 0, created: 0, updated: 0, unchanged: 0, refused: 0 };
  const report: ImportLine[] = [];
  try {
    const reader = new RowReader(kind, batch.headers as string[], batch.mapping as ImportMapping);
    const seen = new Map<string, number>();
    let chunk: SheetRow[] = [];
    let header = true;
    const flush = async () => {
      const lines = await processChunk(prisma, kind, reader, chunk, seen, { batchId, mode, auth, counts });
      report.push(...lines);
      chunk = [];
      onProgress?.(counts, batch.rowCount);
    };
    for await (const row of readRows(batch.file, batch.format as 'csv' | 'xlsx')) {
      if (header) {
        header = false;
        continue;
      }
      chunk.push(row);
      if (chunk.length === CHUNK_ROWS) await flush();
    }
    if (chunk.length) await flush();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (mode === 'import') {
      const changes = await prisma.importChange.findMany({ where: { batchId } });
      await prisma.$transaction((tx) => revertChanges(tx, kind, changes), TX_OPTIONS);
      await prisma.importChange.deleteMany({ where: { batchId } });
    }
    return prisma.importBatch.update({ where: { id: batchId }, data: { status: 'failed', error: message.slice(0, 2000) }, omit: SUMMARY_OMIT });
  }
  const now = new Date();
  return prisma.importBatch.update({
    where: { id: batchId },
    data: {
      ...counts,
      report: report as unknown as Prisma.InputJsonValue,
      ...(mode === 'dry-run' ? { status: 'checked', dryRunAt: now } : { status: 'imported', importedAt: now }),
    },
    omit: SUMMARY_OMIT,
  });
}

/** Turns a sheet row into the fields' values, the as-sold attributes and the record's columns, with the reasons it cannot be used. */
class RowReader {
  private readonly targets: { index: number; header: string; field: FieldSpec | null }[] = [];
  private readonly required: string[];

  constructor(
    private readonly kind: KindDefinition,
    headers: readonly string[],
    mapping: ImportMapping,
  ) {
    const fields = new Map(kind.fields.map((f) => [f.key, f]));
    headers.forEach((header, index) => {
      const target = mapping[header];
      if (!target) return;
      this.targets.push({ index, header, field: target === AS_SOLD_ATTRIBUTE ? null : fields.get(target)! });
    });
    this.required = IMPORT_FIELDS[kind.kind].filter((f) => f.required).map((f) => f.key);
  }

  read(row: SheetRow): ImportRow {
    const values: Record<string, unknown> = {};
    const attributes: Record<string, unknown> = {};
    const data: Record<string, unknown> = {};
    const errors: ImportLineError[] = [];
    const columns: Record<string, string> = {};
    for (const { index, header, field } of this.targets) {
      const cell = row.cells[index] ?? null;
      if (!field) {
        const value = attribute(cell);
        if (value !== null) attributes[header] = value;
        continue;
      }
      columns[field.key] = header;
      const parsed = field.parse(cell);
      if (!parsed.ok) {
        errors.push({ field: field.key, column: header, code: parsed.code, message: parsed.message });
        continue;
      }
      values[field.key] = parsed.value;
      if (field.column) data[field.column] = parsed.value;
    }
    for (const key of this.required) {
      if (values[key] === null) errors.push({ field: key, column: columns[key] ?? null, code: 'required', message: 'required' });
    }
    const key = typeof values[this.kind.key] === 'string' ? (values[this.kind.key] as string) : null;
    return { line: row.line, key, values, attributes, data, errors, columns };
  }
}

interface ChunkContext {
  readonly batchId: string;
  readonly mode: RunMode;
  readonly auth: Claims;
  readonly counts: Counts;
}

type Decision =
  | { row: ImportRow; action: 'refuse' }
  | { row: ImportRow; action: 'unchanged' }
  | { row: ImportRow; action: 'create' }
  | { row: ImportRow; action: 'update'; id: string; existing: DbRecord; changes: Record<string, unknown>; before: Record<string, unknown> };

async function processChunk(
  prisma: PrismaClient,
  kind: KindDefinition,
  reader: RowReader,
  sheetRows: readonly SheetRow[],
  seen: Map<string, number>,
  ctx: ChunkContext,
): Promise<ImportLine[]> {
  const rows = sheetRows.map((r) => reader.read(r));
  for (const row of rows) {
    if (row.key === null) continue;
    const first = seen.get(row.key);
    if (first !== undefined) {
      row.errors.push({
        field: kind.key,
        column: row.columns[kind.key] ?? null,
        code: 'duplicate_in_file',
        message: `the same ${kind.key} is already on line ${first}`,
      });
    } else seen.set(row.key, row.line);
  }
  await kind.resolve?.(rows, prisma, ctx.auth);
  const keys = rows.filter((r) => r.key !== null && r.errors.length === 0).map((r) => r.key!);
  let existing = new Map<string, DbRecord>();
  if (kind.custom) existing = await kind.custom.findExisting(rows, prisma, ctx.auth);
  else if (keys.length) {
    const found = await kind
      .delegate(prisma)
      .findMany({ where: { [kind.key]: { in: keys } }, ...(kind.existingInclude ? { include: kind.existingInclude } : {}) });
    for (const record of found) existing.set(record[kind.key] as string, kind.existingView ? kind.existingView(record) : record);
  }
  const decisions = rows.map((row) => decide(kind, row, existing.get(row.key ?? ''), ctx.auth));

  const counts = ctx.counts;
  for (const d of decisions) {
    counts.processed++;
    counts[d.action === 'create' ? 'created' : d.action === 'update' ? 'updated' : d.action === 'unchanged' ? 'unchanged' : 'refused']++;
  }
  const progress = { ...counts };
  if (ctx.mode === 'dry-run') {
    await prisma.importBatch.update({ where: { id: ctx.batchId }, data: progress, select: { id: true } });
  } else {
    await prisma.$transaction(async (tx) => {
      if (kind.custom) {
        const written = await kind.custom.write(
          tx,
          decisions.flatMap((d): WriteDecision[] =>
            d.action === 'create'
              ? [{ row: d.row, action: 'create' as const }]
              : d.action === 'update'
                ? [{ row: d.row, action: 'update' as const, existing: d.existing, changes: d.changes, before: d.before }]
                : [],
          ),
          { batchId: ctx.batchId, auth: ctx.auth },
        );
        const changes = written.map((w) => ({ batchId: ctx.batchId, entity: kind.kind, ...w, before: (w.before ?? undefined) as Prisma.InputJsonValue }));
        if (changes.length) await tx.importChange.createMany({ data: changes });
        await tx.importBatch.update({ where: { id: ctx.batchId }, data: progress, select: { id: true } });
        return;
      }
      const creates = decisions.filter((d) => d.action === 'create');
      const delegate = kind.delegate(tx);
      const relations = kind.relations ?? [];
      const created = creates.length
        ? await delegate.createManyAndReturn({ data: creates.map((d) => withoutKeys(d.row.data, relations)), select: { id: true, [kind.key]: true } })
        : [];
      const createdId = new Map(created.map((r) => [r[kind.key] as string, r.id]));
      const changes: Prisma.ImportChangeCreateManyInput[] = creates.map((d) => ({
        batchId: ctx.batchId,
        line: d.row.line,
        entity: kind.kind,
        recordId: createdId.get(d.row.key!)!,
        action: 'created',
      }));
      if (kind.writeRelations) for (const d of creates) await kind.writeRelations(tx, createdId.get(d.row.key!)!, onlyKeys(d.row.data, relations));
      for (const d of decisions) {
        if (d.action !== 'update') continue;
        await updateRecord(tx, kind, d.id, d.changes);
        changes.push({
          batchId: ctx.batchId,
          line: d.row.line,
          entity: kind.kind,
          recordId: d.id,
          action: 'updated',
          before: d.before as Prisma.InputJsonValue,
        });
      }
      if (changes.length) await tx.importChange.createMany({ data: changes });
      await tx.importBatch.update({ where: { id: ctx.batchId }, data: progress, select: { id: true } });
    }, TX_OPTIONS);
  }
  return decisions.map((d) => ({
    line: d.row.line,
    action: d.action,
    reference: d.row.key,
    ...(d.action === 'update' ? { changed: Object.keys(d.changes).map((column) => fieldOfColumn(kind, column)) } : {}),
    ...(d.action === 'refuse' ? { errors: d.row.errors } : {}),
  }));
}

function decide(kind: KindDefinition, row: ImportRow, existing: DbRecord | undefined, auth: Claims): Decision {
  if (row.errors.length) return { row, action: 'refuse' };
  if (!existing) return { row, action: 'create' };
  const denied = kind.checkExisting?.(existing, auth);
  if (denied) {
    row.errors.push({ ...denied, column: row.columns[kind.key] ?? null });
    return { row, action: 'refuse' };
  }
  const changes: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const [column, incoming] of Object.entries(row.data)) {
    const stored = existing[column];
    // The as-sold configuration is merged: attributes absent from the file are kept.
    const value = column === 'asSold' ? { ...(stored as object), ...(incoming as object) } : incoming;
    if (sameValue(stored, value)) continue;
    changes[column] = value;
    before[column] = jsonable(stored);
  }
  return Object.keys(changes).length ? { row, action: 'update', id: existing.id, existing, changes, before } : { row, action: 'unchanged' };
}

/** The report names fields as the mapping does (customerReference, not customerId). */
function fieldOfColumn(kind: KindDefinition, column: string): string {
  if (column === 'asSold') return AS_SOLD_ATTRIBUTE;
  const direct = kind.fields.find((f) => f.column === column);
  if (direct) return direct.key;
  return (
    (
      {
        customerId: 'customerReference',
        siteId: 'siteReference',
        sectorId: 'sectorCode',
        preferredSupplierId: 'supplierCode',
        agencyId: 'agencyCode',
        contractId: 'contractReference',
        equipmentId: 'equipmentReference',
        requiredSkills: 'skills',
      } as Record<string, string>
    )[column] ?? column
  );
}
