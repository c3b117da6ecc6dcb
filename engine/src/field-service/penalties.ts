/**
 * The per-visit soft terms of the objective: who does a visit and on which
 * day may cost a sector penalty, a "not the usual technician" penalty and a
 * plan-change penalty. One definition, read by the compiler (as the core's
 * `assignment_costs`), by the cost breakdown and by real-time insertion.
 */
import { sectorStanding } from './sectors.ts';
import type { ObjectiveWeights, SectorRule, Technician, Visit } from './types.ts';

export interface AssignmentPenalty {
  readonly sector: number;
  readonly notUsual: number;
  readonly planChange: number;
}

export function assignmentPenalty(
  weights: ObjectiveWeights,
  rule: SectorRule,
  visit: Visit,
  sector: string | undefined,
  technician: Technician,
  day: number,
): AssignmentPenalty {
  let sectorCost = 0;
  if (rule !== 'off') {
    const standing = sectorStanding(sector, technician.sectors, technician.secondarySectors);
    if (standing === 'secondary') sectorCost = weights.secondarySector;
    // Under the hard rule an outside visit is not allowed at all; under the soft rule it pays.
    else if (standing === 'outside' && rule === 'soft') sectorCost = weights.outsideSector;
  }
  const usual = visit.usualTechnicians ?? [];
  const notUsual = usual.length > 0 && !usual.includes(technician.id) ? weights.notUsualTechnician : 0;
  const published = visit.published;
  const planChange = published && (published.technician !== technician.id || published.day !== day) ? weights.planChange : 0;
  return { sector: sectorCost, notUsual, planChange };
}

export function penaltyTotal(p: AssignmentPenalty): number {
  return p.sector + p.notUsual + p.planChange;
}
