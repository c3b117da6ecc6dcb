/**
 * The capacity bound: the most priority any plan could serve, as the optimum
 * of a linear relaxation of the technicians' hours against the visits' work.
 *
 *   max Σ priority(c) · x[c,b,d]
 *   visits of bucket b of class c:   Σ_d x[c,b,d]                ≤ visits(c,b)
 *   hours of requirement r on day d:  Σ work(c,b) · x[c,b,d]     ≤ Σ_k z[r,k]   (k of day d covering r)
 *   hours of technician-day class k:  Σ_r z[r,k]                 ≤ hours(k)
 *
 * Why it is an upper bound: take any feasible plan and let x[c,b,d] count the
 * visits of bucket b served on day d, z[r,k] the hours the periods of k spend
 * on visits of requirement r (their service plus their travel floor). Every
 * served visit was reachable by its period, so its class lists that day and
 * the period's technician covers its requirement; each visit's work is at
 * least its bucket's; a tour's service plus travel fits between its start and
 * latest return less its lunch, and its travel is at least the sum of its
 * visits' travel floors (travel-floor.ts). So the plan gives a feasible point
 * of the LP with the plan's served priority as objective, and the LP's
 * optimum is at least that. What the relaxation ignores — visits split across
 * days or technicians, the order of a route, time windows, waiting — only
 * makes it looser, never wrong. Priority-0 visits add nothing to the
 * objective and are left out of it.
 */
import type { FieldServiceContext } from '../context.ts';
import type { Eligibility } from '../eligibility.ts';
import type { CapacityBound, CapacityShortClass } from '../types.ts';
import { LinearProgram, modelSize } from './linear-program.ts';
import { Requirements } from './requirements.ts';
import { technicianDayClasses } from './technician-day-classes.ts';
import { travelFloor } from './travel-floor.ts';
import { DEFAULT_WORK_BUCKETS, type VisitClass, visitClasses } from './visit-classes.ts';

/**
 * Above this many visit-class variables, classes keep one work bucket: on
 * this machine kind the LP takes about 1 s at 2,700 variables and grows
 * faster than linearly (benchmarks/capacity).
 */
export const MAX_BUCKETED_VARIABLES = 3000;

function visitVariables(classes: readonly VisitClass[]): number {
  let n = 0;
  for (const c of classes) if (c.priority > 0) n += c.buckets.length * c.days.length;
  return n;
}

/** Slack below which a row counts as tight (hours and visit counts). */
const TIGHT = 1e-6;

export interface BoundResult {
  readonly bound: CapacityBound;
  /** Visits (by index) whose class the bound leaves short: no capacity for their skills over their days. */
  readonly shortVisits: ReadonlySet<number>;
}

export interface BoundOptions {
  /** Work buckets per visit class; default `DEFAULT_WORK_BUCKETS`, or 1 above `maxBucketedVariables`. */
  readonly buckets?: number;
  /** Default `MAX_BUCKETED_VARIABLES`. */
  readonly maxBucketedVariables?: number;
}

export function capacityBound(ctx: FieldServiceContext, eligibility: ReadonlyMap<number, Eligibility>, options: BoundOptions = {}): BoundResult {
  const { problem } = ctx;
  let totalPriority = 0;
  let unservablePriority = 0;
  const servable: number[] = [];
  for (const [i, e] of eligibility) {
    const p = problem.visits[i]!.priority ?? 0;
    totalPriority += p;
    if (e.reachable.length === 0) unservablePriority += p;
    else servable.push(i);
  }

  const requirements = new Requirements(problem.sectorRule ?? 'off');
  const travel = travelFloor(ctx, servable);
  let classes = visitClasses(ctx, eligibility, requirements, travel, options.buckets ?? DEFAULT_WORK_BUCKETS);
  if (options.buckets === undefined && visitVariables(classes) > (options.maxBucketedVariables ?? MAX_BUCKETED_VARIABLES)) {
    // A big horizon: one bucket per class keeps the LP within what javascript-lp-solver does fast (a looser bound).
    classes = visitClasses(ctx, eligibility, requirements, travel, 1);
  }
  const techDays = technicianDayClasses(ctx, requirements);

  const lp = new LinearProgram('max');
  const rd = (r: number, d: number): string => `rd${r}.${d}`;
  for (const c of classes) {
    if (c.priority <= 0) continue;
    c.buckets.forEach((b, k) => {
      const row = `n${c.index}.${k}`;
      lp.constraint(row, { max: b.visits });
      for (const d of c.days) {
        const hours = rd(c.requirement.index, d);
        if (!lp.hasConstraint(hours)) lp.constraint(hours, { max: 0 });
        lp.variable(`x${c.index}.${k}.${d}`, c.priority, { [row]: 1, [hours]: b.work });
      }
    });
  }
  for (const k of techDays) {
    const covering = k.covers.filter((r) => lp.hasConstraint(rd(r, k.day)));
    if (covering.length === 0) continue;
    lp.constraint(`cap${k.index}`, { max: k.hours });
    for (const r of covering) lp.variable(`z${r}.${k.index}`, 0, { [rd(r, k.day)]: -1, [`cap${k.index}`]: 1 });
  }
  const { objective, values } = lp.solve();

  // Hours each technician-day class gives, to tell which ones the optimum fills.
  const used = new Map<number, number>();
  for (const k of techDays) {
    let sum = 0;
    for (const r of k.covers) sum += values.get(`z${r}.${k.index}`) ?? 0;
    used.set(k.index, sum);
  }
  const shortClasses: CapacityShortClass[] = [];
  const shortVisits = new Set<number>();
  for (const c of classes) {
    const n = c.visits.length;
    let served = 0;
    let short: boolean;
    if (c.priority > 0) {
      for (let k = 0; k < c.buckets.length; k++) for (const d of c.days) served += values.get(`x${c.index}.${k}.${d}`) ?? 0;
      // At an optimum a class of positive priority is left short only when every technician-day able to serve it is full.
      short = served < n - TIGHT;
    } else {
      // Worth nothing to the objective: short when every technician-day able to serve it is full anyway.
      short = techDays
        .filter((k) => c.days.includes(k.day) && k.covers.includes(c.requirement.index))
        .every((k) => (used.get(k.index) ?? 0) >= k.hours - TIGHT);
    }
    if (!short) continue;
    for (const i of c.visits) shortVisits.add(i);
    shortClasses.push({
      skills: c.requirement.skills,
      days: c.days,
      ...(c.requirement.sector !== undefined ? { sector: c.requirement.sector } : {}),
      priority: c.priority,
      visits: n,
      served: Math.round(served * 100) / 100,
    });
  }

  return {
    bound: {
      servedPriority: roundUp(objective),
      totalPriority,
      unservablePriority,
      shortClasses,
      model: modelSize(lp, classes.length, techDays.length),
    },
    shortVisits,
  };
}

/** Up to hundredths, so that the solver's last-digit rounding never brings the bound under a plan's value. */
export function roundUp(x: number): number {
  return Math.ceil(x * 100 - 1e-6) / 100;
}
