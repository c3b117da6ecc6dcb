// Drift: the migrations must build exactly the database the Prisma schema
// (prisma/schema/*.prisma, one file per domain) describes — otherwise Prisma
// would generate queries for columns that do not exist. Two checks: every
// model's table and columns (name, basic type, nullability) and every enum
// against the live catalog, on PGlite and on PostgreSQL; and, on PGlite,
// Prisma's own schema engine diffing the migrated database against the
// schema (indexes, foreign keys, defaults included).
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { connectPg, type PgConnection } from '../../src/db/pg-connection.ts';
import { pgliteConnection } from '../../src/db/pglite-connection.ts';
import type { SqlConnection } from '../../src/db/sql-connection.ts';
import { diffDatabaseToSchema, readSchema, withSchemaEngine } from '../../scripts/schema-engine.ts';
import { compareColumns, databaseShape, schemaShape } from '../support/schema-shape.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const expected = schemaShape();

function shapeChecks(connection: () => SqlConnection): void {
  it('has a table for every model and the columns the schema declares, no more, no less', async () => {
    const actual = await databaseShape(connection());
    expect(compareColumns(expected.columns, actual.columns)).toEqual([]);
    expect(new Set(actual.columns.map((c) => c.table)).size).toBe(new Set(expected.columns.map((c) => c.table)).size);
  });

  it('has the enums the schema declares, values in order', async () => {
    expect((await databaseShape(connection())).enums).toEqual(expected.enums);
  });
}

describe('schema drift on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
    await migrate(pgliteConnection(db));
  });
  afterAll(() => db?.close());

  shapeChecks(() => pgliteConnection(db));

  it("leaves Prisma's schema engine nothing to change (what `migrate dev` would generate is empty)", async () => {
    const schema = readSchema();
    const sql = await withSchemaEngine(new PrismaPGlite(db), schema, (engine) => diffDatabaseToSchema(engine, schema));
    // On failure: this SQL is the migration to add (npm run db:migration -- <name>).
    expect(sql).toBeNull();
  });
});

const postgres = await checkPostgres();
describeWithService(postgres, 'schema drift on PostgreSQL', () => {
  let database: TestDatabase;
  let conn: PgConnection;
  beforeAll(async () => {
    database = await createTestDatabase();
    conn = await connectPg(database.url);
    await migrate(conn);
  });
  afterAll(async () => {
    await conn?.close();
    await database?.drop();
  });

  shapeChecks(() => conn);
});
