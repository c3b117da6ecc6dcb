// Projected stock of a part in a depot: on hand, minus reservations (dated by
// their visit) and customer orders (by due date), plus supplier orders (by
// expected date), day by day over a horizon. Pure: the loader below reads the
// facts, the shortage list reads the projections.
import { addDays, dayOf, type IsoDay } from '../days.ts';
import type { Db } from '../db.ts';
import { reservationDay } from './reservations.ts';

export interface StockFlow {
  readonly on: IsoDay;
  /** Units; always positive (the kind says the direction). */
  readonly quantity: number;
  readonly kind: 'reservation' | 'customer_order' | 'supplier_order';
  readonly ref: string;
}

export interface ProjectionInput {
  readonly onHand: number;
  readonly flows: readonly StockFlow[];
  readonly today: IsoDay;
  readonly horizonEnd: IsoDay;
}

export interface Projection {
  readonly onHand: number;
  readonly reserved: number;
  readonly customerOrders: number;
  readonly supplierOrders: number;
  /** At the end of the horizon. */
  readonly projected: number;
  /** The lowest point over the horizon and the first day it is reached. */
  readonly lowest: { readonly quantity: number; readonly on: IsoDay };
  /** Quantity at the end of each day something changes. */
  readonly timeline: readonly { readonly on: IsoDay; readonly quantity: number }[];
}

export function projectStock(input: ProjectionInput): Projection {
  // Past-due flows count today: a late supplier order is still expected, a late customer order still owed.
  const dated = input.flows.map((f) => ({ ...f, on: f.on < input.today ? input.today : f.on })).filter((f) => f.on <= input.horizonEnd);
  const sum = (kind: StockFlow['kind']) => dated.filter((f) => f.kind === kind).reduce((s, f) => s + f.quantity, 0);
  const byDay = new Map<IsoDay, number>();
  for (const f of dated) byDay.set(f.on, (byDay.get(f.on) ?? 0) + (f.kind === 'supplier_order' ? f.quantity : -f.quantity));
  let quantity = input.onHand;
  let lowest = { quantity, on: input.today };
  const timeline: { on: IsoDay; quantity: number }[] = [];
  for (const on of [...byDay.keys()].sort()) {
    quantity += byDay.get(on)!;
    timeline.push({ on, quantity });
    if (quantity < lowest.quantity) lowest = { quantity, on };
  }
  return {
    onHand: input.onHand,
    reserved: sum('reservation'),
    customerOrders: sum('customer_order'),
    supplierOrders: sum('supplier_order'),
    projected: quantity,
    lowest,
    timeline,
  };
}

export interface LevelProjection extends Projection {
  readonly partId: string;
  readonly partReference: string;
  readonly partName: string;
  readonly depotId: string;
  readonly depotName: string;
  readonly agencyId: string;
  readonly minQuantity: number | null;
  readonly maxQuantity: number | null;
  readonly unitCostCents: number;
  readonly preferredSupplierId: string | null;
}

