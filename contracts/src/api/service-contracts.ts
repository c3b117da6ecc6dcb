// Maintenance contracts and the service plans that generate visits.
import { z } from 'zod';
import { Day, Id, Pagination, QueryBool, Text, Timestamps, optional } from './common.ts';

export const ContractStatus = z.enum(['draft', 'active', 'suspended', 'ended']);

export const ContractFields = z.object({
  customerId: Id,
  reference: Text(60),
  name: optional(Text()),
  status: ContractStatus.optional(),
  startsOn: Day,
  endsOn: optional(Day),
  notes: optional(Text(5000)),
});
export function checkContract(c: { startsOn?: string | Date; endsOn?: string | Date | null }, ctx: z.RefinementCtx): void {
  if (c.startsOn && c.endsOn && new Date(c.endsOn) < new Date(c.startsOn)) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
  }
}
export const ContractInput = ContractFields.superRefine(checkContract);
export const ContractPatch = ContractFields.partial();
export const Contract = z.object({
  id: Id,
  customerId: Id,
  reference: z.string(),
  name: z.string().nullable(),
  status: ContractStatus,
  startsOn: Day,
  endsOn: Day.nullable(),
  notes: z.string().nullable(),
  ...Timestamps,
});
export const ContractQuery = Pagination.extend({
  customerId: Id.optional(),
  status: ContractStatus.optional(),
  q: z.string().optional(),
});

export const ServicePlanTrigger = z.enum(['fixed_dates', 'frequency', 'usage_counter']);
export const InterventionKind = z.enum(['corrective', 'preventive', 'installation', 'regulatory', 'other']);
export const PlanSkill = z.object({ skill: z.string().min(1).max(40), minLevel: z.number().int().min(1).max(5) });

export const ServicePlanFields = z.object({
  contractId: Id,
  siteId: Id,
  equipmentId: optional(Id),
  name: Text(),
  trigger: ServicePlanTrigger,
  /** trigger fixed_dates: the visit days. */
  fixedDates: z.array(Day).max(366).optional(),
  /** trigger frequency: every N months. */
  frequencyMonths: optional(z.number().int().min(1).max(120)),
  /** trigger usage_counter: which counter, and every how much of it. */
  counterName: optional(z.string().min(1).max(60)),
  counterInterval: optional(z.number().positive()),
  interventionKind: InterventionKind.optional(),
  description: optional(Text(5000)),
  /** Skill codes and minimum levels the generated visits ask for. */
  requiredSkills: z.array(PlanSkill).max(20).optional(),
  estimatedDurationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  priority: z.number().int().min(0).max(100).optional(),
  /** How many days before the due date the visit is generated. */
  leadDays: z.number().int().min(0).max(365).optional(),
  lastDoneOn: optional(Day),
  lastDoneCounter: optional(z.number()),
  nextDueOn: optional(Day),
  nextDueCounter: optional(z.number()),
  active: z.boolean().optional(),
});
type PlanLike = {
  trigger?: string;
  fixedDates?: unknown[];
  frequencyMonths?: number | null;
  counterName?: string | null;
  counterInterval?: number | null;
  equipmentId?: string | null;
};
/** Each trigger needs its own fields; also run on (stored + patch) for updates. */
export function checkServicePlan(p: PlanLike, ctx: z.RefinementCtx): void {
  const need = (path: string, ok: boolean, message: string) => {
    if (!ok) ctx.addIssue({ code: 'custom', path: [path], message });
  };
  if (p.trigger === 'fixed_dates') need('fixedDates', (p.fixedDates?.length ?? 0) > 0, 'trigger fixed_dates needs at least one date');
  if (p.trigger === 'frequency') need('frequencyMonths', !!p.frequencyMonths, 'trigger frequency needs frequencyMonths');
  if (p.trigger === 'usage_counter') {
    need('counterName', !!p.counterName, 'trigger usage_counter needs counterName');
    need('counterInterval', !!p.counterInterval, 'trigger usage_counter needs counterInterval');
    need('equipmentId', !!p.equipmentId, 'trigger usage_counter needs the equipment whose counter it reads');
  }
}
export const ServicePlanInput = ServicePlanFields.superRefine(checkServicePlan);
export const ServicePlanPatch = ServicePlanFields.partial();
export const ServicePlan = z.object({
  id: Id,
  contractId: Id,
  siteId: Id,
  equipmentId: Id.nullable(),
  name: z.string(),
  trigger: ServicePlanTrigger,
  fixedDates: z.array(Day),
  frequencyMonths: z.number().int().nullable(),
  counterName: z.string().nullable(),
  counterInterval: z.number().nullable(),
  interventionKind: InterventionKind,
  description: z.string().nullable(),
  requiredSkills: z.array(PlanSkill),
  estimatedDurationMinutes: z.number().int(),
  priority: z.number().int(),
  leadDays: z.number().int(),
  lastDoneOn: Day.nullable(),
  lastDoneCounter: z.number().nullable(),
  nextDueOn: Day.nullable(),
  nextDueCounter: z.number().nullable(),
  active: z.boolean(),
  ...Timestamps,
});
export const ServicePlanQuery = Pagination.extend({
  contractId: Id.optional(),
  siteId: Id.optional(),
  equipmentId: Id.optional(),
  active: QueryBool.optional(),
  /** Only plans next due on or before this day. */
  dueBefore: Day.optional(),
});

export type ContractInput = z.infer<typeof ContractInput>;
export type ServicePlanInput = z.infer<typeof ServicePlanInput>;
