/**
 * Spreadsheet import benchmark (issue 13): on the embedded default (PGlite),
 * in this process, through the same functions as the API and the CLI —
 *
 * - 2,000 customers from a CSV, then their 2,000 sites (CSV, not timed in the table's first rows),
 * - 10,000 equipment from an XLSX workbook (as-sold attributes),
 *
 * each uploaded, dry-run, imported, imported a second time (nothing changes),
 * and undone; prints rows per second per step and the process's peak resident
 * memory (which includes PGlite's own, in the same process) with the load average.
 *
 *     npm run bench:import
 *     npm run bench:import -- --equipment 10000 --customers 2000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportKind } from '@tournee/contracts/import';
import type { Claims } from '../../server/src/auth/tokens.ts';
import { openDatabase, type Database } from '../../server/src/db/client.ts';
import { claimBatch, runBatch } from '../../server/src/import/run-batch.ts';
import { undoBatch } from '../../server/src/import/undo-batch.ts';
import { uploadFile } from '../../server/src/import/upload.ts';
import { customersCsv, equipmentWorkbook, sitesCsv } from './generate.ts';

const { values: args } = parseArgs({
  options: { equipment: { type: 'string', default: '10000' }, customers: { type: 'string', default: '2000' } },
});
const EQUIPMENT = Number(args.equipment);
const CUSTOMERS = Number(args.customers);
if (!(EQUIPMENT > 0 && CUSTOMERS > 0)) throw new Error('--equipment and --customers must be positive numbers');

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

interface Step {
  readonly what: string;
  readonly rows: number;
  readonly seconds: number;
  readonly peakRssMb: string;
  readonly result: string;
}

async function timed(what: string, rows: number, work: () => Promise<string>): Promise<Step> {
  peak = process.memoryUsage().rss;
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  const step = { what, rows, seconds, peakRssMb: mb(peak), result };
  console.error(`${what}: ${seconds.toFixed(1)} s, ${result}`);
  return step;
}

async function importFile(db: Database, auth: Claims, kind: ImportKind, fileName: string, bytes: Uint8Array, mode: 'dry-run' | 'import') {
  const upload = await uploadFile(db.prisma, { kind, fileName, bytes, user: { id: auth.sub, name: 'bench' } });
  await claimBatch(db.prisma, upload.batch.id, mode, upload.proposedMapping);
  const b = await runBatch(db.prisma, upload.batch.id, mode, auth);
  if (b.status === 'failed') throw new Error(`${fileName}: ${b.error}`);
  return { id: b.id, summary: `${b.created} created, ${b.updated} updated, ${b.unchanged} unchanged, ${b.refused} refused` };
}

const dir = mkdtempSync(join(os.tmpdir(), 'tournee-bench-import-'));
const db = await openDatabase({ dataDir: join(dir, 'pglite') });
try {
  const user = await db.prisma.user.create({ data: { email: 'bench@tournee.test', name: 'Bench', role: 'admin', passwordHash: 'x' } });
  const auth: Claims = { sub: user.id, role: 'admin', agencyIds: [] };
  const customers = new TextEncoder().encode(customersCsv(CUSTOMERS));
  const sites = new TextEncoder().encode(sitesCsv(CUSTOMERS));
  const workbook = await equipmentWorkbook(EQUIPMENT, CUSTOMERS);
  console.error(`files: customers CSV ${(customers.length / 1024).toFixed(0)} KB, equipment XLSX ${(workbook.length / 1024).toFixed(0)} KB`);
  // What the process holds before any import: Node, Prisma, PGlite's WebAssembly heap, the files.
  const baselineRss = mb(process.memoryUsage().rss);
  const steps: Step[] = [];
  let equipmentBatch = '';
  steps.push(
    await timed(`customers CSV, dry run`, CUSTOMERS, async () => (await importFile(db, auth, 'customers', 'clients.csv', customers, 'dry-run')).summary),
  );
  steps.push(
    await timed(`customers CSV, import`, CUSTOMERS, async () => {
      return (await importFile(db, auth, 'customers', 'clients.csv', customers, 'import')).summary;
    }),
  );
  steps.push(
    await timed(`customers CSV, second import`, CUSTOMERS, async () => (await importFile(db, auth, 'customers', 'clients.csv', customers, 'import')).summary),
  );
  await importFile(db, auth, 'sites', 'sites.csv', sites, 'import');
  steps.push(
    await timed(`equipment XLSX, dry run`, EQUIPMENT, async () => (await importFile(db, auth, 'equipment', 'parc.xlsx', workbook, 'dry-run')).summary),
  );
  steps.push(
    await timed(`equipment XLSX, import`, EQUIPMENT, async () => {
      const r = await importFile(db, auth, 'equipment', 'parc.xlsx', workbook, 'import');
      equipmentBatch = r.id;
      return r.summary;
    }),
  );
  steps.push(
    await timed(`equipment XLSX, second import`, EQUIPMENT, async () => (await importFile(db, auth, 'equipment', 'parc.xlsx', workbook, 'import')).summary),
  );
  steps.push(await timed(`equipment XLSX, undo`, EQUIPMENT, async () => `${(await undoBatch(db.prisma, equipmentBatch, auth)).status}`));

  const [l1, l5] = os.loadavg();
  console.log(
    `Spreadsheet import, PGlite, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} (1 / 5 min), ${os.cpus().length} cores, RSS before the first import ${baselineRss} MB`,
  );
  console.log('');
  console.log('| step | rows | seconds | rows/s | peak RSS (MB) | result |');
  console.log('| ---- | ---: | ------: | -----: | ------------: | ------ |');
  for (const s of steps)
    console.log(
      `| ${s.what} | ${s.rows.toLocaleString('en')} | ${s.seconds.toFixed(1)} | ${Math.round(s.rows / s.seconds).toLocaleString('en')} | ${s.peakRssMb} | ${s.result} |`,
    );
} finally {
  clearInterval(sampler);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
