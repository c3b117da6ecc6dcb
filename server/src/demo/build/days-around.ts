// DEMO_DAY=auto: the days around today, so that the demo opens on a company
// at work whatever the hour.
// - Today under way: each available technician's visits from the start of
//   their shift up to `now` — done, on site, or en route to the next one —
//   with actual times never later than `now` (nothing planned in the past).
// - The working days ahead: maintenance visits booked with customers, left
//   `requested` for the planner (main.ts plans them with today).
// - The working days behind: done visits, most of them invoiced (some paid,
//   one credit note per agency), the latest ones still to invoice, and
//   supplier warranty claims at each stage of their life. Rows here; the
//   documents and claims are written after them through the back office's
//   own functions (seed.ts → history.ts), numbered and posted as a user's
//   would be.
import type { Prisma } from '../../generated/prisma/client.ts';
import { addDays, dateFromDay, isoWeekday, type Day } from '@tournee/contracts/calendar';
import { localMinuteOfDay } from '@tournee/contracts/zoned-time';
import { PARTS } from '../catalogue/parts.ts';
import { BREAKDOWNS, type Category, type SkillCode } from '../catalogue/trade.ts';
import type { DemoBackOffice } from './back-office.ts';
import { at, DAYS_AHEAD, DAYS_BEHIND, DEMO_TIME_ZONE, type BuildContext } from './context.ts';
import type { Contracts } from './contracts.ts';
import { bookVisits, VISITS_PER_TECHNICIAN, type Day as DemoDay } from './day.ts';
import type { BuiltSite, InstalledBase } from './installed-base.ts';
import type { Organisation } from './organisation.ts';
import { LUNCH, type BuiltTechnician, type Workforce } from './workforce.ts';

/** The stages of a supplier warranty claim (back-office-warranty.prisma), one claim each. */
export const CLAIM_STAGES = ['draft', 'submitted', 'accepted', 'refused', 'credited', 'closed'] as const;
export type ClaimStage = (typeof CLAIM_STAGES)[number];

export interface HistoryInvoice {
  interventionId: string;
  /** The day it is issued (the books' day). */
  issueOn: Day;
  /** Paid in full that day, or still due. */
  paidOn: Day | null;
  method: 'transfer' | 'card' | 'cheque';
  agencyId: string;
  /** A candidate for the agency's credit note, that day (the first one that billed something gets it). */
  creditedOn: Day | null;
}

export interface HistoryClaim {
  stage: ClaimStage;
  agencyId: string;
  supplierId: string;
  warrantyId: string;
  equipmentId: string;
  interventionId: string;
  expectedCreditCents: number;
  notes: string;
  /** The day of each step taken: opened, then submitted, answered (accepted or refused), credited, closed. */
  openedOn: Day;
  steps: Array<{ to: Exclude<ClaimStage, 'draft'>; on: Day }>;
  supplierReference: string | null;
  creditNoteReference: string | null;
  receivedCreditCents: number;
}

export interface DemoHistory {
  invoices: HistoryInvoice[];
  claims: HistoryClaim[];
}

export interface DaysAround extends DemoDay {
  /** Today then the working days ahead: what main.ts plans. */
  days: Day[];
  history: DemoHistory;
}

const SKILL_OF: Record<Category, SkillCode> = {
  gas_boiler: 'gas_boiler',
  heat_pump: 'heat_pump',
  air_conditioner: 'air_conditioning',
  pool_filtration: 'pool',
  pool_heat_pump: 'pool',
};

const AM = [8 * 60, 12 * 60] as const;
const PM = [13 * 60 + 30, 17 * 60] as const;
/** Of the day's booked visits, the share already booked this many days ahead. */
const BOOKED_AHEAD = [0.9, 0.75, 0.6, 0.5];
/** Done visits per agency on each past working day (the rest of those days is not shown). */
const PAST_VISITS_PER_AGENCY = 2;
/** Done visits of the last working days not invoiced yet. */
const UNINVOICED_DAYS = 2;

