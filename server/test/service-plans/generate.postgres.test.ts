import { afterAll, beforeAll, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { servicePlanScenario } from './support/scenario.ts';

const postgres = await checkPostgres();

describeWithService(postgres, 'service plans on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('generates due visits of each kind idempotently, lists the overdue ones, and records completion', () => servicePlanScenario(db.prisma));
});
