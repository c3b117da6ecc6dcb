// Revocable sessions (issue 11, finding 3): once an account's password, role,
// agencies, technician's agency or active flag change — or the account is
// deleted — its old token gets 401 on REST and its sockets are disconnected,
// while a change that does not touch what the token says keeps it working.
import { createServer } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessions, SESSION_CACHE_MS } from '../../src/auth/sessions.ts';
import { verifyToken } from '../../src/auth/tokens.ts';
import { createApp } from '../../src/http/app.ts';
import { createRealtime } from '../../src/realtime/index.ts';
import { describeOnEachDatabase, listen, openPglite, request, TEST_SECRET } from '../http/harness.ts';

let counter = 0;

describeOnEachDatabase(
  'revocable sessions',
  (h) => {
    const sockets: Socket[] = [];
    afterEach(() => {
      for (const s of sockets.splice(0)) s.close();
    });

    /** A fresh account made by the admin through the API, logged in: its token and a connected socket. */
    async function account(role: 'admin' | 'dispatcher', agencyIds: string[] = []) {
      const { call, tokens, fixtures } = h();
      const email = `session-${role}-${++counter}-${Date.now()}@test.tournee.fr`;
      const created = await call('POST', '/api/users', { token: tokens.admin, body: { email, name: 'Session', password: fixtures.password, role, agencyIds } });
      expect(created.status).toBe(201);
      expect(created.body).not.toHaveProperty('tokenVersion');
      const login = await call('POST', '/api/auth/login', { body: { email, password: fixtures.password } });
      expect(login.status).toBe(200);
      return { id: created.body.id as string, token: login.body.token as string, socket: await connect(login.body.token) };
    }

    async function connect(token: string): Promise<Socket> {
      const socket = io(h().url, { auth: { token }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('session:ready', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    }

    const disconnected = (socket: Socket) =>
      socket.disconnected ? Promise.resolve('already') : new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    /** The old token no longer opens anything: REST 401, socket closed by the server, a new handshake refused. */
    async function revoked(token: string, socket: Socket, gone: Promise<string>) {
      const { call } = h();
      const rest = await call('GET', '/api/agencies', { token });
      expect(rest.status).toBe(401);
      expect(rest.body.error).toMatch(/log in again|disabled/);
      expect(await gone).toBe('io server disconnect');
      expect(socket.connected).toBe(false);
      await expect(connect(token)).rejects.toThrow(/log in again|disabled/);
    }

    it('ends the sessions of an account whose password is changed', async () => {
      const { call, tokens, fixtures } = h();
      const user = await account('dispatcher', [fixtures.agencyA.id]);
      const gone = disconnected(user.socket);
      expect((await call('PATCH', `/api/users/${user.id}`, { token: tokens.admin, body: { password: 'another password' } })).status).toBe(200);
      await revoked(user.token, user.socket, gone);
      // The new password gives a working session.
      const email = (await call('GET', `/api/users/${user.id}`, { token: tokens.admin })).body.email;
      const again = await call('POST', '/api/auth/login', { body: { email, password: 'another password' } });
      expect((await call('GET', '/api/agencies', { token: again.body.token })).status).toBe(200);
    });

    it('ends the sessions of a demoted admin: the old token no longer reads users', async () => {
      const { call, tokens, fixtures } = h();
      const user = await account('admin');
      expect((await call('GET', '/api/users', { token: user.token })).status).toBe(200);
      const gone = disconnected(user.socket);
      const demoted = await call('PATCH', `/api/users/${user.id}`, { token: tokens.admin, body: { role: 'dispatcher', agencyIds: [fixtures.agencyA.id] } });
      expect(demoted.status).toBe(200);
      expect((await call('GET', '/api/users', { token: user.token })).status).toBe(401);
      await revoked(user.token, user.socket, gone);
    });

    it('ends the sessions of a dispatcher whose agencies change', async () => {
      const { call, tokens, fixtures } = h();
      const user = await account('dispatcher', [fixtures.agencyA.id]);
      const gone = disconnected(user.socket);
      expect((await call('PATCH', `/api/users/${user.id}`, { token: tokens.admin, body: { agencyIds: [fixtures.agencyB.id] } })).status).toBe(200);
      await revoked(user.token, user.socket, gone);
    });

    it('ends the sessions of a deactivated account', async () => {
      const { call, tokens } = h();
      const user = await account('admin');
      const gone = disconnected(user.socket);
      expect((await call('PATCH', `/api/users/${user.id}`, { token: tokens.admin, body: { active: false } })).status).toBe(200);
      await revoked(user.token, user.socket, gone);
    });

    it('ends the sessions of a deleted admin, who can then create no admin', async () => {
      const { call, tokens, fixtures } = h();
      const user = await account('admin');
      const gone = disconnected(user.socket);
      expect((await call('DELETE', `/api/users/${user.id}`, { token: tokens.admin })).status).toBe(204);
      const email = `revenant-${Date.now()}@test.tournee.fr`;
      const created = await call('POST', '/api/users', { token: user.token, body: { email, name: 'Revenant', password: fixtures.password, role: 'admin' } });
      expect(created.status).toBe(401);
      expect((await call('GET', `/api/users?q=revenant`, { token: tokens.admin })).body.items).toEqual([]);
      await revoked(user.token, user.socket, gone);
    });

    it("ends a technician's sessions when their technician moves to another agency", async () => {
      const { call, tokens, fixtures } = h();
      // A technician of its own with an account, so moving it does not disturb the other tests' fixtures.
      const technician = await call('POST', '/api/technicians', {
        token: tokens.admin,
        body: { agencyId: fixtures.agencyA.id, firstName: 'Mobile', lastName: 'Test' },
      });
      expect(technician.status).toBe(201);
      const email = `mobile-${Date.now()}@test.tournee.fr`;
      expect(
        (
          await call('POST', '/api/users', {
            token: tokens.admin,
            body: { email, name: 'Mobile', password: fixtures.password, role: 'technician', technicianId: technician.body.id },
          })
        ).status,
      ).toBe(201);
      const token = (await call('POST', '/api/auth/login', { body: { email, password: fixtures.password } })).body.token as string;
      const socket = await connect(token);
      const gone = disconnected(socket);
      expect((await call('PATCH', `/api/technicians/${technician.body.id}`, { token: tokens.admin, body: { agencyId: fixtures.agencyB.id } })).status).toBe(
        200,
      );
      await revoked(token, socket, gone);
    });

    it("keeps the sessions of an account whose name alone changes, and other users' sessions", async () => {
      const { call, tokens } = h();
      const user = await account('admin');
      const other = await account('admin');
      expect((await call('PATCH', `/api/users/${user.id}`, { token: tokens.admin, body: { name: 'Renamed' } })).status).toBe(200);
      expect((await call('GET', '/api/users', { token: user.token })).status).toBe(200);
      expect((await call('PATCH', `/api/users/${other.id}`, { token: tokens.admin, body: { active: false } })).status).toBe(200);
      expect((await call('GET', '/api/users', { token: user.token })).status).toBe(200);
      // The untouched socket still answers events.
      const ack = await user.socket.timeout(5_000).emitWithAck('plan:unwatch', { agencyId: h().fixtures.agencyA.id, date: '2026-03-02' });
      expect(ack).toMatchObject({ ok: true });
      expect(user.socket.connected).toBe(true);
    });

    it('in another server process, drops the next event of a revoked socket once its cache entry is SESSION_CACHE_MS old, and closes it', async () => {
      const { call, tokens, db } = h();
      // A second server process on the same database, with its own session cache and clock.
      let now = Date.now();
      const sessions = createSessions(db.prisma, { now: () => now });
      const http = createServer();
      const config = { authSecret: TEST_SECRET, redisUrl: undefined };
      const realtime = await createRealtime({ httpServer: http, config, prisma: db.prisma, verifyToken, sessions, log: () => {} });
      const app = createApp({ config, prisma: db.prisma, dbKind: db.kind, log: () => {}, sessions });
      const other = await listen(app, http);
      try {
        const user = await account('admin');
        const socket = io(other.url, { auth: { token: user.token }, transports: ['websocket'], reconnection: false });
        sockets.push(socket);
        await new Promise<void>((resolve, reject) => socket.once('session:ready', () => resolve()).once('connect_error', reject));
        const gone = disconnected(socket);
        // Revoked through the first process: its own sockets close at once; the other process still has the state cached.
        expect((await call('PATCH', `/api/users/${user.id}`, { token: tokens.admin, body: { active: false } })).status).toBe(200);
        expect(await request(other.url, 'GET', '/api/users', { token: user.token }).then((r) => r.status)).toBe(200);
        now += SESSION_CACHE_MS;
        socket.emit('plan:unwatch', { agencyId: h().fixtures.agencyA.id, date: '2026-03-02' });
        expect(await gone).toBe('io server disconnect');
        expect(await request(other.url, 'GET', '/api/users', { token: user.token }).then((r) => r.status)).toBe(401);
      } finally {
        await realtime.close();
        await other.close();
        await app.close();
      }
    });
  },
  { withRealtime: true },
);

describe('the session cache', () => {
  it('sees a change made by another process within SESSION_CACHE_MS, and at once one made through itself', async () => {
    const { db, cleanup } = await openPglite();
    try {
      const user = await db.prisma.user.create({ data: { email: 'cache@test.tournee.fr', name: 'Cache', role: 'admin', passwordHash: 'x' } });
      let now = 1_000_000;
      const here = createSessions(db.prisma, { now: () => now });
      const claims = { sub: user.id, role: 'admin' as const, agencyIds: [], tokenVersion: 0 };
      expect(await here.check(claims)).toBeUndefined();
      // Bumped elsewhere: still cached here...
      await db.prisma.user.update({ where: { id: user.id }, data: { tokenVersion: 1 } });
      now += SESSION_CACHE_MS - 1;
      expect(await here.check(claims)).toBeUndefined();
      // ...until the entry is SESSION_CACHE_MS old.
      now += 1;
      expect(await here.check(claims)).toMatch(/log in again/);
      expect(await here.check({ ...claims, tokenVersion: 1 })).toBeUndefined();

      // A change this process makes is seen at once, and its listeners hear it.
      const heard: string[] = [];
      here.onChanged((id) => heard.push(id));
      await db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
      here.changed(user.id);
      expect(await here.check({ ...claims, tokenVersion: 1 })).toMatch(/disabled/);
      expect(heard).toEqual([user.id]);
      // Tokens from before versions existed count as version 0.
      const { tokenVersion: _v, ...unversioned } = claims;
      await db.prisma.user.update({ where: { id: user.id }, data: { active: true, tokenVersion: 0 } });
      here.changed(user.id);
      expect(await here.check(unversioned)).toBeUndefined();
    } finally {
      await cleanup();
    }
  }, 120_000);
});
