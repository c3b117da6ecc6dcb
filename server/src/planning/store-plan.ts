// Writes a plan in ONE transaction: tours and their stops (versions bumped
// where something changed), the interventions' status, technician and times,
// and — through `finish` — the planning run's own record. If anything the
// plan was computed from changed meanwhile (a version moved, a tour appeared),
// nothing is written and PlanConflictError says what: the job retries from a
// fresh read.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { InterventionStatus } from '../generated/prisma/enums.ts';
import { type ConsideredVisits, type Plan, type PlannedStop, tourKey } from './plan.ts';
import type { InterventionRecord, PlanningRecords } from './records.ts';
import { dateColumnOfDay, dayOfDateColumn, type IsoDay } from './time.ts';

export type Tx = Prisma.TransactionClient;

export class PlanConflictError extends Error {
  override readonly name = 'PlanConflictError';
  constructor(readonly stale: readonly string[]) {
    super(`the plan changed while it was computed (${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ', …' : ''}); recompute it`);
  }
  /** Visits whose record moved on since it was read. */
  get visits(): number {
    return this.stale.filter((s) => s.startsWith('intervention ')).length;
  }
  /** Tours changed, appeared or gone since they were read. */
  get tours(): number {
    return this.stale.filter((s) => s.startsWith('tour ') || s === 'the set of tours').length;
  }
}

/** A change a technician's device must hear about. */
export interface PendingPush {
  readonly technicianId: string;
  readonly interventionId: string;
  readonly kind: 'assigned' | 'rescheduled' | 'unassigned';
}

export interface StoredPlan {
  /** Tours created or changed, by day. */
  readonly toursByDay: ReadonlyMap<IsoDay, readonly string[]>;
  /** Interventions whose row changed, with the day whose board shows them. */
  readonly interventionsByDay: ReadonlyMap<IsoDay, readonly string[]>;
  readonly pushes: readonly PendingPush[];
}

export interface StorePlanInput {
  readonly agencyId: string;
  readonly runId: string | null;
  readonly records: PlanningRecords;
  /** The visits the plan decides on: its jobs, and those it left out. */
  readonly problem: ConsideredVisits;
  readonly plan: Plan;
  /**
   * What a concurrent change is checked against: `agency` (a planning run)
   * also refuses tours that appeared on its days; `tours` (an assignment)
   * looks only at the tours it writes.
   */
  readonly scope?: 'agency' | 'tours';
  /** Interventions a dispatcher assigns explicitly: they become `assigned`. */
  readonly assign?: ReadonlySet<string>;
}

/** On the device of the technician (or about to be): changes are pushed to them. */
const ON_DEVICE: ReadonlySet<InterventionStatus> = new Set(['assigned', 'dispatched']);

/**
 * `before` writes in the same transaction ahead of the plan: an urgent request
 * saved only as it is assigned (planning/urgent-commit.ts), so a refused plan
 * leaves no intervention behind.
 */
