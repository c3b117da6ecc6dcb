// A deployment of several processes on one PostgreSQL and one Redis, as the
// README's "Several processes" describes: two API processes (`ROLE=api npm
// start`) and two workers (`ROLE=worker npm start`), each a child process of
// its own, killed with SIGKILL as a crash or a lost machine would.
//
// - a board connected to API A hears a plan change made through API B;
// - a worker killed mid planning run: the other worker takes the job over
//   (BullMQ's stalled-job recovery, with the lock shortened through
//   JOBS_LOCK_MS) and finishes it, the plan stored once and whole;
// - API A killed: its board reconnects through the "load balancer" to API B
//   and catches up by version (plan:resync) with the change made meanwhile.
//
// The database and the Redis key prefix are the test's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket as NetSocket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClientToServerEvents, PlanDelta, PlanSnapshot, ServerToClientEvents } from '@tournee/contracts/realtime';
import { applyDelta, applySnapshot, type PlanState } from '@tournee/contracts/realtime-reconcile';
import { openDatabase } from '../src/db/client.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.ts';
import { checkPostgres, checkRedis, describeWithService, REDIS_URL } from './support/services.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const [postgres, redis] = await Promise.all([checkPostgres(), checkRedis()]);

type Board = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  output(): string;
}

const children: Child[] = [];
// Whatever happens to the test (a failed assertion, vitest killed), no process is left behind.
const killAll = () => {
  for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
};
process.once('exit', killAll);

function spawnRole(name: string, env: Record<string, string>): Child {
  // Node with tsx's loader, not npm or the tsx CLI: the pid is the server's own, so SIGKILL reaches it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const started = { name, process: child, output: () => out };
  children.push(started);
  return started;
}

