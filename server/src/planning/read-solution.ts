// The engine's answer → tours as rows to store. Pure. Fixed visits come
// first in their tour, then the engine's routes of that technician and day in
// time order (a day with two shifts has two vehicles).
import type { SolvedOutput } from '../../../engine/src/index.ts';
import { type PlanningProblem, tourKey } from './build-problem.ts';
import type { UnassignedVisit } from './records.ts';
import type { IsoDay } from './time.ts';

export interface PlannedStop {
  readonly interventionId: string;
  /** 0-based position in the tour. */
  readonly sequence: number;
  /** False for the visits that are facts of the day (times left as they are). */
  readonly planned: boolean;
  readonly plannedArrival: Date | null;
  readonly plannedStart: Date | null;
  readonly plannedEnd: Date | null;
  /** Travel from the previous stop or the start of the tour. */
  readonly travelSeconds: number | null;
  readonly travelMeters: number | null;
}

export interface TourKpis {
  readonly stops: number;
  readonly travelSeconds: number;
  readonly travelMeters: number;
  readonly serviceSeconds: number;
  readonly waitingSeconds: number;
  /** Departure and return of the planned part, ISO instants. */
  readonly start: string | null;
  readonly end: string | null;
}

export interface PlannedTour {
  readonly technicianId: string;
  readonly day: IsoDay;
  readonly stops: readonly PlannedStop[];
  readonly kpis: TourKpis;
}

export interface Plan {
  readonly tours: readonly PlannedTour[];
  readonly unassigned: readonly UnassignedVisit[];
  readonly summary: {
    readonly planned: number;
    readonly unassigned: number;
    readonly cost: number;
    readonly travelSeconds: number;
    readonly travelMeters: number;
    readonly solvingMs: number | null;
  };
}

export function readSolution(problem: PlanningProblem, output: SolvedOutput): Plan {
  const at = (seconds: number): Date => new Date(problem.origin.getTime() + seconds * 1000);
  const jobToIntervention = new Map(problem.jobs.map((j) => [j.id, j.interventionId]));
  const vehicleById = new Map(problem.vehicles.map((v) => [v.id, v]));
  const routesByTour = new Map<string, SolvedOutput['routes'][number][]>();
  for (const route of output.routes) {
    const v = vehicleById.get(route.vehicle);
    if (!v) continue;
    const key = tourKey(v.technicianId, v.day);
    routesByTour.set(key, [...(routesByTour.get(key) ?? []), route]);
  }

  const tours: PlannedTour[] = problem.tours.map(({ technicianId, day }) => {
    const key = tourKey(technicianId, day);
    const stops: PlannedStop[] = (problem.fixed.get(key) ?? []).map((interventionId, sequence) => ({
      interventionId,
      sequence,
      planned: false,
      plannedArrival: null,
      plannedStart: null,
      plannedEnd: null,
      travelSeconds: null,
      travelMeters: null,
    }));
    const kpis = { travelSeconds: 0, travelMeters: 0, serviceSeconds: 0, waitingSeconds: 0 };
    let start: Date | null = null;
    let end: Date | null = null;
    const routes = (routesByTour.get(key) ?? []).sort((a, b) => (a.steps[0]?.arrival ?? 0) - (b.steps[0]?.arrival ?? 0));
    for (const route of routes) {
      kpis.travelSeconds += route.duration;
      kpis.travelMeters += route.distance;
      kpis.serviceSeconds += route.service + route.setup;
      kpis.waitingSeconds += route.waiting_time;
      let prevDuration = 0;
      let prevDistance = 0;
      for (const step of route.steps) {
        if (step.type === 'start') start ??= at(step.arrival);
        if (step.type === 'end') end = at(step.arrival);
        if (step.type !== 'job') continue;
        const taskStart = step.arrival + step.waiting_time;
        stops.push({
          interventionId: jobToIntervention.get(step.id!)!,
          sequence: stops.length,
          planned: true,
          plannedArrival: at(step.arrival),
          plannedStart: at(taskStart),
          plannedEnd: at(taskStart + step.setup + step.service),
          travelSeconds: step.duration - prevDuration,
          travelMeters: step.distance - prevDistance,
        });
        prevDuration = step.duration;
        prevDistance = step.distance;
      }
    }
    return {
      technicianId,
      day,
      stops,
      kpis: { stops: stops.length, ...kpis, start: start?.toISOString() ?? null, end: end?.toISOString() ?? null },
    };
  });

  const unassigned: UnassignedVisit[] = [
    ...problem.excluded,
    ...output.unassigned.map((u) => ({ interventionId: jobToIntervention.get(u.id)!, reason: 'capacity' as const })),
  ];
  const planned = tours.reduce((n, t) => n + t.stops.filter((s) => s.planned).length, 0);
  return {
    tours,
    unassigned,
    summary: {
      planned,
      unassigned: unassigned.length,
      cost: output.summary.cost,
      travelSeconds: output.summary.duration,
      travelMeters: output.summary.distance,
      solvingMs: output.summary.computing_times?.solving ?? null,
    },
  };
}

/** The engine refuses a problem without vehicles; then every job is simply unassigned. */
export function withoutVehicles(problem: PlanningProblem): SolvedOutput {
  return {
    code: 0,
    summary: { cost: 0, routes: 0, unassigned: problem.jobs.length, setup: 0, service: 0, duration: 0, waiting_time: 0, priority: 0, delivery: [], pickup: [], distance: 0 },
    unassigned: problem.jobs.map((j) => ({ id: j.id, type: 'job' as const })),
    routes: [],
  };
}
