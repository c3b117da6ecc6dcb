// The demo seed on a PostgreSQL server (DATABASE_URL), including two
// processes starting at once: exactly one of them seeds.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { expectSeededDemo } from './support/expectations.ts';

const NOW = new Date('2026-11-30T08:00:00Z');
const postgres = await checkPostgres();

describeWithService(postgres, 'seedDemo on PostgreSQL', () => {
  let database: TestDatabase;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
    b = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('seeds once even when two processes start together, and the data holds up', async () => {
    const results = await Promise.all([seedDemo(a.prisma, { seed: 1, now: NOW }), seedDemo(b.prisma, { seed: 1, now: NOW })]);
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    console.log(`[demo] PostgreSQL seed: ${results.find((r) => r.seeded)!.elapsedMs} ms`);
    await expectSeededDemo(a.prisma, '2026-11-30');
    expect((await seedDemo(a.prisma, { seed: 1, now: NOW })).seeded).toBe(false);
  });
});
