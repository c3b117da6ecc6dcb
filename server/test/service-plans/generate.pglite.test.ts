import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { servicePlanScenario } from './support/scenario.ts';
import { freshPgliteDataDir } from '../support/pglite-template.ts';

describe('service plans on PGlite', () => {
  let dataDir: string | undefined;
  let db: Database;
  beforeAll(async () => {
    dataDir = await freshPgliteDataDir('tournee-plans-');
    db = await openDatabase({ dataDir });
  });
  afterAll(async () => {
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates due visits of each kind idempotently, lists the overdue ones, and records completion', () => servicePlanScenario(db.prisma));
});
