/**
 * Where a plan puts each technician at a given moment, for technicians whose
 * position nobody reported.
 */
import type { Coordinates } from '../types.ts';
import type { FieldServicePlan, FieldServiceProblem, Tour } from './types.ts';

/**
 * Where each technician is at `now` according to the plan, for technicians
 * without a reported position: on the site of the last visit begun (on site,
 * or gone from there to a place we cannot tell), else at the tour's start, or
 * at its end once the tour is over.
 */
export function planPositions(problem: FieldServiceProblem, plan: FieldServicePlan): (technician: string, now: number) => Coordinates | undefined {
  const location = new Map(problem.visits.map((v) => [v.id, v.location]));
  const byTechnician = new Map<string, Tour[]>();
  for (const t of plan.tours) {
    const list = byTechnician.get(t.technician) ?? [];
    list.push(t);
    byTechnician.set(t.technician, list);
  }
  return (technician, now) => {
    let where: Coordinates | undefined;
    let when = Number.NEGATIVE_INFINITY;
    const seen = (at: number, place: Coordinates | undefined): void => {
      if (place && at <= now && at >= when) {
        where = place;
        when = at;
      }
    };
    for (const t of byTechnician.get(technician) ?? []) {
      seen(t.start.time, t.start.location);
      for (const s of t.stops) seen(s.start, location.get(s.visit));
      seen(t.end.time, t.end.location);
    }
    return where;
  };
}
