// What the chaos tests start and stop: a redis-server of their own on a free
// port (so stopping it disturbs nobody else's tests) and the server itself as
// a child process (`node --import tsx server/src/main.ts`), so that "the
// process stays up" is observed from outside, as a supervisor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => res(port));
      })
      .once('error', rej);
  });
}

/** Polls `probe` every 250 ms until it returns something truthy, or fails saying what it waited for. */
export async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface OwnRedis {
  readonly port: number;
  readonly url: string;
  start(): Promise<void>;
  /** SIGKILL: an outage, not a shutdown (no persistence either way). */
  kill(): Promise<void>;
}

/** A redis-server on `port`, not started yet. */
export function ownRedis(port: number): OwnRedis {
  let child: ChildProcess | undefined;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (d) => (out += String(d)));
      child.stderr!.on('data', (d) => (out += String(d)));
      await until(
        async () => out.includes('Ready to accept connections') || (child!.exitCode !== null && Promise.reject(new Error(out))),
        `redis-server on ${port}`,
        20_000,
      );
    },
    async kill() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  running(): boolean;
  stop(): Promise<void>;
}

/** The server as `npm start` runs it, in its own process; resolves once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'info',
      SIMULATE: '0',
      PLANNING_AT: 'off',
      SERVICE_PLANS_AT: 'off',
      AUTH_SECRET: 'chaos-test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const running = () => child.exitCode === null && child.signalCode === null;
  await until(
    async () => {
      if (!running()) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before listening:\n${out}`);
      return out.includes('listening on http');
    },
    `the server to listen (output so far:\n${out})`,
    240_000,
  ).catch((error: unknown) => {
    if (running()) child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${out}`);
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    running,
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
