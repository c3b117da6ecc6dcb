// "Ce client a une visite d'entretien qui n'a pas encore été faite": the
// service plans whose next occurrence is past due — a due day before today, or
// a usage counter at or beyond its threshold — and not done, with who, where,
// what, and the open visit if one is already in the pipeline. One query, on
// the (active, next_due_on) index; next_due_on is kept current by generation
// and by recordVisitDone.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import { dayFromDate, isDay, type Day } from '@tournee/contracts/calendar';
import type { Db } from './plan-facts.ts';

export const overdueOptionsSchema = z.object({
  today: z.string().refine(isDay, 'must be a calendar day YYYY-MM-DD'),
  /** Restrict to sites in these agencies' sectors (a dispatcher's scope). */
  agencyIds: z.array(z.string().min(1)).optional(),
  customerId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(10_000).default(1000),
});
export type OverdueOptions = z.input<typeof overdueOptionsSchema>;

export interface OverdueVisit {
  servicePlanId: string;
  planName: string;
  trigger: 'fixed_dates' | 'frequency' | 'usage_counter';
  dueOn: Day | null;
  dueCounter: number | null;
  /** Usage plans: the counter that made the visit due (e.g. operating_hours), its reading and threshold. */
  counterName: string | null;
  counterReading: number | null;
  /** Days since the due day; null for counter plans. */
  daysOverdue: number | null;
  contractId: string;
  contractReference: string;
  customerId: string;
  customerName: string;
  customerPhone: string | null;
  siteId: string;
  address: string;
  postcode: string;
  city: string;
  agencyId: string | null;
  equipmentId: string | null;
  equipmentCategory: string | null;
  equipmentBrand: string | null;
  equipmentModel: string | null;
  /** The visit already generated and not finished, if any. */
  openInterventionId: string | null;
  openInterventionStatus: string | null;
  openInterventionPlannedStart: Date | null;
}

type Row = Omit<OverdueVisit, 'dueOn'> & { dueOn: Date | null };

export async function overdueVisits(db: Db, options: OverdueOptions): Promise<OverdueVisit[]> {
  const { today, agencyIds, customerId, limit } = overdueOptionsSchema.parse(options);
  if (agencyIds && agencyIds.length === 0) return [];
  const reading = Prisma.sql`CASE WHEN jsonb_typeof(e.counters -> sp.counter_name) = 'number'
    THEN (e.counters ->> sp.counter_name)::float8 END`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT sp.id AS "servicePlanId", sp.name AS "planName", sp.trigger::text AS "trigger",
           sp.next_due_on AS "dueOn", sp.next_due_counter AS "dueCounter", sp.counter_name AS "counterName", ${reading} AS "counterReading",
           (${today}::date - sp.next_due_on) AS "daysOverdue",
           k.id AS "contractId", k.reference AS "contractReference",
           c.id AS "customerId", c.name AS "customerName", c.phone AS "customerPhone",
           s.id AS "siteId", s.address, s.postcode, s.city, sec.agency_id AS "agencyId",
           e.id AS "equipmentId", e.category AS "equipmentCategory", e.brand AS "equipmentBrand", e.model AS "equipmentModel",
           v.id AS "openInterventionId", v.status::text AS "openInterventionStatus", v.planned_start AS "openInterventionPlannedStart"
      FROM service_plans sp
      JOIN contracts k ON k.id = sp.contract_id
      JOIN sites s ON s.id = sp.site_id
      JOIN customers c ON c.id = s.customer_id
      LEFT JOIN sectors sec ON sec.id = s.sector_id
      LEFT JOIN equipment e ON e.id = sp.equipment_id
      LEFT JOIN LATERAL (
        SELECT i.id, i.status, i.planned_start FROM interventions i
         WHERE i.service_plan_id = sp.id AND i.status NOT IN ('done', 'closed', 'cancelled')
         ORDER BY i.due_on NULLS LAST, i.created_at LIMIT 1
      ) v ON true
     WHERE sp.active AND k.status = 'active'
       AND ((sp.trigger <> 'usage_counter' AND sp.next_due_on < ${today}::date)
         OR (sp.trigger = 'usage_counter' AND ${reading} >= sp.next_due_counter))
       AND NOT EXISTS (
         SELECT 1 FROM interventions d
          WHERE d.service_plan_id = sp.id AND d.status IN ('done', 'closed')
            AND (d.due_on = sp.next_due_on OR d.due_counter = sp.next_due_counter))
       ${agencyIds ? Prisma.sql`AND sec.agency_id IN (${Prisma.join(agencyIds)})` : Prisma.empty}
       ${customerId ? Prisma.sql`AND c.id = ${customerId}` : Prisma.empty}
     ORDER BY "daysOverdue" DESC NULLS LAST, c.name, sp.id
     LIMIT ${limit}`;
  return rows.map((row) => ({
    ...row,
    dueOn: row.dueOn ? dayFromDate(row.dueOn) : null,
    daysOverdue: row.daysOverdue === null ? null : Number(row.daysOverdue),
  }));
}
