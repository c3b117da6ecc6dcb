/**
 * A plan beside its capacity bound: the served priority of the plan (visits
 * still to plan that its tours serve; facts are in neither) against the most
 * any plan could serve, and the gap between them in percent.
 */
import type { FieldServiceContext } from '../context.ts';
import type { CapacityBound, PlanBound, Tour } from '../types.ts';

export function planBound(ctx: FieldServiceContext, plannable: readonly number[], tours: readonly Tour[], bound: CapacityBound): PlanBound {
  const served = new Set<string>();
  for (const t of tours) for (const s of t.stops) if (!s.fixed) served.add(s.visit);
  let planServedPriority = 0;
  for (const i of plannable) {
    const v = ctx.problem.visits[i]!;
    if (served.has(v.id)) planServedPriority += v.priority ?? 0;
  }
  const b = bound.servedPriority;
  const gapPercent = b > 0 ? Math.max(0, Math.round(((b - planServedPriority) / b) * 10_000) / 100) : 0;
  return { servedPriority: b, planServedPriority, gapPercent };
}
