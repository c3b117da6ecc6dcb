/**
 * What a solution is worth, recomputed from the instance and the routes'
 * steps, never from the solver's own summary: a solver that miscounts cannot
 * flatter itself, and ours and VROOM's are measured by the same rule.
 *
 * - served priority: sum of the priorities of the jobs in the routes;
 * - visits: how many jobs the routes serve;
 * - travel: sum of the travel durations between consecutive located steps
 *   (start, jobs, end; a break has no place of its own), from the instance's
 *   matrix, or from the coordinates by the engine's rule when there is none;
 * - violations: the engine test suite's independent checker.
 */
import { checkSolution } from '../../engine/test/support/check-solution.ts';
import type { Input, Job, SolvedOutput, Vehicle } from '../../engine/src/types.ts';
import { SPEED_KMH, roadMetres } from './travel-matrix.ts';

export interface SolutionMetrics {
  readonly servedPriority: number;
  readonly visits: number;
  /** Seconds. */
  readonly travel: number;
  readonly violations: readonly string[];
}

interface Place {
  readonly index: number | undefined;
  readonly coords: readonly [number, number] | undefined;
}

/** Travel duration between two places of the instance, by its matrix if it has one. */
function legDuration(input: Input): (from: Place, to: Place) => number {
  const durations = input.matrices?.car?.durations;
  if (durations) {
    return (from, to) => {
      const value = from.index === undefined || to.index === undefined ? undefined : durations[from.index]?.[to.index];
      if (value === undefined) throw new Error(`no durations[${from.index}][${to.index}] in the instance's car matrix`);
      return value;
    };
  }
  return (from, to) => {
    if (!from.coords || !to.coords) throw new Error('a located step has neither a matrix index nor coordinates');
    return Math.round(roadMetres(from.coords, to.coords) / (SPEED_KMH / 3.6));
  };
}

function placeOfStep(type: string, id: number | undefined, vehicle: Vehicle, jobs: ReadonlyMap<number, Job>): Place | undefined {
  if (type === 'start') return { index: vehicle.start_index, coords: vehicle.start };
  if (type === 'end') return { index: vehicle.end_index, coords: vehicle.end };
  const job = type === 'job' && id !== undefined ? jobs.get(id) : undefined;
  return job ? { index: job.location_index, coords: job.location } : undefined;
}

const hasAmounts = (input: Input): boolean =>
  (input.jobs ?? []).some((job) => job.delivery !== undefined || job.pickup !== undefined) || input.vehicles.some((vehicle) => vehicle.capacity !== undefined);

/**
 * VROOM leaves out `load`, `delivery` and `pickup` when the problem has no
 * amounts, where the engine writes `[]`: the same statement, which the checker
 * (written against the engine's output) would otherwise count once per step.
 */
function withEmptyAmounts(output: SolvedOutput): SolvedOutput {
  return {
    ...output,
    summary: { ...output.summary, delivery: output.summary.delivery ?? [], pickup: output.summary.pickup ?? [] },
    routes: output.routes.map((route) => ({
      ...route,
      delivery: route.delivery ?? [],
      pickup: route.pickup ?? [],
      steps: route.steps.map((step) => ({ ...step, load: step.load ?? [] })),
    })),
  };
}

/**
 * Metrics of `output` (parsed JSON of any VROOM-format solver) against `input`.
 * An error output or one whose routes cannot be read scores nothing, with the reason as its violation.
 */
export function measureSolution(input: Input, output: unknown): SolutionMetrics {
  const code = (output as { code?: unknown } | null)?.code;
  if (code !== 0) {
    const error = (output as { error?: unknown } | null)?.error;
    return { servedPriority: 0, visits: 0, travel: 0, violations: [`no solution: code ${String(code)}${error ? `, ${String(error)}` : ''}`] };
  }
  const solved = hasAmounts(input) ? (output as SolvedOutput) : withEmptyAmounts(output as SolvedOutput);
  const violations = checkSolution(input, solved);
  const jobs = new Map((input.jobs ?? []).map((job) => [job.id, job]));
  const vehicles = new Map(input.vehicles.map((vehicle) => [vehicle.id, vehicle]));
  const leg = legDuration(input);
  const served = new Set<number>();
  let travel = 0;
  try {
    for (const route of solved.routes) {
      const vehicle = vehicles.get(route.vehicle);
      if (!vehicle) continue; // the checker reports it
      let previous: Place | undefined;
      for (const step of route.steps) {
        if (step.type === 'job' && step.id !== undefined && jobs.has(step.id)) served.add(step.id);
        const place = placeOfStep(step.type, step.id, vehicle, jobs);
        if (!place) continue;
        if (previous) travel += leg(previous, place);
        previous = place;
      }
    }
  } catch (error) {
    return { servedPriority: 0, visits: 0, travel: 0, violations: [...violations, `travel cannot be computed: ${(error as Error).message}`] };
  }
  let servedPriority = 0;
  for (const id of served) servedPriority += jobs.get(id)?.priority ?? 0;
  return { servedPriority, visits: served.size, travel, violations };
}
