// Today's tours as the simulator needs them: per technician, their home (or
// the agency's depot), the sectors whose boards follow them, and the stops in
// order with planned times and the intervention's current status.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { dateFromDay } from '@tournee/contracts/calendar';
import { localDay } from '@tournee/contracts/zoned-time';
import { buildTimeline, type Timeline } from './timeline.ts';

export interface SimulatedTechnician {
  technicianId: string;
  agencyId: string;
  sectorIds: string[];
  timeline: Timeline;
  /** The sector of each stop's site, for the intervention's rooms. */
  sectorOf: Map<string, string | null>;
}

export async function loadTodaysTours(prisma: PrismaClient, now: Date): Promise<SimulatedTechnician[]> {
  const agencies = await prisma.agency.findMany({ select: { id: true, timezone: true, lat: true, lon: true } });
  if (agencies.length === 0) return [];
  const tours = await prisma.tour.findMany({
    where: { OR: agencies.map((a) => ({ agencyId: a.id, date: dateFromDay(localDay(now, a.timezone)) })), status: { not: 'cancelled' } },
    include: {
      technician: { select: { homeLat: true, homeLon: true, sectors: { select: { sectorId: true } } } },
      stops: {
        orderBy: { sequence: 'asc' },
        include: {
          intervention: {
            select: {
              id: true,
              status: true,
              estimatedDurationMinutes: true,
              plannedStart: true,
              plannedEnd: true,
              site: { select: { lat: true, lon: true, sectorId: true } },
            },
          },
        },
      },
    },
    orderBy: { technicianId: 'asc' },
  });
  const depots = new Map(agencies.map((a) => [a.id, a.lat !== null && a.lon !== null ? { lat: a.lat, lon: a.lon } : null]));

  const result: SimulatedTechnician[] = [];
  for (const tour of tours) {
    const { homeLat, homeLon } = tour.technician;
    const home = homeLat !== null && homeLon !== null ? { lat: homeLat, lon: homeLon } : depots.get(tour.agencyId);
    if (!home) continue;
    const stops = tour.stops.filter((s) => s.intervention.status !== 'cancelled' && s.intervention.site.lat !== null && s.intervention.site.lon !== null);
    const timeline = buildTimeline(
      home,
      stops.map((s) => ({
        interventionId: s.interventionId,
        location: { lat: s.intervention.site.lat!, lon: s.intervention.site.lon! },
        arrival: (s.plannedArrival ?? s.plannedStart ?? s.intervention.plannedStart)?.getTime() ?? null,
        start: (s.plannedStart ?? s.intervention.plannedStart)?.getTime() ?? null,
        end: (s.plannedEnd ?? s.intervention.plannedEnd)?.getTime() ?? null,
        durationMinutes: s.intervention.estimatedDurationMinutes,
        travelSeconds: s.travelSeconds,
      })),
    );
    if (!timeline) continue;
    result.push({
      technicianId: tour.technicianId,
      agencyId: tour.agencyId,
      sectorIds: tour.technician.sectors.map((s) => s.sectorId),
      timeline,
      sectorOf: new Map(stops.map((s) => [s.interventionId, s.intervention.site.sectorId])),
    });
  }
  return result;
}
