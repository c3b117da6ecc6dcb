// Exports a back-office list as CSV or XLSX with the columns the import reads
// (the field's first name as header; equipment's as-sold attributes as extra
// columns), so that exporting and importing the file again changes nothing.
// Rows are written as they are read, page by page (exceljs's streaming writer).
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportKind } from '@tournee/contracts/import';
import type { Claims } from '../auth/tokens.ts';
import type { Cell } from './cells.ts';
import { KINDS } from './kinds/index.ts';
import type { Db, ExportRow } from './kinds/kind.ts';

export type ExportFormat = 'csv' | 'xlsx';

export interface Column {
  readonly header: string;
  readonly get: (row: ExportRow) => unknown;
  /** Amounts in euros: two decimals in CSV (12,50), a number with a euro format in XLSX. */
  readonly format?: 'euros';
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** e.g. equipement-2026-12-08.xlsx */
export function exportFileName(kind: ExportKind, format: ExportFormat, now = new Date()): string {
  const names: Record<ExportKind, string> = {
    customers: 'clients',
    sites: 'sites',
    equipment: 'equipements',
    suppliers: 'fournisseurs',
    parts: 'articles',
    stockLevels: 'stocks',
    technicians: 'techniciens',
    contracts: 'contrats',
    servicePlans: 'plans-de-maintenance',
    interventions: 'interventions',
  };
  return `${names[kind]}-${now.toISOString().slice(0, 10)}.${format}`;
}

export async function writeExport(
  db: Db,
  auth: Claims,
  kind: ExportKind,
  format: ExportFormat,
  out: Writable,
  options: { agencyId?: string } = {},
): Promise<void> {
  const { columns, rows } = await source(db, auth, kind, options.agencyId);
  if (format === 'csv') await writeCsv(columns, rows, out);
  else await writeXlsx(kind, columns, rows, out);
}

async function source(db: Db, auth: Claims, kind: ExportKind, agencyId: string | undefined): Promise<{ columns: Column[]; rows: AsyncGenerator<ExportRow> }> {
  const definition = KINDS[kind];
  const columns: Column[] = definition.fields.map((f) => ({ header: f.labels[0]!, get: (r) => r.fields[f.key] }));
  const taken = new Set(columns.map((c) => c.header));
  for (const name of (await definition.exportAttributes?.(db)) ?? []) {
    // Booleans as true/false (not the oui/non of boolean fields), which the import reads back as booleans.
    if (!taken.has(name)) columns.push({ header: name, get: (r) => attributeCell(r.attributes?.[name]) });
  }
  return { columns, rows: definition.exportRows(db, auth, agencyId) };
}

function attributeCell(value: unknown): unknown {
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date || value === undefined) return value ?? null;
  return value;
}

// ─── CSV: what French Excel opens by a double click — UTF-8 with a BOM, ; separators, decimal commas, dd/mm/yyyy.

export async function writeCsv(columns: readonly Column[], rows: AsyncGenerator<ExportRow>, out: Writable): Promise<void> {
  let buffer = '\uFEFF' + columns.map((c) => csvField(c.header)).join(';') + '\r\n';
  for await (const row of rows) {
    buffer += columns.map((c) => csvField(csvValue(c.get(row), c.format))).join(';') + '\r\n';
    if (buffer.length > 64 * 1024) {
      await write(out, buffer);
      buffer = '';
    }
  }
  await write(out, buffer);
  out.end();
}

function csvValue(value: unknown, format?: Column['format']): string {
  if (value === null || value === undefined) return '';
  if (format === 'euros' && typeof value === 'number') return value.toFixed(2).replace('.', ',');
  if (value instanceof Date) {
    const iso = value.toISOString();
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function csvField(s: string): string {
  return /[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(chunk, 'utf8')) resolve();
    else {
      out.once('drain', resolve);
      out.once('error', reject);
    }
  });
}

// ─── XLSX: typed cells (numbers, booleans, dates shown as dd/mm/yyyy), a bold frozen header, through the streaming writer.

export async function writeXlsx(sheetName: string, columns: readonly Column[], rows: AsyncGenerator<ExportRow>, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(12, Math.min(40, c.header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of rows) {
    const excelRow = sheet.addRow(columns.map((c) => xlsxValue(c.get(row))));
    excelRow.eachCell((cell, column) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
      else if (typeof cell.value === 'number' && columns[column - 1]?.format === 'euros') cell.numFmt = EUROS;
    });
    excelRow.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** 1 234,50 € in a French Excel (the separators are the reader's locale's). */
const EUROS = '#,##0.00 "€";-#,##0.00 "€"';

function xlsxValue(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value);
  return value as Cell;
}
