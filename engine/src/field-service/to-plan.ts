/**
 * Core output → the domain's tours: each routed vehicle becomes its work
 * period's tour, after the period's fixed visits (en route, started); periods
 * holding only facts still get a tour, timed here with the same rules.
 */
import type { SolvedOutput, Step } from '../types.ts';
import { isAnchor } from './compile.ts';
import type { FieldServiceContext } from './context.ts';
import { periodFrame } from './eligibility.ts';
import type { WorkPeriod } from './periods.ts';
import { Legs, StopPool, TourTimer } from './tour-timing.ts';
import type { PlannedBreak, Stop, Tour } from './types.ts';

export function toursFromOutput(ctx: FieldServiceContext, output: SolvedOutput | null): Tour[] {
  const routes = new Map((output?.routes ?? []).map((r) => [r.vehicle, r]));
  const tours: Tour[] = [];
  for (const period of ctx.periods) {
    const route = routes.get(period.index);
    // A route holding only an anchor is a technician going home with nothing left: no tour.
    if (route && (period.fixed.length > 0 || route.steps.some((s) => s.type === 'job' && !isAnchor(ctx, s.id as number)))) {
      tours.push(tourOfRoute(ctx, period, route.steps));
    } else if (period.fixed.length > 0) tours.push(factsOnlyTour(ctx, period));
  }
  return sortTours(ctx, tours);
}

export function sortTours(ctx: FieldServiceContext, tours: Tour[]): Tour[] {
  const order = (id: string): number => ctx.technicianIndex.get(id) ?? Number.MAX_SAFE_INTEGER;
  return tours.sort((a, b) => a.day - b.day || order(a.technician) - order(b.technician) || a.start.time - b.start.time);
}

function fixedStops(ctx: FieldServiceContext, period: WorkPeriod): Stop[] {
  return period.fixed.map((f) => {
    const visit = ctx.problem.visits[f.visit]!;
    return {
      visit: visit.id,
      arrival: f.arrival,
      start: f.start,
      end: f.end,
      travelTime: f.travelTime,
      travelDistance: f.travelDistance,
      lateness: lateness(f.start, visit.slaDeadline),
      fixed: true,
    };
  });
}

function lateness(start: number, deadline: number | undefined): number {
  return deadline !== undefined && start > deadline ? start - deadline : 0;
}

function tourOfRoute(ctx: FieldServiceContext, period: WorkPeriod, steps: readonly Step[]): Tour {
  const { problem } = ctx;
  const stops = fixedStops(ctx, period);
  const breaks: PlannedBreak[] = [];
  let startTime = period.start;
  let endTime = period.start;
  let previousTravel = 0;
  let previousDistance = 0;
  let service = 0;
  let waiting = 0;
  for (const step of steps) {
    if (step.type === 'start') startTime = step.arrival;
    else if (step.type === 'end') endTime = step.arrival;
    else if (step.type === 'break') {
      const start = step.arrival + step.waiting_time;
      breaks.push({ start, end: start + step.service });
    } else if (isAnchor(ctx, step.id as number)) {
      previousTravel = step.duration;
      previousDistance = step.distance;
    } else {
      const visit = problem.visits[step.id as number]!;
      const start = step.arrival + step.waiting_time;
      stops.push({
        visit: visit.id,
        arrival: step.arrival,
        start,
        end: start + step.setup + step.service,
        travelTime: step.duration - previousTravel,
        travelDistance: step.distance - previousDistance,
        lateness: lateness(start, visit.slaDeadline),
        fixed: false,
      });
      previousTravel = step.duration;
      previousDistance = step.distance;
      service += step.setup + step.service;
      waiting += step.waiting_time;
    }
  }
  const last = steps[steps.length - 1]!;
  const fixedTravel = period.fixed.reduce((s, f) => s + f.travelTime, 0);
  const fixedDistance = period.fixed.reduce((s, f) => s + f.travelDistance, 0);
  const fixedService = period.fixed.reduce((s, f) => s + (f.end - f.start), 0);
  return {
    technician: problem.technicians[period.technician]!.id,
    day: period.day,
    shift: period.shift,
    start: { location: period.startLocation, time: startTime },
    end: { location: period.endLocation, time: endTime },
    stops,
    breaks,
    travelTime: last.duration + fixedTravel,
    travelDistance: last.distance + fixedDistance,
    serviceTime: service + fixedService,
    waitingTime: waiting,
    overtime: Math.max(0, endTime - period.end),
  };
}

/** A period with facts and nothing planned: back to the end place (after lunch if still due). */
function factsOnlyTour(ctx: FieldServiceContext, period: WorkPeriod): Tour {
  const timer = new TourTimer(new Legs(ctx.table), new StopPool(), 1);
  const frame = periodFrame(ctx, period);
  // Even if the day is over-run, the technician goes home: time the leg without the hard end.
  timer.run({ ...frame, hardEnd: Number.POSITIVE_INFINITY }, new Int32Array(0), 0, false);
  const stops = fixedStops(ctx, period);
  const breaks: PlannedBreak[] = Number.isNaN(timer.lunchStart) ? [] : [{ start: timer.lunchStart, end: timer.lunchStart + (period.lunch?.duration ?? 0) }];
  return {
    technician: ctx.problem.technicians[period.technician]!.id,
    day: period.day,
    shift: period.shift,
    start: { location: period.startLocation, time: period.start },
    end: { location: period.endLocation, time: timer.endTime },
    stops,
    breaks,
    travelTime: timer.travel + period.fixed.reduce((s, f) => s + f.travelTime, 0),
    travelDistance: timer.distance + period.fixed.reduce((s, f) => s + f.travelDistance, 0),
    serviceTime: period.fixed.reduce((s, f) => s + (f.end - f.start), 0),
    waitingTime: 0,
    overtime: Math.max(0, timer.endTime - period.end),
  };
}
