// The migration runner on embedded PGlite: bookkeeping identical to
// `prisma migrate deploy` (checked by Prisma's own engine), idempotence,
// and refusals (edited migration, earlier failure).
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MigrationHistoryError } from '../../src/db/migrate.ts';
import { checksumOf, DEFAULT_MIGRATIONS_DIR, readMigrationFiles } from '../../src/db/migration-files.ts';
import { pgliteConnection } from '../../src/db/pglite-connection.ts';
import type { SqlConnection } from '../../src/db/sql-connection.ts';
import { deploy, diagnoseHistory, withSchemaEngine } from '../../scripts/schema-engine.ts';

const allNames = readMigrationFiles().map((m) => m.name);

describe('migrate on PGlite', () => {
  let db: PGlite;
  let conn: SqlConnection;
  const scratch = mkdtempSync(join(tmpdir(), 'tournee-migrations-'));
  // A private copy of prisma/migrations that a test may edit.
  const copyMigrations = (name: string): string => {
    const dir = join(scratch, name);
    cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    db = await PGlite.create();
    conn = pgliteConnection(db);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('applies every migration, then does nothing on the next start', async () => {
    expect((await migrate(conn)).applied).toEqual(allNames);
    expect((await migrate(conn)).applied).toEqual([]);
  });

  it('records each migration as prisma migrate deploy does', async () => {
    const rows = await conn.query<Record<string, unknown>>('SELECT * FROM "_prisma_migrations" ORDER BY started_at');
    expect(rows.map((r) => r.migration_name)).toEqual(allNames);
    for (const row of rows) {
      const sql = readFileSync(join(DEFAULT_MIGRATIONS_DIR, String(row.migration_name), 'migration.sql'));
      expect(row.checksum).toBe(checksumOf(sql));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
      expect([row.logs, row.rolled_back_at]).toEqual([null, null]);
    }
  });

  it("is accepted by Prisma's schema engine: clean history, nothing left to deploy", async () => {
    await withSchemaEngine(new PrismaPGlite(db), undefined, async (engine) => {
      const diagnosis = await diagnoseHistory(engine);
      expect(diagnosis).toMatchObject({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
      expect((await deploy(engine)).appliedMigrationNames).toEqual([]);
    });
  });

  it('refuses to start when an applied migration file was edited', async () => {
    const dir = copyMigrations('edited');
    appendFileSync(join(dir, allNames[0]!, 'migration.sql'), '\n-- an innocent-looking edit\n');
    const attempt = migrate(conn, { migrationsDir: dir });
    await expect(attempt).rejects.toThrow(MigrationHistoryError);
    await expect(attempt).rejects.toThrow(new RegExp(`migration ${allNames[0]} was modified after it was applied`));
  });

  it('rolls a failing migration back, records the failure, and refuses until it is resolved', async () => {
    const dir = copyMigrations('failing');
    const name = '99990101000000_broken';
    mkdirSync(join(dir, name));
    const file = join(dir, name, 'migration.sql');
    writeFileSync(file, 'CREATE TABLE "half_done" ("id" TEXT);\nSELECT * FROM "no_such_table";\n');

    await expect(migrate(conn, { migrationsDir: dir })).rejects.toThrow(/99990101000000_broken failed and was rolled back/);
    const tables = await conn.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(tables).toHaveLength(0);
    const [failed] = await conn.query<{ finished_at: unknown; logs: string }>('SELECT finished_at, logs FROM "_prisma_migrations" WHERE migration_name = $1', [
      name,
    ]);
    expect(failed?.finished_at).toBeNull();
    expect(failed?.logs).toMatch(/no_such_table/);

    writeFileSync(file, 'CREATE TABLE "half_done" ("id" TEXT);\n');
    await expect(migrate(conn, { migrationsDir: dir })).rejects.toThrow(/failed earlier.*prisma migrate resolve --rolled-back 99990101000000_broken/);

    await conn.query('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL', [name]);
    expect((await migrate(conn, { migrationsDir: dir })).applied).toEqual([name]);
  });
});
