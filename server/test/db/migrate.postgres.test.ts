// The migration runner on a real PostgreSQL server: two processes starting
// at once apply each migration once; the bookkeeping is deploy's, column for
// column; an edited migration stops the start-up.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, MigrationHistoryError } from '../../src/db/migrate.ts';
import { readMigrationFiles } from '../../src/db/migration-files.ts';
import { connectPg, type PgConnection } from '../../src/db/pg-connection.ts';
import { deploy, diagnoseHistory, withSchemaEngine } from '../../scripts/schema-engine.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const files = readMigrationFiles();
const postgres = await checkPostgres();

describeWithService(postgres, 'migrate on PostgreSQL', () => {
  let database: TestDatabase;
  let conn: PgConnection;
  beforeAll(async () => {
    database = await createTestDatabase();
    conn = await connectPg(database.url);
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  it('applies each migration once when two processes start together', async () => {
    const [a, b] = await Promise.all([connectPg(database.url), connectPg(database.url)]);
    try {
      const results = await Promise.all([migrate(a), migrate(b)]);
      expect(results.map((r) => r.applied).sort((x, y) => y.length - x.length)).toEqual([files.map((f) => f.name), []]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const rows = await conn.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.map((r) => r.migration_name).sort()).toEqual(files.map((f) => f.name));
  });

  it('does nothing on the next start', async () => {
    expect((await migrate(conn)).applied).toEqual([]);
  });

  it('keeps _prisma_migrations exactly as Prisma defines and fills it', async () => {
    const columns = await conn.query(
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    // Captured from a table created by Prisma's schema engine (applyMigrations).
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', character_maximum_length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', character_maximum_length: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', character_maximum_length: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', character_maximum_length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', character_maximum_length: null, is_nullable: 'NO', column_default: '0' },
    ]);
    const rows = await conn.query<Record<string, unknown>>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count, r.logs, r.rolled_back_at])).toEqual(
      files.map((f) => [f.name, f.checksum, 1, null, null]),
    );
    for (const row of rows) expect(row.finished_at).toBeInstanceOf(Date);
  });

  it("is accepted by Prisma's schema engine: clean history, nothing left to deploy", async () => {
    // Our own pool, ended afterwards: the engine takes Prisma's advisory lock
    // on one of its sessions and never releases it while that session lives.
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      await withSchemaEngine(new PrismaPg(pool), undefined, async (engine) => {
        expect(await diagnoseHistory(engine)).toMatchObject({ editedMigrationNames: [], failedMigrationNames: [], history: null });
        expect((await deploy(engine)).appliedMigrationNames).toEqual([]);
      });
    } finally {
      await pool.end();
    }
  });

  it('refuses to start when a migration changed after it was applied', async () => {
    const [first] = files;
    await conn.query('UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2', ['0'.repeat(64), first!.name]);
    try {
      const attempt = migrate(conn);
      await expect(attempt).rejects.toThrow(MigrationHistoryError);
      await expect(attempt).rejects.toThrow(
        `migration ${first!.name} was modified after it was applied: prisma/migrations/${first!.name}/migration.sql has checksum ${first!.checksum}, the database recorded ${'0'.repeat(64)}`,
      );
    } finally {
      await conn.query('UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2', [first!.checksum, first!.name]);
    }
  });
});
