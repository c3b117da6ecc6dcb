// Spare parts in planning (issue 7), through the back office's public
// functions: which technicians can get a visit's parts (their van and the
// agency's central depots, free stock shared by the visits in priority
// order), and — once a plan is stored — the reservations that follow it.
import { BackOfficeError, partsAvailability, pickupDepotIds, releaseReservations, reserveParts, type PartsAvailability } from '../back-office/index.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { PLANNABLE_STATUSES, type InterventionRecord, type PartsAccess, type PlanningRecords } from './records.ts';
import type { IsoDay } from './time.ts';

/** Who is pinned or already has it on their device comes first: they hold their parts. */
function byPriority(a: InterventionRecord, b: InterventionRecord): number {
  const committed = (i: InterventionRecord) => (i.pinned || i.status === 'dispatched' ? 1 : 0);
  return committed(b) - committed(a) || b.priority - a.priority || a.id.localeCompare(b.id);
}

/** Where each technician picks parts up, read once per technician. */
export class PickupDepots {
  private readonly cache = new Map<string, Promise<string[]>>();
  constructor(
    private readonly prisma: PrismaClient,
    private readonly agencyId: string,
  ) {}
  of(technicianId: string | null): Promise<string[]> {
    const key = technicianId ?? '';
    let found = this.cache.get(key);
    if (!found) {
      found = pickupDepotIds(this.prisma, this.agencyId, technicianId);
      this.cache.set(key, found);
    }
    return found;
  }
}

/** The plannable visits of the records that need parts, by priority. */
async function visitsNeedingParts(prisma: PrismaClient, records: PlanningRecords): Promise<InterventionRecord[]> {
  const plannable = records.interventions.filter((i) => PLANNABLE_STATUSES.has(i.status));
  if (plannable.length === 0) return [];
  const rows = await prisma.interventionPart.findMany({ where: { interventionId: { in: plannable.map((i) => i.id) } }, select: { interventionId: true } });
  const needing = new Set(rows.map((r) => r.interventionId));
  return plannable.filter((i) => needing.has(i.id)).sort(byPriority);
}

/**
 * The visits whose parts not every technician can get on every day planned.
 * A technician can take a visit when its parts are free in their pickup
 * depots, or arrive there (supplier orders under way) by a day of the horizon:
 * from that day on. Visits absent from the answer need no parts, or anybody
 * can get them.
 */
export async function partsAccess(prisma: PrismaClient, records: PlanningRecords): Promise<Map<string, PartsAccess>> {
  const out = new Map<string, PartsAccess>();
  const visits = await visitsNeedingParts(prisma, records);
  if (visits.length === 0) return out;
  const ids = visits.map((i) => i.id);
  const lastDay = records.days[records.days.length - 1]!;
  const depots = new PickupDepots(prisma, records.agency.id);

  // One availability read per distinct set of depots (technicians without a van share the central ones).
  const bySet = new Map<string, Promise<Map<string, PartsAvailability>>>();
  const availabilityFor = async (technicianId: string | null) => {
    const set = await depots.of(technicianId);
    const key = set.join(',');
    let found = bySet.get(key);
    if (!found) {
      found = partsAvailability(prisma, ids, set);
      bySet.set(key, found);
    }
    return found;
  };
  const perTechnician = new Map<string, Map<string, PartsAvailability>>();
  for (const t of records.technicians) perTechnician.set(t.id, await availabilityFor(t.id));
  const central = records.technicians.length === 0 ? await availabilityFor(null) : null;

  for (const visit of visits) {
    const technicians = new Map<string, IsoDay | null>();
    let everybodyNow = true;
    let earliest: IsoDay | null = null;
    let best: PartsAvailability | null = null;
    for (const [technicianId, answers] of perTechnician) {
      const a = answers.get(visit.id);
      if (!a) continue;
      if (a.available) {
        technicians.set(technicianId, null);
        continue;
      }
      everybodyNow = false;
      if (a.availableFrom !== null) {
        if (a.availableFrom <= lastDay) technicians.set(technicianId, a.availableFrom);
        if (earliest === null || a.availableFrom < earliest) earliest = a.availableFrom;
      }
      if (!best || a.missing.length < best.missing.length) best = a;
    }
    if (central) {
      const a = central.get(visit.id);
      if (a && !a.available) {
        everybodyNow = false;
        earliest = a.availableFrom;
        best = a;
      }
    }
    if (everybodyNow) continue;
    out.set(visit.id, {
      technicians,
      availableFrom: earliest,
      missingParts: [...new Set((best?.missing ?? []).map((m) => m.reference))].sort(),
    });
  }
  return out;
}

