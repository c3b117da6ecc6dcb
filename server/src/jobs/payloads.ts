// Job payloads as data: what each queue's jobs carry, validated with zod
// wherever a job is submitted or picked up. The code that runs them lives in
// the processors. Job ids derive from the payload, so submitting the same
// request twice finds the job (and the PlanningRun) already there.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Day, Id } from '@tournee/contracts/api/common';

/** Longest planning horizon a run accepts (issue 3's 14 days). */
export const MAX_PLANNING_DAYS = 14;
export const MAX_TIME_LIMIT_MS = 10 * 60_000;

/** "Optimize now" and scheduled runs: plan these days of this agency. */
export const PlanningJobPayload = z
  .object({
    agencyId: Id,
    days: z
      .array(Day)
      .min(1)
      .max(MAX_PLANNING_DAYS)
      .transform((days) => [...new Set(days)].sort()),
    /** The solver's budget. */
    timeLimitMs: z.number().int().min(100).max(MAX_TIME_LIMIT_MS).default(10_000),
    /** Also stop after this many iterations (reproducible runs). */
    maxIterations: z.number().int().min(0).max(100_000_000).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    /** Plan the days whole, as if none had started (demo, what-if); default: nothing before now. */
    wholeDays: z.boolean().default(false),
    /** The caller's idempotency key: same key, same run. */
    requestId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\w.-]+$/, 'letters, digits, _ . - only'),
    requestedById: Id.nullable().default(null),
    /** Keep the plan on the run instead of storing it (POST /api/plans/{id}/accept stores it). */
    preview: z.boolean().default(false),
  })
  .strict();
export type PlanningJobPayload = z.output<typeof PlanningJobPayload>;
export type PlanningJobInput = z.input<typeof PlanningJobPayload>;

/** The template a job scheduler stamps each night: days are resolved when it runs. */
export const OvernightPlanningPayload = z
  .object({
    agencyId: Id,
    /** First day to plan, counted from the agency's today (1 = tomorrow). */
    daysAhead: z.number().int().min(0).max(30).default(1),
    dayCount: z.number().int().min(1).max(MAX_PLANNING_DAYS).default(1),
    timeLimitMs: z.number().int().min(100).max(MAX_TIME_LIMIT_MS).default(60_000),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .strict();
export type OvernightPlanningPayload = z.output<typeof OvernightPlanningPayload>;
export type OvernightPlanningInput = z.input<typeof OvernightPlanningPayload>;

/** An urgent intervention to insert into today's tours now. */
export const DispatchJobPayload = z
  .object({
    interventionId: Id,
    /** Insert with this technician; absent: the best candidate. */
    technicianId: Id.optional(),
    /** 0-based position among the tour's stops; absent: the engine's choice. */
    position: z.number().int().min(0).max(500).optional(),
    requestId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\w.-]+$/, 'letters, digits, _ . - only'),
    requestedById: Id.nullable().default(null),
  })
  .strict();
export type DispatchJobPayload = z.output<typeof DispatchJobPayload>;
export type DispatchJobInput = z.input<typeof DispatchJobPayload>;

/** Job names per queue. */
export const PLANNING_JOB = 'plan';
export const OVERNIGHT_JOB = 'overnight';
export const DISPATCH_JOB = 'dispatch';

// BullMQ refuses ids with ':' (its own key separator) unless shaped like its repeat ids.
/** A preview's id ends in `/preview`: the same request id never turns a preview into a direct run. */
export const planningJobId = (p: PlanningJobPayload): string => `planning/${p.agencyId}/${p.days.join('+')}/${p.requestId}${p.preview ? '/preview' : ''}`;
export const dispatchJobId = (p: DispatchJobPayload): string => `dispatch/${p.interventionId}/${p.requestId}`;
export const overnightSchedulerId = (agencyId: string): string => `overnight/${agencyId}`;
/** The request id of the run a scheduler starts for a day: one run per agency and night. */
export const overnightRequestId = (firstDay: string): string => `overnight-${firstDay}`;

/**
 * The PlanningRun id of a job: a UUID-shaped hash of the job id, so that a
 * re-submission lands on the same row without a lookup.
 */
export function planningRunId(jobId: string): string {
  const h = createHash('sha256').update(jobId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
