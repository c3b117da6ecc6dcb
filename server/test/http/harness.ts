// Real HTTP against createApp on an ephemeral port, on a real database:
// an embedded PGlite in a temp folder, and a throwaway PostgreSQL database
// (skipped without PostgreSQL, failing under CI=true).
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe } from 'vitest';
import { createSessions } from '../../src/auth/sessions.ts';
import { verifyToken } from '../../src/auth/tokens.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createApp, type App, type AppDeps } from '../../src/http/app.ts';
import { createRealtime, type Realtime } from '../../src/realtime/index.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { seedFixtures, type Fixtures } from './fixtures.ts';
import { freshPgliteDataDir } from '../support/pglite-template.ts';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789';

export interface Response<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface Harness {
  readonly url: string;
  readonly db: Database;
  readonly app: App;
  readonly fixtures: Fixtures;
  /** Present when the harness was asked for realtime (socket.io on the same server). */
  readonly realtime: Realtime | undefined;
  /** A token per fixture user, from a real login. */
  readonly tokens: Record<keyof Fixtures['users'], string>;
  call<T = any>(method: string, path: string, options?: { token?: string | undefined; body?: unknown; headers?: Record<string, string> }): Promise<Response<T>>;
}

export async function request<T>(
  base: string,
  method: string,
  path: string,
  options: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Starts createApp on 127.0.0.1:<free port>. */
export async function listen(app: App, server: Server = createServer()): Promise<{ url: string; close(): Promise<void> }> {
  server.on('request', app.app);
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Opened = { db: Database; cleanup(): Promise<void> };

async function openPglite(): Promise<Opened> {
  const dir = await freshPgliteDataDir('tournee-http-');
  const db = await openDatabase({ dataDir: dir });
  return {
    db,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<Opened> {
  const database = await createTestDatabase();
  const db = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
  return {
    db,
    cleanup: async () => {
      await db.close();
      await database.drop();
    },
  };
}

/** A live harness for the enclosing describe; read it inside tests. */
export interface HarnessOptions extends Partial<AppDeps> {
  /** Attach createRealtime (in-memory, no Redis) to the server and hand its broadcaster to the app. */
  readonly withRealtime?: boolean;
}

export function useHarness(open: () => Promise<Opened>, { withRealtime, ...extra }: HarnessOptions = {}): () => Harness {
  let harness: Harness | undefined;
  let teardown: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const { db, cleanup } = await open();
    const fixtures = await seedFixtures(db.prisma);
    const http = createServer();
    const config = { authSecret: TEST_SECRET, redisUrl: undefined };
    // As main.ts does: one session registry for REST and sockets.
    const sessions = extra.sessions ?? createSessions(db.prisma);
    const realtime = withRealtime
      ? await createRealtime({ httpServer: http, config, prisma: db.prisma, verifyToken, sessions, frameIntervalMs: 20, log: () => {} })
      : undefined;
    const app = createApp({
      config,
      prisma: db.prisma,
      dbKind: db.kind,
      log: () => {},
      positionFlushMs: 20,
      broadcaster: realtime?.broadcaster,
      ...extra,
      sessions,
    });
    const server = await listen(app, http);
    const call: Harness['call'] = (method, path, options) => request(server.url, method, path, options);
    const tokens = {} as Harness['tokens'];
    for (const [key, user] of Object.entries(fixtures.users) as [keyof Fixtures['users'], { email: string }][]) {
      const res = await call('POST', '/api/auth/login', { body: { email: user.email, password: fixtures.password } });
      if (res.status !== 200) throw new Error(`fixture login ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
      tokens[key] = res.body.token;
    }
    harness = { url: server.url, db, app, fixtures, realtime, tokens, call };
    teardown = async () => {
      await realtime?.close();
      await server.close();
      await app.close();
      await cleanup();
    };
  }, 120_000);
  afterAll(async () => {
    await teardown?.();
  }, 60_000);
  return () => {
    if (!harness) throw new Error('harness not started');
    return harness;
  };
}

const postgres = await checkPostgres();

/** The same tests on embedded PGlite and on PostgreSQL. */
export function describeOnEachDatabase(name: string, body: (h: () => Harness) => void, extra: HarnessOptions = {}): void {
  describe(`${name} [PGlite]`, () => body(useHarness(openPglite, extra)));
  describeWithService(postgres, `${name} [PostgreSQL]`, () => body(useHarness(openPostgres, extra)));
}

export { openPglite, openPostgres };
