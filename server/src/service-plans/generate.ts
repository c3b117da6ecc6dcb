// Generates the due visits of every active service plan for a horizon: one
// `requested` intervention per occurrence (origin = the plan, `due_on` or
// `due_counter` = the occurrence), and refreshes each plan's next due day or
// counter, which the overdue query reads. Idempotent: the unique keys
// (service_plan_id, due_on) and (service_plan_id, due_counter) make a second
// run — or a concurrent one — create nothing (ON CONFLICT DO NOTHING).
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { addDays, dateFromDay, dayFromDate, isDay, type Day } from '@tournee/contracts/calendar';
import { planFacts, planWithFacts, requiredSkillsSchema, type Db, type PlanRow } from './plan-facts.ts';
import { planSchedule, type Occurrence } from './schedule.ts';

// A page of 500 plans is a few hundred rows: well within these bounds.
const TRANSACTION_OPTIONS = { timeout: 60_000, maxWait: 10_000 };

export const generateOptionsSchema = z.object({
  /** The local day generation runs on (the agencies' "today"). */
  today: z.string().refine(isDay, 'must be a calendar day YYYY-MM-DD'),
  /** Visits that become plannable within this many days are created. */
  horizonDays: z.number().int().min(0).max(730),
  /** Restrict to plans whose site lies in these agencies' sectors. */
  agencyIds: z.array(z.string().min(1)).optional(),
  /** Restrict to the plans of this equipment (a counter reading was just recorded). */
  equipmentIds: z.array(z.string().min(1)).optional(),
  pageSize: z.number().int().min(1).max(5000).default(500),
});
export type GenerateOptions = z.input<typeof generateOptionsSchema>;

export interface GenerateResult {
  /** Active plans examined. */
  plans: number;
  /** Interventions created by this run. */
  created: number;
  createdIds: string[];
  /** Plans whose next due day or counter changed. */
  rescheduled: number;
  /** Plans that could not generate, and why. */
  skipped: Array<{ servicePlanId: string; reason: string }>;
}

/**
 * @param db a client (each page of plans is written in its own transaction),
 *           or, with `{ inTransaction: true }`, the caller's transaction client
 */
export async function generateDueVisits(
  db: Db,
  options: GenerateOptions,
  { inTransaction = false }: { inTransaction?: boolean } = {},
): Promise<GenerateResult> {
  const { today, horizonDays, agencyIds, equipmentIds, pageSize } = generateOptionsSchema.parse(options);
  const until = addDays(today, horizonDays);
  const skillIds = new Map((await db.skill.findMany({ select: { id: true, code: true } })).map((s) => [s.code, s.id]));
  const result: GenerateResult = { plans: 0, created: 0, createdIds: [], rescheduled: 0, skipped: [] };
  const where: Prisma.ServicePlanWhereInput = {
    active: true,
    contract: { status: 'active' },
    ...(agencyIds ? { site: { sector: { agencyId: { in: agencyIds } } } } : {}),
    ...(equipmentIds ? { equipmentId: { in: equipmentIds } } : {}),
  };

  let cursor: string | undefined;
  for (;;) {
    const rows: PlanRow[] = await db.servicePlan.findMany({
      where,
      include: planWithFacts,
      orderBy: { id: 'asc' },
      take: pageSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1]!.id;
    result.plans += rows.length;
    if (inTransaction) await generatePage(db, rows, today, until, skillIds, result);
    else await (db as PrismaClient).$transaction((tx) => generatePage(tx, rows, today, until, skillIds, result), TRANSACTION_OPTIONS);
    if (rows.length < pageSize) break;
  }
  return result;
}

async function generatePage(db: Db, rows: PlanRow[], today: Day, until: Day, skillIds: Map<string, string>, result: GenerateResult): Promise<void> {
  const interventions: Prisma.InterventionCreateManyInput[] = [];
  const skillsByPlan = new Map<string, Array<{ skillId: string; minLevel: number }>>();

  for (const row of rows) {
    const schedule = planSchedule(planFacts(row), today, until);
    await saveNextDue(db, row, schedule.next, result);
    if (schedule.toCreate.length === 0) continue;

    const agencyId = row.site.sector?.agency.id;
    if (!agencyId) {
      result.skipped.push({ servicePlanId: row.id, reason: 'the site has no sector, so no agency to plan the visit' });
      continue;
    }
    const skills = resolveSkills(row, skillIds);
    if (typeof skills === 'string') {
      result.skipped.push({ servicePlanId: row.id, reason: skills });
      continue;
    }
    skillsByPlan.set(row.id, skills);
    for (const occurrence of schedule.toCreate) interventions.push(visitFrom(row, agencyId, occurrence));
  }
  if (interventions.length === 0) return;

  const created = await db.intervention.createManyAndReturn({
    data: interventions,
    skipDuplicates: true,
    select: { id: true, servicePlanId: true },
  });
  await db.interventionSkill.createMany({
    data: created.flatMap((i) => (skillsByPlan.get(i.servicePlanId!) ?? []).map((s) => ({ interventionId: i.id, ...s }))),
  });
  result.created += created.length;
  result.createdIds.push(...created.map((i) => i.id));
}

export function resolveSkills(row: PlanRow, skillIds: Map<string, string>): Array<{ skillId: string; minLevel: number }> | string {
  const parsed = requiredSkillsSchema.safeParse(row.requiredSkills);
  if (!parsed.success) return `required_skills is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  const skills = [];
  for (const { skill, minLevel } of parsed.data) {
    const skillId = skillIds.get(skill);
    if (!skillId) return `required skill "${skill}" does not exist`;
    skills.push({ skillId, minLevel });
  }
  return skills;
}

export function visitFrom(row: PlanRow, agencyId: string, occurrence: Occurrence): Prisma.InterventionCreateManyInput {
  return {
    agencyId,
    kind: row.interventionKind,
    status: 'requested',
    problemDescription: row.description ?? row.name,
    priority: row.priority,
    estimatedDurationMinutes: row.estimatedDurationMinutes,
    siteId: row.siteId,
    equipmentId: row.equipmentId,
    contractId: row.contractId,
    servicePlanId: row.id,
    dueOn: occurrence.dueOn === null ? null : dateFromDay(occurrence.dueOn),
    dueCounter: occurrence.dueCounter,
    earliestDate: dateFromDay(occurrence.earliestDate),
  };
}

async function saveNextDue(db: Db, row: PlanRow, next: Occurrence | null, result: GenerateResult): Promise<void> {
  const nextDueOn = next?.dueOn ?? null;
  const nextDueCounter = next?.dueCounter ?? null;
  const stored = row.nextDueOn ? dayFromDate(row.nextDueOn) : null;
  if (stored === nextDueOn && row.nextDueCounter === nextDueCounter) return;
  await db.servicePlan.update({
    where: { id: row.id },
    data: { nextDueOn: nextDueOn === null ? null : dateFromDay(nextDueOn), nextDueCounter },
  });
  result.rescheduled += 1;
}
