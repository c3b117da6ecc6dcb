// « Créer la visite » (issue 12): the dispatcher creates a service plan's next
// due visit now, without waiting for the nightly generation — the same visit
// the generator would create (generate.ts's visitFrom: the plan's kind,
// description, skills, duration and priority, its due day or counter, its
// first plannable day), in the agency of the plan's site. The unique key
// (plan, due day or counter) keeps it to one visit per occurrence: a second
// click, or the generator running meanwhile, finds the visit already there.
import { addDays, dateFromDay } from '@tournee/contracts/calendar';
import { localDay } from '@tournee/contracts/zoned-time';
import type { Prisma } from '../generated/prisma/client.ts';
import { resolveSkills, visitFrom } from './generate.ts';
import { DEFAULT_TIME_ZONE, planFacts, planWithFacts, type Db } from './plan-facts.ts';
import { planSchedule } from './schedule.ts';

export type PlanVisitOutcome =
  | { readonly kind: 'created'; readonly interventionId: string; readonly agencyId: string }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_your_agency'; readonly agencyId: string | null }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'exists'; readonly interventionId: string; readonly dueOn: string | null; readonly dueCounter: number | null };

/** @param agencyIds the caller's agencies; null for an admin (any agency). */
export async function createPlanVisit(db: Db, planId: string, agencyIds: readonly string[] | null, now: Date): Promise<PlanVisitOutcome> {
  const row = await db.servicePlan.findUnique({ where: { id: planId }, include: planWithFacts });
  if (!row) return { kind: 'not_found' };
  const agency = row.site.sector?.agency ?? null;
  if (agencyIds && (!agency || !agencyIds.includes(agency.id))) return { kind: 'not_your_agency', agencyId: agency?.id ?? null };
  if (!agency) return { kind: 'refused', reason: 'the site has no sector, so no agency to plan the visit' };
  if (!row.active) return { kind: 'refused', reason: 'the service plan is not active' };
  if (row.contract.status !== 'active') return { kind: 'refused', reason: `the contract is ${row.contract.status}, not active` };
  const today = localDay(now, agency.timezone ?? DEFAULT_TIME_ZONE);
  // The horizon only bounds `toCreate`; `next` is the first occurrence not done, however far.
  const next = planSchedule(planFacts(row), today, addDays(today, 3650)).next;
  if (!next) return { kind: 'refused', reason: 'the plan has no visit left to do (the contract ends before the next one)' };
  const existing = await db.intervention.findFirst({
    where: { servicePlanId: row.id, ...(next.dueOn !== null ? { dueOn: dateFromDay(next.dueOn) } : { dueCounter: next.dueCounter }) },
    select: { id: true },
  });
  if (existing) return { kind: 'exists', interventionId: existing.id, dueOn: next.dueOn, dueCounter: next.dueCounter };
  const skillIds = new Map((await db.skill.findMany({ select: { id: true, code: true } })).map((s) => [s.code, s.id]));
  const skills = resolveSkills(row, skillIds);
  if (typeof skills === 'string') return { kind: 'refused', reason: skills };
  const data: Prisma.InterventionUncheckedCreateInput = { ...visitFrom(row, agency.id, next), requiredSkills: { create: skills } };
  try {
    const created = await db.intervention.create({ data, select: { id: true } });
    return { kind: 'created', interventionId: created.id, agencyId: agency.id };
  } catch (error) {
    // The generator (or a second click) created it between the read and the write.
    if ((error as { code?: string }).code === 'P2002') {
      const raced = await db.intervention.findFirst({
        where: { servicePlanId: row.id, dueOn: data.dueOn ?? null, dueCounter: data.dueCounter ?? null },
        select: { id: true },
      });
      if (raced) return { kind: 'exists', interventionId: raced.id, dueOn: next.dueOn, dueCounter: next.dueCounter };
    }
    throw error;
  }
}
