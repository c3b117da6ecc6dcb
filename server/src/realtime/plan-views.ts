// The plan as boards see it, read from the database: full snapshots for
// `plan:resync` and the periodic resync, and the tour and intervention views a
// producer (planning job, assignment endpoint) puts in a delta after writing:
//
//   await broadcaster.planChanged(agencyId, await planChangeFor(prisma, {
//     date, reason: 'assignment', tourIds: [from.id, to.id], interventionIds: [visit.id] }));
import type { InterventionView, PlanChange, PlanChangeReason, PlanSnapshot, ResyncReason, Tombstone, TourView } from '@tournee/contracts/realtime';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { PlanSequencer } from './sequencer.ts';

const TOUR_INCLUDE = {
  stops: {
    orderBy: { sequence: 'asc' },
    include: { intervention: { select: { site: { select: { lat: true, lon: true } } } } },
  },
} as const satisfies Prisma.TourInclude;

const INTERVENTION_INCLUDE = {
  site: { select: { lat: true, lon: true, sectorId: true, city: true, customer: { select: { name: true } } } },
} as const satisfies Prisma.InterventionInclude;

type TourRow = Prisma.TourGetPayload<{ include: typeof TOUR_INCLUDE }>;
type InterventionRow = Prisma.InterventionGetPayload<{ include: typeof INTERVENTION_INCLUDE }>;

/** Interventions still waiting for a technician. */
const OPEN_STATUSES = ['requested', 'planned'] as const;

export async function loadPlanSnapshot(
  prisma: PrismaClient,
  sequencer: PlanSequencer,
  agencyId: string,
  date: string,
  reason: ResyncReason,
): Promise<PlanSnapshot> {
  // The version is read before the rows: a delta stamped in between is then
  // newer than the snapshot and will be applied on top (newer wins), never lost.
  const version = await sequencer.current(agencyId);
  const day = dayToDate(date);
  const [tours, interventions] = await Promise.all([
    loadTourViews(prisma, { agencyId, date: day }),
    loadInterventionViews(prisma, {
      agencyId,
      OR: [
        { tourStops: { some: { tour: { agencyId, date: day } } } },
        {
          technicianId: null,
          status: { in: [...OPEN_STATUSES] },
          AND: [{ OR: [{ earliestDate: null }, { earliestDate: { lte: day } }] }, { OR: [{ latestDate: null }, { latestDate: { gte: day } }] }],
        },
      ],
    }),
  ]);
  return { agencyId, date, ...version, reason, tours, interventions, generatedAt: new Date().toISOString() };
}

export async function loadTourViews(prisma: PrismaClient, where: Prisma.TourWhereInput): Promise<TourView[]> {
  const rows = await prisma.tour.findMany({ where, include: TOUR_INCLUDE, orderBy: { id: 'asc' } });
  return rows.map(tourView);
}

export async function loadInterventionViews(prisma: PrismaClient, where: Prisma.InterventionWhereInput): Promise<InterventionView[]> {
  const rows = await prisma.intervention.findMany({ where, include: INTERVENTION_INCLUDE, orderBy: { id: 'asc' } });
  return rows.map(interventionView);
}

export interface PlanChangeRequest {
  readonly date: string;
  readonly reason: PlanChangeReason;
  readonly tourIds?: readonly string[];
  readonly interventionIds?: readonly string[];
  readonly removedTours?: readonly Tombstone[];
  readonly removedInterventions?: readonly Tombstone[];
}

/** The current state of the given records, as a change for `broadcaster.planChanged`. */
export async function planChangeFor(prisma: PrismaClient, request: PlanChangeRequest): Promise<PlanChange> {
  const [tours, interventions] = await Promise.all([
    request.tourIds?.length ? loadTourViews(prisma, { id: { in: [...request.tourIds] } }) : [],
    request.interventionIds?.length ? loadInterventionViews(prisma, { id: { in: [...request.interventionIds] } }) : [],
  ]);
  return {
    date: request.date,
    reason: request.reason,
    tours,
    interventions,
    removedTours: request.removedTours ?? [],
    removedInterventions: request.removedInterventions ?? [],
  };
}

function tourView(row: TourRow): TourView {
  return {
    id: row.id,
    agencyId: row.agencyId,
    technicianId: row.technicianId,
    date: dateToDay(row.date),
    status: row.status,
    kpis: isRecord(row.kpis) ? row.kpis : {},
    stops: row.stops.map((stop) => ({
      id: stop.id,
      interventionId: stop.interventionId,
      sequence: stop.sequence,
      plannedArrival: iso(stop.plannedArrival),
      plannedStart: iso(stop.plannedStart),
      plannedEnd: iso(stop.plannedEnd),
      travelSeconds: stop.travelSeconds,
      travelMeters: stop.travelMeters,
      lat: stop.intervention.site.lat,
      lon: stop.intervention.site.lon,
      version: stop.version,
    })),
    version: row.version,
  };
}

function interventionView(row: InterventionRow): InterventionView {
  return {
    id: row.id,
    agencyId: row.agencyId,
    status: row.status,
    priority: row.priority,
    technicianId: row.technicianId,
    siteId: row.siteId,
    sectorId: row.site.sectorId,
    lat: row.site.lat,
    lon: row.site.lon,
    label: `${row.site.customer.name} — ${row.site.city}`,
    estimatedDurationMinutes: row.estimatedDurationMinutes,
    plannedStart: iso(row.plannedStart),
    plannedEnd: iso(row.plannedEnd),
    slaDeadline: iso(row.slaDeadline),
    pinned: row.pinned,
    version: row.version,
  };
}

/** `date` columns come back as midnight UTC. */
export const dateToDay = (date: Date): string => date.toISOString().slice(0, 10);
export const dayToDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
