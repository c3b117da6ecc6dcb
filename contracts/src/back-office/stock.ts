// Stock movements, orders, reservations, projections.
import { z } from 'zod';
import { Day, Id, Instant, Pagination, QueryInt, Text, Timestamps, optional } from '../api/common.ts';
import { PositiveCents, UnitChange, Units } from './common.ts';
import { CoverageVerdict } from './warranties.ts';

export const StockMovementKind = z.enum(['receipt', 'consumption', 'transfer_out', 'transfer_in', 'return', 'adjustment', 'sale']);
export const StockMovement = z.object({
  id: Id,
  partId: Id,
  depotId: Id,
  kind: StockMovementKind,
  quantity: z.number().int(),
  unitCostCents: z.number().int(),
  interventionId: Id.nullable(),
  supplierOrderLineId: Id.nullable(),
  customerOrderLineId: Id.nullable(),
  equipmentId: Id.nullable(),
  batchId: z.string(),
  reason: z.string().nullable(),
  occurredAt: Instant,
  createdById: z.string().nullable(),
  createdAt: Instant,
});
export const StockMovementQuery = Pagination.extend({
  depotId: Id.optional(),
  partId: Id.optional(),
  interventionId: Id.optional(),
  kind: StockMovementKind.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});

const PartLine = z.object({ partId: Id, quantity: Units });
const PartLines = z.array(PartLine).min(1).max(200);

/** What a movement request answers: the batch, and on hand after it. */
export const MovementBatch = z.object({
  batchId: z.string(),
  movements: z.array(z.object({ id: Id, partId: Id, depotId: Id, kind: StockMovementKind, quantity: z.number().int(), unitCostCents: z.number().int() })),
  onHand: z.array(z.object({ partId: Id, depotId: Id, onHand: z.number().int() })),
  journalEntryId: Id.nullable(),
});

export const TransferInput = z
  .object({ fromDepotId: Id, toDepotId: Id, lines: PartLines, reason: optional(Text(500)) })
  .refine((t) => t.fromDepotId !== t.toDepotId, { message: 'a transfer goes to another depot', path: ['toDepotId'] });
export const ReturnInput = z.object({
  depotId: Id,
  lines: PartLines,
  /** Unused parts coming back from a visit. */
  interventionId: optional(Id),
  /** A customer's item coming back: its warranty is looked up and answered. */
  equipmentId: optional(Id),
  reason: optional(Text(500)),
});
export const ReturnAnswer = MovementBatch.extend({ warranty: CoverageVerdict.nullable() });
export const AdjustmentInput = z.object({
  depotId: Id,
  reason: Text(500),
  lines: z
    .array(
      z
        .object({
          partId: Id,
          /** The change, signed… */
          quantity: UnitChange.optional(),
          /** …or what was counted (the difference with on hand is recorded). */
          countedQuantity: z.number().int().min(0).optional(),
        })
        .refine((l) => l.quantity !== undefined || l.countedQuantity !== undefined, {
          message: 'give quantity (the change) or countedQuantity (what was counted)',
          path: ['quantity'],
        })
        .refine((l) => l.quantity === undefined || l.countedQuantity === undefined, {
          message: 'give quantity or countedQuantity, not both',
          path: ['quantity'],
        }),
    )
    .min(1)
    .max(500),
});
export const ConsumptionInput = z.object({
  /** Default: the technician's van. */
  depotId: optional(Id),
  lines: PartLines,
});

export const SupplierOrderStatus = z.enum(['draft', 'ordered', 'partially_received', 'received', 'cancelled']);
export const SupplierOrderInput = z.object({
  supplierId: Id,
  depotId: Id,
  reference: Text(60),
  status: z.enum(['draft', 'ordered']).optional(),
  orderedOn: optional(Day),
  expectedOn: optional(Day),
  notes: optional(Text(5000)),
  lines: z
    .array(z.object({ partId: Id, quantity: Units, unitCostCents: PositiveCents.optional() }))
    .min(1)
    .max(500),
});
export const SupplierOrderPatch = z.object({
  status: z.enum(['draft', 'ordered', 'cancelled']).optional(),
  orderedOn: optional(Day),
  expectedOn: optional(Day),
  notes: optional(Text(5000)),
});
const OrderLine = z.object({ id: Id, partId: Id, quantity: z.number().int(), unitCostCents: z.number().int(), receivedQuantity: z.number().int() });
export const SupplierOrder = z.object({
  id: Id,
  supplierId: Id,
  depotId: Id,
  reference: z.string(),
  status: SupplierOrderStatus,
  orderedOn: Day.nullable(),
  expectedOn: Day.nullable(),
  notes: z.string().nullable(),
  lines: z.array(OrderLine),
  ...Timestamps,
});
export const SupplierOrderQuery = Pagination.extend({ supplierId: Id.optional(), depotId: Id.optional(), status: SupplierOrderStatus.optional() });
export const ReceiptInput = z.object({
  lines: z
    .array(z.object({ lineId: Id, quantity: Units }))
    .min(1)
    .max(500),
});

