// Today's work: maintenance visits booked with customers (plans due soon or
// overdue, with AM/PM appointment windows), breakdowns called in since
// yesterday (priorities, SLA deadlines for the urgent ones, heating ones in
// winter, pool and AC ones in summer), and a heat-pump installation per big
// agency. All `requested` for today: planning the day is the planner's job.
import type { Prisma } from '../../generated/prisma/client.ts';
import { addDays, dateFromDay, daysBetween } from '@tournee/contracts/calendar';
import { COUNTER_LEAD_FRACTION } from '../../service-plans/schedule.ts';
import { localMinuteOfDay } from '@tournee/contracts/zoned-time';
import { BREAKDOWNS, INSTALLATION, type BreakdownTemplate, type SkillCode } from '../catalogue/trade.ts';
import { at, DEMO_TIME_ZONE, type BuildContext } from './context.ts';
import type { BuiltPlan, Contracts } from './contracts.ts';
import type { InstalledBase } from './installed-base.ts';
import type { BuiltAgency, Organisation } from './organisation.ts';
import type { Workforce } from './workforce.ts';

/** Booked maintenance visits per technician available today. */
export const VISITS_PER_TECHNICIAN = 2.8;
const BREAKDOWNS_PER_AGENCY: Record<string, number> = { AIX: 5, MRS: 6, AVI: 4 };
const AM = [8 * 60, 12 * 60] as const;
/** DEMO_DAY=auto: from this local time on, no shift has room left today. */
const EVENING_MINUTE = 16 * 60 + 30;
const PM = [13 * 60 + 30, 17 * 60] as const;

export interface Day {
  interventions: Prisma.InterventionCreateManyInput[];
  interventionSkills: Prisma.InterventionSkillCreateManyInput[];
}

export function buildDay(
  ctx: BuildContext,
  org: Organisation,
  workforce: Workforce,
  base: InstalledBase,
  contracts: Contracts,
  options: { bookVisits: boolean } = { bookVisits: true },
): Day {
  const out: Day = { interventions: [], interventionSkills: [] };
  for (const agency of org.built) {
    const available = workforce.built.filter((t) => t.agency === agency && !t.absentToday).length;
    if (options.bookVisits) bookVisits(ctx, org, out, agency, contracts, Math.round(VISITS_PER_TECHNICIAN * available));
    addBreakdowns(ctx, org, out, agency, base, contracts, BREAKDOWNS_PER_AGENCY[agency.def.code] ?? 4);
    if (options.bookVisits && agency.def.technicians >= 9) addInstallation(ctx, org, out, agency, base);
  }
  return out;
}

/** The appointment windows still ahead at `now`: AM, PM or the whole day. */
function window(ctx: BuildContext, options: { allowNone: boolean }): Prisma.InputJsonValue {
  const minute = ctx.dayIsToday ? localMinuteOfDay(ctx.now, DEMO_TIME_ZONE) : 0;
  const choices: Array<readonly [number, number] | null> = [];
  if (minute < AM[1] - 120) choices.push(AM, AM);
  if (minute < PM[1] - 120) choices.push(PM, PM);
  if (options.allowNone || choices.length === 0) choices.push(null);
  const chosen = ctx.r.pick(choices);
  return chosen ? [{ start: at(ctx.today, chosen[0]).toISOString(), end: at(ctx.today, chosen[1]).toISOString() }] : [];
}

function addSkills(org: Organisation, out: Day, interventionId: string, skills: Array<{ skill: SkillCode; minLevel: number }>): void {
  for (const { skill, minLevel } of skills) out.interventionSkills.push({ interventionId, skillId: org.skillIds[skill], minLevel });
}

/** Maintenance visits booked with customers for `ctx.today`; equipment in `taken` is skipped (and added to it). */
export function bookVisits(
  ctx: BuildContext,
  org: Organisation,
  out: Day,
  agency: BuiltAgency,
  contracts: Contracts,
  count: number,
  taken: Set<string> = new Set(),
): void {
  const { r, today } = ctx;
  // Plans plannable today: due within their lead time or overdue by up to
  // two months, or a counter near its threshold. Sooner and later-than-due
  // visits are likelier to be booked today (weighted sampling, A-Res).
  const candidates = contracts.built.filter((p) => p.active && p.site.agency === agency && bookable(p, today));
  const keyed = candidates.map((plan) => {
    const days = plan.next?.dueOn ? daysBetween(today, plan.next.dueOn) : 0;
    return { plan, key: r.next() ** (1 + Math.abs(days) / 15) };
  });
  keyed.sort((a, b) => b.key - a.key);
  const booked = new Set<string>();
  for (const { plan } of keyed) {
    if (booked.size >= count) break;
    if (booked.has(plan.equipment.id) || taken.has(plan.equipment.id)) continue;
    booked.add(plan.equipment.id);
    taken.add(plan.equipment.id);
    const overdue = plan.next?.dueOn !== null && plan.next!.dueOn! < today;
    const id = r.uuid();
    out.interventions.push({
      id,
      agencyId: agency.id,
      kind: plan.template.kind,
      status: 'requested',
      problemDescription: plan.template.description,
      priority: plan.template.priority + (overdue ? 15 : 0),
      timeWindows: window(ctx, { allowNone: true }),
      earliestDate: dateFromDay(today),
      latestDate: dateFromDay(today),
      estimatedDurationMinutes: plan.template.durationMinutes,
      siteId: plan.site.id,
      equipmentId: plan.equipment.id,
      contractId: plan.contractId,
      servicePlanId: plan.id,
      dueOn: plan.next?.dueOn ? dateFromDay(plan.next.dueOn) : null,
      dueCounter: plan.next?.dueCounter ?? null,
      createdAt: at(addDays(today, -r.between(3, 20)), r.between(9 * 60, 17 * 60)),
    });
    addSkills(org, out, id, plan.template.requiredSkills);
  }
}

