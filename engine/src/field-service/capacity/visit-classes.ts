/**
 * Visits grouped for the capacity LP by (requirement, days they may take
 * place on, priority): visits of a class compete for the same technician-days
 * and are worth the same. Within a class, each visit's work (its shortest
 * service time among the periods that could do it, plus its travel floor) is
 * sorted and cut into a few buckets, each counted at the smallest work of its
 * visits: the relaxation then fills the cheap visits first, as the best plan
 * would, without one variable per visit.
 */
import type { Eligibility } from '../eligibility.ts';
import type { FieldServiceContext } from '../context.ts';
import { serviceDuration } from '../skills.ts';
import type { Requirement, Requirements } from './requirements.ts';

/** Buckets per class: 3 keeps the model a few thousand variables on a week of 1,500 visits (benchmarks/capacity). */
export const DEFAULT_WORK_BUCKETS = 3;

export interface WorkBucket {
  readonly visits: number;
  /** Hours each of its visits takes at least. */
  readonly work: number;
}

export interface VisitClass {
  readonly index: number;
  readonly requirement: Requirement;
  readonly days: readonly number[];
  readonly priority: number;
  /** Visit indices, by increasing work. */
  readonly visits: readonly number[];
  readonly buckets: readonly WorkBucket[];
}

export function visitClasses(
  ctx: FieldServiceContext,
  eligibility: ReadonlyMap<number, Eligibility>,
  requirements: Requirements,
  travel: ReadonlyMap<number, number>,
  bucketCount = DEFAULT_WORK_BUCKETS,
): VisitClass[] {
  const { problem, periods } = ctx;
  const byKey = new Map<string, { requirement: Requirement; days: number[]; priority: number; visits: { i: number; work: number }[] }>();
  for (const [i, e] of eligibility) {
    if (e.reachable.length === 0) continue;
    const visit = problem.visits[i]!;
    const requirement = requirements.of(visit, ctx.visitSectors[i]);
    const days = [...new Set(e.reachable.map((p) => periods[p]!.day))].sort((a, b) => a - b);
    const priority = visit.priority ?? 0;
    let service = Number.POSITIVE_INFINITY;
    const seen = new Set<number>();
    for (const p of e.reachable) {
      const t = periods[p]!.technician;
      if (seen.has(t)) continue;
      seen.add(t);
      service = Math.min(service, serviceDuration(visit, problem.technicians[t]!.skills));
    }
    const work = (service + (travel.get(i) ?? 0)) / 3600;
    const key = `${requirement.index}|${days.join(',')}|${priority}`;
    const c = byKey.get(key);
    if (c) c.visits.push({ i, work });
    else byKey.set(key, { requirement, days, priority, visits: [{ i, work }] });
  }
  const out: VisitClass[] = [];
  for (const c of byKey.values()) {
    c.visits.sort((a, b) => a.work - b.work || a.i - b.i);
    const n = c.visits.length;
    const k = Math.min(bucketCount, n);
    const buckets: WorkBucket[] = [];
    for (let b = 0; b < k; b++) {
      const from = Math.floor((b * n) / k);
      const to = Math.floor(((b + 1) * n) / k);
      buckets.push({ visits: to - from, work: c.visits[from]!.work });
    }
    out.push({ index: out.length, requirement: c.requirement, days: c.days, priority: c.priority, visits: c.visits.map((v) => v.i), buckets });
  }
  return out;
}
