// Lays the mapped journal out as the accounting package reads it: the chosen
// columns in order, the separator, the decimal sign, the date format, a
// header line or not, and the encoding (Sage and EBP read Windows-1252 text;
// a character it lacks becomes "?", which is why the generic layout stays
// UTF-8). Fields are quoted only when they must be (RFC 4180, csv-stringify).
// Pure but for the encoding: table-tested.
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { SEPARATORS, type JournalColumn, type JournalLayout } from '@tournee/contracts/back-office';
import type { IsoDay } from '../days.ts';
import { formatCents } from '../money.ts';
import type { ExportLine } from './journal-export.ts';

export interface JournalFile {
  readonly content: Buffer;
  readonly contentType: string;
  readonly lineCount: number;
  readonly entryCount: number;
  readonly debitCents: number;
  readonly creditCents: number;
}

/** Column titles in French: the packages' import wizards show them next to their own fields. */
export const COLUMN_TITLES: Readonly<Record<JournalColumn, string>> = {
  journal: 'Journal',
  journalLabel: 'Libellé journal',
  date: 'Date',
  entryNumber: 'N° écriture',
  lineNumber: 'N° ligne',
  account: 'Compte',
  accountLabel: 'Libellé compte',
  auxAccount: 'Compte auxiliaire',
  auxLabel: 'Libellé auxiliaire',
  pieceRef: 'Pièce',
  pieceDate: 'Date pièce',
  label: 'Libellé',
  debit: 'Débit',
  credit: 'Crédit',
  amount: 'Montant',
  direction: 'Sens',
};

export function formatDay(day: IsoDay, format: JournalLayout['dateFormat']): string {
  const [y, m, d] = day.split('-') as [string, string, string];
  switch (format) {
    case 'DD/MM/YYYY':
      return `${d}/${m}/${y}`;
    case 'DDMMYY':
      return `${d}${m}${y.slice(2)}`;
    case 'DDMMYYYY':
      return `${d}${m}${y}`;
    case 'YYYY-MM-DD':
      return day;
    case 'YYYYMMDD':
      return `${y}${m}${d}`;
  }
}

export function formatJournal(lines: readonly ExportLine[], layout: JournalLayout): JournalFile {
  const separator = SEPARATORS[layout.separator];
  if (layout.separator === 'comma' && layout.decimal === 'comma' && layout.columns.some((c) => c === 'debit' || c === 'credit' || c === 'amount'))
    throw new Error('amounts with a decimal comma need another separator than the comma');
  const money = (cents: number) => (layout.decimal === 'comma' ? formatCents(cents) : formatCents(cents).replace(',', '.'));
  const blankZero = (cents: number) => (cents === 0 ? '' : money(cents));
  const cell = (l: ExportLine, index: number, column: JournalColumn): string => {
    switch (column) {
      case 'journal':
        return l.journal;
      case 'journalLabel':
        return l.journalLabel;
      case 'date':
        return formatDay(l.date, layout.dateFormat);
      case 'entryNumber':
        return l.entryNumber;
      case 'lineNumber':
        return String(index + 1);
      case 'account':
        return l.account;
      case 'accountLabel':
        return l.accountLabel;
      case 'auxAccount':
        return l.auxAccount ?? '';
      case 'auxLabel':
        return l.auxLabel ?? '';
      case 'pieceRef':
        return l.pieceRef;
      case 'pieceDate':
        return formatDay(l.pieceDate, layout.dateFormat);
      case 'label':
        // Line breaks would split a record in packages that do not read quoted fields.
        return l.label.replace(/[\r\n]+/g, ' ');
      case 'debit':
        return blankZero(l.debitCents);
      case 'credit':
        return blankZero(l.creditCents);
      case 'amount':
        return money(l.debitCents > 0 ? l.debitCents : l.creditCents);
      case 'direction':
        return l.debitCents > 0 ? 'D' : 'C';
    }
  };
  const records = lines.map((l, i) => layout.columns.map((c) => cell(l, i, c)));
  if (layout.header) records.unshift(layout.columns.map((c) => COLUMN_TITLES[c]));
  const text = records.length ? stringify(records, { delimiter: separator, record_delimiter: '\r\n' }) : '';
  const content = layout.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'win1252');
  return {
    content,
    contentType: `text/csv; charset=${layout.encoding}`,
    lineCount: lines.length,
    entryCount: new Set(lines.map((l) => l.entryNumber)).size,
    debitCents: lines.reduce((s, l) => s + l.debitCents, 0),
    creditCents: lines.reduce((s, l) => s + l.creditCents, 0),
  };
}
