// End to end: `npm start` on a bare data folder — migrations, demo seed,
// jobs, realtime, API — then a demo login, a position reaching a board's
// socket, a clean SIGTERM shutdown, and a restart that keeps data and tokens.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPostgres, checkRedis, describeWithService, REDIS_URL } from './support/services.ts';
import { createTestDatabase } from './support/test-database.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'tournee-demo';

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

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /**
   * SIGTERM to the process group (npm, its shell, tsx, node), as a terminal's
   * Ctrl-C or systemd does; resolves when every process has closed its output.
   */
  stop(): Promise<void>;
}

async function npmStart(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATABASE_URL: '', REDIS_URL: '', AUTH_SECRET: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  // 'close': every process holding the pipes (the server included) is gone.
  const closed = new Promise<void>((res) => child.once('close', () => res()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`not healthy after 180 s:\n${out}`);
    }
    const health = await fetch(`${url}/api/health`).then(
      (r) => (r.ok ? r.json() : undefined),
      () => undefined,
    );
    if (health?.status === 'ok') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    child,
    url,
    output: () => out,
    async stop() {
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 40_000);
      try {
        await closed;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The server's own shutdown ran to its end (npm itself just dies of the signal). */
function expectCleanStop(server: Started): void {
  expect(server.output()).toContain('SIGTERM: shutting down');
  expect(server.output()).toContain('"msg":"stopped"');
  expect(server.output()).not.toMatch(/closing \w+ failed|shutdown failed|exiting now/);
}

async function login(url: string, email: string): Promise<{ token: string; user: { role: string; technicianId: string | null } }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.json() as never;
}

describe('npm start', () => {
  let dataDir = '';
  const running: Started[] = [];
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tournee-start-'));
  });
  afterAll(async () => {
    for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  let dispatcherToken = '';

  it('starts on a bare data folder, seeds the demo, serves the API and sockets, and stops cleanly on SIGTERM', async () => {
    const server = await npmStart({ DATA_DIR: dataDir });
    running.push(server);
    expect(server.output()).toContain('demo company seeded');
    // Printed just after the server starts answering (health can be ok a moment before).
    await expect.poll(() => server.output(), { timeout: 30_000 }).toMatch(/demo logins \(password tournee-demo\)/);
    expect(server.output()).toContain('dispatcher@demo.tournee.fr');

    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', db: { kind: 'pglite', ok: true }, queue: { kind: 'in-process', ok: true } });

    const dispatcher = await login(server.url, 'dispatcher@demo.tournee.fr');
    dispatcherToken = dispatcher.token;
    expect(dispatcher.user.role).toBe('dispatcher');
    const interventions = await fetch(`${server.url}/api/interventions?limit=5`, { headers: { authorization: `Bearer ${dispatcher.token}` } });
    expect(interventions.status).toBe(200);
    expect((await interventions.json()).total).toBeGreaterThan(50);

    // A technician's position reaches the dispatcher's board over socket.io.
    const technician = await login(server.url, 'technicien1@demo.tournee.fr');
    const board = io(server.url, { auth: { token: dispatcher.token }, transports: ['websocket'], reconnection: false });
    try {
      await new Promise<void>((res, rej) => {
        board.once('session:ready', () => res());
        board.once('connect_error', rej);
      });
      const frame = new Promise<unknown>((res) => {
        board.on('positions:frame', (f: { positions: { technicianId: string }[] }) => {
          const mine = f.positions.find((p) => p.technicianId === technician.user.technicianId);
          if (mine) res(mine);
        });
      });
      const posted = await fetch(`${server.url}/api/positions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${technician.token}` },
        body: JSON.stringify({ positions: [{ lat: 43.52, lon: 5.44, recordedAt: new Date().toISOString() }] }),
      });
      expect(posted.status).toBe(202);
      expect(await frame).toMatchObject({ lat: 43.52, lon: 5.44 });

      // Stopping with a board still connected: the server closes the socket, it does not wait for it.
      const disconnected = new Promise<string>((res) => board.once('disconnect', (reason) => res(reason)));
      await server.stop();
      expect(await disconnected).toBe('io server disconnect');
    } finally {
      board.close();
    }
    expectCleanStop(server);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow(); // nothing left listening
  }, 300_000);

  it('restarts on the same folder without seeding again, and earlier tokens stay valid', async () => {
    const server = await npmStart({ DATA_DIR: dataDir, SIMULATE: '0' });
    running.push(server);
    expect(server.output()).not.toContain('demo company seeded');
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${dispatcherToken}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe('dispatcher@demo.tournee.fr');
    await server.stop();
    expectCleanStop(server);
  }, 300_000);
});

const [postgres, redis] = await Promise.all([checkPostgres(), checkRedis()]);
const both = postgres.available ? redis : postgres;
describeWithService(both, 'npm start with DATABASE_URL and REDIS_URL', () => {
  it('runs on PostgreSQL with BullMQ queues and the socket.io Redis adapter, and stops cleanly', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'tournee-start-pg-'));
    const prefix = `tournee-test-${Date.now().toString(36)}`;
    let server: Started | undefined;
    try {
      // DEMO=1: with DATABASE_URL the demo is only seeded when asked.
      server = await npmStart({
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        REALTIME_PREFIX: prefix,
        SIMULATE: '0',
        DEMO: '1',
      });
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health).toEqual({ status: 'ok', db: { kind: 'postgresql', ok: true }, queue: { kind: 'redis', ok: true } });
      const dispatcher = await login(server.url, 'dispatcher@demo.tournee.fr');
      expect(dispatcher.user.role).toBe('dispatcher');
      await server.stop();
      expectCleanStop(server);
    } finally {
      if (server && server.child.exitCode === null && server.child.signalCode === null) await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
      await dropRedisKeys(prefix);
    }
  }, 300_000);
});

/** The queues, schedulers and sequences the run left under its prefix. */
async function dropRedisKeys(prefix: string): Promise<void> {
  const client = await createClient({ url: REDIS_URL }).connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await client.del(keys);
  } finally {
    client.destroy();
  }
}
