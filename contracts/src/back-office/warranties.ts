// Warranties, coverage verdicts, supplier claims, budgets, contract terms.
import { z } from 'zod';
import { Day, Id, Instant, Pagination, QueryInt, Text, Timestamps, optional } from '../api/common.ts';
import { Percent, PositiveCents } from './common.ts';

export const CoverageStatus = z.enum(['covered', 'partly_covered', 'not_covered']);
export const WarrantyKind = z.enum(['manufacturer', 'ours', 'extended']);
export const FaultCause = z.enum(['defect', 'wear', 'misuse', 'external', 'unknown']);

const Share = z.object({
  percent: z.number().int(),
  source: z.enum(['warranty', 'contract']).nullable(),
  warrantyId: Id.nullable(),
  warrantyKind: WarrantyKind.nullable(),
  contractId: Id.nullable(),
  /** The supplier who pays this share back. */
  supplierId: Id.nullable(),
});
const WarrantyFacts = z.object({
  id: Id.nullable(),
  kind: WarrantyKind,
  supplierId: Id.nullable(),
  startsOn: Day,
  endsOn: Day,
  labourPercent: z.number().int(),
  partsPercent: z.number().int(),
  travelPercent: z.number().int(),
});
/** The warranty verdict and the rule that decided it. */
export const CoverageVerdict = z.object({
  status: CoverageStatus,
  ruleCode: z.enum([
    'no_equipment',
    'installation_work',
    'excluded_cause',
    'preventive_under_contract',
    'under_warranty',
    'under_contract',
    'under_warranty_and_contract',
    'warranty_expired',
    'no_warranty',
  ]),
  rule: z.string(),
  shares: z.object({ labour: Share, parts: Share, travel: Share }),
  activeWarranties: z.array(WarrantyFacts),
  endsOn: Day.nullable(),
});
export const WarrantyStatusQuery = z.object({ on: Day.optional() });
export const CoverageInput = z.object({ cause: FaultCause.optional() });

const WarrantyFields = z.object({
  equipmentId: Id,
  kind: WarrantyKind,
  origin: z.enum(['sale', 'repair', 'purchase']).optional(),
  /** Who pays covered work back (manufacturer, insurer); absent: the company bears it. */
  supplierId: optional(Id),
  reference: optional(Text(60)),
  startsOn: Day,
  endsOn: Day,
  labourPercent: Percent.optional(),
  partsPercent: Percent.optional(),
  travelPercent: Percent.optional(),
  /** Purchased warranties: the price paid and the budget of covered work. */
  priceCents: optional(PositiveCents),
  budgetCents: optional(PositiveCents),
  notes: optional(Text(5000)),
});
export function checkWarranty(w: { startsOn?: string | Date; endsOn?: string | Date }, ctx: z.RefinementCtx): void {
  if (w.startsOn && w.endsOn && new Date(w.endsOn) < new Date(w.startsOn))
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
}
export const WarrantyInput = WarrantyFields.superRefine(checkWarranty);
export const WarrantyPatch = WarrantyFields.omit({ equipmentId: true }).partial();
export const Warranty = WarrantyFields.extend({
  id: Id,
  origin: z.enum(['sale', 'repair', 'purchase']),
  supplierId: Id.nullable(),
  reference: z.string().nullable(),
  labourPercent: z.number().int(),
  partsPercent: z.number().int(),
  travelPercent: z.number().int(),
  priceCents: z.number().int().nullable(),
  budgetCents: z.number().int().nullable(),
  sourceInterventionId: Id.nullable(),
  notes: z.string().nullable(),
  ...Timestamps,
});
export const WarrantyQuery = Pagination.extend({
  equipmentId: Id.optional(),
  supplierId: Id.optional(),
  kind: WarrantyKind.optional(),
  activeOn: Day.optional(),
});

export const WarrantyExtensionInput = z
  .object({
    /** The repair that grants it. */
    interventionId: Id,
    months: z.number().int().min(1).max(120).optional(),
    endsOn: Day.optional(),
    labourPercent: Percent.optional(),
    partsPercent: Percent.optional(),
    travelPercent: Percent.optional(),
    notes: optional(Text(2000)),
  })
  .refine((x) => (x.months === undefined) !== (x.endsOn === undefined), { message: 'give months or endsOn', path: ['months'] });
export const WarrantyExtension = z.object({ warranty: Warranty, previousEndsOn: Day.nullable(), warrantyEndsOn: Day });