const REPORTS = {
  corrective: [
    'Diagnostic effectué, pièce défectueuse remplacée, essais de fonctionnement concluants.',
    'Panne identifiée et réparée, remise en service, client informé.',
    'Réglages et nettoyage effectués, fonctionnement normal constaté.',
  ],
  preventive: ['Entretien réalisé selon la gamme, attestation remise au client.', 'Contrôles et nettoyage effectués, aucune anomalie relevée.'],
} as const;

interface Job {
  site: BuiltSite;
  equipment: BuiltSite['equipment'][number];
  kind: 'corrective' | 'preventive' | 'regulatory';
  description: string;
  durationMinutes: number;
  priority: number;
  skills: Array<{ skill: SkillCode; minLevel: number }>;
  contractId: string | null;
}

export function buildDaysAround(
  ctx: BuildContext,
  org: Organisation,
  workforce: Workforce,
  base: InstalledBase,
  contracts: Contracts,
  day: DemoDay,
  backOffice: DemoBackOffice,
): DaysAround {
  const { r, today, now } = ctx;
  const out: DaysAround = { interventions: [], interventionSkills: [], days: [today], history: { invoices: [], claims: [] } };
  // Equipment with a visit already: none gets two.
  const taken = new Set(day.interventions.map((i) => i.equipmentId).filter((id): id is string => !!id));
  const technicianSectors = new Map<string, Set<string>>();
  for (const s of workforce.technicianSectors) technicianSectors.set(s.technicianId, (technicianSectors.get(s.technicianId) ?? new Set()).add(s.sectorId));

  const skillsOf = (t: BuiltTechnician, skills: Job['skills']) => skills.every((s) => (t.skills[s.skill] ?? 0) >= s.minLevel);
  const siteOf = new Map(base.built.flatMap((site) => site.equipment.map((e) => [e.id, site] as const)));
  const plansOf = new Map<string, Contracts['built']>();
  for (const p of contracts.built) if (p.active) plansOf.set(p.equipment.id, [...(plansOf.get(p.equipment.id) ?? []), p]);
  const sitesOf = new Map(
    workforce.built.map((t) => [t.id, base.built.filter((s) => s.agency === t.agency && technicianSectors.get(t.id)!.has(s.sector.id))] as const),
  );
  /** A visit `t` can do, at a site of their sectors, on equipment nobody else visits. */
  const jobFor = (t: BuiltTechnician, options: { preventive: boolean; equipment?: BuiltSite['equipment'][number] }): Job | null => {
    const sites = options.equipment
      ? [siteOf.get(options.equipment.id)!]
      : sitesOf.get(t.id)!.filter((s) => s.equipment.some((e) => !taken.has(e.id) && SKILL_OF[e.category] in t.skills));
    if (sites.length === 0) return null;
    const site = r.pick(sites);
    const equipment = options.equipment ?? r.pick(site.equipment.filter((e) => !taken.has(e.id) && SKILL_OF[e.category] in t.skills));
    const plan = plansOf.get(equipment.id)?.find((p) => skillsOf(t, p.template.requiredSkills));
    if (options.preventive && plan) {
      taken.add(equipment.id);
      const { template } = plan;
      return {
        site,
        equipment,
        kind: template.kind,
        description: template.description,
        durationMinutes: template.durationMinutes,
        priority: template.priority,
        skills: template.requiredSkills,
        contractId: plan.contractId,
      };
    }
    const breakdowns = BREAKDOWNS.filter((b) => b.category === equipment.category && skillsOf(t, b.requiredSkills));
    if (breakdowns.length === 0) return null;
    taken.add(equipment.id);
    const b = r.pick(breakdowns);
    return {
      site,
      equipment,
      kind: 'corrective',
      description: b.description,
      durationMinutes: b.durationMinutes,
      priority: b.priority,
      skills: b.requiredSkills,
      contractId: plansOf.get(equipment.id)?.[0]?.contractId ?? null,
    };
  };

  const push = (job: Job, t: BuiltTechnician, on: Day, row: Partial<Prisma.InterventionCreateManyInput>): string => {
    const id = r.uuid();
    out.interventions.push({
      id,
      agencyId: t.agency.id,
      kind: job.kind,
      status: 'requested',
      problemDescription: job.description,
      priority: job.priority,
      timeWindows: [],
      earliestDate: dateFromDay(on),
      latestDate: dateFromDay(on),
      estimatedDurationMinutes: job.durationMinutes,
      siteId: job.site.id,
      equipmentId: job.equipment.id,
      contractId: job.contractId,
      createdAt: at(addDays(on, -r.between(2, 12)), r.between(9 * 60, 17 * 60)),
      ...row,
    });
    for (const { skill, minLevel } of job.skills) out.interventionSkills.push({ interventionId: id, skillId: org.skillIds[skill], minLevel });
    return id;
  };
  /** A few tries: a random piece of equipment may need a skill the technician lacks. */
  const someJob = (t: BuiltTechnician, preventive: boolean): Job | null => {
    for (let k = 0; k < 6; k++) {
      const job = jobFor(t, { preventive });
      if (job) return job;
    }
    return null;
  };
  const report = (job: Job) => r.pick(job.kind === 'corrective' ? REPORTS.corrective : REPORTS.preventive);
  /** Actual duration: the estimate give or take a fifth, to the 5 minutes. */
  const actual = (job: Job) => Math.max(20, Math.round((job.durationMinutes * r.real(0.8, 1.2)) / 5) * 5);

  // ─── Today under way ───
  const nowMinute = localMinuteOfDay(now, DEMO_TIME_ZONE);
  for (const t of workforce.built) {
    if (t.absentToday) continue;
    const shift = shiftOn(workforce, t.id, today);
    if (!shift || nowMinute <= shift.startMinute) continue;
    let minute = shift.startMinute;
    let lunched = false;
    for (let k = 0; k < 8; k++) {
      let start = minute + r.between(15, 35);
      if (!lunched && start >= LUNCH.breakStartMinute) {
        start = Math.max(minute, LUNCH.breakStartMinute) + LUNCH.breakMinutes + r.between(15, 30);
        lunched = true;
      }
      if (start >= shift.endMinute - 30 || minute >= nowMinute) break;
      const job = someJob(t, r.chance(0.6));
      if (!job) break;
      const end = start + actual(job);
      const planned = { plannedStart: at(today, start), plannedEnd: at(today, start + job.durationMinutes), technicianId: t.id };
      const created = { createdAt: at(addDays(today, -r.between(2, 12)), r.between(9 * 60, 17 * 60)) };
      if (end <= nowMinute) {
        push(job, t, today, { ...planned, ...created, status: 'done', actualStart: at(today, start), actualEnd: at(today, end), report: report(job) });
      } else if (start <= nowMinute) {
        push(job, t, today, { ...planned, ...created, status: 'on_site', actualStart: at(today, start) });
      } else {
        // Left the last site, not there yet.
        push(job, t, today, { ...planned, ...created, status: 'en_route' });
      }
      minute = end;
    }
  }

  // ─── The working days ahead ───
  let ahead = today;
  for (let k = 0; k < DAYS_AHEAD; k++) {
    do ahead = addDays(ahead, 1);
    while (isoWeekday(ahead) >= 6);
    out.days.push(ahead);
    const dayCtx: BuildContext = { ...ctx, today: ahead, dayIsToday: false };
    for (const agency of org.built) {
      const team = workforce.built.filter((t) => t.agency === agency && !absentOn(workforce, t.id, ahead));
      const target = Math.round(VISITS_PER_TECHNICIAN * team.length * BOOKED_AHEAD[k]!);
      const before = out.interventions.length;
      bookVisits(dayCtx, org, out, agency, contracts, target, taken);
      // Few service plans fall due on a given day: the rest of the book is
      // repairs and servicing customers asked for, with an appointment.
      for (let n = out.interventions.length - before; n < target; n++) {
        const t = r.pick(team);
        const job = someJob(t, r.chance(0.4));
        if (!job) continue;
        const [from, to] = r.pick([AM, PM]);
        push(job, t, ahead, {
          priority: Math.min(job.priority, 50),
          timeWindows: [{ start: at(ahead, from).toISOString(), end: at(ahead, to).toISOString() }],
        });
      }
    }
  }

  // ─── The working days behind ───
  const past: Day[] = [];
  for (let d = addDays(today, -1); past.length < DAYS_BEHIND; d = addDays(d, -1)) if (isoWeekday(d) <= 5) past.unshift(d);
  const visits: Array<{ id: string; on: Day; agencyId: string; underContract: boolean }> = [];
  // What a contract's fee pays for: its preventive visits, and every visit of an all-inclusive one.
  const allInclusive = new Set(backOffice.contractTerms.filter((c) => c.labourPercent === 100).map((c) => c.contractId));
  const feeCovers = (job: Job) => job.contractId !== null && (job.kind !== 'corrective' || allInclusive.has(job.contractId));
  const doneOn = (job: Job, t: BuiltTechnician, on: Day): string => {
    const start = r.pick([8 * 60 + 30, 9 * 60 + 15, 10 * 60 + 30, 14 * 60, 15 * 60 + 15]);
    const id = push(job, t, on, {
      status: feeCovers(job) && on < addDays(today, -UNINVOICED_DAYS) ? 'closed' : 'done',
      technicianId: t.id,
      plannedStart: at(on, start),
      plannedEnd: at(on, start + job.durationMinutes),
      actualStart: at(on, start),
      actualEnd: at(on, start + actual(job)),
      report: report(job),
    });
    visits.push({ id, on, agencyId: t.agency.id, underContract: feeCovers(job) });
    return id;
  };
  const present = (t: BuiltTechnician, on: Day) => !absentOn(workforce, t.id, on);

  // Claims first, on the oldest days: the further along its life, the older the visit.
  const warranties = backOffice.warranties.filter((w) => w.supplierId);
  const usedWarranties = new Set<string>();
  // Each agency's office sees a claim at each stage (the back office lists one agency at a time).
  for (const agency of org.built)
    CLAIM_STAGES.forEach((stage, index) => {
      const on = past[Math.max(0, CLAIM_STAGES.length - 1 - index)]!;
      for (const w of r.sample(warranties, warranties.length)) {
        if (usedWarranties.has(w.id!) || taken.has(w.equipmentId)) continue;
        if (dayOfDate(w.startsOn as Date) > on || dayOfDate(w.endsOn as Date) < on) continue;
        const site = siteOf.get(w.equipmentId)!;
        if (site.agency !== agency) continue;
        const equipment = site.equipment.find((e) => e.id === w.equipmentId)!;
        const t = workforce.built.find((x) => x.agency === site.agency && SKILL_OF[equipment.category] in x.skills && present(x, on));
        if (!t) continue;
        const job = jobFor(t, { preventive: false, equipment });
        if (!job) continue;
        usedWarranties.add(w.id!);
        const interventionId = doneOn(job, t, on);
        out.history.claims.push(
          claimOf(
            ctx,
            stage,
            on,
            { agencyId: t.agency.id, supplierId: w.supplierId!, warrantyId: w.id!, equipmentId: equipment.id, interventionId },
            equipment.category,
          ),
        );
        return;
      }
    });
  for (const on of past) {
    for (const agency of org.built) {
      const team = workforce.built.filter((t) => t.agency === agency && present(t, on));
      for (let k = 0; k < PAST_VISITS_PER_AGENCY; k++) {
        const t = r.pick(team);
        const job = someJob(t, r.chance(0.25));
        if (job) doneOn(job, t, on);
      }
    }
  }

  // Invoices: issued the working day after the visit, but for the last days' (still to invoice).
  const invoiceBefore = past[past.length - UNINVOICED_DAYS]!;
  for (const v of visits.sort((a, b) => a.on.localeCompare(b.on))) {
    // Covered by a contract's fee: closed, nothing to invoice.
    if (v.underContract) continue;
    if (v.on >= invoiceBefore) continue;
    const issueOn = nextWorkingDay(v.on);
    const paidOn = r.chance(0.7) ? addDays(issueOn, r.between(0, 6)) : null;
    // A credit note per agency, on an early invoice that was not paid: the first candidate that billed something.
    const credit = paidOn === null && addDays(issueOn, 3) < today;
    out.history.invoices.push({
      interventionId: v.id,
      agencyId: v.agencyId,
      issueOn,
      paidOn: paidOn !== null && paidOn < today ? paidOn : null,
      method: r.pick(['transfer', 'transfer', 'card', 'cheque'] as const),
      creditedOn: credit ? addDays(issueOn, 3) : null,
    });
  }
  return out;
}

