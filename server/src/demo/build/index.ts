// The whole demo company as plain rows, built from a seed and an instant:
// pure (no clock, no Math.random, no I/O but reading the towns' package), so
// the same seed and `now` always give the same company, ids included.
import { addDays } from '@tournee/contracts/calendar';
import { localDay, localMinuteOfDay } from '@tournee/contracts/zoned-time';
import { DemoRandom } from '../random.ts';
import { buildBackOffice, type DemoBackOffice } from './back-office.ts';
import { buildContracts } from './contracts.ts';
import { DEMO_TIME_ZONE, LATE_MINUTE, type BuildContext, type DemoDayRule } from './context.ts';
import { buildDay } from './day.ts';
import { buildDaysAround, type DemoHistory } from './days-around.ts';
import { buildInstalledBase } from './installed-base.ts';
import { buildOrganisation } from './organisation.ts';
import { demoUsers, type DemoUserSpec } from './users.ts';
import { buildWorkforce } from './workforce.ts';

export { at } from './context.ts';
export type { DemoHistory } from './days-around.ts';

export interface DemoCompany {
  /** The demo's day: today (DEMO_DAY auto and today), or tomorrow (DEMO_DAY=next). */
  today: string;
  /** The days seeded with work to plan: the demo's day, and with DEMO_DAY=auto the working days after it. */
  days: string[];
  regions: ReturnType<typeof buildOrganisation>['regions'];
  agencies: ReturnType<typeof buildOrganisation>['agencies'];
  sectors: ReturnType<typeof buildOrganisation>['sectors'];
  skills: ReturnType<typeof buildOrganisation>['skills'];
  technicians: ReturnType<typeof buildWorkforce>['technicians'];
  technicianSkills: ReturnType<typeof buildWorkforce>['technicianSkills'];
  technicianSectors: ReturnType<typeof buildWorkforce>['technicianSectors'];
  shifts: ReturnType<typeof buildWorkforce>['shifts'];
  absences: ReturnType<typeof buildWorkforce>['absences'];
  customers: ReturnType<typeof buildInstalledBase>['customers'];
  sites: ReturnType<typeof buildInstalledBase>['sites'];
  equipment: ReturnType<typeof buildInstalledBase>['equipment'];
  equipmentEvents: ReturnType<typeof buildInstalledBase>['equipmentEvents'];
  contracts: ReturnType<typeof buildContracts>['contracts'];
  servicePlans: ReturnType<typeof buildContracts>['servicePlans'];
  interventions: ReturnType<typeof buildDay>['interventions'];
  interventionSkills: ReturnType<typeof buildDay>['interventionSkills'];
  users: DemoUserSpec[];
  /** The back office: catalogue, depots, planned stock movements, billing set-up. */
  backOffice: DemoBackOffice;
  /** DEMO_DAY=auto: the invoices, payments and warranty claims of the past days, written after the rows (seed.ts). */
  history: DemoHistory | null;
}

/** Any constant: the days around today draw from a generator seeded `seed + this`. */
const AROUND_SEED_OFFSET = 7_919;

export function buildDemoCompany(options: { seed: number; now: Date; day?: DemoDayRule }): DemoCompany {
  const rule = options.day ?? 'auto';
  const late = rule === 'next';
  const calendarDay = localDay(options.now, DEMO_TIME_ZONE);
  const ctx: BuildContext = {
    r: new DemoRandom(options.seed, options.now.getTime()),
    now: options.now,
    today: late ? addDays(calendarDay, 1) : calendarDay,
    dayIsToday: !late,
    rule,
  };
  const org = buildOrganisation(ctx);
  const workforce = buildWorkforce(ctx, org);
  const technicianCounts = new Map(org.built.map((a) => [a.id, workforce.built.filter((t) => t.agency === a).length]));
  const base = buildInstalledBase(ctx, org, technicianCounts);
  const contracts = buildContracts(ctx, base);
  // DEMO_DAY=auto: past LATE_MINUTE no appointment is left to book today (the following days have them).
  const bookToday = rule !== 'auto' || localMinuteOfDay(options.now, DEMO_TIME_ZONE) < LATE_MINUTE;
  const day = buildDay(ctx, org, workforce, base, contracts, { bookVisits: bookToday });
  // Users, then the back office: drawn last from the seeded generator, so the
  // rest of the company is the same as before the back office existed.
  const users = demoUsers(ctx, org, workforce);
  const backOffice = buildBackOffice(ctx, org, workforce, base, contracts, day);
  // DEMO_DAY=auto: the day under way, the days ahead and the history behind,
  // from a generator of their own so that everything above is drawn as before.
  const around =
    rule === 'auto'
      ? buildDaysAround(
          { ...ctx, r: new DemoRandom(options.seed + AROUND_SEED_OFFSET, options.now.getTime()) },
          org,
          workforce,
          base,
          contracts,
          day,
          backOffice,
        )
      : null;
  return {
    today: ctx.today,
    days: around?.days ?? [ctx.today],
    regions: org.regions,
    agencies: org.agencies,
    sectors: org.sectors,
    skills: org.skills,
    technicians: workforce.technicians,
    technicianSkills: workforce.technicianSkills,
    technicianSectors: workforce.technicianSectors,
    shifts: workforce.shifts,
    absences: workforce.absences,
    customers: base.customers,
    sites: base.sites,
    equipment: base.equipment,
    equipmentEvents: [...base.equipmentEvents, ...contracts.equipmentEvents],
    contracts: contracts.contracts,
    servicePlans: contracts.servicePlans,
    interventions: [...day.interventions, ...(around?.interventions ?? [])],
    interventionSkills: [...day.interventionSkills, ...(around?.interventionSkills ?? [])],
    users,
    backOffice,
    history: around?.history ?? null,
  };
}
