/**
 * `planFieldService`: validate, resolve, compile to the core, solve, map back,
 * explain what is left, cost and measure the plan.
 */
import { EngineError } from '../errors.ts';
import { solve } from '../solve.ts';
import { StatusCode } from '../types.ts';
import { buildContext, type ContextOptions, type FieldServiceContext } from './context.ts';
import { compileFieldService } from './compile.ts';
import { capacityBound } from './capacity/capacity-bound.ts';
import { planBound } from './capacity/plan-bound.ts';
import { planCost } from './cost.ts';
import { planKpis } from './kpis.ts';
import { explainUnassigned, withNoSkillCapacity } from './reasons.ts';
import { toursFromOutput } from './to-plan.ts';
import type { FieldServicePlan, FieldServiceProblem, PlanOptions, RealtimeState, UnassignedVisit } from './types.ts';
import { parseFieldServiceProblem, parseRealtimeState } from './validate.ts';

export interface FieldServicePlanOptions extends PlanOptions {
  /** Plan from this moment on (the day under way): see `replanFromNow`, which also keeps a published plan stable. */
  readonly state?: RealtimeState;
}

/**
 * Plans every visit still to do over the horizon. Throws `InputError` (code 2)
 * naming the offending field for a bad problem, `EngineError` otherwise.
 * Pure and deterministic: same problem, seed and iterations → same plan.
 */
export function planFieldService(problem: unknown, options: FieldServicePlanOptions = {}): FieldServicePlan {
  const parsed = parseFieldServiceProblem(problem);
  const state = options.state === undefined ? undefined : parseRealtimeState(options.state, parsed);
  return planResolved(parsed, { ...options, state }).plan;
}

/** The planning pipeline on a validated problem; returns the resolved context too, for callers that go on. */
export function planResolved(
  problem: FieldServiceProblem,
  options: FieldServicePlanOptions,
  contextOptions: Omit<ContextOptions, 'state' | 'travelMatrix'> = {},
): { plan: FieldServicePlan; ctx: FieldServiceContext } {
  const ctx = buildContext(problem, { ...contextOptions, state: options.state, travelMatrix: options.travelMatrix });
  const compiled = compileFieldService(ctx);
  // The capacity bound (an LP relaxation) says how far the plan could go, and which unserved visits lack skilled hours.
  // Computed before the search, so that its time comes out of the search's limit rather than past it.
  const boundStart = options.clock?.();
  const capacity = options.bound === false ? undefined : capacityBound(ctx, compiled.eligibility);
  const boundMs = boundStart !== undefined && options.clock ? Math.max(0, options.clock() - boundStart) : 0;
  let output = null;
  if (compiled.input) {
    const result = solve(compiled.input, {
      seed: options.seed ?? 1,
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      ...(options.timeLimitMs !== undefined ? { timeLimitMs: Math.max(1, options.timeLimitMs - boundMs) } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    if (result.code !== 0) {
      // The compiler produced the input: a refusal by the core is our bug, not the caller's.
      throw new EngineError(StatusCode.internal, `core solver failed on the compiled problem: ${result.error}`);
    }
    output = result;
  }
  const tours = toursFromOutput(ctx, output);
  const served = new Set<string>();
  for (const t of tours) for (const s of t.stops) served.add(s.visit);
  const unassigned: UnassignedVisit[] = [];
  for (const i of compiled.plannable) {
    const visit = problem.visits[i]!;
    if (served.has(visit.id)) continue;
    const e = compiled.eligibility.get(i);
    if (!e) continue;
    const u = explainUnassigned(ctx, visit, ctx.visitSectors[i], e);
    unassigned.push(capacity?.shortVisits.has(i) ? withNoSkillCapacity(ctx, visit, u) : u);
  }
  const plan: FieldServicePlan = { tours, unassigned, cost: planCost(ctx, tours), kpis: planKpis(ctx, tours, unassigned) };
  return { plan: capacity ? { ...plan, bound: planBound(ctx, compiled.plannable, tours, capacity.bound) } : plan, ctx };
}
