import type { JobData, VehicleData } from '../problem/model.ts';

/**
 * Costs that depend on times rather than on legs (Tournée extensions):
 * lateness past a job's soft deadline, overtime past the vehicle's soft end,
 * and a convex workload term that spreads work evenly.
 */

export function latenessCost(job: JobData, start: number): number {
  return start > job.deadline ? (start - job.deadline) * job.latenessCost : 0;
}

/** Overtime and workload costs of a route that ends at `endTime` after `work` seconds of travel, setup and service. */
export function routeTimeCost(vehicle: VehicleData, endTime: number, work: number): number {
  let cost = 0;
  if (endTime > vehicle.overtimeAfter) cost += (endTime - vehicle.overtimeAfter) * vehicle.overtimeCost;
  if (vehicle.workloadCost > 0) {
    const hours = work / 3600;
    cost += vehicle.workloadCost * hours * hours;
  }
  return cost;
}
