// The Fichier des Écritures Comptables (article A47 A-1 of the Livre des
// procédures fiscales): one line per journal line, 18 columns in this order,
// a header line, `|` or tab as separator, dates YYYYMMDD, amounts with a
// decimal comma and no thousands separator, entries in chronological order.
// Text is UTF-8 with the separator and line breaks replaced by spaces.
import { JOURNALS, type Journal } from './chart.ts';
import { booksDay, dateOf, dayOf, type IsoDay } from '../days.ts';
import type { Db } from '../db.ts';
import { formatCents } from '../money.ts';

export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

export type FecSeparator = '|' | '\t';

export interface FecEntry {
  readonly journal: string;
  readonly fiscalYear: number;
  readonly number: number;
  readonly date: IsoDay;
  readonly pieceRef: string;
  readonly pieceDate: IsoDay;
  /** The day the entry was validated (posted). */
  readonly validatedOn: IsoDay;
  readonly lines: readonly {
    readonly account: string;
    readonly accountLabel: string;
    readonly auxAccount: string | null;
    readonly auxLabel: string | null;
    readonly label: string;
    readonly debitCents: number;
    readonly creditCents: number;
  }[];
}

export interface FecFile {
  readonly content: string;
  readonly lineCount: number;
  readonly entryCount: number;
  readonly debitCents: number;
  readonly creditCents: number;
}

const ymd = (day: IsoDay): string => day.replace(/-/g, '');

/** The entry number on one continuous sequence per journal and year, e.g. VT2026-000042. */
export const ecritureNum = (e: Pick<FecEntry, 'journal' | 'fiscalYear' | 'number'>): string =>
  `${e.journal}${e.fiscalYear}-${String(e.number).padStart(6, '0')}`;

export function formatFec(entries: readonly FecEntry[], separator: FecSeparator = '|'): FecFile {
  const clean = (text: string | null): string => (text ?? '').replace(/[|\t\r\n]+/g, ' ').trim();
  const ordered = [...entries].sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.journal !== b.journal ? (a.journal < b.journal ? -1 : 1) : a.number - b.number,
  );
  const rows: string[] = [FEC_COLUMNS.join(separator)];
  let debit = 0;
  let credit = 0;
  for (const e of ordered) {
    for (const l of e.lines) {
      debit += l.debitCents;
      credit += l.creditCents;
      rows.push(
        [
          e.journal,
          clean(JOURNALS[e.journal as Journal] ?? e.journal),
          ecritureNum(e),
          ymd(e.date),
          l.account,
          clean(l.accountLabel),
          clean(l.auxAccount),
          clean(l.auxLabel),
          clean(e.pieceRef),
          ymd(e.pieceDate),
          clean(l.label),
          formatCents(l.debitCents),
          formatCents(l.creditCents),
          '',
          '',
          ymd(e.validatedOn),
          '',
          '',
        ].join(separator),
      );
    }
  }
  return { content: `${rows.join('\r\n')}\r\n`, lineCount: rows.length - 1, entryCount: ordered.length, debitCents: debit, creditCents: credit };
}

/** The file name the administration expects: <SIREN>FEC<closing date YYYYMMDD>.txt */
export const fecFileName = (siren: string, periodEnd: IsoDay): string => `${siren}FEC${ymd(periodEnd)}.txt`;

/** The entries dated within [from, to] as an FEC. */
export async function exportFec(prisma: Db, period: { from: IsoDay; to: IsoDay; separator?: FecSeparator }): Promise<FecFile> {
  const entries = await prisma.journalEntry.findMany({
    where: { date: { gte: dateOf(period.from), lte: dateOf(period.to) } },
    include: { lines: { orderBy: { position: 'asc' } } },
    orderBy: [{ date: 'asc' }, { journal: 'asc' }, { number: 'asc' }],
  });
  return formatFec(
    entries.map((e) => {
      const date = dayOf(e.date);
      const posted = booksDay(e.createdAt);
      // Posted the day of the event, or later; an entry dated ahead of its posting counts as validated on its date.
      return {
        journal: e.journal,
        fiscalYear: e.fiscalYear,
        number: e.number,
        date,
        pieceRef: e.pieceRef,
        pieceDate: dayOf(e.pieceDate),
        validatedOn: posted > date ? posted : date,
        lines: e.lines,
      };
    }),
    period.separator ?? '|',
  );
}
