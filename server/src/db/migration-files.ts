// Reads prisma/migrations the way Prisma's schema engine does: one folder per
// migration, applied in lexicographic order of folder names (which start with
// a UTC timestamp), each holding a migration.sql whose checksum is the SHA-256
// of the file's bytes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MigrationFile {
  /** Folder name, e.g. `20261128090000_init`; the `migration_name` column. */
  readonly name: string;
  readonly sql: string;
  /** Lower-case hex SHA-256 of migration.sql, as `prisma migrate deploy` stores it. */
  readonly checksum: string;
}

/** The repository's prisma/migrations, found from this file so any cwd works. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

export function checksumOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function readMigrationFiles(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`migrations folder not found: ${dir}`);
  checkLockfile(dir);
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const file = join(dir, name, 'migration.sql');
      if (!existsSync(file)) throw new Error(`migration ${name} has no migration.sql (${file})`);
      const bytes = readFileSync(file);
      return { name, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) };
    });
}

// Prisma refuses to apply migrations written for another provider; so do we,
// since they would fail halfway through anyway.
function checkLockfile(dir: string): void {
  const file = join(dir, 'migration_lock.toml');
  if (!existsSync(file)) return;
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (provider !== undefined && provider !== 'postgresql') {
    throw new Error(`${file} says provider = "${provider}"; Tournée's migrations target "postgresql"`);
  }
}
