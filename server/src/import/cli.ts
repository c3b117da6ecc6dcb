// The import from the command line, on the database `npm start` uses
// (DATABASE_URL, or the embedded one in DATA_DIR):
//
//   npm run import -- --kind equipment parc.xlsx [--dry-run] [--mapping mapping.json] [--user admin@example.fr]
//   npm run import -- --undo <batch id>
//
// The same batches as the back office's Importer screen (undo them there or
// here). Without --mapping, the proposed mapping (the company's last one for
// the kind, else the headers' names) is used; it is printed so it can be saved,
// edited and passed back. Exit code 0 when no line was refused, 1 when some
// were (the report says why), 2 on a usage or file error.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_KINDS, ImportMapping, type ImportKind, type ImportLine } from '@tournee/contracts/import';
import type { Claims } from '../auth/tokens.ts';
import { databaseOptionsFromEnv, openDatabase, type Database } from '../db/client.ts';
import { ImportConflictError, ImportMappingError } from './errors.ts';
import { UnreadableFileError } from './read-spreadsheet.ts';
import { claimBatch, runBatch } from './run-batch.ts';
import { undoBatch } from './undo-batch.ts';
import { MAX_IMPORT_BYTES, uploadFile } from './upload.ts';

const USAGE = `usage: npm run import -- --kind <${IMPORT_KINDS.join('|')}> <file.csv|file.xlsx> [--dry-run] [--mapping mapping.json] [--user email]
       npm run import -- --undo <batch id> [--user email]`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export async function main(argv: readonly string[], db: Database, io: CliOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        mapping: { type: 'string' },
        user: { type: 'string' },
        undo: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  try {
    const user = await actingUser(db, values.user);
    const auth: Claims = { sub: user.id, role: user.role, agencyIds: user.agencyIds };
    if (values.undo) {
      if (positionals.length) throw new UsageError('--undo takes no file');
      const batch = await undoBatch(db.prisma, values.undo, auth);
      io.out(`undone: ${batch.fileName} (${batch.kind}) — ${batch.created} created deleted, ${batch.updated} updated restored`);
      return 0;
    }
    if (!values.kind || !(IMPORT_KINDS as readonly string[]).includes(values.kind)) throw new UsageError(`--kind must be one of ${IMPORT_KINDS.join(', ')}`);
    if (positionals.length !== 1) throw new UsageError('give exactly one file');
    const file = positionals[0]!;
    const bytes = readFile(file);
    const upload = await uploadFile(db.prisma, {
      kind: values.kind as ImportKind,
      fileName: basename(file),
      bytes,
      user: { id: user.id, name: `${user.name} (ligne de commande)` },
    });
    const mapping = values.mapping ? readMapping(values.mapping) : upload.proposedMapping;
    io.err(`mapping: ${JSON.stringify(mapping)}`);
    const mode = values['dry-run'] ? 'dry-run' : 'import';
    await claimBatch(db.prisma, upload.batch.id, mode, mapping);
    const started = Date.now();
    const batch = await runBatch(db.prisma, upload.batch.id, mode, auth, (c, total) => io.err(`${c.processed}/${total} lines`));
    if (batch.status === 'failed') {
      io.err(`the import failed and was reverted: ${batch.error}`);
      return 2;
    }
    const { report } = await db.prisma.importBatch.findUniqueOrThrow({ where: { id: batch.id }, select: { report: true } });
    for (const line of report as ImportLine[]) {
      if (line.action === 'refuse') io.out(`line ${line.line}: refused — ${line.errors!.map((e) => `${e.column ?? e.field}: ${e.message}`).join('; ')}`);
    }
    const verb = mode === 'dry-run' ? 'would be' : 'were';
    io.out(
      `${mode === 'dry-run' ? 'dry run' : 'imported'} ${batch.fileName} (batch ${batch.id}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${batch.created} ${verb} created, ${batch.updated} updated, ${batch.unchanged} unchanged, ${batch.refused} refused`,
    );
    return batch.refused > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) io.err(`${error.message}\n${USAGE}`);
    else if (error instanceof UnreadableFileError || error instanceof ImportConflictError || error instanceof ImportMappingError) io.err(error.message);
    else throw error;
    return 2;
  }
}

function readFile(path: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (bytes.length > MAX_IMPORT_BYTES) throw new UsageError(`${path} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it`);
  return bytes;
}

function readMapping(path: string): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--mapping ${path}: not a JSON file (${(error as Error).message})`);
  }
  const parsed = ImportMapping.safeParse(json);
  if (!parsed.success) throw new UsageError(`--mapping ${path}: expected {"column header": "field" or null, …}`);
  return parsed.data;
}

/** The user the batch is recorded for: --user (an admin or dispatcher), else the first active admin. */
async function actingUser(db: Database, email: string | undefined) {
  const user = await db.prisma.user.findFirst({
    where: email ? { email: email.toLowerCase(), active: true } : { role: 'admin', active: true },
    orderBy: { createdAt: 'asc' },
    include: { agencies: { select: { agencyId: true } } },
  });
  if (!user) throw new UsageError(email ? `no active user ${email}` : 'no active admin: create one, or pass --user');
  if (user.role === 'technician') throw new UsageError(`${user.email} is a technician: imports are an admin's or a dispatcher's`);
  return { id: user.id, name: user.name, role: user.role, agencyIds: user.agencies.map((a) => a.agencyId) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const db = await openDatabase(databaseOptionsFromEnv());
  try {
    process.exitCode = await main(process.argv.slice(2), db, { out: (l) => console.log(l), err: (l) => console.error(l) });
  } finally {
    await db.close();
  }
}
