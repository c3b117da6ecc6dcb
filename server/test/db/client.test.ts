// openDatabase: embedded PGlite without DATABASE_URL, PostgreSQL with it;
// migrated on open, usable through Prisma, closed cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOptionsFromEnv, openDatabase } from '../../src/db/client.ts';
import { crudRoundTrip } from '../support/crud-round-trip.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('databaseOptionsFromEnv', () => {
  it('defaults to embedded storage under ./data', () => {
    expect(databaseOptionsFromEnv({})).toEqual({ databaseUrl: undefined, dataDir: './data' });
    expect(databaseOptionsFromEnv({ DATABASE_URL: 'postgresql://x/y', DATA_DIR: '/srv/tournee' })).toEqual({
      databaseUrl: 'postgresql://x/y',
      dataDir: '/srv/tournee',
    });
  });
});

describe('openDatabase on embedded PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tournee-pglite-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates and migrates the data folder, round-trips through Prisma, and reopens without migrating again', async () => {
    const first = await openDatabase({ dataDir });
    try {
      expect(first.kind).toBe('pglite');
      expect(first.migrations.applied).toContain('20261128000000_init');
      await crudRoundTrip(first.prisma);
    } finally {
      await first.close();
    }
    await first.close(); // idempotent: shutdown paths may overlap

    const second = await openDatabase({ dataDir });
    try {
      expect(second.migrations.applied).toEqual([]);
      expect(await second.prisma.intervention.count()).toBe(1); // persisted in the folder
    } finally {
      await second.close();
    }
  });
});

const postgres = await checkPostgres();
describeWithService(postgres, 'openDatabase on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('migrates, round-trips through Prisma, and reopens without migrating again', async () => {
    const first = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
    try {
      expect(first.kind).toBe('postgresql');
      expect(first.migrations.applied).toContain('20261128000000_init');
      await crudRoundTrip(first.prisma);
    } finally {
      await first.close();
    }
    const second = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
    try {
      expect(second.migrations.applied).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
