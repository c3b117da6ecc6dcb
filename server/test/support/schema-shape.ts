// The shape of the database as the Prisma schema (prisma/schema/*.prisma)
// describes it (through Prisma's DMMF, computed offline by @prisma/get-dmmf's
// WebAssembly schema parser) and as a live database reports it
// (information_schema / pg_catalog), in one comparable form: tables, columns
// with basic type and nullability, enums.
import { getDMMF } from '@prisma/get-dmmf';
import type { SqlConnection } from '../../src/db/sql-connection.ts';
import { readSchema, SCHEMA_DIR } from '../../scripts/schema-engine.ts';

export interface ColumnShape {
  readonly table: string;
  readonly column: string;
  /** PostgreSQL udt_name: text, int4, timestamptz, _date (array of date), an enum's name, ... */
  readonly type: string;
  readonly nullable: boolean;
}

export type EnumShape = Record<string, string[]>;

// Column types Prisma gives each scalar when no @db attribute says otherwise.
const DEFAULT_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Float: 'float8',
  Decimal: 'numeric',
  Boolean: 'bool',
  DateTime: 'timestamp',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const NATIVE_TYPES: Record<string, string> = {
  Text: 'text',
  VarChar: 'varchar',
  Char: 'bpchar',
  Uuid: 'uuid',
  Integer: 'int4',
  SmallInt: 'int2',
  BigInt: 'int8',
  DoublePrecision: 'float8',
  Real: 'float4',
  Decimal: 'numeric',
  Boolean: 'bool',
  Timestamp: 'timestamp',
  Timestamptz: 'timestamptz',
  Date: 'date',
  Time: 'time',
  Timetz: 'timetz',
  Json: 'json',
  JsonB: 'jsonb',
  ByteA: 'bytea',
};

export function schemaShape(dir: string = SCHEMA_DIR): { columns: ColumnShape[]; enums: EnumShape } {
  const dmmf = getDMMF({ datamodel: readSchema(dir).map((file) => [file.path, file.content]) });
  if ('reason' in dmmf) throw new Error(`${dir}: ${dmmf.reason}`, { cause: dmmf.error });
  const { datamodel } = dmmf;
  const enumDbName = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const columns: ColumnShape[] = [];
  for (const model of datamodel.models) {
    for (const field of model.fields) {
      if (field.kind === 'object') continue; // relation fields have no column
      const base = field.kind === 'enum' ? enumDbName.get(field.type)! : scalarType(model.name, field.name, field.type, field.nativeType);
      columns.push({
        table: model.dbName ?? model.name,
        column: field.dbName ?? field.name,
        type: field.isList ? `_${base}` : base,
        // Prisma declares scalar lists without NOT NULL.
        nullable: !field.isRequired || field.isList,
      });
    }
  }
  const enums: EnumShape = {};
  for (const e of datamodel.enums) enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  return { columns, enums };
}

function scalarType(model: string, field: string, type: string, native: unknown): string {
  const name = Array.isArray(native) ? String(native[0]) : undefined;
  const mapped = name === undefined ? DEFAULT_TYPES[type] : NATIVE_TYPES[name];
  if (mapped === undefined) throw new Error(`${model}.${field}: teach schema-shape.ts the column type of ${type} ${name ?? ''}`);
  return mapped;
}

export async function databaseShape(conn: SqlConnection): Promise<{ columns: ColumnShape[]; enums: EnumShape }> {
  const rows = await conn.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
  );
  const columns = rows.map((r) => ({ table: r.table_name, column: r.column_name, type: r.udt_name, nullable: r.is_nullable === 'YES' }));
  const enumRows = await conn.query<{ name: string; value: string }>(
    `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t
     JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() ORDER BY t.typname, e.enumsortorder`,
  );
  const enums: EnumShape = {};
  for (const r of enumRows) (enums[r.name] ??= []).push(r.value);
  return { columns, enums };
}

/** Human-readable differences, empty when the database matches the schema. */
export function compareColumns(expected: ColumnShape[], actual: ColumnShape[]): string[] {
  const key = (c: ColumnShape) => `${c.table}.${c.column}`;
  const actualByKey = new Map(actual.map((c) => [key(c), c]));
  const expectedKeys = new Set(expected.map(key));
  const problems: string[] = [];
  for (const want of expected) {
    const got = actualByKey.get(key(want));
    if (got === undefined) problems.push(`${key(want)}: in the Prisma schema, missing from the database`);
    else {
      if (got.type !== want.type) problems.push(`${key(want)}: type ${got.type} in the database, ${want.type} in the Prisma schema`);
      if (got.nullable !== want.nullable) {
        problems.push(
          `${key(want)}: ${got.nullable ? 'nullable' : 'NOT NULL'} in the database, ${want.nullable ? 'optional' : 'required'} in the Prisma schema`,
        );
      }
    }
  }
  for (const got of actual) {
    if (!expectedKeys.has(key(got))) problems.push(`${key(got)}: in the database, not in the Prisma schema`);
  }
  return problems.sort();
}
