// Opens the database the server runs on, migrated and ready:
// - DATABASE_URL set → that PostgreSQL server, through @prisma/adapter-pg;
// - otherwise → an embedded PGlite (PostgreSQL compiled to WebAssembly)
//   persisted under `${dataDir}/pglite`, so a trial install needs no server.
// Both speak the same SQL, so one schema and one set of migrations serve both.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { registerDirectQuery } from './direct-query.ts';
import { migrate, type MigrateResult } from './migrate.ts';
import { connectPg } from './pg-connection.ts';
import { pgliteConnection } from './pglite-connection.ts';

export interface DatabaseOptions {
  /** PostgreSQL connection string; absent or empty → embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where the embedded database lives (in `pglite/` below it). */
  dataDir: string;
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
  log?: (message: string) => void;
}

export interface Database {
  readonly prisma: PrismaClient;
  readonly kind: 'postgresql' | 'pglite';
  /** What start-up migrated (empty when the schema was already current). */
  readonly migrations: MigrateResult;
  close(): Promise<void>;
}

/** The conventions every entry point shares: DATABASE_URL, DATA_DIR (default ./data). */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  return { databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || './data' };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPglite(options);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  // Migrate on a dedicated session: the advisory lock is session-scoped, and
  // Prisma's pool gives no control over which session runs what.
  const conn = await connectPg(url);
  let migrations: MigrateResult;
  try {
    migrations = await migrate(conn, options);
  } finally {
    await conn.close();
  }
  // The pool is ours (Prisma's adapter would make the same one) so that a few hot reads can skip Prisma (direct-query.ts).
  const pool = new pg.Pool({ connectionString: url });
  // An idle session dropped by the server: the pool replaces it; the adapter logs the same once connected.
  pool.on('error', (error) => options.log?.(`PostgreSQL pool: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  registerDirectQuery(prisma, async <Row>(sql: string) => (await pool.query(sql)).rows as Row[]);
  return {
    prisma,
    kind: 'postgresql',
    migrations,
    close: once(async () => {
      await prisma.$disconnect();
      await pool.end();
    }),
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dir = join(resolve(options.dataDir), 'pglite');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  let migrations: MigrateResult;
  try {
    migrations = await migrate(pgliteConnection(db), options);
  } catch (error) {
    await db.close();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  // PGlite's query() waits for any transaction under way on its one session (as Prisma's own queries do).
  registerDirectQuery(prisma, async <Row>(sql: string) => (await db.query<Row>(sql)).rows);
  return {
    prisma,
    kind: 'pglite',
    migrations,
    close: once(async () => {
      // Prisma first: it may still be using the instance. PGlite's close
      // flushes the data folder; skipping it risks a corrupt database.
      await prisma.$disconnect();
      await db.close();
    }),
  };
}

// Shutdown paths (signal handler, test teardown) may both call close().
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
