/**
 * API load benchmark (issue 11, finding 10): the server as `npm start` runs
 * it, in its own process, under three loads one after the other —
 *
 * - reads: `--readers` clients (200) each reading `GET /api/interventions?limit=200`
 *   as the demo's dispatcher, the next as soon as the last answered;
 * - writes: `--writers` clients (50) each PATCHing its own intervention with
 *   the version it last read (optimistic writes that never conflict);
 * - positions: `--technicians` devices (2,000) each posting its position once
 *   every `--position-period-ms` (5 s) through `POST /api/positions`, with a
 *   gateway's (admin) token, one position per request.
 *
 * and prints p50/p99/max latency, throughput, errors and the server process's
 * CPU time per request for each load, with the machine's load average beside
 * each (on a loaded 2-core machine the latencies say more about the load than
 * about the code; the CPU time per request does not).
 *
 *     npm run bench:api                                   # embedded PGlite (the default backend)
 *     npm run bench:api -- --postgres postgresql://postgres@127.0.0.1:5432/postgres
 *     npm run bench:api -- --only reads --seconds 20 --json out.json
 *     npm run bench:api -- --only reads --conditional     # the reads, then the same reads sending If-None-Match
 *     npm run bench:api -- --only reads --cpu-prof /tmp/prof  # and the server's CPU profile
 *
 * With `--conditional` the reads run twice and both are reported: plainly
 * (`reads`), then (`reads-conditional`) with each client sending the ETag it
 * last got as If-None-Match, as a browser that keeps the page does — answered
 * 304 with no body while the list is unchanged.
 *
 * The database is the demo company (seeded here, before the server starts)
 * plus the fleet of technicians, on a fresh PGlite folder or a throwaway
 * PostgreSQL database; either is removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../server/src/db/client.ts';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/demo/seed.ts';
import { agentFor, closedLoop, pacedDevices, send, type LoadResult, type Request } from './load.ts';
import { createDatabase } from '../support/throwaway-database.ts';

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string' },
    seconds: { type: 'string', default: '15' },
    readers: { type: 'string', default: '200' },
    writers: { type: 'string', default: '50' },
    technicians: { type: 'string', default: '2000' },
    'position-period-ms': { type: 'string', default: '5000' },
    only: { type: 'string' },
    json: { type: 'string' },
    conditional: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const SECONDS = positiveInt('seconds');
const READERS = positiveInt('readers');
const WRITERS = positiveInt('writers');
const TECHNICIANS = positiveInt('technicians');
const POSITION_PERIOD_MS = positiveInt('position-period-ms');
const LOADS = ['reads', 'writes', 'positions'] as const;
type Load = (typeof LOADS)[number];
const only = args.only ? (args.only.split(',') as Load[]) : [...LOADS];
if (only.some((l) => !LOADS.includes(l))) fail(`--only takes ${LOADS.join(', ')}`);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = `bench-api-${process.pid}`;

let server: ChildProcess | undefined;
const dataDir = mkdtempSync(join(os.tmpdir(), 'tournee-bench-api-'));
const database = args.postgres ? await createDatabase(args.postgres) : undefined;
// Bounded in time whatever happens: seeding, start-up, the loads, shutdown.
const deadline = setTimeout(
  () => {
    console.error('benchmark exceeded its time bound: stopping');
    void cleanup().finally(() => process.exit(1));
  },
  (3 * SECONDS + 600) * 1000,
);
deadline.unref();

try {
  await main();
} finally {
  await cleanup();
}

async function main(): Promise<void> {
  const backend = database ? 'PostgreSQL' : 'PGlite';
  console.log(`API benchmark on ${backend}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load ${loadAverage()}`);
  const fleet = await prepareDatabase();
  const base = await startServer();
  const dispatcher = await login(base, 'dispatcher@demo.tournee.fr');
  const admin = await login(base, 'admin@demo.tournee.fr');
  const listPath = '/api/interventions?limit=200';
  const sample = JSON.parse((await send(agentFor(1), base, { method: 'GET', path: listPath, token: dispatcher })).body) as {
    items: { id: string; version: number }[];
    total: number;
  };
  console.log(`data: ${sample.total} interventions visible to the dispatcher (a page: ${sample.items.length}), ${fleet.length} technicians posting`);

  const results: Record<string, unknown> = { backend, date: new Date().toISOString(), cpus: os.cpus().length, seconds: SECONDS };
  let cpuBefore = serverCpuMs();
  const report = (name: string, what: string, load: string, r: LoadResult) => {
    // The server's CPU time per request: what the code costs, whatever share of the cores the machine's load left it.
    const cpu = serverCpuMs();
    const row = { ...summarize(r), serverCpuMsPerRequest: cpu === null || cpuBefore === null ? null : +((cpu - cpuBefore) / r.latencies.total).toFixed(1) };
    cpuBefore = serverCpuMs();
    results[name] = { what, loadAverage: load, ...row };
    console.log(
      `${name.padEnd(9)} ${what}: ${row.requests} requests (${row.perSecond}/s), p50 ${row.p50} ms, p99 ${row.p99} ms, max ${row.max} ms, ` +
        `errors ${JSON.stringify(row.errors)}, server CPU ${row.serverCpuMsPerRequest ?? '?'} ms/request — load before ${load}, after ${loadAverage()}`,
    );
  };
  // A short warm-up: the first requests compile Prisma's queries and fill caches.
  await closedLoop({ base, clients: 4, seconds: 2, next: () => ({ method: 'GET', path: listPath, token: dispatcher }) });

  cpuBefore = serverCpuMs();
  if (only.includes('reads')) {
    const load = loadAverage();
    report(
      'reads',
      `${READERS} clients × GET ${listPath}`,
      load,
      await closedLoop({ base, clients: READERS, seconds: SECONDS, next: () => ({ method: 'GET', path: listPath, token: dispatcher }) }),
    );
    if (args.conditional) {
      const etags: Array<string | undefined> = Array.from({ length: READERS }, () => undefined);
      let notModified = 0;
      const conditionalLoad = loadAverage();
      const r = await closedLoop({
        base,
        clients: READERS,
        seconds: SECONDS,
        next: (c): Request => ({ method: 'GET', path: listPath, token: dispatcher, ...(etags[c] ? { headers: { 'if-none-match': etags[c] } } : {}) }),
        onAnswer: (c, answer) => {
          if (answer.status === 304) notModified++;
          if (answer.etag) etags[c] = answer.etag;
        },
      });
      report('reads-conditional', `${READERS} clients × GET ${listPath} with If-None-Match (${notModified} answered 304)`, conditionalLoad, r);
    }
  }
  if (only.includes('writes')) {
    if (sample.items.length < WRITERS) fail(`${WRITERS} writers need as many interventions, the dispatcher sees ${sample.items.length}`);
    const owned = sample.items.slice(0, WRITERS).map((i) => ({ id: i.id, version: i.version }));
    let counter = 0;
    const load = loadAverage();
    report(
      'writes',
      `${WRITERS} clients × PATCH /api/interventions/:id (own visit, its version)`,
      load,
      await closedLoop({
        base,
        clients: WRITERS,
        seconds: SECONDS,
        next: (c): Request => ({
          method: 'PATCH',
          path: `/api/interventions/${owned[c]!.id}`,
          token: dispatcher,
          body: { version: owned[c]!.version, problemDescription: `bench write ${++counter}` },
        }),
        onAnswer: (c, answer) => {
          const parsed = JSON.parse(answer.body) as { version?: number; current?: { version: number } };
          const version = answer.status === 200 ? parsed.version : parsed.current?.version;
          if (typeof version === 'number') owned[c]!.version = version;
        },
      }),
    );
  }
  if (only.includes('positions')) {
    const load = loadAverage();
    const at = (d: number, t: number) => ({ lat: 43.3 + ((d * 7) % 100) / 200 + t * 1e-4, lon: 5.2 + ((d * 13) % 100) / 200 });
    let tick = 0;
    report(
      'positions',
      `${fleet.length} technicians × POST /api/positions every ${POSITION_PERIOD_MS} ms`,
      load,
      await pacedDevices({
        base,
        devices: fleet.length,
        periodMs: POSITION_PERIOD_MS,
        seconds: SECONDS,
        next: (d): Request => ({
          method: 'POST',
          path: '/api/positions',
          token: admin,
          body: { positions: [{ technicianId: fleet[d]!, ...at(d, ++tick), recordedAt: new Date().toISOString() }] },
        }),
      }),
    );
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
}

/** The demo company and the posting fleet, written before the server opens the database (PGlite is one process's). */
async function prepareDatabase(): Promise<string[]> {
  const db = await openDatabase({ databaseUrl: database?.url, dataDir, log: () => {} });
  try {
    const seeded = await seedDemo(db.prisma, { seed: 1, now: new Date(), day: 'next', log: () => {} });
    if (!seeded.seeded) fail('the database was not empty');
    const agencies = await db.prisma.agency.findMany({ select: { id: true }, orderBy: { code: 'asc' } });
    const existing = await db.prisma.technician.count();
    await db.prisma.technician.createMany({
      data: Array.from({ length: Math.max(0, TECHNICIANS - existing) }, (_, i) => ({
        agencyId: agencies[i % agencies.length]!.id,
        firstName: 'Bench',
        lastName: String(i),
      })),
    });
    const rows = await db.prisma.technician.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: TECHNICIANS });
    return rows.map((r) => r.id);
  } finally {
    await db.close();
  }
}

