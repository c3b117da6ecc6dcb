import type { Problem, VehicleData } from '../problem/model.ts';
import { exceeds, RouteWalk, type ScheduleFailure } from './route-walk.ts';

/**
 * The reference timing of a route, step by step, following the rules of
 * engine/README.md ("Route semantics"). The search uses faster cached checks
 * for vehicles without breaks; this function is the one truth behind the
 * output and behind every vehicle that has breaks.
 */

export interface ScheduledStep {
  readonly kind: 'job' | 'break';
  /** Job index or break index. */
  readonly index: number;
  readonly arrival: number;
  readonly waiting: number;
  readonly setup: number;
  readonly service: number;
  /** Cumulated travel time and distance upon arrival. */
  readonly travel: number;
  readonly distance: number;
  /** Load after the step, one entry per dimension. */
  readonly load: Float64Array;
}

export interface Schedule {
  readonly departure: number;
  /** Arrival at the end, or completion of the last step when the vehicle has no end. */
  readonly endTime: number;
  readonly steps: readonly ScheduledStep[];
  readonly startLoad: Float64Array;
  readonly travel: number;
  readonly distance: number;
  readonly cost: number;
  readonly setup: number;
  readonly service: number;
  readonly waiting: number;
}

export type { ScheduleFailure } from './route-walk.ts';

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; reason: ScheduleFailure };

export function scheduleRoute(
  problem: Problem,
  vehicle: VehicleData,
  jobs: readonly number[],
  departure: number = vehicle.twStart,
  recordSteps = true,
): ScheduleResult {
  if (jobs.length > vehicle.maxTasks) return { ok: false, reason: 'max_tasks' };
  const dims = problem.dimensions;
  const startLoad = new Float64Array(dims);
  for (const j of jobs) for (let d = 0; d < dims; d++) startLoad[d]! += problem.jobs[j]!.delivery[d]!;
  if (exceeds(startLoad, vehicle.capacity)) return { ok: false, reason: 'capacity' };
  if (jobs.length === 0) {
    // An unused vehicle drives nothing and takes no break.
    const schedule = { departure, endTime: departure, steps: [], startLoad, travel: 0, distance: 0, cost: 0, setup: 0, service: 0, waiting: 0 };
    return { ok: true, schedule };
  }
  const steps: ScheduledStep[] = [];
  const walk = new RouteWalk(problem, vehicle, recordSteps ? (step) => steps.push({ ...step, load: step.load.slice() }) : null);
  walk.begin(departure, startLoad);
  for (const j of jobs) if (!walk.visit(problem.jobs[j]!)) break;
  const cost = walk.finish();
  if (walk.failure) return { ok: false, reason: walk.failure };
  return {
    ok: true,
    schedule: {
      departure,
      endTime: walk.endTime,
      steps,
      startLoad,
      travel: walk.travel,
      distance: walk.distance,
      cost,
      setup: walk.setupSum,
      service: walk.serviceSum,
      waiting: walk.waitingSum,
    },
  };
}

/**
 * The same route leaving as late as possible without changing anything after
 * the first task: nobody waits at the first job for it to open.
 */
export function scheduleWithLateDeparture(problem: Problem, vehicle: VehicleData, jobs: readonly number[]): ScheduleResult {
  const early = scheduleRoute(problem, vehicle, jobs);
  if (!early.ok || early.schedule.steps.length === 0) return early;
  const first = early.schedule.steps[0]!;
  if (first.waiting <= 0) return early;
  const late = scheduleRoute(problem, vehicle, jobs, early.schedule.departure + first.waiting);
  if (late.ok && late.schedule.endTime === early.schedule.endTime && late.schedule.travel === early.schedule.travel) return late;
  return early;
}
