// The ledger as the back office posts it, and the FEC export.
import { z } from 'zod';
import { Day, Id, Instant, Pagination } from '../api/common.ts';

export const Journal = z.enum(['VT', 'BQ', 'ST', 'OD']);
export const JournalEntry = z.object({
  id: Id,
  journal: Journal,
  fiscalYear: z.number().int(),
  number: z.number().int(),
  date: Day,
  label: z.string(),
  pieceRef: z.string(),
  pieceDate: Day,
  sourceKind: z.string(),
  sourceId: z.string(),
  agencyId: Id.nullable(),
  createdAt: Instant,
  lines: z.array(
    z.object({
      position: z.number().int(),
      account: z.string(),
      accountLabel: z.string(),
      auxAccount: z.string().nullable(),
      auxLabel: z.string().nullable(),
      label: z.string(),
      debitCents: z.number().int(),
      creditCents: z.number().int(),
    }),
  ),
});
export const JournalQuery = Pagination.extend({
  from: Day.optional(),
  to: Day.optional(),
  journal: Journal.optional(),
  account: z.string().max(20).optional(),
  sourceKind: z.string().max(40).optional(),
  sourceId: z.string().max(100).optional(),
});
export const FecQuery = z
  .object({
    from: Day,
    to: Day,
    separator: z.enum(['pipe', 'tab']).default('pipe'),
    /** The company's SIREN, for the file name. */
    siren: z
      .string()
      .regex(/^\d{9}$/, 'nine digits')
      .default('000000000'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
