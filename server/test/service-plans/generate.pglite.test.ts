import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { servicePlanScenario } from './support/scenario.ts';

describe('service plans on PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tournee-plans-'));
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir });
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('generates due visits of each kind idempotently, lists the overdue ones, and records completion', () => servicePlanScenario(db.prisma));
});
