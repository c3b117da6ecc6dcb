/**
 * Realtime benchmark: a fleet of simulated technicians posting positions at
 * 1 Hz, boards connected over socket.io; prints the end-to-end latency (the
 * device's timestamp → the board's receipt) and the server process's CPU.
 *
 *     npm run bench:realtime
 *     npm run bench:realtime -- --technicians 2000 --boards 50 --seconds 30 --ingress http
 *
 * Three processes on loopback: the server (measured alone for CPU), the
 * boards (decoding frames), and this one (posting). `--ingress http` posts
 * batches to POST /api/positions as telematics gateways would (one batch per
 * gateway per tick, admin token); `--ingress direct` hands the same batches
 * to the broadcaster over IPC, leaving HTTP out. The server runs on a fresh
 * PGlite folder, or with `--postgres <admin url>` on a throwaway PostgreSQL
 * database; either is removed at the end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signToken } from '../../server/src/auth/tokens.ts';
import { Histogram } from './histogram.ts';
import type { FleetMember, Ingress } from './server.ts';
import { createDatabase } from '../support/throwaway-database.ts';

const { values: args } = parseArgs({
  options: {
    technicians: { type: 'string', default: '2000' },
    boards: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    ingress: { type: 'string', default: 'http' },
    gateways: { type: 'string', default: '20' },
    'tick-ms': { type: 'string', default: '100' },
    'board-role': { type: 'string', default: 'admin' },
    'board-processes': { type: 'string', default: '2' },
    postgres: { type: 'string' },
    json: { type: 'string' },
  },
});
const TECHNICIANS = positiveInt('technicians');
const BOARDS = positiveInt('boards');
const SECONDS = positiveInt('seconds');
const WARMUP = Number(args.warmup);
const GATEWAYS = positiveInt('gateways');
const TICK_MS = positiveInt('tick-ms');
const BOARD_PROCESSES = positiveInt('board-processes');
const INGRESS = args.ingress as Ingress;
const BOARD_ROLE = args['board-role'] as 'admin' | 'dispatcher';
if (!['http', 'direct'].includes(INGRESS)) fail('--ingress is http or direct');
if (!['admin', 'dispatcher'].includes(BOARD_ROLE)) fail('--board-role is admin or dispatcher');
const SECRET = `bench-${process.pid}`;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const children: ChildProcess[] = [];
// node:http with a keep-alive pool: fetch costs the load generator several
// times more CPU per request, which on a small machine slows the generator
// rather than the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const dataDir = args.postgres ? undefined : mkdtempSync(join(os.tmpdir(), 'tournee-bench-realtime-'));
const database = args.postgres ? await createDatabase(args.postgres) : undefined;
// Bounded in time whatever happens: setup, warm-up, the run, and shutdown.
const deadline = setTimeout(
  () => {
    console.error('benchmark exceeded its time bound: stopping');
    cleanup();
    void (database?.drop() ?? Promise.resolve()).finally(() => process.exit(1));
  },
  (WARMUP + SECONDS + 240) * 1000,
);
deadline.unref();

try {
  await main();
} finally {
  cleanup();
  await database?.drop();
}

async function main(): Promise<void> {
  console.log(
    `realtime benchmark: ${TECHNICIANS} technicians at 1 Hz, ${BOARDS} ${BOARD_ROLE} boards, ingress ${INGRESS}, ${SECONDS} s (+${WARMUP} s warm-up)`,
  );
  const server = start(here('./server.ts'), {
    BENCH_INGRESS: INGRESS,
    BENCH_TECHNICIANS: String(TECHNICIANS),
    AUTH_SECRET: SECRET,
    ...(dataDir ? { BENCH_DATA_DIR: dataDir, DATABASE_URL: '' } : { DATABASE_URL: database!.url }),
  });
  const ready = await reply<{ port: number; fleet: FleetMember[]; dbKind: string }>(server, 'ready', 240_000);
  const url = `http://127.0.0.1:${ready.port}`;
  const fleet = ready.fleet;
  const agencyIds = [...new Set(fleet.map((t) => t.agencyId))];
  console.log(`server ready on ${url} (${ready.dbKind}), ${fleet.length} technicians in ${agencyIds.length} agencies`);

  // Boards, spread over a few processes (decoding is the clients' cost, not
  // the server's): every board an admin (sees every position: the worst case)
  // or a dispatcher of one agency.
  const tokens = await Promise.all(
    Array.from({ length: BOARDS }, (_, i) =>
      signToken(
        BOARD_ROLE === 'admin'
          ? { sub: `bench-board-${i}`, role: 'admin', agencyIds: [] }
          : { sub: `bench-board-${i}`, role: 'dispatcher', agencyIds: [agencyIds[i % agencyIds.length]!] },
        SECRET,
      ),
    ),
  );
  const boardProcs = Array.from({ length: Math.min(BOARD_PROCESSES, BOARDS) }, () => start(here('./boards.ts'), {}));
  await Promise.all(boardProcs.map((b) => reply(b, 'ready', 60_000)));
  await Promise.all(
    boardProcs.map((b, k) => {
      b.send({ type: 'connect', url, tokens: tokens.filter((_, i) => i % boardProcs.length === k) });
      return reply(b, 'connect', 60_000);
    }),
  );
  const gatewayToken = await signToken({ sub: 'bench-gateway', role: 'admin', agencyIds: [] }, SECRET);

  // Posting: technician i records a position once a second, in tick (i mod ticksPerSecond).
  const ticksPerSecond = Math.max(1, Math.round(1000 / TICK_MS));
  const state = fleet.map((t, i) => ({ ...t, lat: 43.3 + (i % 50) / 100, lon: 5.0 + Math.floor(i / 50) / 100, index: i }));
  let tick = 0;
  let posted = 0;
  let failures = 0;
  let inFlight = 0;
  // The posting side's own view: generation → 202, to tell a slow server from a slow load generator.
  const postLatency = new Histogram();
  let measuringPosts = false;
  const postTimer = setInterval(() => {
    const slot = tick++ % ticksPerSecond;
    const now = Date.now();
    const batches: object[][] = Array.from({ length: GATEWAYS }, () => []);
    for (let i = slot; i < state.length; i += ticksPerSecond) {
      const t = state[i]!;
      t.lat += (Math.random() - 0.5) / 1000;
      t.lon += (Math.random() - 0.5) / 1000;
      const position =
        INGRESS === 'http'
          ? { technicianId: t.id, lat: t.lat, lon: t.lon, speed: 12, heading: 90, recordedAt: new Date(now).toISOString() }
          : { technicianId: t.id, agencyId: t.agencyId, lat: t.lat, lon: t.lon, speed: 12, heading: 90, recordedAt: now };
      batches[t.index % GATEWAYS]!.push(position);
    }
    for (const batch of batches) {
      if (batch.length === 0) continue;
      posted += batch.length;
      if (INGRESS === 'direct') {
        server.send({ type: 'positions', batch });
        continue;
      }
      inFlight += 1;
      post(url, gatewayToken, JSON.stringify({ positions: batch }))
        .then(
          ({ status, body }) => {
            if (status !== 202) {
              failures += 1;
              if (failures <= 3) console.error(`POST /api/positions → ${status} ${body}`);
            } else if (measuringPosts) postLatency.add(Date.now() - now);
          },
          () => (failures += 1),
        )
        .finally(() => (inFlight -= 1));
    }
  }, TICK_MS);

  await sleep(WARMUP * 1000);
  await Promise.all(
    boardProcs.map((b) => {
      b.send({ type: 'measure' });
      return reply(b, 'measure', 10_000);
    }),
  );
  const cpuStart = await cpu(server);
  const postedStart = posted;
  measuringPosts = true;
  const wallStart = performance.now();
  await sleep(SECONDS * 1000);
  const cpuEnd = await cpu(server);
  const wall = (performance.now() - wallStart) / 1000;
  const postedInWindow = posted - postedStart;
  const reports = await Promise.all(
    boardProcs.map((b) => {
      b.send({ type: 'report' });
      return reply<{ counts: number[]; frames: number; positions: number; cpuSeconds: number }>(b, 'report', 30_000);
    }),
  );
  clearInterval(postTimer);

  const histogram = new Histogram();
  for (const r of reports) histogram.merge(new Histogram(r.counts));
  const report = {
    frames: reports.reduce((n, r) => n + r.frames, 0),
    positions: reports.reduce((n, r) => n + r.positions, 0),
    cpuSeconds: reports.reduce((n, r) => n + r.cpuSeconds, 0),
  };
  const cpuSeconds = (cpuEnd.usage.user + cpuEnd.usage.system - cpuStart.usage.user - cpuStart.usage.system) / 1e6;
  const boardsSeeing = BOARD_ROLE === 'admin' ? BOARDS : BOARDS / agencyIds.length;
  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    node: process.version,
    ingress: INGRESS,
    database: ready.dbKind,
    technicians: fleet.length,
    boards: BOARDS,
    boardRole: BOARD_ROLE,
    seconds: Number(wall.toFixed(1)),
    positionsPosted: postedInWindow,
    positionsPerSecond: Math.round(postedInWindow / wall),
    postFailures: failures,
    postsInFlightAtEnd: inFlight,
    postRoundTripMs: INGRESS === 'http' ? { p50: postLatency.quantile(0.5), p99: postLatency.quantile(0.99) } : null,
    framesPerBoardPerSecond: Number((report.frames / BOARDS / wall).toFixed(1)),
    deliveries: report.positions,
    deliveryRatio: Number((report.positions / (postedInWindow * boardsSeeing)).toFixed(3)),
    latencyMs: { p50: histogram.quantile(0.5), p90: histogram.quantile(0.9), p99: histogram.quantile(0.99), max: histogram.max() },
    serverCpu: {
      seconds: Number(cpuSeconds.toFixed(2)),
      percentOfOneCore: Number(((cpuSeconds / wall) * 100).toFixed(1)),
      rssMiB: Math.round(cpuEnd.rss / 2 ** 20),
    },
    boardProcesses: boardProcs.length,
    boardsCpuSeconds: Number(report.cpuSeconds.toFixed(2)),
    targetP99Ms: 150,
  };
  console.log(`
date          ${result.date}
machine       ${result.machine}, Node ${result.node}
setup         ${result.technicians} technicians at 1 Hz via ${INGRESS === 'http' ? `POST /api/positions (${GATEWAYS} gateway batches per ${TICK_MS} ms)` : 'the broadcaster directly (IPC)'}, ${result.boards} ${BOARD_ROLE} boards, ${result.database}
window        ${result.seconds} s: ${result.positionsPosted} positions posted (${result.positionsPerSecond}/s), ${failures} failed posts${result.postRoundTripMs ? `, POST round trip p50 ${result.postRoundTripMs.p50} ms p99 ${result.postRoundTripMs.p99} ms, ${inFlight} in flight at the end` : ''}
delivered     ${result.deliveries} position deliveries to boards (${(result.deliveryRatio * 100).toFixed(1)}% of expected), ${result.framesPerBoardPerSecond} frames/board/s
latency       p50 ${result.latencyMs.p50} ms · p90 ${result.latencyMs.p90} ms · p99 ${result.latencyMs.p99} ms · max ${result.latencyMs.max} ms (device timestamp → board receipt)
server CPU    ${result.serverCpu.seconds} s over ${result.seconds} s = ${result.serverCpu.percentOfOneCore}% of one core, RSS ${result.serverCpu.rssMiB} MiB
clients CPU   boards ${result.boardsCpuSeconds} s in ${result.boardProcesses} processes (not the server's)
target        p99 ≤ 150 ms: ${result.latencyMs.p99 <= 150 ? 'met' : 'NOT met'}`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);

  for (const b of boardProcs) b.send({ type: 'close' });
  server.send({ type: 'close' });
  await reply(server, 'closed', 30_000).catch(() => {});
  await Promise.all(children.map(exited));
}

/** Resolves when the child has exited, or after a grace period (cleanup kills it then). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function post(base: string, token: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/positions`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function start(script: string, env: Record<string, string>): ChildProcess {
  // BENCH_PROFILE_DIR: V8 CPU profiles of the children, to see where time goes.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx', ...profile],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return child;
}

function reply<T = unknown>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no "${type}" from child within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: { type?: string; error?: string }) => {
      if (message.type !== type) return;
      if (message.error) done(new Error(message.error));
      else done(undefined, message as T);
    };
    const onExit = (code: number | null) => done(new Error(`child exited (${code}) before "${type}"`));
    function done(error?: Error, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function cpu(server: ChildProcess): Promise<{ usage: NodeJS.CpuUsage; rss: number }> {
  server.send({ type: 'cpu' });
  return reply(server, 'cpu', 10_000);
}

function cleanup(): void {
  agent.destroy();
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function positiveInt(name: keyof typeof args): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) fail(`--${name} must be a positive integer`);
  return value;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
