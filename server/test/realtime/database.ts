// One migrated PostgreSQL database per test file (dropped afterwards), opened
// the way the server opens it.
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

export function usePostgres(): { readonly db: Database; readonly url: string } {
  let database: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error('database not open yet (use it inside tests or hooks)');
      return db;
    },
    get url() {
      if (!database) throw new Error('database not created yet');
      return database.url;
    },
  };
}
