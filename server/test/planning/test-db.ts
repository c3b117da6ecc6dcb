// A migrated database for one test file: a throwaway PostgreSQL database when
// the server is reachable (see ../support), or an embedded PGlite folder.
import { rmSync } from 'node:fs';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { freshPgliteDataDir } from '../support/pglite-template.ts';

export interface OpenTestDb {
  readonly db: Database;
  readonly url: string | undefined;
  dispose(): Promise<void>;
}

export async function openPostgresTestDb(): Promise<OpenTestDb> {
  const database = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
  return {
    db,
    url: database.url,
    dispose: async () => {
      await db.close();
      await database.drop();
    },
  };
}

export async function openPgliteTestDb(): Promise<OpenTestDb> {
  const dataDir = await freshPgliteDataDir('tournee-planning-');
  const db = await openDatabase({ dataDir });
  return {
    db,
    url: undefined,
    dispose: async () => {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
