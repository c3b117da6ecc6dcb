// Reads what a planning run needs for an agency and some days, as plain
// records (records.ts). Interventions loaded: the plannable backlog (not on a
// tour of these days or later), everything on the agency's tours of these
// days, and the day's facts (started or finished visits) even without a stop.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { InterventionStatus } from '../generated/prisma/enums.ts';
import { FIXED_STATUSES, PLANNABLE_STATUSES, type InterventionRecord, type LonLat, type PlanningRecords, type StoredTourKpis } from './records.ts';
import { addDays, dateColumnOfDay, dayOfDateColumn, type IsoDay, zonedInstant } from './time.ts';

/** The transaction client works too. */
export type Db = Pick<PrismaClient, 'agency' | 'technician' | 'intervention' | 'tour'>;

export class AgencyNotFoundError extends Error {
  override readonly name = 'AgencyNotFoundError';
}

export async function loadPlanningRecords(db: Db, agencyId: string, daysIn: readonly IsoDay[]): Promise<PlanningRecords> {
  const days = [...new Set(daysIn)].sort();
  const agency = await db.agency.findUnique({ where: { id: agencyId } });
  if (!agency) throw new AgencyNotFoundError(`agency ${agencyId} does not exist`);
  const tz = agency.timezone;
  const from = zonedInstant(days[0]!, 0, tz);
  const to = zonedInstant(addDays(days[days.length - 1]!, 1), 0, tz);
  const dates = days.map(dateColumnOfDay);

  const [technicians, tours, interventions] = await Promise.all([
    db.technician.findMany({
      where: { agencyId, active: true },
      include: { skills: true, shifts: true, absences: { where: { endsAt: { gt: from }, startsAt: { lt: to } } } },
      orderBy: { id: 'asc' },
    }),
    db.tour.findMany({ where: { agencyId, date: { in: dates } }, include: { stops: true }, orderBy: { id: 'asc' } }),
    db.intervention.findMany({
      where: {
        agencyId,
        OR: [
          { status: { in: [...PLANNABLE_STATUSES] }, tourStops: { none: { tour: { date: { gte: dates[0]! } } } } },
          { tourStops: { some: { tour: { agencyId, date: { in: dates } } } } },
          {
            status: { in: [...FIXED_STATUSES] },
            technicianId: { not: null },
            OR: [{ actualStart: { gte: from, lt: to } }, { plannedStart: { gte: from, lt: to } }],
          },
        ],
      },
      include: {
        site: { select: { lat: true, lon: true } },
        requiredSkills: true,
        tourStops: { include: { tour: { select: { id: true, technicianId: true, date: true, agencyId: true } } } },
      },
      orderBy: { id: 'asc' },
    }),
  ]);

  const inHorizon = new Set(days);
  const location = (lat: number | null, lon: number | null): LonLat | null => (lat === null || lon === null ? null : [lon, lat]);

  return {
    agency: { id: agency.id, timezone: tz, depot: location(agency.lat, agency.lon) },
    days,
    technicians: technicians.map((t) => ({
      id: t.id,
      home: location(t.homeLat, t.homeLon),
      skills: t.skills.map((s) => ({ skillId: s.skillId, level: s.level })),
      shifts: t.shifts.map((s) => ({
        weekday: s.weekday,
        day: s.date ? dayOfDateColumn(s.date) : null,
        startMinute: s.startMinute,
        endMinute: s.endMinute,
        breakMinutes: s.breakMinutes,
        breakWindow: s.breakStartMinute !== null && s.breakEndMinute !== null ? { startMinute: s.breakStartMinute, endMinute: s.breakEndMinute } : null,
      })),
      absences: t.absences.map((a) => ({ startsAt: a.startsAt, endsAt: a.endsAt, kind: a.kind })),
    })),
    interventions: interventions.map((i): InterventionRecord => {
      const stop = i.tourStops.find((s) => s.tour.agencyId === agencyId && inHorizon.has(dayOfDateColumn(s.tour.date)));
      return {
        id: i.id,
        status: i.status as InterventionStatus,
        priority: i.priority,
        slaDeadline: i.slaDeadline,
        durationMinutes: i.estimatedDurationMinutes,
        location: location(i.site.lat, i.site.lon),
        requiredSkills: i.requiredSkills.map((r) => ({ skillId: r.skillId, minLevel: r.minLevel })),
        timeWindows: parseWindows(i.timeWindows),
        earliestDay: i.earliestDate ? dayOfDateColumn(i.earliestDate) : null,
        latestDay: i.latestDate ? dayOfDateColumn(i.latestDate) : null,
        pinned: i.pinned,
        technicianId: i.technicianId,
        plannedStart: i.plannedStart,
        plannedEnd: i.plannedEnd,
        actualStart: i.actualStart,
        actualEnd: i.actualEnd,
        version: i.version,
        stop: stop
          ? {
              tourId: stop.tourId,
              technicianId: stop.tour.technicianId,
              day: dayOfDateColumn(stop.tour.date),
              sequence: stop.sequence,
              plannedStart: stop.plannedStart,
              plannedEnd: stop.plannedEnd,
            }
          : null,
      };
    }),
    tours: tours.map((t) => ({
      id: t.id,
      technicianId: t.technicianId,
      day: dayOfDateColumn(t.date),
      version: t.version,
      stops: t.stops.map((s) => ({ id: s.id, interventionId: s.interventionId, sequence: s.sequence, version: s.version })),
      kpis: t.kpis !== null && typeof t.kpis === 'object' && !Array.isArray(t.kpis) ? (t.kpis as StoredTourKpis) : null,
    })),
  };
}

/** The column holds `[{start, end}]` ISO instants (the API validates them); anything else is ignored. */
function parseWindows(value: unknown): { start: Date; end: Date }[] {
  if (!Array.isArray(value)) return [];
  const out: { start: Date; end: Date }[] = [];
  for (const w of value) {
    const start = new Date((w as { start?: string })?.start ?? NaN);
    const end = new Date((w as { end?: string })?.end ?? NaN);
    if (!Number.isNaN(start.getTime()) && !Number.isNaN(end.getTime()) && start <= end) out.push({ start, end });
  }
  return out;
}
