// Reads a CSV or XLSX file line by line, without holding its parsed rows: CSV
// through csv-parse, XLSX through exceljs's streaming workbook reader (first
// worksheet only). Lines are the file's own numbers, so a report can say
// "line 1,204" and the user finds it in Excel.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { Cell } from './cells.ts';

export type SpreadsheetFormat = 'csv' | 'xlsx';

export interface SheetRow {
  /** 1-based line (CSV) or row number (XLSX) in the file. */
  readonly line: number;
  readonly cells: readonly Cell[];
}

export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
}

/** XLSX is a ZIP archive (PK\3\4); anything else is read as CSV text. Legacy .xls (OLE2) is refused with a way out. */
export function detectFormat(bytes: Uint8Array): SpreadsheetFormat {
  if (bytes.length === 0) throw new UnreadableFileError('the file is empty');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new UnreadableFileError('an old Excel 97-2003 (.xls) workbook: save it as .xlsx or CSV');
  }
  if (bytes.subarray(0, 4096).includes(0)) throw new UnreadableFileError('not a CSV or XLSX file (binary content)');
  return 'csv';
}

/** Every non-empty row, the header line included (the first one). */
export function readRows(bytes: Uint8Array, format: SpreadsheetFormat): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}

/** UTF-8 when it is valid UTF-8, else Windows-1252 (what Excel and older French tools write). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The header line's most frequent separator among ; , and tab (French Excel writes ;). */
function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  const counts = [';', ',', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

async function* readCsv(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  // One line ending (Windows, old Mac, Unix alike), so that line numbers can be counted from the raw records.
  const text = decodeText(bytes)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const parser = Readable.from([text]).pipe(
    parse({ delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, info: true, raw: true, relax_quotes: true }),
  );
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
      const cells = record.record.map((c) => (c.trim() === '' ? null : c));
      if (cells.every((c) => c === null)) continue;
      // info.lines is the record's last line; a quoted cell may span lines, and skipped empty lines lead its raw text.
      const spanned = record.raw.replace(/\n$/, '').replace(/^\n+/, '').split('\n').length - 1;
      yield { line: record.info.lines - spanned, cells };
    }
  } catch (error) {
    throw new UnreadableFileError(`the CSV cannot be read: ${(error as Error).message}`);
  }
}

async function* readXlsx(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]).slice(1).map(toCell);
        if (values.every((c) => c === null)) continue;
        yield { line: row.number, cells: values };
      }
      return; // the first worksheet only
    }
  } catch (error) {
    throw new UnreadableFileError(`the workbook cannot be read: ${(error as Error).message}`);
  }
}

/** exceljs hands rich text, hyperlinks, formulas and errors as objects: their text or result. */
function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (v.richText) return toCell(v.richText.map((r) => r.text).join(''));
    if ('result' in v) return toCell(v.result);
    if (v.text !== undefined) return toCell(v.text);
    if (v.error !== undefined) return null;
  }
  return String(value);
}
