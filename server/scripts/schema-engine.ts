// Prisma's own schema engine, in its WebAssembly build, driven through a
// driver adapter. The CLI's native engine cannot be downloaded here, but this
// one ships on npm (@prisma/schema-engine-wasm, pinned to the commit of
// @prisma/client 7.10.0), so we still get Prisma's exact migration SQL and its
// verdict on our `_prisma_migrations` bookkeeping. Development tooling only:
// the server never loads it.
//
// Known limit: introspecting a live database works through PGlite's adapter,
// not @prisma/adapter-pg ("Column type 'char' could not be deserialized").
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as Wasm from '@prisma/schema-engine-wasm/schema_engine_bg';
import { DEFAULT_MIGRATIONS_DIR, readMigrationFiles } from '../src/db/migration-files.ts';

export type SchemaEngine = Wasm.SchemaEngine;
export type MigrationList = Wasm.MigrationList;

/** prisma/, where prisma.config.ts is: what the CLI passes the engine as its config folder. */
const CONFIG_DIR = join(DEFAULT_MIGRATIONS_DIR, '..');
/** Prisma's multi-file schema: one file per domain, the generator and datasource in schema.prisma. */
export const SCHEMA_DIR = join(CONFIG_DIR, 'schema');
const NO_FILTER = { externalTables: [], externalEnums: [] };

let bindings: Promise<typeof Wasm> | undefined;

// The package's entry point `import`s its .wasm as an ES module, which Node
// 20 cannot do; instantiate it by hand and hand it to the generated glue.
function loadBindings(): Promise<typeof Wasm> {
  return (bindings ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import(pathToFileURL(gluePath).href)) as typeof Wasm;
    const module = new WebAssembly.Module(readFileSync(join(dirname(gluePath), 'schema_engine_bg.wasm')));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return glue;
  })());
}

export interface SchemaFile {
  path: string;
  content: string;
}

/**
 * Every `.prisma` file under `dir` (sub-folders included, as the CLI reads a
 * schema folder), in a stable order: the engine merges them into one schema.
 */
export function readSchema(dir: string = SCHEMA_DIR): SchemaFile[] {
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.prisma'))
    .sort();
  if (names.length === 0) throw new Error(`${dir}: no .prisma file`);
  return names.map((name) => {
    const path = join(dir, name);
    return { path, content: readFileSync(path, 'utf8') };
  });
}

/** Runs `fn` with an engine talking to the database behind `factory`, then frees it. */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: readonly SchemaFile[] | undefined,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  const engine = await SchemaEngine.new(
    { datamodels: schema?.map((file) => [file.path, file.content]) },
    () => {}, // engine logs: nothing we act on
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

/** prisma/migrations in the shape the engine expects (what the CLI builds). */
export function migrationsList(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationList {
  const lockPath = join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: readFileSync(lockPath, 'utf8') },
    shadowDbInitScript: '',
    migrationDirectories: readMigrationFiles(dir).map((file) => ({
      path: file.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: file.sql } },
    })),
  };
}

/**
 * The SQL that would take the connected database to `schema` — what
 * `prisma migrate diff --from-config-datasource --to-schema … --script` prints —
 * or null when they already agree.
 */
export async function diffDatabaseToSchema(engine: SchemaEngine, schema: readonly SchemaFile[]): Promise<string | null> {
  const files = [...schema];
  const result = await engine.diff({
    from: { tag: 'schemaDatasource', files, configDir: CONFIG_DIR },
    to: { tag: 'schemaDatamodel', files },
    script: true,
    exitCode: true,
    filters: NO_FILTER,
  });
  return result.exitCode === 0 ? null : (result.stdout ?? '');
}

/** `prisma migrate deploy`'s reading of the connected database's history. */
export function diagnoseHistory(engine: SchemaEngine, dir?: string) {
  return engine.diagnoseMigrationHistory({ migrationsList: migrationsList(dir), optInToShadowDatabase: false, filters: NO_FILTER });
}

/** `prisma migrate deploy` itself. */
export function deploy(engine: SchemaEngine, dir?: string) {
  return engine.applyMigrations({ migrationsList: migrationsList(dir), filters: NO_FILTER });
}
