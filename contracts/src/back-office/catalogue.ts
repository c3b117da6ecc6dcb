// Suppliers, parts, depots and stock levels.
import { z } from 'zod';
import { Id, Instant, Pagination, QueryBool, Text, Timestamps, optional } from '../api/common.ts';
import { PositiveCents } from './common.ts';

export const SupplierInput = z.object({
  code: Text(40),
  name: Text(),
  email: optional(z.email().max(254)),
  phone: optional(Text(40)),
  /** Auxiliary account in the ledger (401…); defaults to the code. */
  accountNumber: optional(Text(40)),
  notes: optional(Text(5000)),
});
export const SupplierPatch = SupplierInput.partial();
export const Supplier = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  accountNumber: z.string().nullable(),
  notes: z.string().nullable(),
  ...Timestamps,
});
export const SupplierQuery = Pagination.extend({ q: z.string().optional() });

export const PartInput = z.object({
  reference: Text(60),
  name: Text(),
  /** Standard cost: stock is valued at it. */
  unitCostCents: PositiveCents,
  /** Sale price before VAT. */
  unitPriceCents: PositiveCents,
  preferredSupplierId: optional(Id),
  /** Eligible energy-efficiency equipment (5.5 % VAT when installed in housing over two years old). */
  energyEfficient: z.boolean().optional(),
  active: z.boolean().optional(),
});
export const PartPatch = PartInput.partial();
export const Part = z.object({
  id: Id,
  reference: z.string(),
  name: z.string(),
  unitCostCents: z.number().int(),
  unitPriceCents: z.number().int(),
  preferredSupplierId: Id.nullable(),
  energyEfficient: z.boolean(),
  active: z.boolean(),
  ...Timestamps,
});
export const PartQuery = Pagination.extend({ q: z.string().optional(), active: QueryBool.optional(), supplierId: Id.optional() });

export const DepotKind = z.enum(['central', 'van']);
export const DepotFields = z.object({
  agencyId: Id,
  code: Text(40),
  name: Text(),
  kind: DepotKind,
  /** A van's technician (one van each). */
  technicianId: optional(Id),
  /** Allow on hand below zero (counted later); most depots do not. */
  allowNegative: z.boolean().optional(),
  active: z.boolean().optional(),
});
export function checkDepot(d: { kind?: string; technicianId?: string | null }, ctx: z.RefinementCtx): void {
  if (d.kind === 'van' && !d.technicianId) ctx.addIssue({ code: 'custom', path: ['technicianId'], message: 'a van belongs to a technician' });
  if (d.kind === 'central' && d.technicianId) ctx.addIssue({ code: 'custom', path: ['technicianId'], message: 'a central depot belongs to no technician' });
}
export const DepotInput = DepotFields.superRefine(checkDepot);
export const DepotPatch = DepotFields.partial();
export const Depot = z.object({
  id: Id,
  agencyId: Id,
  code: z.string(),
  name: z.string(),
  kind: DepotKind,
  technicianId: Id.nullable(),
  allowNegative: z.boolean(),
  active: z.boolean(),
  ...Timestamps,
});
export const DepotQuery = Pagination.extend({ agencyId: Id.optional(), kind: DepotKind.optional(), technicianId: Id.optional() });

export const StockLevel = z.object({
  partId: Id,
  depotId: Id,
  /** The sum of the part's movements in the depot. */
  onHand: z.number().int(),
  /** Held by active reservations. */
  reserved: z.number().int(),
  /** on hand − reserved. */
  free: z.number().int(),
  minQuantity: z.number().int().nullable(),
  maxQuantity: z.number().int().nullable(),
  bin: z.string().nullable(),
  updatedAt: Instant,
});
export const StockLevelQuery = Pagination.extend({
  depotId: Id.optional(),
  partId: Id.optional(),
  agencyId: Id.optional(),
  /** Only levels below their minimum. */
  belowMin: QueryBool.optional(),
});
export const StockLevelParams = z.object({ depotId: Id, partId: Id });
export const StockLevelPatch = z
  .object({
    minQuantity: optional(z.number().int().min(0)),
    maxQuantity: optional(z.number().int().min(0)),
    bin: optional(Text(40)),
  })
  .refine((l) => l.minQuantity == null || l.maxQuantity == null || l.minQuantity <= l.maxQuantity, {
    message: 'must not be below minQuantity',
    path: ['maxQuantity'],
  });
