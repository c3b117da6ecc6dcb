// Parts a visit needs, their reservations, and the availability check the
// planner runs before placing a visit.
//
// Free stock of a part in a depot = on hand − active reservations. Planning
// a visit reserves its parts in the depots its technician can reach (their
// van first, then the agency's central depots); a visit whose parts are not
// free there is not planned (unassigned reason `parts_unavailable`) until a
// supplier order brings them (`availableFrom`).
import { booksDay, dayOf, type IsoDay } from '../days.ts';
import { inTransaction, type Db, type Tx } from '../db.ts';
import { conflict, invalid, notFound, type ErrorField } from '../errors.ts';
import { levelKey, lockLevels, reservedQuantities } from './locks.ts';

type Reader = Db | Tx;

export async function setInterventionParts(prisma: Db, interventionId: string, parts: readonly { partId: string; quantity: number }[]) {
  const seen = new Set<string>();
  parts.forEach((p, i) => {
    if (seen.has(p.partId)) throw invalid('each part once', [{ path: `parts[${i}].partId`, message: 'listed twice' }]);
    seen.add(p.partId);
  });
  return inTransaction(prisma, async (tx) => {
    const i = await tx.intervention.findUnique({ where: { id: interventionId }, select: { status: true } });
    if (!i) throw notFound('intervention');
    if (['done', 'closed', 'cancelled'].includes(i.status)) throw conflict(`the parts of a ${i.status} intervention are history`);
    await tx.interventionPart.deleteMany({ where: { interventionId } });
    if (parts.length) await tx.interventionPart.createMany({ data: parts.map((p) => ({ interventionId, partId: p.partId, quantity: p.quantity })) });
    // Reservations beyond the new needs are released, so they free stock for others.
    const needs = new Map(parts.map((p) => [p.partId, p.quantity]));
    const active = await tx.stockReservation.findMany({ where: { interventionId, status: 'active' }, orderBy: { createdAt: 'asc' } });
    const kept = new Map<string, number>();
    for (const r of active) {
      const room = (needs.get(r.partId) ?? 0) - (kept.get(r.partId) ?? 0);
      if (room >= r.quantity) kept.set(r.partId, (kept.get(r.partId) ?? 0) + r.quantity);
      else if (room > 0) {
        await tx.stockReservation.update({ where: { id: r.id }, data: { quantity: room } });
        kept.set(r.partId, (kept.get(r.partId) ?? 0) + room);
      } else await tx.stockReservation.update({ where: { id: r.id }, data: { status: 'released' } });
    }
    return tx.interventionPart.findMany({ where: { interventionId }, orderBy: { partId: 'asc' } });
  });
}

export interface ReservationResult {
  readonly reservations: readonly { id: string; partId: string; depotId: string; quantity: number }[];
}

/**
 * Reserves what the visit still needs, from the depots in order of
 * preference; all or nothing (a half-equipped technician cannot do the job).
 * Refused with `parts_unavailable` and the missing quantities otherwise.
 */