/** Projections for every (part, depot) with stock, levels or flows, filtered. */
export async function loadProjections(
  prisma: Db,
  filter: { agencyIds?: readonly string[] | undefined; depotId?: string | undefined; partId?: string | undefined; today: IsoDay; horizonDays: number },
): Promise<LevelProjection[]> {
  const depotWhere = { ...(filter.agencyIds ? { agencyId: { in: [...filter.agencyIds] } } : {}), ...(filter.depotId ? { id: filter.depotId } : {}) };
  const partWhere = filter.partId ? { partId: filter.partId } : {};
  const horizonEnd = addDays(filter.today, filter.horizonDays);
  const [levels, reservations, customerLines, supplierLines] = await Promise.all([
    prisma.stockLevel.findMany({ where: { ...partWhere, depot: depotWhere } }),
    prisma.stockReservation.findMany({
      where: { ...partWhere, status: 'active', depot: depotWhere },
      select: { partId: true, depotId: true, quantity: true, interventionId: true, intervention: { select: { plannedStart: true } } },
    }),
    prisma.customerOrderLine.findMany({
      where: { ...partWhere, order: { status: 'open', depot: depotWhere } },
      select: { partId: true, quantity: true, deliveredQuantity: true, order: { select: { depotId: true, dueOn: true, reference: true } } },
    }),
    prisma.supplierOrderLine.findMany({
      where: { ...partWhere, order: { status: { in: ['ordered', 'partially_received'] }, depot: depotWhere } },
      select: { partId: true, quantity: true, receivedQuantity: true, order: { select: { depotId: true, expectedOn: true, reference: true } } },
    }),
  ]);
  const flows = new Map<string, StockFlow[]>();
  const add = (partId: string, depotId: string, flow: StockFlow) => {
    const key = `${partId}|${depotId}`;
    flows.set(key, [...(flows.get(key) ?? []), flow]);
  };
  for (const r of reservations)
    add(r.partId, r.depotId, {
      on: reservationDay(r.intervention.plannedStart, filter.today),
      quantity: r.quantity,
      kind: 'reservation',
      ref: r.interventionId,
    });
  for (const l of customerLines)
    if (l.quantity > l.deliveredQuantity)
      add(l.partId, l.order.depotId, { on: dayOf(l.order.dueOn), quantity: l.quantity - l.deliveredQuantity, kind: 'customer_order', ref: l.order.reference });
  // An order without an expected day is not counted on: nobody knows when it comes.
  for (const l of supplierLines)
    if (l.quantity > l.receivedQuantity && l.order.expectedOn)
      add(l.partId, l.order.depotId, {
        on: dayOf(l.order.expectedOn),
        quantity: l.quantity - l.receivedQuantity,
        kind: 'supplier_order',
        ref: l.order.reference,
      });

  const keys = new Set([...levels.map((l) => `${l.partId}|${l.depotId}`), ...flows.keys()]);
  const [parts, depots] = await Promise.all([
    prisma.part.findMany({ where: { id: { in: [...new Set([...keys].map((k) => k.split('|')[0]!))] } } }),
    prisma.depot.findMany({ where: { id: { in: [...new Set([...keys].map((k) => k.split('|')[1]!))] } } }),
  ]);
  const partById = new Map(parts.map((p) => [p.id, p]));
  const depotById = new Map(depots.map((d) => [d.id, d]));
  const levelByKey = new Map(levels.map((l) => [`${l.partId}|${l.depotId}`, l]));
  return [...keys].sort().map((key) => {
    const [partId, depotId] = key.split('|') as [string, string];
    const level = levelByKey.get(key);
    const part = partById.get(partId)!;
    const depot = depotById.get(depotId)!;
    return {
      ...projectStock({ onHand: level?.onHand ?? 0, flows: flows.get(key) ?? [], today: filter.today, horizonEnd }),
      partId,
      partReference: part.reference,
      partName: part.name,
      depotId,
      depotName: depot.name,
      agencyId: depot.agencyId,
      minQuantity: level?.minQuantity ?? null,
      maxQuantity: level?.maxQuantity ?? null,
      unitCostCents: part.unitCostCents,
      preferredSupplierId: part.preferredSupplierId,
    };
  });
}

export interface Shortage {
  readonly partId: string;
  readonly partReference: string;
  readonly partName: string;
  readonly depotId: string;
  readonly depotName: string;
  readonly minQuantity: number;
  readonly maxQuantity: number | null;
  readonly lowest: { readonly quantity: number; readonly on: IsoDay };
  readonly projected: number;
  /**
   * Enough to stay at or above the minimum at the lowest point, and no more
   * than keeps the stock at or below the maximum once the flows after that
   * point (supplier orders already under way) have come in.
   */
  readonly suggestedQuantity: number;
  readonly estimatedCostCents: number;
}

export interface SupplierSuggestion {
  readonly supplierId: string | null;
  readonly lines: readonly Shortage[];
  readonly estimatedCostCents: number;
}

/**
 * A part is short in a depot when its projection falls below the minimum
 * level (0 when none is set) within the horizon. An order placed now lifts
 * every later point by its quantity, so ordering "up to the maximum from the
 * lowest point" would overshoot when a supplier order under way arrives after
 * that point: the suggestion tops up to the maximum measured at the highest
 * point from the lowest one on, and never less than the minimum needs.
 * Grouped by the part's preferred supplier.
 */
export function shortages(projections: readonly LevelProjection[]): { shortages: Shortage[]; suggestions: SupplierSuggestion[] } {
  const list: (Shortage & { supplierId: string | null })[] = [];
  for (const p of projections) {
    const min = p.minQuantity ?? 0;
    if (p.lowest.quantity >= min) continue;
    const target = Math.max(p.maxQuantity ?? min, min);
    const highestAfter = Math.max(p.lowest.quantity, p.projected, ...p.timeline.filter((t) => t.on >= p.lowest.on).map((t) => t.quantity));
    const suggestedQuantity = Math.max(1, min - p.lowest.quantity, target - highestAfter);
    list.push({
      partId: p.partId,
      partReference: p.partReference,
      partName: p.partName,
      depotId: p.depotId,
      depotName: p.depotName,
      minQuantity: min,
      maxQuantity: p.maxQuantity,
      lowest: p.lowest,
      projected: p.projected,
      suggestedQuantity,
      estimatedCostCents: suggestedQuantity * p.unitCostCents,
      supplierId: p.preferredSupplierId,
    });
  }
  const groups = new Map<string | null, Shortage[]>();
  for (const { supplierId, ...s } of list) groups.set(supplierId, [...(groups.get(supplierId) ?? []), s]);
  const suggestions = [...groups].map(([supplierId, lines]) => ({
    supplierId,
    lines,
    estimatedCostCents: lines.reduce((s, l) => s + l.estimatedCostCents, 0),
  }));
  return { shortages: list.map(({ supplierId: _s, ...s }) => s), suggestions };
}