function bookable(plan: BuiltPlan, today: string): boolean {
  const next = plan.next;
  if (!next) return false;
  if (next.dueOn !== null) return next.dueOn >= addDays(today, -60) && next.earliestDate <= today;
  const interval = plan.template.counterInterval ?? 0;
  return plan.counterReading !== null && next.dueCounter !== null && plan.counterReading >= next.dueCounter - interval * COUNTER_LEAD_FRACTION;
}

function seasonWeight(template: BreakdownTemplate, today: string): number {
  const month = Number(today.slice(5, 7));
  const winter = month >= 10 || month <= 4;
  if (template.season === 'heating') return winter ? 3 : 0.3;
  if (template.season === 'summer') return winter ? 0.3 : 3;
  return 1;
}

function addBreakdowns(ctx: BuildContext, org: Organisation, out: Day, agency: BuiltAgency, base: InstalledBase, contracts: Contracts, count: number): void {
  const { r, now, today } = ctx;
  const evening = ctx.rule === 'auto' && localMinuteOfDay(now, DEMO_TIME_ZONE) >= EVENING_MINUTE;
  const sites = base.built.filter((s) => s.agency === agency);
  const used = new Set<string>();
  // Each call made makes the same one less likely again: a varied morning.
  const calls = new Map<BreakdownTemplate, number>();
  for (let k = 0; k < count; k++) {
    const template = r.weighted(BREAKDOWNS, (b) => seasonWeight(b, today) / (1 + 2 * (calls.get(b) ?? 0)));
    calls.set(template, (calls.get(template) ?? 0) + 1);
    const candidates = sites.filter((s) => !used.has(s.id) && s.equipment.some((e) => e.category === template.category));
    if (candidates.length === 0) continue;
    const site = r.pick(candidates);
    used.add(site.id);
    const equipment = site.equipment.find((e) => e.category === template.category)!;
    const plan = contracts.built.find((p) => p.equipment.id === equipment.id && p.active);
    // Urgent calls came in this morning and are still within their SLA;
    // others since yesterday. Seeded the evening before the demo day, the
    // urgent ones arrived this evening and their SLA clock starts at 8:00
    // (contracts count working hours).
    const minutesAgo = template.slaHours ? r.between(10, (template.slaHours * 60) / 2) : r.between(60, 20 * 60);
    const createdAt = new Date(now.getTime() - minutesAgo * 60_000);
    const slaFrom = ctx.dayIsToday ? createdAt : at(today, 8 * 60);
    const id = r.uuid();
    out.interventions.push({
      id,
      agencyId: agency.id,
      kind: 'corrective',
      status: 'requested',
      problemDescription: template.description,
      priority: template.priority,
      slaDeadline: template.slaHours ? new Date(slaFrom.getTime() + template.slaHours * 3_600_000) : null,
      timeWindows: template.slaHours ? [] : window(ctx, { allowNone: true }),
      earliestDate: dateFromDay(today),
      // DEMO_DAY=auto in the evening: today's shifts are over, the calls wait for the next working days.
      latestDate: template.priority >= 60 && !evening ? dateFromDay(today) : dateFromDay(addDays(today, evening ? 4 : 2)),
      estimatedDurationMinutes: template.durationMinutes,
      siteId: site.id,
      equipmentId: equipment.id,
      contractId: plan?.contractId ?? null,
      createdAt,
    });
    addSkills(org, out, id, template.requiredSkills);
  }
}

function addInstallation(ctx: BuildContext, org: Organisation, out: Day, agency: BuiltAgency, base: InstalledBase): void {
  const { r, today } = ctx;
  const site = r.pick(base.built.filter((s) => s.agency === agency && !s.business && !s.equipment.some((e) => e.category === 'heat_pump')));
  const id = r.uuid();
  out.interventions.push({
    id,
    agencyId: agency.id,
    kind: 'installation',
    status: 'requested',
    problemDescription: INSTALLATION.description,
    priority: INSTALLATION.priority,
    timeWindows: window(ctx, { allowNone: false }),
    earliestDate: dateFromDay(today),
    latestDate: dateFromDay(today),
    estimatedDurationMinutes: INSTALLATION.durationMinutes,
    siteId: site.id,
    createdAt: at(addDays(today, -r.between(15, 40)), r.between(9 * 60, 17 * 60)),
  });
  addSkills(org, out, id, INSTALLATION.requiredSkills);
}