export async function reserveParts(prisma: Db, interventionId: string, depotIds: readonly string[]): Promise<ReservationResult> {
  if (depotIds.length === 0) throw invalid('no depot to reserve from', [{ path: 'depotIds', message: 'at least one depot' }]);
  return inTransaction(prisma, async (tx) => {
    const i = await tx.intervention.findUnique({ where: { id: interventionId }, select: { status: true, partsNeeded: true } });
    if (!i) throw notFound('intervention');
    if (['done', 'closed', 'cancelled'].includes(i.status)) throw conflict(`nothing to reserve for a ${i.status} intervention`);
    const own = await tx.stockReservation.groupBy({ by: ['partId'], where: { interventionId, status: 'active' }, _sum: { quantity: true } });
    const already = new Map(own.map((r) => [r.partId, r._sum.quantity ?? 0]));
    const keys = i.partsNeeded.flatMap((n) => depotIds.map((depotId) => ({ partId: n.partId, depotId })));
    const levels = await lockLevels(tx, keys);
    const reserved = await reservedQuantities(tx, keys);
    const plan: { partId: string; depotId: string; quantity: number }[] = [];
    const missing: ErrorField[] = [];
    i.partsNeeded.forEach((need, index) => {
      let left = need.quantity - (already.get(need.partId) ?? 0);
      for (const depotId of depotIds) {
        if (left <= 0) break;
        const key = levelKey(need.partId, depotId);
        const free = Math.max(0, (levels.get(key)?.onHand ?? 0) - (reserved.get(key) ?? 0));
        const take = Math.min(free, left);
        if (take > 0) plan.push({ partId: need.partId, depotId, quantity: take });
        left -= take;
      }
      if (left > 0)
        missing.push({
          path: `parts[${index}]`,
          message: `part ${levels.get(levelKey(need.partId, depotIds[0]!))?.partReference ?? need.partId}: ${left} more needed than is free in these depots`,
        });
    });
    if (missing.length) throw conflict('parts unavailable: nothing was reserved', missing, 'parts_unavailable');
    const reservations = [];
    for (const p of plan)
      reservations.push(
        await tx.stockReservation.create({ data: { interventionId, ...p }, select: { id: true, partId: true, depotId: true, quantity: true } }),
      );
    return { reservations };
  });
}

/** Frees a visit's active reservations (cancelled, unplanned, or planned elsewhere). */
export async function releaseReservations(db: Reader, interventionId: string): Promise<number> {
  const { count } = await db.stockReservation.updateMany({ where: { interventionId, status: 'active' }, data: { status: 'released' } });
  return count;
}

export interface MissingPart {
  readonly partId: string;
  readonly reference: string;
  readonly needed: number;
  /** Free for this visit in the depots asked (after the visits listed before it). */
  readonly available: number;
}

export interface PartsAvailability {
  readonly interventionId: string;
  readonly available: boolean;
  /** The planner's unassigned reason when not available. */
  readonly reason: 'parts_unavailable' | null;
  readonly missing: readonly MissingPart[];
  /**
   * When not available: the expected day of the supplier orders (into these
   * depots) that cover the shortage; null if none does. Plan the visit on or
   * after that day.
   */
  readonly availableFrom: IsoDay | null;
}

/**
 * Whether each visit's parts are free in the given depots. Read-only; the
 * visits share the free stock in the order given (pass them by priority), so
 * two visits needing the last unit are not both told it is there. A visit's
 * own reservations count for it.
 *
 * For the planner: `depotIds` are where the technicians can get parts — the
 * agency's central depots plus the van of the technician (see
 * `pickupDepotIds`). Interventions without parts needed are always available.
 */
