// The nightly service-plan generation's job: one per agency and night, on the
// `planning` queue (it runs before the overnight planning, which then plans
// the visits it created). Its own file: payloads.ts is planning's.
import { z } from 'zod';
import { Day, Id } from '@tournee/contracts/api/common';

export const SERVICE_PLANS_JOB = 'service-plans';
export const DEFAULT_SERVICE_PLAN_HORIZON_DAYS = 30;

/** What the scheduler stamps each night: `today` is the agency's own day when the job runs. */
export const ServicePlanJobPayload = z
  .object({
    agencyId: Id,
    /** Visits that become plannable within this many days are created. */
    horizonDays: z.number().int().min(0).max(730).default(DEFAULT_SERVICE_PLAN_HORIZON_DAYS),
    /** Generate as on this day (scripts, tests); absent: the agency's today when the job runs. */
    today: Day.optional(),
  })
  .strict();
export type ServicePlanJobPayload = z.output<typeof ServicePlanJobPayload>;
export type ServicePlanJobInput = z.input<typeof ServicePlanJobPayload>;

export const servicePlansSchedulerId = (agencyId: string): string => `service-plans/${agencyId}`;

export interface ServicePlanJobResult {
  readonly agencyId: string;
  readonly today: string;
  readonly horizonDays: number;
  /** Active plans examined. */
  readonly plans: number;
  /** Visits created by this run (0 when the night's run already did). */
  readonly created: number;
  readonly rescheduled: number;
  readonly skipped: ReadonlyArray<{ servicePlanId: string; reason: string }>;
}
