// Applies prisma/migrations at start-up, bookkeeping in `_prisma_migrations`
// exactly like `prisma migrate deploy`, so the official CLI (where its schema
// engine can run) sees the same history and carries on from it.
//
// Differences from deploy, all on the safe side:
// - each migration runs inside an explicit transaction together with its
//   bookkeeping row, so a failure leaves neither half-applied DDL nor a row
//   claiming success;
// - a migration whose file changed after it was applied stops the start-up
//   (deploy ignores edits; running code against a schema it does not describe
//   is how data gets corrupted).
import { randomUUID } from 'node:crypto';
import { DEFAULT_MIGRATIONS_DIR, readMigrationFiles, type MigrationFile } from './migration-files.ts';
import type { SqlConnection } from './sql-connection.ts';

// The key Prisma's schema engine locks on, so our runner and a concurrent
// `prisma migrate deploy` also wait for each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Column for column what Prisma's schema engine creates for PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's engine writes millisecond timestamps; so do we.
const MILLIS = (expr: string): string => `date_trunc('milliseconds', ${expr})`;

export interface MigrateOptions {
  migrationsDir?: string;
  log?: (message: string) => void;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order (empty: nothing to do). */
  applied: string[];
}

/** Thrown when the database's migration history forbids starting. */
export class MigrationHistoryError extends Error {
  override name = 'MigrationHistoryError';
}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
  logs: string | null;
}

export async function migrate(conn: SqlConnection, options: MigrateOptions = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const files = readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  // Session-level lock: a second process starting at the same time blocks
  // here, then finds everything applied.
  await conn.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
  try {
    await conn.execScript(CREATE_MIGRATIONS_TABLE);
    const history = await conn.query<HistoryRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at',
    );
    const applied = checkHistory(files, history, log);
    const pending = files.filter((file) => !applied.has(file.name));
    for (const file of pending) {
      log(`applying migration ${file.name}`);
      await applyOne(conn, file);
    }
    return { applied: pending.map((file) => file.name) };
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
  }
}

/** Returns the names of applied migrations; throws when starting would be unsafe. */
function checkHistory(files: MigrationFile[], history: HistoryRow[], log: (message: string) => void): Set<string> {
  const byName = new Map(files.map((file) => [file.name, file]));
  const applied = new Set<string>();
  for (const row of history) {
    if (row.rolled_back_at !== null) continue; // deploy re-applies rolled-back migrations
    if (row.finished_at === null) {
      throw new MigrationHistoryError(
        `migration ${row.migration_name} failed earlier and is recorded as unfinished in _prisma_migrations` +
          (row.logs ? ` (${firstLine(row.logs)})` : '') +
          `. Fix the cause, then mark it rolled back (\`prisma migrate resolve --rolled-back ${row.migration_name}\`, ` +
          `or UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${row.migration_name}' AND finished_at IS NULL) and restart.`,
      );
    }
    const file = byName.get(row.migration_name);
    if (file === undefined) {
      // A newer release migrated this database; older code may still run on it.
      log(`migration ${row.migration_name} is applied but unknown to this release`);
    } else if (file.checksum !== row.checksum) {
      throw new MigrationHistoryError(
        `migration ${row.migration_name} was modified after it was applied: ` +
          `prisma/migrations/${row.migration_name}/migration.sql has checksum ${file.checksum}, ` +
          `the database recorded ${row.checksum}. Restore the file as it was applied and put the change in a new migration.`,
      );
    }
    applied.add(row.migration_name);
  }
  return applied;
}

async function applyOne(conn: SqlConnection, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await conn.query('BEGIN');
  try {
    await conn.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, ${MILLIS('now()')}, 0)`,
      [id, file.checksum, file.name],
    );
    await conn.execScript(file.sql);
    // clock_timestamp(): now() would repeat the transaction's start time.
    await conn.query(`UPDATE "_prisma_migrations" SET finished_at = ${MILLIS('clock_timestamp()')}, applied_steps_count = 1 WHERE id = $1`, [id]);
    await conn.query('COMMIT');
  } catch (error) {
    await conn.query('ROLLBACK').catch(() => {}); // keep the migration's error, not the rollback's
    const message = error instanceof Error ? error.message : String(error);
    // Recorded like deploy records a failure (unfinished row with logs), so
    // the next start-up refuses until someone has looked at it.
    await conn.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, logs, applied_steps_count) VALUES ($1, $2, $3, ${MILLIS('now()')}, $4, 0)`,
      [id, file.checksum, file.name, message],
    );
    throw new MigrationHistoryError(`migration ${file.name} failed and was rolled back: ${message}`, { cause: error });
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
