// A real database per test file for the back office: a throwaway PostgreSQL
// database (skipped without PostgreSQL, failing under CI=true), or an
// embedded PGlite for the tests that must also hold there. Seeded with the
// HTTP fixtures' two-agency company plus a parts catalogue and depots.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { seedFixtures } from '../http/fixtures.ts';
import { checkPostgres } from '../support/services.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { freshPgliteDataDir } from '../support/pglite-template.ts';

export const postgres = await checkPostgres();

export type Opened = { db: Database; url?: string; cleanup(): Promise<void> };

export async function openPostgres(): Promise<Opened> {
  const database = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
  return {
    db,
    url: database.url,
    cleanup: async () => {
      await db.close();
      await database.drop();
    },
  };
}

export async function openPglite(): Promise<Opened> {
  const dir = await freshPgliteDataDir('tournee-back-office-');
  const db = await openDatabase({ dataDir: dir });
  return {
    db,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function seedBackOffice(prisma: PrismaClient) {
  const base = await seedFixtures(prisma);
  const supplier = await prisma.supplier.create({ data: { code: 'ATL', name: 'Atlantic Distribution', accountNumber: '401ATL' } });
  const other = await prisma.supplier.create({ data: { code: 'DAI', name: 'Daikin France' } });
  const part = (reference: string, unitCostCents: number, unitPriceCents: number, extra: Record<string, unknown> = {}) =>
    prisma.part.create({ data: { reference, name: `Pièce ${reference}`, unitCostCents, unitPriceCents, preferredSupplierId: supplier.id, ...extra } });
  const parts = {
    capacitor: await part('CAP-35', 1_200, 2_900),
    fan: await part('FAN-220', 8_000, 15_000),
    filter: await part('FLT-10', 300, 900, { preferredSupplierId: other.id }),
    heatPump: await part('PAC-8KW', 250_000, 420_000, { energyEfficient: true }),
  };
  const depot = (agencyId: string, code: string, kind: 'central' | 'van', technicianId: string | null = null, allowNegative = false) =>
    prisma.depot.create({ data: { agencyId, code, name: `Dépôt ${code}`, kind, technicianId, allowNegative } });
  const depots = {
    centralA: await depot(base.agencyA.id, 'AIX-C', 'central'),
    van1: await depot(base.agencyA.id, 'VAN-1', 'van', base.t1.id),
    van2: await depot(base.agencyA.id, 'VAN-2', 'van', base.t2.id),
    centralB: await depot(base.agencyB.id, 'MRS-C', 'central'),
    loose: await depot(base.agencyA.id, 'AIX-L', 'central', null, true),
  };
  return { ...base, supplier, other, parts, depots };
}

export type BackOfficeFixtures = Awaited<ReturnType<typeof seedBackOffice>>;

/** Opens a database and seeds it for the enclosing describe. */
export function useSeededDatabase(open: () => Promise<Opened>): () => { prisma: PrismaClient; f: BackOfficeFixtures; db: Database; url?: string | undefined } {
  let state: { prisma: PrismaClient; f: BackOfficeFixtures; db: Database; url?: string | undefined } | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    state = { prisma: opened.db.prisma, db: opened.db, url: opened.url, f: await seedBackOffice(opened.db.prisma) };
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
  }, 60_000);
  return () => {
    if (!state) throw new Error('database not open');
    return state;
  };
}

/** Every journal entry balances: debit = credit, at least two lines. */
export async function unbalancedEntries(prisma: PrismaClient): Promise<unknown[]> {
  return prisma.$queryRaw<unknown[]>`
    SELECT e.id, sum(l.debit_cents) AS debit, sum(l.credit_cents) AS credit, count(l.id) AS lines
    FROM journal_entries e LEFT JOIN journal_lines l ON l.entry_id = e.id
    GROUP BY e.id HAVING count(l.id) < 2 OR sum(l.debit_cents) <> sum(l.credit_cents)`;
}
