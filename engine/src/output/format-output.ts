import { EngineError } from '../errors.ts';
import type { Problem } from '../problem/model.ts';
import { scheduleWithLateDeparture } from '../solution/schedule.ts';
import type { Snapshot } from '../solution/solution.ts';
import type { Amount, ComputingTimes, Route, SolvedOutput, Step, Unassigned } from '../types.ts';
import { StatusCode } from '../types.ts';

/**
 * Writes routes in VROOM's output format, re-timing every route with the
 * reference schedule (so the output never depends on the search's caches).
 */
export function formatOutput(problem: Problem, routes: Snapshot, computingTimes?: ComputingTimes): SolvedOutput {
  const dims = problem.dimensions;
  const served = new Set<number>();
  const outRoutes: Route[] = [];
  routes.forEach((jobs, r) => {
    if (jobs.length === 0) return;
    const vehicle = problem.vehicles[r]!;
    const result = scheduleWithLateDeparture(problem, vehicle, jobs);
    if (!result.ok) throw new EngineError(StatusCode.internal, `route of vehicle ${vehicle.id} is infeasible (${result.reason})`);
    const s = result.schedule;
    const vIn = problem.input.vehicles[r]!;
    const steps: Step[] = [];
    const location = (loc: number) => {
      const c = problem.coordinates[loc];
      return {
        ...(c ? { location: c } : {}),
        ...(problem.input.matrices && Object.keys(problem.input.matrices).length > 0 ? { location_index: loc } : {}),
      };
    };
    if (vehicle.startLoc >= 0) {
      steps.push({
        type: 'start',
        arrival: s.departure,
        duration: 0,
        setup: 0,
        service: 0,
        waiting_time: 0,
        ...location(vehicle.startLoc),
        load: amount(s.startLoad, dims),
        distance: 0,
      });
    }
    let priority = 0;
    const delivery = new Float64Array(dims);
    const pickup = new Float64Array(dims);
    for (const step of s.steps) {
      if (step.kind === 'job') {
        const job = problem.jobs[step.index]!;
        const jobIn = problem.input.jobs?.[step.index];
        served.add(step.index);
        priority += job.priority;
        for (let d = 0; d < dims; d++) {
          delivery[d]! += job.delivery[d]!;
          pickup[d]! += job.pickup[d]!;
        }
        steps.push({
          type: 'job',
          arrival: step.arrival,
          duration: step.travel,
          setup: step.setup,
          service: step.service,
          waiting_time: step.waiting,
          ...(jobIn?.description !== undefined ? { description: jobIn.description } : {}),
          ...location(job.loc),
          id: job.id,
          load: amount(step.load, dims),
          distance: step.distance,
        });
      } else {
        const brk = vehicle.breaks[step.index]!;
        const breakIn = vIn.breaks?.[step.index];
        steps.push({
          type: 'break',
          arrival: step.arrival,
          duration: step.travel,
          setup: 0,
          service: step.service,
          waiting_time: step.waiting,
          ...(breakIn?.description !== undefined ? { description: breakIn.description } : {}),
          id: brk.id,
          load: amount(step.load, dims),
          distance: step.distance,
        });
      }
    }
    const finalLoad = s.steps.length > 0 ? s.steps[s.steps.length - 1]!.load : s.startLoad;
    if (vehicle.endLoc >= 0) {
      steps.push({
        type: 'end',
        arrival: s.endTime,
        duration: s.travel,
        setup: 0,
        service: 0,
        waiting_time: 0,
        ...location(vehicle.endLoc),
        load: amount(finalLoad, dims),
        distance: s.distance,
      });
    }
    outRoutes.push({
      vehicle: vehicle.id,
      steps,
      cost: Math.round(s.cost),
      setup: s.setup,
      service: s.service,
      duration: s.travel,
      waiting_time: s.waiting,
      priority,
      delivery: amount(delivery, dims),
      pickup: amount(pickup, dims),
      distance: s.distance,
      ...(vIn.description !== undefined ? { description: vIn.description } : {}),
    });
  });

  const unassigned: Unassigned[] = [];
  problem.jobs.forEach((job, j) => {
    if (served.has(j)) return;
    const jobIn = problem.input.jobs?.[j];
    unassigned.push({
      id: job.id,
      type: 'job',
      ...(jobIn?.description !== undefined ? { description: jobIn.description } : {}),
      ...(jobIn?.location ? { location: jobIn.location } : {}),
      ...(jobIn?.location_index !== undefined ? { location_index: jobIn.location_index } : {}),
    });
  });

  const sum = (f: (r: Route) => number) => outRoutes.reduce((acc, r) => acc + f(r), 0);
  const sumAmount = (f: (r: Route) => Amount) => {
    const total = new Array<number>(dims).fill(0);
    for (const r of outRoutes) f(r).forEach((x, d) => (total[d]! += x));
    return total;
  };
  return {
    code: 0,
    summary: {
      cost: sum((r) => r.cost),
      routes: outRoutes.length,
      unassigned: unassigned.length,
      setup: sum((r) => r.setup),
      service: sum((r) => r.service),
      duration: sum((r) => r.duration),
      waiting_time: sum((r) => r.waiting_time),
      priority: sum((r) => r.priority),
      delivery: sumAmount((r) => r.delivery),
      pickup: sumAmount((r) => r.pickup),
      distance: sum((r) => r.distance),
      ...(computingTimes ? { computing_times: computingTimes } : {}),
    },
    unassigned,
    routes: outRoutes,
  };
}

function amount(values: Float64Array, dims: number): number[] {
  const out = new Array<number>(dims);
  for (let d = 0; d < dims; d++) out[d] = values[d]!;
  return out;
}
