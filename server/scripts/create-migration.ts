// `npm run db:migration -- <name>`: writes the next migration after an edit
// of the Prisma schema (prisma/schema/*.prisma), as `prisma migrate dev
// --create-only` would, but offline. The existing migrations are replayed
// into a throwaway in-memory PGlite (our shadow database) and Prisma's schema
// engine diffs it against the schema. Review the SQL, then commit it with the
// schema change.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { migrate } from '../src/db/migrate.ts';
import { DEFAULT_MIGRATIONS_DIR } from '../src/db/migration-files.ts';
import { pgliteConnection } from '../src/db/pglite-connection.ts';
import { diffDatabaseToSchema, readSchema, withSchemaEngine } from './schema-engine.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- <name in snake_case>');
  process.exit(2);
}

const shadow = await PGlite.create();
try {
  await migrate(pgliteConnection(shadow));
  const schema = readSchema();
  const sql = await withSchemaEngine(new PrismaPGlite(shadow), schema, (engine) => diffDatabaseToSchema(engine, schema));
  if (sql === null) {
    console.log('prisma/schema/ matches the migrations: nothing to write.');
  } else {
    const folder = `${utcStamp(new Date())}_${name}`;
    mkdirSync(join(DEFAULT_MIGRATIONS_DIR, folder));
    writeFileSync(join(DEFAULT_MIGRATIONS_DIR, folder, 'migration.sql'), sql);
    console.log(`wrote prisma/migrations/${folder}/migration.sql`);
  }
} finally {
  await shadow.close();
}

// Prisma's folder prefix: YYYYMMDDHHMMSS in UTC.
function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
