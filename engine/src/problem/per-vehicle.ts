import type { JobData } from './model.ts';

/** The job's service duration when served by vehicle index `v`. */
export function serviceTime(job: JobData, v: number): number {
  return job.serviceByVehicle === null ? job.service : job.serviceByVehicle[v]!;
}

/** The job's extra cost when served by vehicle index `v` (0 without the extension). */
export function assignmentCost(job: JobData, v: number): number {
  return job.assignmentCost === null ? 0 : job.assignmentCost[v]!;
}