export const InterventionCoverage = z.object({
  interventionId: Id,
  status: CoverageStatus,
  ruleCode: z.string(),
  rule: z.string(),
  warrantyId: Id.nullable(),
  contractId: Id.nullable(),
  supplierId: Id.nullable(),
  labourPercent: z.number().int(),
  partsPercent: z.number().int(),
  travelPercent: z.number().int(),
  occasion: z.string(),
  decidedAt: Instant,
});

export const ClaimKind = z.enum(['repair', 'part', 'exchange']);
export const ClaimStatus = z.enum(['draft', 'submitted', 'accepted', 'refused', 'credited', 'closed']);

/**
 * The moves a claim may make from each status: the server's rule (back-office/warranties/claim-status.ts
 * draws the life it describes) and the board's buttons read this one table.
 */
export const CLAIM_TRANSITIONS: Readonly<Record<z.infer<typeof ClaimStatus>, readonly z.infer<typeof ClaimStatus>[]>> = {
  draft: ['submitted', 'closed'],
  submitted: ['accepted', 'refused', 'credited'],
  accepted: ['credited', 'refused'],
  refused: ['closed'],
  credited: ['closed'],
  closed: [],
};
export const ClaimInput = z.object({
  agencyId: Id,
  supplierId: Id,
  kind: ClaimKind,
  expectedCreditCents: PositiveCents,
  warrantyId: optional(Id),
  equipmentId: optional(Id),
  interventionId: optional(Id),
  invoiceId: optional(Id),
  supplierReference: optional(Text(60)),
  notes: optional(Text(5000)),
});
export const ClaimPatch = z.object({ supplierReference: optional(Text(60)), notes: optional(Text(5000)) });
export const ClaimTransitionInput = z.object({
  to: ClaimStatus,
  /** The day it happened (default today). */
  on: Day.optional(),
  receivedCreditCents: PositiveCents.optional(),
  creditNoteReference: Text(60).optional(),
  supplierReference: Text(60).optional(),
  /** Only while the claim is a draft. */
  expectedCreditCents: PositiveCents.optional(),
});
export const Claim = z.object({
  id: Id,
  agencyId: Id,
  supplierId: Id,
  warrantyId: Id.nullable(),
  equipmentId: Id.nullable(),
  interventionId: Id.nullable(),
  invoiceId: Id.nullable(),
  kind: ClaimKind,
  status: ClaimStatus,
  reference: z.string(),
  supplierReference: z.string().nullable(),
  expectedCreditCents: z.number().int(),
  receivedCreditCents: z.number().int(),
  creditNoteReference: z.string().nullable(),
  submittedOn: Day.nullable(),
  answeredOn: Day.nullable(),
  creditedOn: Day.nullable(),
  notes: z.string().nullable(),
  ...Timestamps,
});
export const ClaimQuery = Pagination.extend({ agencyId: Id.optional(), supplierId: Id.optional(), status: ClaimStatus.optional(), invoiceId: Id.optional() });
export const RecoverableReport = z.object({
  rows: z.array(
    z.object({
      supplierId: Id,
      supplierName: z.string(),
      claims: z.number().int(),
      /** Claimed, not credited yet. */
      outstandingCents: z.number().int(),
      /** Owed by the supplier, not claimed yet (draft claims). */
      unclaimedCents: z.number().int(),
      /** Credited below the expected amount, not closed yet. */
      shortfallCents: z.number().int(),
    }),
  ),
  totalCents: z.number().int(),
});
export const RecoverableQuery = z.object({ agencyId: Id.optional() });

export const BudgetQuery = z.object({ year: QueryInt(2000, 2100).optional() });
export const BudgetReport = z.object({
  year: z.number().int(),
  rows: z.array(
    z.object({
      kind: z.enum(['warranty', 'contract']),
      id: Id,
      label: z.string(),
      budgetCents: z.number().int().nullable(),
      revenueCents: z.number().int(),
      spentCents: z.number().int(),
      usedPercent: z.number().nullable(),
    }),
  ),
});

export const ContractTermsInput = z.object({
  /** The agency that invoices the fees. */
  agencyId: Id,
  feeCents: PositiveCents,
  periodMonths: z.number().int().min(1).max(60).optional(),
  /** The first day of the next period to invoice. */
  nextPeriodStart: Day,
  /** What the contract covers on corrective visits. */
  labourPercent: Percent.optional(),
  partsPercent: Percent.optional(),
  travelPercent: Percent.optional(),
  /** Yearly budget of covered work. */
  budgetCents: optional(PositiveCents),
});
export const ContractTerms = ContractTermsInput.extend({
  contractId: Id,
  periodMonths: z.number().int(),
  labourPercent: z.number().int(),
  partsPercent: z.number().int(),
  travelPercent: z.number().int(),
  budgetCents: z.number().int().nullable(),
  ...Timestamps,
});
