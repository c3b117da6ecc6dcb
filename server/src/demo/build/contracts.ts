// Maintenance contracts and their service plans: the yearly gas-boiler
// service (a legal obligation in France), twice-yearly heat-pump maintenance,
// yearly air-conditioning service, pool opening and winterising on fixed
// dates, and counter-based services (pool pumps every 2,000 h, large heat
// pumps' compressors every 3,000 h). Last-done days are spread so that the
// demo has visits due soon, a few overdue ("pas encore faite"), and most
// comfortably ahead.
import type { Prisma } from '../../generated/prisma/client.ts';
import { addDays, addMonths, dateFromDay, maxDay, minDay, type Day } from '@tournee/contracts/calendar';
import { planSchedule, type Occurrence } from '../../service-plans/schedule.ts';
import { PLAN_TEMPLATES, type Category, type PlanTemplate } from '../catalogue/trade.ts';
import { at, type BuildContext } from './context.ts';
import type { BuiltEquipment, BuiltSite, InstalledBase } from './installed-base.ts';

export interface BuiltPlan {
  id: string;
  contractId: string;
  site: BuiltSite;
  equipment: BuiltEquipment;
  template: PlanTemplate;
  /** Under an active contract (others generate nothing). */
  active: boolean;
  next: Occurrence | null;
  counterReading: number | null;
}

export interface Contracts {
  contracts: Prisma.ContractCreateManyInput[];
  servicePlans: Prisma.ServicePlanCreateManyInput[];
  equipmentEvents: Prisma.EquipmentEventCreateManyInput[];
  built: BuiltPlan[];
}

const CONTRACT_NAMES: Record<Category, string> = {
  gas_boiler: 'Contrat Sérénité Chaudière',
  heat_pump: 'Contrat Sérénité PAC',
  air_conditioner: 'Contrat Confort Clim',
  pool_filtration: 'Contrat Piscine Tranquillité',
  pool_heat_pump: 'Contrat Piscine Tranquillité',
};

export function buildContracts(ctx: BuildContext, base: InstalledBase): Contracts {
  const { r, today } = ctx;
  const out: Contracts = { contracts: [], servicePlans: [], equipmentEvents: [], built: [] };
  const sitesByCustomer = new Map<string, BuiltSite[]>();
  for (const site of base.built) sitesByCustomer.set(site.customerId, [...(sitesByCustomer.get(site.customerId) ?? []), site]);

  for (const [customerId, sites] of sitesByCustomer) {
    // Most customers with equipment have a maintenance contract.
    if (!r.chance(0.85)) continue;
    const equipment = sites.flatMap((site) => site.equipment.map((e) => ({ site, e })));
    const firstInstall = equipment.reduce((min, { e }) => minDay(min, e.installedOn), today);
    const startsOn = maxDay(firstInstall, addDays(today, -r.between(60, 7 * 365)));
    const roll = r.next();
    const status = roll < 0.04 ? 'suspended' : roll < 0.07 ? 'ended' : 'active';
    const endsOn =
      status === 'ended'
        ? maxDay(addDays(startsOn, 30), addDays(today, -r.between(10, 200)))
        : r.chance(0.2)
          ? addMonths(startsOn, 36 + 12 * r.between(1, 3))
          : null;
    const categories = [...new Set(equipment.map(({ e }) => e.category))];
    const contractId = r.uuid();
    out.contracts.push({
      id: contractId,
      customerId,
      reference: `CT-${startsOn.slice(0, 4)}-${String(out.contracts.length + 1).padStart(5, '0')}`,
      name: categories.length > 1 ? 'Contrat Multi-équipements' : CONTRACT_NAMES[categories[0]!],
      status,
      startsOn: dateFromDay(startsOn),
      endsOn: endsOn ? dateFromDay(endsOn) : null,
      notes: status === 'suspended' ? 'Suspendu : impayé' : endsOn === null ? 'Tacite reconduction' : null,
    });

    for (const { site, e } of equipment) {
      for (const template of templatesFor(e, site.business, r.chance(0.4))) {
        addPlan(ctx, out, { id: contractId, startsOn, endsOn, active: status === 'active' }, site, e, template);
      }
    }
  }
  return out;
}

