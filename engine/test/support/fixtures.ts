import { expect } from 'vitest';
import { parseInput } from '../../src/input/validate.ts';
import { compileProblem } from '../../src/problem/compile.ts';
import type { Problem } from '../../src/problem/model.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { solve } from '../../src/solve.ts';
import type { Input, Output, Route, SolvedOutput, SolveOptions, Step } from '../../src/types.ts';
import { checkSolution } from './check-solution.ts';

/**
 * Small helpers shared by the engine's unit and behaviour tests. Fixtures are
 * built on explicit matrices so that every expected number can be checked by
 * hand.
 */

/** Travel times between points of a line: |x_a - x_b| seconds. Readable and metric. */
export function lineMatrix(xs: readonly number[]): number[][] {
  return xs.map((a) => xs.map((b) => Math.abs(a - b)));
}

/** Validates and compiles, as `solve` does, to reach the solver's internal model. */
export function compile(input: Input): Problem {
  return compileProblem(parseInput(input));
}

/** Fails unless `output` is a solved output that the independent checker accepts. */
export function expectFeasible(input: Input, output: Output): asserts output is SolvedOutput {
  if (output.code !== 0) throw new Error(`expected a solution, got code ${output.code}: ${output.error}`);
  expect(checkSolution(input, output)).toEqual([]);
}

/** Solves with a fixed seed and a small iteration budget and checks the answer's feasibility. */
export function solveFeasibly(input: Input, options: SolveOptions = {}): SolvedOutput {
  const output = solve(input, { seed: 1, maxIterations: 200, ...options });
  expectFeasible(input, output);
  return output;
}

/** The route of a vehicle, by id, or undefined when the vehicle is unused. */
export function routeOfVehicle(output: SolvedOutput, vehicleId: number): Route | undefined {
  return output.routes.find((r) => r.vehicle === vehicleId);
}

/** Job ids in visiting order on the route of a vehicle ([] when unused). */
export function jobSequence(output: SolvedOutput, vehicleId: number): number[] {
  const route = routeOfVehicle(output, vehicleId);
  return route ? route.steps.filter((s) => s.type === 'job').map((s) => s.id as number) : [];
}

/** The step of a job (or break, with `type`) in the output. */
export function stepOf(output: SolvedOutput, id: number, type: Step['type'] = 'job'): Step {
  for (const route of output.routes) {
    for (const step of route.steps) if (step.type === type && step.id === id) return step;
  }
  throw new Error(`no ${type} step with id ${id}`);
}

export function unassignedIds(output: SolvedOutput): number[] {
  return output.unassigned.map((u) => u.id).sort((a, b) => a - b);
}

export interface BruteForceResult {
  readonly unservedPriority: number;
  readonly unserved: number;
  readonly cost: number;
  /** Best sequences per vehicle (job indices). */
  readonly routes: readonly (readonly number[])[];
}

function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [items.slice()];
  const out: number[][] = [];
  items.forEach((first, i) => {
    for (const rest of permutations(items.filter((_, k) => k !== i))) out.push([first, ...rest]);
  });
  return out;
}

/**
 * The optimum of a tiny problem (≤ 6 jobs, ≤ 3 vehicles) by enumerating every
 * assignment of jobs to vehicles (or to nobody) and every visiting order,
 * timed by the reference `scheduleRoute`. The objective is the README's:
 * unserved priority, then unserved jobs, then cost.
 */
export function bruteForce(input: Input): BruteForceResult {
  const problem = compile(input);
  const n = problem.jobs.length;
  const m = problem.vehicles.length;
  if (n > 7 || m > 3) throw new Error('bruteForce is for tiny problems');
  const full = (1 << n) - 1;
  const bestCost: number[][] = [];
  const bestSeq: number[][][] = [];
  for (let v = 0; v < m; v++) {
    bestCost.push(new Array<number>(full + 1).fill(Number.POSITIVE_INFINITY));
    bestSeq.push(new Array<number[]>(full + 1).fill([]));
    bestCost[v]![0] = 0;
    for (let mask = 1; mask <= full; mask++) {
      const jobs = [...Array(n).keys()].filter((j) => (mask & (1 << j)) !== 0);
      if (jobs.some((j) => problem.eligible[v * n + j] === 0)) continue;
      for (const order of permutations(jobs)) {
        const result = scheduleRoute(problem, problem.vehicles[v]!, order);
        if (result.ok && result.schedule.cost < bestCost[v]![mask]!) {
          bestCost[v]![mask] = result.schedule.cost;
          bestSeq[v]![mask] = order;
        }
      }
    }
  }
  let best: BruteForceResult = { unservedPriority: Infinity, unserved: Infinity, cost: Infinity, routes: [] };
  const better = (a: BruteForceResult, b: BruteForceResult): boolean =>
    a.unservedPriority !== b.unservedPriority
      ? a.unservedPriority < b.unservedPriority
      : a.unserved !== b.unserved
        ? a.unserved < b.unserved
        : a.cost < b.cost - 1e-9;
  const masks: number[] = [];
  const visit = (v: number, used: number, cost: number): void => {
    if (v === m) {
      let unservedPriority = 0;
      let unserved = 0;
      for (let j = 0; j < n; j++) {
        if ((used & (1 << j)) === 0) {
          unserved++;
          unservedPriority += problem.jobs[j]!.priority;
        }
      }
      const candidate = { unservedPriority, unserved, cost, routes: masks.map((mask, r) => bestSeq[r]![mask]!) };
      if (better(candidate, best)) best = candidate;
      return;
    }
    const free = full & ~used;
    for (let sub = free; ; sub = (sub - 1) & free) {
      if (bestCost[v]![sub]! < Number.POSITIVE_INFINITY) {
        masks.push(sub);
        visit(v + 1, used | sub, cost + bestCost[v]![sub]!);
        masks.pop();
      }
      if (sub === 0) break;
    }
  };
  visit(0, 0, 0);
  return best;
}

/** The objective of a solver output, in the README's order, with the unserved priority from the input. */
export function outputObjective(input: Input, output: SolvedOutput): { unservedPriority: number; unserved: number; cost: number } {
  const priorityOf = new Map((input.jobs ?? []).map((j) => [j.id, j.priority ?? 0]));
  let unservedPriority = 0;
  for (const u of output.unassigned) unservedPriority += priorityOf.get(u.id) ?? 0;
  return { unservedPriority, unserved: output.unassigned.length, cost: output.summary.cost };
}
