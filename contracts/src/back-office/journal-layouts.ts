// The journal layouts and the mapping's lists, without zod: the back office's
// screen imports them at run time (accounting-export.ts holds the schemas).

export const SALES_KINDS = ['labour', 'travel', 'part', 'fee', 'other'] as const;
export const PAYMENT_METHODS = ['transfer', 'card', 'cheque', 'direct_debit'] as const;
/** The VAT rates (basis points) the mapping lists by default: France's 20 %, 10 %, 5,5 % and 2,1 %. */
export const VAT_RATES_BP = [2000, 1000, 550, 210] as const;

export const JOURNAL_COLUMNS = [
  'journal',
  'journalLabel',
  'date',
  'entryNumber',
  'lineNumber',
  'account',
  'accountLabel',
  'auxAccount',
  'auxLabel',
  'pieceRef',
  'pieceDate',
  'label',
  'debit',
  'credit',
  'amount',
  'direction',
] as const;
export type JournalColumn = (typeof JOURNAL_COLUMNS)[number];

export const JOURNAL_PRESETS = ['sage', 'ebp', 'cegid', 'generic'] as const;
export type JournalPreset = (typeof JOURNAL_PRESETS)[number];
export const DATE_FORMATS = ['DD/MM/YYYY', 'DDMMYY', 'DDMMYYYY', 'YYYY-MM-DD', 'YYYYMMDD'] as const;
export const SEPARATORS = { semicolon: ';', comma: ',', tab: '\t', pipe: '|' } as const;
export const ENCODINGS = ['utf-8', 'windows-1252'] as const;

/**
 * The layouts of the packages' configurable imports (check the column order
 * in the package's import wizard once; a custom layout covers any other):
 * - Sage 100 Comptabilité, "Import paramétrable": no header, ';', dates
 *   JJMMAA, Windows-1252 (ANSI) text; the customer's account in the
 *   auxiliary (tiers) column.
 * - EBP Compta, "Import paramétrable ASCII": a header, ';', dates JJ/MM/AAAA,
 *   Windows-1252.
 * - Cegid (Loop / Expert), "Import d'écritures au format CSV": a header, ';',
 *   dates JJ/MM/AAAA, UTF-8.
 * - Generic: every useful column, a header, ';', UTF-8 (opens in a spreadsheet).
 */
export const JOURNAL_PRESET_LAYOUTS: Readonly<Record<JournalPreset, JournalLayoutSettings>> = {
  sage: {
    columns: ['journal', 'date', 'pieceRef', 'account', 'auxAccount', 'label', 'debit', 'credit'],
    separator: 'semicolon',
    decimal: 'comma',
    dateFormat: 'DDMMYY',
    header: false,
    encoding: 'windows-1252',
  },
  ebp: {
    columns: ['date', 'journal', 'account', 'pieceRef', 'label', 'debit', 'credit'],
    separator: 'semicolon',
    decimal: 'comma',
    dateFormat: 'DD/MM/YYYY',
    header: true,
    encoding: 'windows-1252',
  },
  cegid: {
    columns: ['journal', 'date', 'account', 'auxAccount', 'pieceRef', 'label', 'debit', 'credit'],
    separator: 'semicolon',
    decimal: 'comma',
    dateFormat: 'DD/MM/YYYY',
    header: true,
    encoding: 'utf-8',
  },
  generic: {
    columns: [
      'journal',
      'journalLabel',
      'date',
      'entryNumber',
      'account',
      'accountLabel',
      'auxAccount',
      'auxLabel',
      'pieceRef',
      'pieceDate',
      'label',
      'debit',
      'credit',
    ],
    separator: 'semicolon',
    decimal: 'comma',
    dateFormat: 'DD/MM/YYYY',
    header: true,
    encoding: 'utf-8',
  },
};

/** A layout: the columns in order, the separator, the decimal sign, the date format, a header line or not, the encoding. */
export interface JournalLayoutSettings {
  columns: JournalColumn[];
  separator: keyof typeof SEPARATORS;
  decimal: 'comma' | 'point';
  dateFormat: (typeof DATE_FORMATS)[number];
  header: boolean;
  encoding: (typeof ENCODINGS)[number];
}