export const CustomerOrderStatus = z.enum(['open', 'delivered', 'cancelled']);
export const CustomerOrderInput = z.object({
  customerId: Id,
  depotId: Id,
  reference: Text(60),
  dueOn: Day,
  notes: optional(Text(5000)),
  lines: z
    .array(z.object({ partId: Id, quantity: Units, unitPriceCents: PositiveCents.optional() }))
    .min(1)
    .max(500),
});
export const CustomerOrderPatch = z.object({ status: z.enum(['open', 'cancelled']).optional(), dueOn: Day.optional(), notes: optional(Text(5000)) });
export const CustomerOrder = z.object({
  id: Id,
  customerId: Id,
  depotId: Id,
  reference: z.string(),
  status: CustomerOrderStatus,
  dueOn: Day,
  notes: z.string().nullable(),
  lines: z.array(z.object({ id: Id, partId: Id, quantity: z.number().int(), unitPriceCents: z.number().int(), deliveredQuantity: z.number().int() })),
  ...Timestamps,
});
export const CustomerOrderQuery = Pagination.extend({ customerId: Id.optional(), depotId: Id.optional(), status: CustomerOrderStatus.optional() });
export const DeliveryInput = z.object({
  lines: z
    .array(z.object({ lineId: Id, quantity: Units }))
    .min(1)
    .max(500),
});

export const InterventionPartsInput = z.object({ parts: z.array(PartLine).max(100) });
export const InterventionPart = z.object({ interventionId: Id, partId: Id, quantity: z.number().int() });
export const ReservationInput = z.object({
  /** In order of preference; default: the technician's van, then the agency's central depots. */
  depotIds: z.array(Id).min(1).max(20).optional(),
});
export const Reservation = z.object({ id: Id, partId: Id, depotId: Id, quantity: z.number().int() });
export const ReservationAnswer = z.object({ reservations: z.array(Reservation) });
export const Availability = z.object({
  interventionId: Id,
  available: z.boolean(),
  reason: z.literal('parts_unavailable').nullable(),
  missing: z.array(z.object({ partId: Id, reference: z.string(), needed: z.number().int(), available: z.number().int() })),
  /** The day supplier orders cover the shortage; null when none does. */
  availableFrom: Day.nullable(),
});
export const AvailabilityQuery = z.object({ depotIds: z.string().optional() });

export const ProjectionQuery = Pagination.extend({
  partId: Id.optional(),
  depotId: Id.optional(),
  agencyId: Id.optional(),
  horizonDays: QueryInt(1, 365).default(30),
});
export const Projection = z.object({
  partId: Id,
  partReference: z.string(),
  partName: z.string(),
  depotId: Id,
  depotName: z.string(),
  agencyId: Id,
  onHand: z.number().int(),
  reserved: z.number().int(),
  customerOrders: z.number().int(),
  supplierOrders: z.number().int(),
  projected: z.number().int(),
  lowest: z.object({ quantity: z.number().int(), on: Day }),
  timeline: z.array(z.object({ on: Day, quantity: z.number().int() })),
  minQuantity: z.number().int().nullable(),
  maxQuantity: z.number().int().nullable(),
});
export const ShortageQuery = z.object({ agencyId: Id.optional(), depotId: Id.optional(), horizonDays: QueryInt(1, 365).default(30) });
const Shortage = z.object({
  partId: Id,
  partReference: z.string(),
  partName: z.string(),
  depotId: Id,
  depotName: z.string(),
  minQuantity: z.number().int(),
  maxQuantity: z.number().int().nullable(),
  lowest: z.object({ quantity: z.number().int(), on: Day }),
  projected: z.number().int(),
  suggestedQuantity: z.number().int(),
  estimatedCostCents: z.number().int(),
});
export const ShortageAnswer = z.object({
  shortages: z.array(Shortage),
  /** Supplier orders to place, grouped by the parts' preferred supplier. */
  suggestions: z.array(z.object({ supplierId: Id.nullable(), lines: z.array(Shortage), estimatedCostCents: z.number().int() })),
});
export const StockDrift = z.object({ drift: z.array(z.object({ partId: Id, depotId: Id, onHand: z.number().int(), movements: z.number().int() })) });
