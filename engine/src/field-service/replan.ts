/**
 * Re-plan from now: the facts stay (done visits are gone, started and en-route
 * ones stay first in their technician's tour), pins stay pins, and the rest is
 * planned again from each technician's current position. The current plan
 * becomes the published one for every visit that has none, so the
 * plan-change weight keeps the new plan close to what people were told.
 */
import type { FieldServiceContext } from './context.ts';
import { planPositions } from './positions.ts';
import { type FieldServicePlanOptions, planResolved } from './plan.ts';
import type { FieldServicePlan, FieldServiceProblem, PlanOptions, RealtimeState, Visit } from './types.ts';
import { parseFieldServiceProblem, parseRealtimeState } from './validate.ts';

export function replanFromNow(problem: unknown, plan: FieldServicePlan | undefined, state: unknown, options: PlanOptions = {}): FieldServicePlan {
  const parsed = parseFieldServiceProblem(problem);
  const realtime = parseRealtimeState(state, parsed);
  return replanResolved(parsed, plan, realtime, options).plan;
}

export function replanResolved(
  problem: FieldServiceProblem,
  plan: FieldServicePlan | undefined,
  state: RealtimeState,
  options: FieldServicePlanOptions = {},
): { plan: FieldServicePlan; ctx: FieldServiceContext } {
  const derived = plan ? withPublishedPlan(problem, plan) : problem;
  return planResolved(derived, { ...options, state }, plan ? { fallbackPosition: planPositions(problem, plan) } : {});
}

/** The problem with the plan's assignments as `published` where a visit has none of its own. */
export function withPublishedPlan(problem: FieldServiceProblem, plan: FieldServicePlan): FieldServiceProblem {
  const assigned = new Map<string, { technician: string; day: number; start: number }>();
  for (const tour of plan.tours) {
    for (const stop of tour.stops) assigned.set(stop.visit, { technician: tour.technician, day: tour.day, start: stop.start });
  }
  const visits: Visit[] = problem.visits.map((v) => {
    if (v.published || (v.status ?? 'planned') !== 'planned') return v;
    const a = assigned.get(v.id);
    return a ? { ...v, published: a } : v;
  });
  return { ...problem, visits };
}
