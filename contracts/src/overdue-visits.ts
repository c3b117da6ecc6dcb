// "Ce client a une visite d'entretien qui n'a pas encore été faite": the
// service plans whose next occurrence is past due (a due day before today, or
// a usage counter at or beyond its threshold), with why — for a usage plan,
// the counter that made the visit due, its reading and the threshold, which
// the board shows as « Compteur heures de fonctionnement : 5 120 h ≥ 5 000 h ».
import { z } from 'zod';
import { Day, Id } from './api/common.ts';

export const OverdueQuery = z.object({
  /** The agencies' local day (default: today in Europe/Paris). */
  today: Day.optional(),
  agencyId: Id.optional(),
  customerId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const OverdueVisit = z.object({
  servicePlanId: Id,
  planName: z.string(),
  trigger: z.enum(['fixed_dates', 'frequency', 'usage_counter']),
  dueOn: Day.nullable(),
  daysOverdue: z.number().int().nullable(),
  /** Usage plans: the counter (e.g. operating_hours), its unit when known, its reading and the threshold it reached. */
  counterName: z.string().nullable(),
  counterUnit: z.string().nullable(),
  counterReading: z.number().nullable(),
  dueCounter: z.number().nullable(),
  contractId: Id,
  contractReference: z.string(),
  customerId: Id,
  customerName: z.string(),
  customerPhone: z.string().nullable(),
  siteId: Id,
  address: z.string(),
  postcode: z.string(),
  city: z.string(),
  agencyId: Id.nullable(),
  equipmentId: Id.nullable(),
  equipmentCategory: z.string().nullable(),
  equipmentBrand: z.string().nullable(),
  equipmentModel: z.string().nullable(),
  openInterventionId: Id.nullable(),
  openInterventionStatus: z.string().nullable(),
});
export type OverdueVisit = z.infer<typeof OverdueVisit>;
export const OverdueList = z.object({ items: z.array(OverdueVisit) });