export async function partsAvailability(
  prisma: Reader,
  interventionIds: readonly string[],
  depotIds: readonly string[],
): Promise<Map<string, PartsAvailability>> {
  const out = new Map<string, PartsAvailability>();
  const needs = await prisma.interventionPart.findMany({
    where: { interventionId: { in: [...interventionIds] } },
    include: { part: { select: { reference: true } } },
  });
  const partIds = [...new Set(needs.map((n) => n.partId))];
  const none = partIds.length === 0 || depotIds.length === 0;
  // Sequential reads: the planner may call this inside its own transaction (one connection).
  const levels = none
    ? []
    : await prisma.stockLevel.groupBy({ by: ['partId'], where: { partId: { in: partIds }, depotId: { in: [...depotIds] } }, _sum: { onHand: true } });
  const reservations = none
    ? []
    : await prisma.stockReservation.findMany({
        where: { status: 'active', partId: { in: partIds }, depotId: { in: [...depotIds] } },
        select: { interventionId: true, partId: true, quantity: true },
      });
  const incoming = none
    ? []
    : await prisma.supplierOrderLine.findMany({
        where: { partId: { in: partIds }, order: { depotId: { in: [...depotIds] }, status: { in: ['ordered', 'partially_received'] } } },
        select: { partId: true, quantity: true, receivedQuantity: true, order: { select: { expectedOn: true } } },
      });
  // Free pool per part: on hand minus everybody's reservations; each visit then gets its own back.
  const pool = new Map<string, number>(levels.map((l) => [l.partId, l._sum.onHand ?? 0]));
  const ownReserved = new Map<string, number>();
  for (const r of reservations) {
    pool.set(r.partId, (pool.get(r.partId) ?? 0) - r.quantity);
    ownReserved.set(`${r.interventionId}|${r.partId}`, (ownReserved.get(`${r.interventionId}|${r.partId}`) ?? 0) + r.quantity);
  }
  for (const [k, v] of pool) pool.set(k, Math.max(0, v));
  // Incoming supplier quantities by expected day, consumed by the shortages in order.
  const arrivals = new Map<string, { on: IsoDay; quantity: number }[]>();
  for (const line of incoming) {
    if (!line.order.expectedOn || line.quantity <= line.receivedQuantity) continue;
    const list = arrivals.get(line.partId) ?? [];
    list.push({ on: dayOf(line.order.expectedOn), quantity: line.quantity - line.receivedQuantity });
    arrivals.set(line.partId, list);
  }
  for (const list of arrivals.values()) list.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

  const byIntervention = new Map<string, typeof needs>();
  for (const n of needs) byIntervention.set(n.interventionId, [...(byIntervention.get(n.interventionId) ?? []), n]);
  for (const interventionId of interventionIds) {
    const missing: MissingPart[] = [];
    let availableFrom: IsoDay | null = null;
    let coverable = true;
    for (const n of byIntervention.get(interventionId) ?? []) {
      const own = Math.min(n.quantity, ownReserved.get(`${interventionId}|${n.partId}`) ?? 0);
      const free = pool.get(n.partId) ?? 0;
      const take = Math.min(free, n.quantity - own);
      pool.set(n.partId, free - take);
      const short = n.quantity - own - take;
      if (short <= 0) continue;
      missing.push({ partId: n.partId, reference: n.part.reference, needed: n.quantity, available: own + take });
      const day = takeArrivals(arrivals.get(n.partId) ?? [], short);
      if (day === null) coverable = false;
      else if (availableFrom === null || day > availableFrom) availableFrom = day;
    }
    const ok = missing.length === 0;
    out.set(interventionId, {
      interventionId,
      available: ok,
      reason: ok ? null : 'parts_unavailable',
      missing,
      availableFrom: ok || !coverable ? null : availableFrom,
    });
  }
  return out;
}

/** Takes `quantity` from the arrivals in date order; the day the last needed unit arrives, or null. */
function takeArrivals(list: { on: IsoDay; quantity: number }[], quantity: number): IsoDay | null {
  let left = quantity;
  for (const a of list) {
    if (a.quantity <= 0) continue;
    const take = Math.min(a.quantity, left);
    a.quantity -= take;
    left -= take;
    if (left === 0) return a.on;
  }
  return null;
}

/** Where a technician can get parts: their van first, then the agency's central depots. */
export async function pickupDepotIds(prisma: Reader, agencyId: string, technicianId?: string | null): Promise<string[]> {
  const depots = await prisma.depot.findMany({
    where: { active: true, OR: [{ agencyId, kind: 'central' }, ...(technicianId ? [{ technicianId }] : [])] },
    select: { id: true, kind: true },
    orderBy: { code: 'asc' },
  });
  return [...depots.filter((d) => d.kind === 'van'), ...depots.filter((d) => d.kind === 'central')].map((d) => d.id);
}

/** The day reservations and visits count from, for projections. */
export const reservationDay = (plannedStart: Date | null, today: IsoDay): IsoDay => {
  const day = plannedStart ? booksDay(plannedStart) : today;
  return day < today ? today : day;
};