export async function storePlan(
  prisma: PrismaClient,
  input: StorePlanInput,
  finish?: (tx: Tx, stored: StoredPlan) => Promise<void>,
  before?: (tx: Tx) => Promise<void>,
): Promise<StoredPlan> {
  return prisma.$transaction(
    async (tx) => {
      if (before) await before(tx);
      const result = await writePlan(tx, input);
      if (finish) await finish(tx, result);
      return result;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/**
 * What storing the plan now would change, written nowhere (a preview's
 * toursChanged / interventionsChanged). Tours it would create get the id
 * `new:<technician>@<day>`.
 */
export async function dryRunPlan(prisma: PrismaClient, input: StorePlanInput): Promise<StoredPlan> {
  return writePlan(prisma, input, true);
}

async function writePlan(tx: Tx, input: StorePlanInput, dry = false): Promise<StoredPlan> {
  const { agencyId, runId, records, problem, plan } = input;
  const dates = records.days.map(dateColumnOfDay);
  const byId = new Map(records.interventions.map((i) => [i.id, i]));
  if (!dry) await checkUnchanged(tx, input, dates);

  const toursByDay = new Map<IsoDay, string[]>();
  const interventionsByDay = new Map<IsoDay, string[]>();
  const add = (map: Map<IsoDay, string[]>, day: IsoDay, id: string) => {
    const list = map.get(day) ?? [];
    if (!list.includes(id)) list.push(id);
    map.set(day, list);
  };
  const pushes: PendingPush[] = [];

  // Tours and stops.
  const existingTours = new Map(records.tours.map((t) => [tourKey(t.technicianId, t.day), t]));
  const existingStops = await tx.tourStop.findMany({ where: { tourId: { in: records.tours.map((t) => t.id) } } });
  const placed = new Map<string, { technicianId: string; day: IsoDay; stop: PlannedStop }>();
  const written: string[] = [];
  for (const tour of plan.tours) {
    for (const stop of tour.stops) placed.set(stop.interventionId, { technicianId: tour.technicianId, day: tour.day, stop });
    const existing = existingTours.get(tourKey(tour.technicianId, tour.day));
    const kpis = tour.kpis as unknown as Prisma.InputJsonObject;
    if (!existing) {
      if (tour.stops.length === 0) continue;
      if (dry) {
        add(toursByDay, tour.day, `new:${tourKey(tour.technicianId, tour.day)}`);
        continue;
      }
      const created = await tx.tour.create({
        data: {
          agencyId,
          technicianId: tour.technicianId,
          date: dateColumnOfDay(tour.day),
          planningRunId: runId,
          kpis,
          stops: { create: tour.stops.map(stopData) },
        },
      });
      add(toursByDay, tour.day, created.id);
      written.push(created.id);
      continue;
    }
    written.push(existing.id);
    const current = existingStops.filter((s) => s.tourId === existing.id);
    const wanted = new Set(tour.stops.map((s) => s.interventionId));
    let changed = false;
    const gone = current.filter((s) => !wanted.has(s.interventionId)).map((s) => s.id);
    if (gone.length > 0) {
      if (!dry) await tx.tourStop.deleteMany({ where: { id: { in: gone } } });
      changed = true;
    }
    for (const stop of tour.stops) {
      const row = current.find((s) => s.interventionId === stop.interventionId);
      if (!row) {
        if (!dry) await tx.tourStop.create({ data: { tourId: existing.id, ...stopData(stop) } });
        changed = true;
        continue;
      }
      const data = stop.planned ? stopData(stop) : { sequence: stop.sequence };
      if (sameStop(row, data)) continue;
      if (!dry) await tx.tourStop.update({ where: { id: row.id }, data: { ...data, version: { increment: 1 } } });
      changed = true;
    }
    if (changed) {
      if (!dry) await tx.tour.update({ where: { id: existing.id }, data: { kpis, planningRunId: runId, version: { increment: 1 } } });
      add(toursByDay, tour.day, existing.id);
    }
  }

  // Stops the placed visits leave behind in tours not written here (an
  // earlier day, or another technician's tour for an assignment).
  const moved = [...placed].filter(([, p]) => p.stop.planned).map(([id]) => id);
  const left = await tx.tourStop.findMany({
    where: { interventionId: { in: moved }, tourId: { notIn: written } },
    select: { id: true, tourId: true, tour: { select: { date: true } } },
  });
  if (left.length > 0) {
    if (!dry) {
      await tx.tourStop.deleteMany({ where: { id: { in: left.map((s) => s.id) } } });
      await tx.tour.updateMany({ where: { id: { in: [...new Set(left.map((s) => s.tourId))] } }, data: { version: { increment: 1 } } });
    }
    for (const s of left) add(toursByDay, dayOfDateColumn(s.tour.date), s.tourId);
  }

  // Interventions.
  const considered = new Set([...problem.jobs.map((j) => j.interventionId), ...problem.excluded.map((e) => e.interventionId)]);
  for (const id of considered) {
    const before = byId.get(id)!;
    const where = placed.get(id);
    const after = where ? placedFields(before, where.technicianId, where.stop, input.assign?.has(id) ?? false) : unplacedFields(before);
    if (!after) continue;
    if (!dry) {
      const { count } = await tx.intervention.updateMany({
        where: { id, version: before.version },
        data: { ...after, version: { increment: 1 } },
      });
      if (count !== 1) throw new PlanConflictError([`intervention ${id}`]);
    }
    add(interventionsByDay, where?.day ?? before.stop?.day ?? records.days[0]!, id);
    pushes.push(...pushesFor(before, after));
  }

  return { toursByDay, interventionsByDay, pushes };
}

async function checkUnchanged(tx: Tx, input: StorePlanInput, dates: Date[]): Promise<void> {
  const { agencyId, records, plan, problem } = input;
  const stale: string[] = [];
  // The visits this plan may rewrite. A fixed visit moving on (on site → done) meanwhile leaves the plan valid.
  const ids = new Set([...problem.jobs.map((j) => j.interventionId), ...problem.excluded.map((e) => e.interventionId)]);
  const rows = await tx.intervention.findMany({ where: { id: { in: [...ids] } }, select: { id: true, version: true } });
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  for (const i of records.interventions) if (ids.has(i.id) && versions.get(i.id) !== i.version) stale.push(`intervention ${i.id}`);
  const where =
    input.scope === 'tours'
      ? { OR: plan.tours.map((t) => ({ technicianId: t.technicianId, date: dateColumnOfDay(t.day) })) }
      : { agencyId, date: { in: dates } };
  const tours = plan.tours.length === 0 && input.scope === 'tours' ? [] : await tx.tour.findMany({ where, select: { id: true, version: true, date: true } });
  const known = new Map(records.tours.map((t) => [t.id, t.version]));
  for (const t of tours) if (known.get(t.id) !== t.version) stale.push(`tour ${t.id} (${dayOfDateColumn(t.date)})`);
  if (tours.length !== records.tours.length) stale.push('the set of tours');
  if (stale.length > 0) throw new PlanConflictError(stale);
}

function stopData(stop: PlannedStop) {
  return {
    interventionId: stop.interventionId,
    sequence: stop.sequence,
    plannedArrival: stop.plannedArrival,
    plannedStart: stop.plannedStart,
    plannedEnd: stop.plannedEnd,
    travelSeconds: stop.travelSeconds,
    travelMeters: stop.travelMeters,
  };
}

function sameStop(row: Record<string, unknown>, data: Record<string, unknown>): boolean {
  for (const [key, value] of Object.entries(data)) {
    const old = row[key];
    if (value instanceof Date || old instanceof Date) {
      if ((old as Date | null)?.getTime() !== (value as Date | null)?.getTime()) return false;
    } else if (old !== value) return false;
  }
  return true;
}

interface InterventionFields {
  status: InterventionStatus;
  technicianId: string | null;
  plannedStart: Date | null;
  plannedEnd: Date | null;
}

/**
 * Requested becomes planned; an assignment survives only if the technician
 * stays; an explicit assignment makes it assigned. Null: nothing changes.
 */
function placedFields(before: InterventionRecord, technicianId: string, stop: PlannedStop, assign: boolean): InterventionFields | null {
  let status: InterventionStatus = before.status;
  if (status === 'requested') status = 'planned';
  if (status === 'assigned' && before.technicianId !== technicianId) status = 'planned';
  if (assign) status = 'assigned';
  const after = { status, technicianId, plannedStart: stop.plannedStart, plannedEnd: stop.plannedEnd };
  const same =
    after.status === before.status &&
    after.technicianId === before.technicianId &&
    after.plannedStart?.getTime() === before.plannedStart?.getTime() &&
    after.plannedEnd?.getTime() === before.plannedEnd?.getTime();
  return same ? null : after;
}

/** Back to the backlog; a pinned visit keeps its technician (the dispatcher's choice). */
function unplacedFields(before: InterventionRecord): InterventionFields | null {
  const after: InterventionFields = {
    status: 'requested',
    technicianId: before.pinned ? before.technicianId : null,
    plannedStart: null,
    plannedEnd: null,
  };
  const same =
    before.status === 'requested' &&
    before.technicianId === after.technicianId &&
    before.plannedStart === null &&
    before.plannedEnd === null &&
    before.stop === null;
  return same ? null : after;
}

function pushesFor(before: InterventionRecord, after: InterventionFields): PendingPush[] {
  const out: PendingPush[] = [];
  const wasOnDevice = ON_DEVICE.has(before.status) && before.technicianId;
  if (wasOnDevice && before.technicianId !== after.technicianId) {
    out.push({ technicianId: before.technicianId!, interventionId: before.id, kind: 'unassigned' });
  }
  if (ON_DEVICE.has(after.status) && after.technicianId) {
    const kind = before.technicianId === after.technicianId && wasOnDevice ? 'rescheduled' : 'assigned';
    out.push({ technicianId: after.technicianId, interventionId: before.id, kind });
  }
  return out;
}
