// Quotes, invoices, credit notes, payments, VAT profiles and billing rates.
import { z } from 'zod';
import { Day, Id, Instant, Pagination, Text, Timestamps, optional } from '../api/common.ts';
import { BilledQuantity, Cents, Percent, PositiveCents, VatRateBp } from './common.ts';
import { CoverageStatus, FaultCause } from './warranties.ts';

export const DocumentKind = z.enum(['quote', 'invoice', 'credit_note']);
export const DocumentStatus = z.enum(['draft', 'issued', 'accepted', 'declined']);
export const LineKind = z.enum(['labour', 'travel', 'part', 'fee', 'other']);

export const DraftLine = z
  .object({
    kind: LineKind,
    description: Text(300),
    partId: optional(Id),
    /** Units or hours, up to three decimals. */
    quantity: BilledQuantity,
    /** Default for part lines: the part's price. */
    unitPriceCents: PositiveCents.optional(),
    /** The share a warranty or contract pays. */
    coveragePercent: Percent.optional(),
    warrantyId: optional(Id),
    contractId: optional(Id),
    /** Who pays the covered share back. */
    supplierId: optional(Id),
    /** Sets the VAT rate by hand (otherwise the VAT rule decides). */
    vatRateBp: VatRateBp.optional(),
    /** Parts: installed as part of the work (default) or sold alone. */
    installed: z.boolean().optional(),
  })
  .refine((l) => l.kind !== 'part' || l.partId || l.unitPriceCents !== undefined, {
    message: 'a part line names the part or its price',
    path: ['unitPriceCents'],
  })
  .refine((l) => l.kind === 'part' || l.unitPriceCents !== undefined, { message: 'required', path: ['unitPriceCents'] });

export const DocumentInput = z.object({
  kind: z.enum(['quote', 'invoice']),
  agencyId: Id,
  customerId: Id,
  siteId: optional(Id),
  /** Energy-efficiency work: 5.5 % VAT in housing over two years old. */
  energyWork: z.boolean().optional(),
  notes: optional(Text(5000)),
  lines: z.array(DraftLine).max(200),
});
export const LinesInput = z.object({ lines: z.array(DraftLine).max(200), energyWork: z.boolean().optional(), notes: optional(Text(5000)) });
export const FromInterventionInput = z.object({
  kind: z.enum(['quote', 'invoice']),
  /** The fault's cause, when it excludes warranty cover (misuse, external). */
  cause: FaultCause.optional(),
  energyWork: z.boolean().optional(),
  notes: Text(5000).optional(),
});
export const CreditNoteInput = z.object({
  /** Absent: the whole invoice. */
  lines: z
    .array(z.object({ kind: LineKind, description: Text(300), netCents: PositiveCents.min(1), vatRateBp: VatRateBp }))
    .min(1)
    .max(100)
    .optional(),
  notes: Text(5000).optional(),
});
export const QuoteDecisionInput = z.object({ accepted: z.boolean() });
export const PaymentInput = z.object({
  /** Negative to reverse a payment or refund. */
  amountCents: Cents.refine((n) => n !== 0, 'not zero'),
  receivedOn: Day,
  method: z.enum(['transfer', 'card', 'cheque', 'cash', 'direct_debit']),
  reference: optional(Text(60)),
});

export const BillingLine = z.object({
  id: Id,
  position: z.number().int(),
  kind: LineKind,
  description: z.string(),
  partId: Id.nullable(),
  quantityMilli: z.number().int(),
  unitPriceCents: z.number().int(),
  grossCents: z.number().int(),
  coveragePercent: z.number().int(),
  coveredCents: z.number().int(),
  netCents: z.number().int(),
  vatRateBp: z.number().int(),
  vatRule: z.string(),
  warrantyId: Id.nullable(),
  contractId: Id.nullable(),
  supplierId: Id.nullable(),
  supplierShareCents: z.number().int(),
});
export const Balance = z.object({
  totalCents: z.number().int(),
  creditedCents: z.number().int(),
  paidCents: z.number().int(),
  dueCents: z.number().int(),
  status: z.enum(['unpaid', 'partially_paid', 'paid', 'credited']),
});
export const Payment = z.object({
  id: Id,
  invoiceId: Id,
  amountCents: z.number().int(),
  receivedOn: Day,
  method: z.string(),
  reference: z.string().nullable(),
  createdAt: Instant,
});
export const BillingDocument = z.object({
  id: Id,
  kind: DocumentKind,
  status: DocumentStatus,
  series: z.string().nullable(),
  number: z.string().nullable(),
  agencyId: Id,
  customerId: Id,
  siteId: Id.nullable(),
  interventionId: Id.nullable(),
  contractId: Id.nullable(),
  creditedInvoiceId: Id.nullable(),
  quoteId: Id.nullable(),
  periodStart: Day.nullable(),
  periodEnd: Day.nullable(),
  issuedOn: Day.nullable(),
  dueOn: Day.nullable(),
  validUntil: Day.nullable(),
  customerName: z.string(),
  customerReference: z.string().nullable(),
  vatContext: z.record(z.string(), z.unknown()),
  coverageStatus: CoverageStatus.nullable(),
  coverageRule: z.string().nullable(),
  grossCents: z.number().int(),
  coveredCents: z.number().int(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  totalCents: z.number().int(),
  supplierShareCents: z.number().int(),
  vatBreakdown: z.array(z.object({ rateBp: z.number().int(), baseCents: z.number().int(), vatCents: z.number().int() })),
  notes: z.string().nullable(),
  lines: z.array(BillingLine),
  /** Invoices: payments and what remains due. */
  payments: z.array(Payment).optional(),
  balance: Balance.optional(),
  ...Timestamps,
});
export const DocumentQuery = Pagination.extend({
  kind: DocumentKind.optional(),
  status: DocumentStatus.optional(),
  agencyId: Id.optional(),
  customerId: Id.optional(),
  interventionId: Id.optional(),
  contractId: Id.optional(),
});
export const PaymentAnswer = z.object({ payment: Payment, balance: Balance });

export const VatProfileInput = z.object({
  premises: z.enum(['housing', 'business']),
  completedOn: optional(Day),
  attestationReceivedOn: optional(Day),
});
export const VatProfile = VatProfileInput.extend({ siteId: Id, completedOn: Day.nullable(), attestationReceivedOn: Day.nullable(), updatedAt: Instant });

export const BillingSettingsInput = z.object({
  labourHourlyRateCents: PositiveCents,
  travelFlatCents: PositiveCents,
  paymentTermsDays: z.number().int().min(0).max(120).optional(),
  quoteValidityDays: z.number().int().min(1).max(365).optional(),
});
export const BillingSettings = BillingSettingsInput.extend({ agencyId: Id, paymentTermsDays: z.number().int(), quoteValidityDays: z.number().int() });
