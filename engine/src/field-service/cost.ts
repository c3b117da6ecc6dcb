/**
 * The plan's objective, term by term, recomputed from the tours in the
 * weights' unit (not read from the core, whose costs are scaled integers):
 * what the board shows and what the tests compare when a weight changes.
 */
import type { FieldServiceContext } from './context.ts';
import { assignmentPenalty } from './penalties.ts';
import type { CostBreakdown, Tour } from './types.ts';

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function planCost(ctx: FieldServiceContext, tours: readonly Tour[]): CostBreakdown {
  const { problem, weights } = ctx;
  const rule = problem.sectorRule ?? 'off';
  let travel = 0;
  let labour = 0;
  let overtime = 0;
  let sla = 0;
  let sector = 0;
  let notUsual = 0;
  let imbalance = 0;
  let planChanges = 0;
  for (const tour of tours) {
    const tech = problem.technicians[ctx.technicianIndex.get(tour.technician) as number]!;
    const workHours = (tour.travelTime + tour.serviceTime) / 3600;
    travel += (weights.travelPerHour * tour.travelTime) / 3600 + (weights.travelPerKm * tour.travelDistance) / 1000;
    labour += (tech.hourlyCost ?? 0) * workHours;
    overtime += (weights.overtimePerHour * tour.overtime) / 3600;
    imbalance += weights.imbalance * workHours * workHours;
    for (const stop of tour.stops) {
      sla += (weights.slaLatenessPerHour * stop.lateness) / 3600;
      // Facts were not chosen by the planner: their penalties are sunk.
      if (stop.fixed) continue;
      const v = ctx.visitIndex.get(stop.visit) as number;
      const p = assignmentPenalty(weights, rule, problem.visits[v]!, ctx.visitSectors[v], tech, tour.day);
      sector += p.sector;
      notUsual += p.notUsual;
      planChanges += p.planChange;
    }
  }
  const parts = {
    travel: round2(travel),
    labour: round2(labour),
    overtime: round2(overtime),
    slaLateness: round2(sla),
    sector: round2(sector),
    notUsualTechnician: round2(notUsual),
    imbalance: round2(imbalance),
    planChanges: round2(planChanges),
  };
  const total = round2(Object.values(parts).reduce((a, b) => a + b, 0));
  return { ...parts, total };
}