function templatesFor(e: BuiltEquipment, business: boolean, withCounter: boolean): PlanTemplate[] {
  switch (e.category) {
    case 'gas_boiler':
      return [PLAN_TEMPLATES.boilerYearly];
    case 'heat_pump':
      return business ? [PLAN_TEMPLATES.heatPumpTwiceYearly, PLAN_TEMPLATES.heatPumpCompressor] : [PLAN_TEMPLATES.heatPumpTwiceYearly];
    case 'air_conditioner':
      return [PLAN_TEMPLATES.airConditionerYearly];
    case 'pool_filtration':
      return withCounter || business ? [PLAN_TEMPLATES.poolSeason, PLAN_TEMPLATES.poolPumpHours] : [PLAN_TEMPLATES.poolSeason];
    case 'pool_heat_pump':
      return [PLAN_TEMPLATES.poolHeatPumpYearly];
  }
}

function addPlan(
  ctx: BuildContext,
  out: Contracts,
  contract: { id: string; startsOn: Day; endsOn: Day | null; active: boolean },
  site: BuiltSite,
  e: BuiltEquipment,
  template: PlanTemplate,
): void {
  const { r, today } = ctx;
  const { id: contractId, startsOn, endsOn } = contract;
  const id = r.uuid();
  let fixedDates: Day[] = [];
  let lastDoneOn: Day | null = null;
  let lastDoneCounter: number | null = null;
  const counterReading = template.counterName ? (e.counters[template.counterName] ?? null) : null;
  const baseline = maxDay(e.installedOn, startsOn);

  if (template.trigger === 'frequency') {
    // Due dates spread over the cycle, 7% of it in the past: about one plan
    // in fourteen is overdue.
    const months = template.frequencyMonths!;
    const cycle = Math.round(months * 30.4);
    const late = Math.round(cycle * 0.07);
    const dueIn = r.between(-late, cycle - late);
    lastDoneOn = maxDay(addMonths(addDays(today, dueIn), -months), baseline);
  } else if (template.trigger === 'fixed_dates') {
    // Pool opening mid-April and winterising in October, last year to next.
    const year = Number(today.slice(0, 4));
    const openDay = r.between(8, 25);
    const closeDay = r.between(5, 25);
    fixedDates = [year - 1, year, year + 1]
      .flatMap((y) => [`${y}-04-${String(openDay).padStart(2, '0')}`, `${y}-10-${String(closeDay).padStart(2, '0')}`])
      .filter((d) => d > baseline);
    const past = fixedDates.filter((d) => d < today);
    // One pool in eight still waits for its latest visit (if recent).
    const latest = past[past.length - 1];
    const skipLatest = latest !== undefined && addDays(latest, 75) >= today && r.chance(1 / 8);
    const done = skipLatest ? past[past.length - 2] : latest;
    lastDoneOn = done ? addDays(done, r.between(0, 6)) : null;
    if (lastDoneOn !== null && lastDoneOn >= today) lastDoneOn = addDays(today, -1);
  } else if (counterReading !== null) {
    const interval = template.counterInterval!;
    lastDoneCounter = Math.max(0, Math.round((counterReading - r.real(0, interval * 1.05)) / 10) * 10);
  }

  const { next } = planSchedule(
    {
      trigger: template.trigger,
      fixedDates,
      frequencyMonths: template.frequencyMonths ?? null,
      counterInterval: template.counterInterval ?? null,
      leadDays: template.leadDays,
      lastDoneOn,
      lastDoneCounter,
      contractStartsOn: startsOn,
      contractEndsOn: endsOn,
      counterReading,
      visits: [],
    },
    today,
    today,
  );

  out.servicePlans.push({
    id,
    contractId,
    siteId: site.id,
    equipmentId: e.id,
    name: template.name,
    trigger: template.trigger,
    fixedDates: fixedDates.map(dateFromDay),
    frequencyMonths: template.frequencyMonths ?? null,
    counterName: template.counterName ?? null,
    counterInterval: template.counterInterval ?? null,
    interventionKind: template.kind,
    description: template.description,
    requiredSkills: template.requiredSkills,
    estimatedDurationMinutes: template.durationMinutes,
    priority: template.priority,
    leadDays: template.leadDays,
    lastDoneOn: lastDoneOn ? dateFromDay(lastDoneOn) : null,
    lastDoneCounter,
    nextDueOn: next?.dueOn ? dateFromDay(next.dueOn) : null,
    nextDueCounter: next?.dueCounter ?? null,
  });
  if (lastDoneOn !== null && lastDoneOn > e.installedOn) {
    out.equipmentEvents.push({
      id: r.uuid(),
      equipmentId: e.id,
      kind: 'inspected',
      occurredAt: at(lastDoneOn, r.between(8 * 60, 16 * 60)),
      summary: `${template.name} : réalisé`,
      data: { service_plan_id: id },
    });
  }
  out.built.push({ id, contractId, site, equipment: e, template, active: contract.active, next, counterReading });
}