/** `npm start`'s entry point, without npm in between, on a port of its own. */
async function startServer(): Promise<URL> {
  const port = await freePort();
  // --cpu-prof DIR: the server's V8 CPU profile, written there when it stops (open it in Chrome's DevTools).
  const profile = args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', args['cpu-prof']] : [];
  server = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: database?.url ?? '',
      REDIS_URL: '',
      DATA_DIR: dataDir,
      AUTH_SECRET: SECRET,
      DEMO: '0',
      SIMULATE: '0',
      PLANNING_AT: 'off',
      SERVICE_PLANS_AT: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (d) => (output += String(d)));
  server.stderr!.on('data', (d) => (output += String(d)));
  const base = new URL(`http://127.0.0.1:${port}`);
  const until = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) fail(`the server exited with ${server.exitCode}:\n${output}`);
    if (Date.now() > until) fail(`the server did not answer /api/health within 180 s:\n${output}`);
    const ok = await fetch(new URL('/api/health', base)).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return base;
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function login(base: URL, email: string): Promise<string> {
  const res = await fetch(new URL('/api/auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) fail(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

function summarize(r: LoadResult) {
  const requests = r.latencies.total;
  return {
    requests,
    perSecond: Math.round(requests / r.seconds),
    p50: r.latencies.quantile(0.5),
    p99: r.latencies.quantile(0.99),
    max: r.latencies.max(),
    ok: r.ok,
    errors: r.errors,
  };
}

/** User + system CPU time of the server process so far (Linux /proc), or null elsewhere. */
function serverCpuMs(): number | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 Hz).
    const fields = readFileSync(`/proc/${server!.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

async function cleanup(): Promise<void> {
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server?.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  await database?.drop().catch((e: unknown) => console.error(`dropping the benchmark database failed: ${String(e)}`));
  rmSync(dataDir, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      })
      .once('error', reject);
  });
}

function positiveInt(name: keyof typeof args): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) fail(`--${name} must be a positive integer`);
  return value;
}

function fail(message: string): never {
  throw new Error(message);
}
