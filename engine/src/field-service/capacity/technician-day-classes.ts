/**
 * Technician-days grouped for the capacity LP: the work periods of one day
 * whose technicians cover the same requirements are interchangeable as far as
 * capacity goes, so they pool their hours. A period's hours are what a tour
 * can fill with service and travel: from its start to its latest return
 * (overtime allowed), less the lunch break, which every used tour takes.
 */
import type { FieldServiceContext } from '../context.ts';
import type { Requirements } from './requirements.ts';

export interface TechnicianDayClass {
  readonly index: number;
  readonly day: number;
  /** Requirement indices its technicians cover, sorted. */
  readonly covers: readonly number[];
  /** Pooled hours of its periods. */
  readonly hours: number;
  readonly periods: readonly number[];
}

export function technicianDayClasses(ctx: FieldServiceContext, requirements: Requirements): TechnicianDayClass[] {
  const coverOf = ctx.problem.technicians.map((t) => requirements.coveredBy(t));
  const byKey = new Map<string, { day: number; covers: number[]; seconds: number; periods: number[] }>();
  for (const p of ctx.periods) {
    const covers = coverOf[p.technician]!;
    if (covers.length === 0) continue;
    const seconds = Math.max(0, p.hardEnd - p.start - (p.lunch?.duration ?? 0));
    const key = `${p.day}|${covers.join(',')}`;
    const c = byKey.get(key);
    if (c) {
      c.seconds += seconds;
      c.periods.push(p.index);
    } else {
      byKey.set(key, { day: p.day, covers, seconds, periods: [p.index] });
    }
  }
  return [...byKey.values()]
    .sort((a, b) => a.day - b.day || a.periods[0]! - b.periods[0]!)
    .map((c, index) => ({ index, day: c.day, covers: c.covers, hours: c.seconds / 3600, periods: c.periods }));
}
