// A file arrives: recognise its format, read its header line, count its rows,
// keep the bytes in a new batch and propose a mapping. Nothing is written but
// the batch.
import type { ImportKind, ImportUpload } from '@tournee/contracts/import';
import { cellText } from './cells.ts';
import { toImportBatch } from './batch-view.ts';
import { KINDS } from './kinds/index.ts';
import type { Db } from './kinds/kind.ts';
import { proposeMapping, storedMapping } from './mapping.ts';
import { detectFormat, readRows, UnreadableFileError } from './read-spreadsheet.ts';

/** 20 MB: a 10,000-row workbook with a dozen columns is about 1 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
const PREVIEW_ROWS = 5;

export interface Uploader {
  readonly id: string;
  readonly name: string;
}

export async function uploadFile(db: Db, input: { kind: ImportKind; fileName: string; bytes: Uint8Array; user: Uploader }): Promise<ImportUpload> {
  const format = detectFormat(input.bytes);
  let headers: string[] | null = null;
  let rowCount = 0;
  const preview: string[][] = [];
  for await (const row of readRows(input.bytes, format)) {
    if (!headers) {
      headers = uniqueHeaders(row.cells.map(cellText));
      continue;
    }
    rowCount++;
    if (rowCount > MAX_IMPORT_ROWS) throw new UnreadableFileError(`more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows: split the file`);
    if (preview.length < PREVIEW_ROWS) preview.push(headers.map((_, i) => cellText(row.cells[i] ?? null)));
  }
  if (!headers) throw new UnreadableFileError('the file has no header line');
  if (rowCount === 0) throw new UnreadableFileError('the file has a header line but no rows');
  const kind = KINDS[input.kind];
  const proposedMapping = proposeMapping(kind, headers, await storedMapping(db, input.kind));
  const batch = await db.importBatch.create({
    data: {
      kind: input.kind,
      fileName: input.fileName,
      format,
      file: Buffer.from(input.bytes),
      userId: input.user.id,
      userName: input.user.name,
      headers,
      rowCount,
      mapping: proposedMapping,
    },
    omit: { file: true, report: true },
  });
  return { batch: toImportBatch(batch), proposedMapping, preview };
}

/** Empty headers become "Colonne 3"; a repeated one gets " (2)", so each column has one name. */
function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim() || `Colonne ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}