/** Whether one technician can get one visit's parts by `day` (insertion, assignment). */
export async function partsFor(
  prisma: PrismaClient,
  agencyId: string,
  interventionId: string,
  technicianId: string,
  day: IsoDay,
): Promise<PartsAvailability & { usable: boolean }> {
  const depots = await pickupDepotIds(prisma, agencyId, technicianId);
  const a = (await partsAvailability(prisma, [interventionId], depots)).get(interventionId)!;
  return { ...a, usable: a.available || (a.availableFrom !== null && a.availableFrom <= day) };
}

/** A visit whose parts could not be reserved for its technician. */
export interface ReservationWarning {
  readonly interventionId: string;
  readonly technicianId: string;
  readonly message: string;
}

/**
 * After a plan is stored: each visit placed gets its parts reserved in its
 * technician's pickup depots (a visit that changed technician gives back
 * what it held elsewhere first); each visit that was planned and no longer is
 * gives its reservations back. `placements`: visit → technician, or null for
 * a visit taken out of the plan. Never throws for stock reasons: what could
 * not be reserved comes back as warnings (the plan stands).
 */
export async function syncReservations(prisma: PrismaClient, agencyId: string, placements: ReadonlyMap<string, string | null>): Promise<ReservationWarning[]> {
  const ids = [...placements.keys()];
  if (ids.length === 0) return [];
  const [needs, active] = await Promise.all([
    prisma.interventionPart.findMany({ where: { interventionId: { in: ids } }, select: { interventionId: true, partId: true, quantity: true } }),
    prisma.stockReservation.findMany({
      where: { interventionId: { in: ids }, status: 'active' },
      select: { interventionId: true, partId: true, depotId: true, quantity: true },
    }),
  ]);
  const depots = new PickupDepots(prisma, agencyId);
  const warnings: ReservationWarning[] = [];
  const held = new Set(active.map((r) => r.interventionId));
  for (const [interventionId, technicianId] of placements) {
    const own = active.filter((r) => r.interventionId === interventionId);
    if (technicianId === null) {
      if (held.has(interventionId)) await releaseReservations(prisma, interventionId);
      continue;
    }
    const need = needs.filter((n) => n.interventionId === interventionId);
    if (need.length === 0) continue;
    const reachable = await depots.of(technicianId);
    const elsewhere = own.some((r) => !reachable.includes(r.depotId));
    const covered = need.every((n) => own.filter((r) => r.partId === n.partId).reduce((q, r) => q + r.quantity, 0) >= n.quantity);
    if (covered && !elsewhere) continue;
    if (elsewhere) await releaseReservations(prisma, interventionId);
    if (reachable.length === 0) {
      warnings.push({ interventionId, technicianId, message: 'no depot this technician can get parts from (no van, no central depot of the agency)' });
      continue;
    }
    try {
      await reserveParts(prisma, interventionId, reachable);
    } catch (error) {
      if (!(error instanceof BackOfficeError) || error.code !== 'conflict') throw error;
      const detail = error.fields.map((f) => f.message).join('; ');
      warnings.push({ interventionId, technicianId, message: `${error.message}${detail ? ` (${detail})` : ''}` });
    }
  }
  return warnings;
}

/** What the technician is missing, in words, for a warning. */
export function describeShortage(a: PartsAvailability): string {
  const parts = a.missing.map((m) => `${m.reference} (${m.available} of ${m.needed} free)`).join(', ');
  const when = a.availableFrom ? `; a supplier order brings them on ${a.availableFrom}` : '; no supplier order under way covers them';
  return `parts not available where this technician can get them: ${parts}${when}`;
}

/**
 * The reservations a stored plan calls for: each visit it places → its
 * technician; each visit it decided on and does not place, that was planned
 * before (on a tour, or not merely requested) → null (give them back).
 */
export function planPlacements(
  records: PlanningRecords,
  problem: { readonly jobs: readonly { interventionId: string }[]; readonly excluded: readonly { interventionId: string }[] },
  plan: { readonly tours: readonly { technicianId: string; stops: readonly { interventionId: string; planned: boolean }[] }[] },
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const t of plan.tours) for (const s of t.stops) if (s.planned) out.set(s.interventionId, t.technicianId);
  const byId = new Map(records.interventions.map((i) => [i.id, i]));
  for (const id of [...problem.jobs.map((j) => j.interventionId), ...problem.excluded.map((e) => e.interventionId)]) {
    if (out.has(id)) continue;
    const before = byId.get(id);
    if (before && (before.status !== 'requested' || before.stop !== null)) out.set(id, null);
  }
  return out;
}