function claimOf(
  ctx: BuildContext,
  stage: ClaimStage,
  visitOn: Day,
  ids: Pick<HistoryClaim, 'agencyId' | 'supplierId' | 'warrantyId' | 'equipmentId' | 'interventionId'>,
  category: Category,
): HistoryClaim {
  const { r } = ctx;
  const part = r.pick(PARTS.filter((p) => p.category === category));
  const order: ClaimStage[] = stage === 'refused' ? ['submitted', 'refused'] : ['submitted', 'accepted', 'credited', 'closed'];
  const upTo = stage === 'draft' ? 0 : order.indexOf(stage) + 1;
  let on = nextWorkingDay(visitOn);
  const openedOn = on;
  const steps: HistoryClaim['steps'] = [];
  for (const to of order.slice(0, upTo)) {
    on = to === 'submitted' ? on : addDays(on, r.between(1, 2));
    steps.push({ to: to as Exclude<ClaimStage, 'draft'>, on });
  }
  // Closed: the supplier credited a little less than claimed (the rest written off).
  const received = stage === 'closed' ? Math.round(part.costCents * 0.8) : part.costCents;
  return {
    stage,
    ...ids,
    expectedCreditCents: part.costCents,
    notes: `Pièce défectueuse remplacée sous garantie : ${part.reference} ${part.name}`,
    openedOn,
    steps,
    supplierReference: upTo >= 1 ? `RMA-${r.between(100_000, 999_999)}` : null,
    creditNoteReference: stage === 'credited' || stage === 'closed' ? `AVF-${r.between(10_000, 99_999)}` : null,
    receivedCreditCents: stage === 'credited' || stage === 'closed' ? received : 0,
  };
}

function nextWorkingDay(day: Day): Day {
  let d = addDays(day, 1);
  while (isoWeekday(d) >= 6) d = addDays(d, 1);
  return d;
}

const dayOfDate = (d: Date): Day => d.toISOString().slice(0, 10);

/** The technician's shift on a day: a one-day shift replaces the weekly one. */
function shiftOn(workforce: Workforce, technicianId: string, day: Day): { startMinute: number; endMinute: number } | null {
  const mine = workforce.shifts.filter((s) => s.technicianId === technicianId);
  const dated = mine.find((s) => s.date && dayOfDate(s.date as Date) === day);
  return dated ?? mine.find((s) => !s.date && s.weekday === isoWeekday(day)) ?? null;
}

function absentOn(workforce: Workforce, technicianId: string, day: Day): boolean {
  const noon = at(day, 12 * 60).getTime();
  return workforce.absences.some((a) => a.technicianId === technicianId && (a.startsAt as Date).getTime() <= noon && noon < (a.endsAt as Date).getTime());
}
