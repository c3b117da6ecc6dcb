// Seeds the demo company into an empty database: the first `npm start` of a
// bare install shows a realistic Provençal SAV business. Idempotent (nothing
// happens once an agency exists), atomic (one transaction: a crash leaves an
// empty database, which the next start seeds again), serialised across
// processes by an advisory lock, deterministic for a seed and an instant.
import { hashPassword } from '../auth/passwords.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { generateDueVisits, type GenerateResult } from '../service-plans/generate.ts';
import { buildDemoCompany, type DemoCompany, type DemoHistory } from './build/index.ts';
import { insertBackOffice } from './back-office.ts';
import { bulkInsert } from './bulk-insert.ts';
import { writeHistory, type HistoryCounts } from './history.ts';
import { DEMO_PASSWORD } from './build/users.ts';
import type { DemoDayRule } from './build/context.ts';

export { DEMO_PASSWORD } from './build/users.ts';

/** Any constant distinct from Prisma's migration lock (72707369). */
const SEED_LOCK_KEY = 72707370;
/** Preventive visits becoming plannable within this many days are generated. */
export const DEMO_HORIZON_DAYS = 30;

export interface SeedOptions {
  seed: number;
  /** The instant the demo is built around ("today" is its day in Paris). */
  now: Date;
  /** `next`: tomorrow's work, `today`: today's, whatever the hour (default `auto`: today under way, the next working days and the past ones). */
  day?: DemoDayRule;
  log?: (message: string) => void;
}

export interface SeedResult {
  seeded: boolean;
  today?: string;
  /** The days seeded with work to plan (today first). */
  days?: string[];
  /**
   * DEMO_DAY=auto: writes the past days' invoices, payments, credit notes and
   * warranty claims through the back office (history.ts) — a hundred small
   * transactions, which main.ts runs once the server listens rather than
   * holding up its start. Resolves (never rejects) with what was written.
   */
  writeHistory?: (options?: { stopped?: () => boolean }) => Promise<HistoryCounts | null>;
  counts?: Record<string, number>;
  generated?: Pick<GenerateResult, 'created' | 'skipped'>;
  logins?: Array<{ email: string; role: string }>;
  elapsedMs: number;
}

export async function seedDemo(prisma: PrismaClient, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if ((await prisma.agency.count()) > 0) return { seeded: false, elapsedMs: elapsed() };

  const company = buildDemoCompany({ seed: options.seed, now: options.now, ...(options.day ? { day: options.day } : {}) });
  // Hashing is slow by design: once, before the transaction. The demo
  // accounts share one hash: they share a published password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const outcome = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`;
      if ((await tx.agency.count()) > 0) return null; // another process seeded meanwhile
      const backOffice = await insertCompany(tx, company, passwordHash);
      const generated = await generateDueVisits(tx, { today: company.today, horizonDays: DEMO_HORIZON_DAYS }, { inTransaction: true });
      return { ...generated, backOffice };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  if (outcome === null) return { seeded: false, elapsedMs: elapsed() };

  const counts = countsOf(company, outcome.created);
  options.log?.(
    `demo company seeded for ${company.today} in ${elapsed()} ms: ${counts.agencies} agencies, ${counts.technicians} technicians, ` +
      `${counts.sites} sites, ${counts.equipment} pieces of equipment, ${counts.contracts} contracts, ` +
      `${counts.interventionsToday} interventions (${company.days.length > 1 ? `${company.days[0]} to ${company.days[company.days.length - 1]} and the past days` : 'that day'}), ${outcome.created} more visits generated from service plans; ` +
      `back office: ${counts.parts} parts, ${counts.depots} depots, ${outcome.backOffice.movements} stock movements (${outcome.backOffice.ms} ms)`,
  );
  return {
    seeded: true,
    today: company.today,
    days: company.days,
    ...(company.history ? { writeHistory: historyWriter(prisma, company.history, options.log) } : {}),
    counts,
    generated: { created: outcome.created, skipped: outcome.skipped },
    logins: company.users.map((u) => ({ email: u.email, role: u.role })),
    elapsedMs: elapsed(),
  };
}

function historyWriter(prisma: PrismaClient, history: DemoHistory, log: SeedOptions['log']): NonNullable<SeedResult['writeHistory']> {
  return async (options = {}) => {
    const started = performance.now();
    try {
      const counts = await writeHistory(prisma, history, options);
      log?.(
        `demo history: ${counts.invoices} invoices, ${counts.payments} payments, ${counts.creditNotes} credit notes, ${counts.claims} warranty claims (${Math.round(performance.now() - started)} ms)`,
      );
      return counts;
    } catch (error) {
      // The company is there: a demo without part of its past is still a demo.
      log?.(`demo history not written in full: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function insertCompany(tx: Tx, c: DemoCompany, passwordHash: string): Promise<{ movements: number; ms: number }> {
  // Parents before children.
  const tables: Array<[string, readonly object[]]> = [
    ['regions', c.regions],
    ['agencies', c.agencies],
    ['sectors', c.sectors],
    ['skills', c.skills],
    ['technicians', c.technicians],
    ['technician_skills', c.technicianSkills],
    ['technician_sectors', c.technicianSectors],
    ['shifts', c.shifts],
    ['absences', c.absences],
    // Flagged: their password is public, and the login screen says so.
    ['users', c.users.map((u) => ({ id: u.id, email: u.email, name: u.name, passwordHash, role: u.role, technicianId: u.technicianId, demo: true }))],
    ['user_agencies', c.users.filter((u) => u.role === 'dispatcher').flatMap((u) => u.agencyIds.map((agencyId) => ({ userId: u.id, agencyId })))],
    ['customers', c.customers],
    ['sites', c.sites],
    ['equipment', c.equipment],
    ['equipment_events', c.equipmentEvents],
    ['contracts', c.contracts],
    ['service_plans', c.servicePlans],
    ['interventions', c.interventions],
    ['intervention_skills', c.interventionSkills],
  ];
  for (const [table, rows] of tables) await bulkInsert(tx, table, rows as Record<string, unknown>[]);
  const started = performance.now();
  const { movements } = await insertBackOffice(tx, c.backOffice);
  return { movements, ms: Math.round(performance.now() - started) };
}

function countsOf(c: DemoCompany, generated: number): Record<string, number> {
  return {
    regions: c.regions.length,
    agencies: c.agencies.length,
    sectors: c.sectors.length,
    skills: c.skills.length,
    technicians: c.technicians.length,
    shifts: c.shifts.length,
    absences: c.absences.length,
    users: c.users.length,
    customers: c.customers.length,
    sites: c.sites.length,
    equipment: c.equipment.length,
    equipmentEvents: c.equipmentEvents.length,
    contracts: c.contracts.length,
    servicePlans: c.servicePlans.length,
    interventionsToday: c.interventions.length,
    generatedVisits: generated,
    parts: c.backOffice.parts.length,
    suppliers: c.backOffice.suppliers.length,
    depots: c.backOffice.depots.length,
    supplierOrders: c.backOffice.supplierOrders.length,
    interventionParts: c.backOffice.interventionParts.length,
    contractTerms: c.backOffice.contractTerms.length,
    warranties: c.backOffice.warranties.length,
  };
}