async function until<T>(probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}\n${children.map((c) => `--- ${c.name}:\n${c.output().slice(-3000)}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => res(port));
      })
      .once('error', rej);
  });
}

/**
 * A TCP load balancer in front of the API processes: new connections go to
 * `target`, or are refused while it is null (the dead process taken out of
 * rotation, the next one not in yet).
 */
function balancer(): { port: Promise<number>; target: number | null; close(): Promise<void> } {
  const open = new Set<NetSocket>();
  const state = {
    target: null as number | null,
    port: Promise.resolve(0),
    close: () =>
      new Promise<void>((res) => {
        for (const s of open) s.destroy();
        server.close(() => res());
      }),
  };
  const server: Server = createServer((client) => {
    if (state.target === null) return void client.destroy();
    const upstream = connect(state.target, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  state.port = new Promise((res) => server.listen(0, '127.0.0.1', () => res((server.address() as { port: number }).port)));
  return state;
}

describeWithService(postgres.available ? redis : postgres, 'two API processes and two workers on PostgreSQL and Redis', () => {
  let database: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'tournee-deployment-'));
  const prefix = `tournee-deploy-${randomBytes(4).toString('hex')}`;
  const apiPorts: number[] = [];
  const workers: Child[] = [];
  const apis: Child[] = [];
  let day = '';
  let agencyId = '';
  let token = '';

  const api = (k: number) => `http://127.0.0.1:${apiPorts[k]}`;
  const call = async <T = Record<string, unknown>>(k: number, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${api(k)}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  /** A board: follows the agency's day through a socket, as the dispatcher's board does. */
  function follow(url: string, reconnect: boolean) {
    const socket: Board = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: reconnect,
      reconnectionDelay: 200,
      reconnectionDelayMax: 500,
    });
    const board = { socket, state: null as PlanState | null, snapshots: 0, deltas: [] as PlanDelta[], progress: [] as Array<{ jobId: string; state: string }> };
    const resync = () =>
      socket.emit('plan:resync', { agencyId, date: day }, (answer) => {
        if (!answer.ok) return;
        board.state = applySnapshot(board.state, answer.data as PlanSnapshot).state;
        board.snapshots += 1;
      });
    // On every (re)connection: the day as it is now, then the deltas; a gap asks again.
    socket.on('connect', resync);
    socket.on('plan:delta', (delta) => {
      board.deltas.push(delta);
      if (!board.state) return;
      const result = applyDelta(board.state, delta);
      board.state = result.state;
      if (result.resync) resync();
    });
    socket.on('job:progress', (p) => board.progress.push({ jobId: p.jobId, state: p.state }));
    return board;
  }

  /** A visit of the day, its version, and a technician who can take it other than the one who has it. */
  async function movableVisit(k: number, except: readonly string[] = []) {
    const page = await call<{ items: Array<{ id: string; version: number; technicianId: string | null; earliestDate: string | null }> }>(
      k,
      'GET',
      `/api/interventions?agencyId=${agencyId}&limit=200&status=requested&status=planned`,
    );
    for (const visit of page.body.items.filter((i) => !except.includes(i.id) && (i.earliestDate === null || i.earliestDate <= day))) {
      const answer = await call<{ candidates: Array<{ technicianId: string }> }>(k, 'POST', `/api/interventions/${visit.id}/insertion-candidates`, { day });
      const other = answer.body.candidates?.find((c) => c.technicianId !== visit.technicianId);
      if (answer.status === 200 && other) return { visit, technicianId: other.technicianId };
    }
    throw new Error('no visit of the day can move to another technician');
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    // The demo company, seeded before the processes start (DEMO=0 for them): its accounts log in for real.
    const db = await openDatabase({ databaseUrl: database.url, dataDir, log: () => {} });
    try {
      const seeded = await seedDemo(db.prisma, { seed: 1, now: new Date(), day: 'next' });
      day = seeded.today!;
    } finally {
      await db.close();
    }
    const shared = {
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      REALTIME_PREFIX: prefix,
      DATA_DIR: dataDir,
      AUTH_SECRET: `deployment-${prefix}`,
      DEMO: '0',
      SIMULATE: '0',
      PLANNING_AT: 'off',
      SERVICE_PLANS_AT: 'off',
      // A dead worker's job goes back to the queue within ~3 s instead of BullMQ's default 30 s.
      JOBS_LOCK_MS: '2000',
      JOBS_STALLED_INTERVAL_MS: '1000',
    };
    for (let k = 0; k < 2; k++) {
      apiPorts.push(await freePort());
      apis.push(spawnRole(`api ${'AB'[k]}`, { ...shared, ROLE: 'api', PORT: String(apiPorts[k]) }));
      workers.push(spawnRole(`worker ${k + 1}`, { ...shared, ROLE: 'worker', PORT: '0' }));
    }
    for (let k = 0; k < 2; k++) {
      await until(
        () =>
          fetch(`${api(k)}/api/health`).then(
            (r) => r.ok,
            () => false,
          ),
        `API ${'AB'[k]} to answer`,
        120_000,
      );
      await until(() => workers[k]!.output().includes('ready: processing'), `worker ${k + 1} to start`, 120_000);
    }
    const login = await fetch(`${api(0)}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dispatcher@demo.tournee.fr', password: DEMO_PASSWORD }),
    });
    const session = (await login.json()) as { token: string; user: { agencyIds: string[] } };
    token = session.token;
    agencyId = session.user.agencyIds[0]!;
  }, 240_000);

  afterAll(async () => {
    killAll();
    await Promise.all(
      children.map((c) => (c.process.exitCode === null && c.process.signalCode === null ? new Promise((r) => c.process.once('exit', r)) : null)),
    );
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    const client = await createClient({ url: REDIS_URL }).connect();
    try {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) if (keys.length) await client.del(keys);
    } finally {
      client.destroy();
    }
  }, 60_000);

  it('a board connected to API A hears a plan change made through API B', async () => {
    const board = follow(api(0), false);
    try {
      await until(() => board.snapshots > 0, 'the board’s first snapshot from API A');
      const { visit, technicianId } = await movableVisit(1);
      const assigned = await call<{ interventionVersion: number }>(1, 'POST', `/api/interventions/${visit.id}/assign`, {
        technicianId,
        version: visit.version,
        day,
      });
      expect(assigned.status).toBe(200);
      const seen = await until(
        () => board.state?.interventions[visit.id]?.version === assigned.body.interventionVersion && board.state.interventions[visit.id],
        'the change on the board',
      );
      expect(seen.technicianId).toBe(technicianId);
      // It came as a delta, not from a periodic snapshot.
      expect(board.deltas.some((d) => d.interventions.some((i) => i.id === visit.id))).toBe(true);
    } finally {
      board.socket.close();
    }
  }, 120_000);

  it('a worker killed mid planning run: the other finishes it, the plan stored once and whole', async () => {
    const board = follow(api(0), false);
    const queue = new Queue('planning', { connection: { url: REDIS_URL }, prefix });
    try {
      const submitted = await call<{ id: string; jobId: string }>(0, 'POST', '/api/plans', {
        agencyId,
        days: [day],
        timeLimitMs: 8_000,
        seed: 1,
        requestId: 'deployment',
      });
      expect(submitted.status).toBe(202);
      const { id: runId, jobId } = submitted.body;
      const holder = await until(async () => (await queue.getJob(jobId))?.processedBy, 'a worker to take the run');
      await until(async () => (await call<{ status: string }>(1, 'GET', `/api/plans/${runId}`)).body.status === 'running', 'the run to start');
      const victim = workers.find((w) => holder.endsWith(`:${w.process.pid}`))!;
      const survivor = workers.find((w) => w !== victim)!;
      expect(victim).toBeDefined();
      victim.process.kill('SIGKILL');
      await new Promise((r) => victim.process.once('exit', r));

      const run = await until(
        async () => {
          const r = (await call<{ status: string; error: string | null; result: { summary: { planned: number } } }>(1, 'GET', `/api/plans/${runId}`)).body;
          return r.status === 'succeeded' || r.status === 'failed' ? r : null;
        },
        'the run to end on the other worker',
        90_000,
      );
      expect(run).toMatchObject({ status: 'succeeded', error: null });
      expect((await queue.getJob(jobId))?.processedBy).toMatch(new RegExp(`:${survivor.process.pid}$`));
      // Whole: the day's tours hold exactly the visits the run says it planned, each once, at the time the visit says.
      const db = await openDatabase({ databaseUrl: database.url, dataDir, log: () => {} });
      try {
        const stops = await db.prisma.tourStop.findMany({
          where: { tour: { agencyId, date: new Date(`${day}T00:00:00Z`) } },
          select: { interventionId: true, tour: { select: { technicianId: true } }, intervention: { select: { technicianId: true, plannedStart: true } } },
        });
        const visits = stops.map((s) => s.interventionId);
        expect(new Set(visits).size).toBe(visits.length);
        expect(visits.length).toBe(run.result.summary.planned);
        for (const stop of stops) {
          expect(stop.intervention.technicianId).toBe(stop.tour.technicianId);
          expect(stop.intervention.plannedStart).not.toBeNull();
        }
      } finally {
        await db.close();
      }
      // The board on API A heard the end from the surviving worker.
      await until(() => board.progress.some((p) => p.jobId === jobId && p.state === 'succeeded'), 'the run’s end on the board');
    } finally {
      board.socket.close();
      await queue.close();
    }
  }, 150_000);

  it('API A killed: its board reconnects to API B and catches up on the change made meanwhile', async () => {
    const lb = balancer();
    lb.target = apiPorts[0]!;
    const board = follow(`http://127.0.0.1:${await lb.port}`, true);
    try {
      await until(() => board.snapshots > 0, 'the board’s first snapshot through the balancer');
      const disconnected = new Promise((r) => board.socket.once('disconnect', r));
      apis[0]!.process.kill('SIGKILL');
      lb.target = null; // out of rotation
      await disconnected;

      // Made while the board is away: no socket can hear it.
      const { visit, technicianId } = await movableVisit(1);
      const assigned = await call<{ interventionVersion: number }>(1, 'POST', `/api/interventions/${visit.id}/assign`, {
        technicianId,
        version: visit.version,
        day,
      });
      expect(assigned.status).toBe(200);

      lb.target = apiPorts[1]!;
      const seen = await until(
        () => board.state?.interventions[visit.id]?.version === assigned.body.interventionVersion && board.state.interventions[visit.id],
        'the board to catch up through API B',
      );
      expect(seen.technicianId).toBe(technicianId);
      expect(board.snapshots).toBeGreaterThanOrEqual(2);
    } finally {
      board.socket.close();
      await lb.close();
    }
  }, 120_000);
});
