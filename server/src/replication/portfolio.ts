// GET /api/tech/portfolio: everything the technician's app caches to work a
// day without network — their tours from today on (stops in order, with the
// ETAs the planner computed), the sheet of every visit on them or assigned to
// them, the parts catalogue with their van's and their depots' stock, and
// their part requests. Serving it records which visits the app was given, so
// that a later action on one taken away meanwhile is a conflict, not an
// intrusion.
import type { Portfolio, PortfolioDay, PortfolioStop } from '@tournee/contracts/replication';
import { addDays, dateColumnOfDay, dayOfDateColumn, localDay, zonedInstant } from '../planning/time.ts';
import { stockView } from './stock.ts';
import type { Actor, Db } from './types.ts';
import { visitSheets } from './visit-sheets.ts';

const ACTIVE = ['planned', 'assigned', 'dispatched', 'en_route', 'on_site'] as const;
const REQUESTS_SHOWN_DAYS = 30;

export async function buildPortfolio(db: Db, actor: Actor, options: { days: number; now: Date }): Promise<Portfolio> {
  const { now } = options;
  const technician = await db.technician.findUniqueOrThrow({
    where: { id: actor.technicianId },
    select: { id: true, firstName: true, lastName: true, agencyId: true, homeLat: true, homeLon: true, agency: { select: { name: true, timezone: true } } },
  });
  const tz = technician.agency.timezone;
  const today = localDay(now, tz);
  const last = addDays(today, options.days - 1);
  const startOfToday = zonedInstant(today, 0, tz);
  const endOfRange = zonedInstant(addDays(last, 1), 0, tz);

  const [tours, assigned] = await Promise.all([
    db.tour.findMany({
      where: { technicianId: technician.id, date: { gte: dateColumnOfDay(today), lte: dateColumnOfDay(last) }, status: { not: 'cancelled' } },
      orderBy: { date: 'asc' },
      include: { stops: { orderBy: { sequence: 'asc' } } },
    }),
    db.intervention.findMany({
      where: {
        technicianId: technician.id,
        OR: [
          { status: { in: [...ACTIVE] }, OR: [{ plannedStart: null }, { plannedStart: { lt: endOfRange } }] },
          // Finished today: still on today's list.
          { status: { in: ['done', 'closed'] }, actualEnd: { gte: startOfToday } },
        ],
      },
      select: { id: true, plannedStart: true },
    }),
  ]);
  const inTours = new Set(tours.flatMap((t) => t.stops.map((s) => s.interventionId)));
  const ids = [...new Set([...inTours, ...assigned.map((a) => a.id)])];

  const days: PortfolioDay[] = [];
  for (let d = today; d <= last; d = addDays(d, 1)) {
    const tour = tours.find((t) => dayOfDateColumn(t.date) === d);
    const stops: PortfolioStop[] = (tour?.stops ?? []).map((s) => ({
      interventionId: s.interventionId,
      sequence: s.sequence,
      plannedArrival: s.plannedArrival?.toISOString() ?? null,
      plannedStart: s.plannedStart?.toISOString() ?? null,
      plannedEnd: s.plannedEnd?.toISOString() ?? null,
      travelSeconds: s.travelSeconds,
      travelMeters: s.travelMeters,
    }));
    // Assigned but in no tour: on their planned day, or today when unscheduled or overdue.
    const loose = assigned
      .filter((a) => !inTours.has(a.id))
      .filter((a) => (a.plannedStart === null || a.plannedStart < startOfToday ? d === today : localDay(a.plannedStart, tz) === d))
      .sort((a, b) => (a.plannedStart?.getTime() ?? Infinity) - (b.plannedStart?.getTime() ?? Infinity));
    for (const a of loose) {
      stops.push({
        interventionId: a.id,
        sequence: stops.length,
        plannedArrival: null,
        plannedStart: a.plannedStart?.toISOString() ?? null,
        plannedEnd: null,
        travelSeconds: null,
        travelMeters: null,
      });
    }
    days.push({ date: d, tour: tour ? { id: tour.id, status: tour.status, version: tour.version } : null, stops });
  }

  const [visits, stock, requests] = await Promise.all([
    visitSheets(db, ids, today),
    stockView(db, technician.id, technician.agencyId),
    db.partRequest.findMany({
      where: {
        technicianId: technician.id,
        OR: [{ status: { in: ['requested', 'backordered'] } }, { createdAt: { gte: new Date(now.getTime() - REQUESTS_SHOWN_DAYS * 86_400_000) } }],
      },
      orderBy: { createdAt: 'desc' },
      take: 100,
    }),
  ]);
  if (ids.length > 0) {
    await db.technicianVisitGrant.createMany({ data: ids.map((interventionId) => ({ technicianId: technician.id, interventionId })), skipDuplicates: true });
  }

  return {
    technician: {
      id: technician.id,
      firstName: technician.firstName,
      lastName: technician.lastName,
      agencyId: technician.agencyId,
      agencyName: technician.agency.name,
      timezone: tz,
      home: technician.homeLat !== null && technician.homeLon !== null ? { lat: technician.homeLat, lon: technician.homeLon } : null,
    },
    generatedAt: now.toISOString(),
    today,
    days,
    visits,
    stock,
    requests: requests.map((r) => ({
      id: r.id,
      partId: r.partId,
      quantity: r.quantity,
      what: r.kind,
      status: r.status,
      interventionId: r.interventionId,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
