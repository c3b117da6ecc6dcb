// Accounting exports besides the FEC (issue 13): the company's chart of
// accounts as a mapping from what the ledger posts (sales by kind and VAT
// rate, VAT collected per rate, customers, bank by payment method, stock and
// purchases) to its own account numbers, and the month's journal as CSV in the
// layout of the accounting package in place (Sage, EBP, Cegid, generic, or
// columns chosen one by one).
import { z } from 'zod';
import { DATE_FORMATS, ENCODINGS, JOURNAL_COLUMNS, JOURNAL_PRESETS } from './journal-layouts.ts';

export * from './journal-layouts.ts';

// ─── Chart-of-accounts mapping ───────────────────────────────────────────────

/**
 * A mapping key: `sales.<kind>` (or `sales.<kind>.<rate in bp>` for one rate),
 * `vat.<rate in bp>`, `customers`, `bank` (or `bank.<method>`), `cash`,
 * `stock`, `stock_variation`, `suppliers`, `supplier_credits`,
 * `warranty_income`, `other_charges`.
 */
export const MappingKey = z
  .string()
  .regex(
    /^(sales\.(labour|travel|part|fee|other)(\.\d{1,4})?|vat\.\d{1,4}|bank(\.(transfer|card|cheque|direct_debit))?|customers|cash|stock|stock_variation|suppliers|supplier_credits|warranty_income|other_charges)$/,
    'not a mapping key (sales.<kind>[.<rate>], vat.<rate>, customers, bank[.<method>], cash, stock, stock_variation, suppliers, supplier_credits, warranty_income, other_charges)',
  );

/** An account number as accounting packages take it: digits first, then digits or capital letters. */
export const AccountNumber = z
  .string()
  .trim()
  .regex(/^[0-9][0-9A-Z]{0,19}$/, 'an account number: a digit, then up to 19 digits or capital letters (e.g. 706100)');

export const MappedAccount = z.object({
  account: AccountNumber,
  label: z.string().trim().min(1, 'a label').max(100),
});
export type MappedAccount = z.infer<typeof MappedAccount>;

export const AccountingMappingInput = z.object({
  /** Keys absent take the default chart's account; null: deliberately unmapped (the export refuses until it is set). */
  mapping: z.record(MappingKey, MappedAccount.nullable()).refine((m) => Object.keys(m).length <= 200, 'at most 200 keys'),
  /** Put before the customer's sub-ledger number, e.g. "C" or "411" (empty: the number as is). */
  customerAuxPrefix: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{0,8}$/, 'up to 8 digits or capital letters'),
});
export type AccountingMappingInput = z.infer<typeof AccountingMappingInput>;

/** One line of the mapping as the screen shows it: the key, its default, and what the company set. */
export const MappingLine = z.object({
  key: z.string(),
  /** sales, vat, customers, bank, stock (stock and purchases). */
  group: z.enum(['sales', 'vat', 'customers', 'bank', 'stock']),
  defaultAccount: MappedAccount.nullable(),
  /** What the company set; null: unset (the default applies) or deliberately unmapped (see `unmapped`). */
  custom: MappedAccount.nullable(),
  unmapped: z.boolean(),
});

export const AccountingMapping = z.object({
  lines: z.array(MappingLine),
  customerAuxPrefix: z.string(),
  updatedAt: z.string().nullable(),
});
export type AccountingMapping = z.infer<typeof AccountingMapping>;

// ─── Journal layouts ─────────────────────────────────────────────────────────

export const JournalLayout = z.object({
  columns: z.array(z.enum(JOURNAL_COLUMNS)).min(1).max(JOURNAL_COLUMNS.length),
  separator: z.enum(['semicolon', 'comma', 'tab', 'pipe']),
  decimal: z.enum(['comma', 'point']),
  dateFormat: z.enum(DATE_FORMATS),
  header: z.boolean(),
  encoding: z.enum(ENCODINGS),
});
export type JournalLayout = z.infer<typeof JournalLayout>;

const csvList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v), z.array(item).min(1).max(JOURNAL_COLUMNS.length));
const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `GET /api/accounting/journal-export`: a preset, each of whose settings a parameter may override. */
export const JournalExportQuery = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'),
    preset: z.enum(JOURNAL_PRESETS).default('generic'),
    columns: csvList(z.enum(JOURNAL_COLUMNS)).optional(),
    separator: z.enum(['semicolon', 'comma', 'tab', 'pipe']).optional(),
    decimal: z.enum(['comma', 'point']).optional(),
    dateFormat: z.enum(DATE_FORMATS).optional(),
    header: queryBool.optional(),
    encoding: z.enum(ENCODINGS).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.columns && new Set(q.columns).size !== q.columns.length) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'a column is listed twice' });
    if (q.separator === 'comma' && q.decimal !== 'point' && q.columns?.some((c) => c === 'debit' || c === 'credit' || c === 'amount'))
      ctx.addIssue({ code: 'custom', path: ['decimal'], message: 'amounts with a decimal comma need another separator than the comma' });
  });
export type JournalExportQuery = z.input<typeof JournalExportQuery>;

/** The presets, for the screen (the server holds the same table). */
export const JournalPresetList = z.array(z.object({ preset: z.enum(JOURNAL_PRESETS), layout: JournalLayout }));
