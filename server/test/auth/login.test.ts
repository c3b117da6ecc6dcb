// Login over HTTP: token and cookie, bad passwords, the rate limit, /me, logout.
import { expect, it } from 'vitest';
import { SESSION_COOKIE } from '@tournee/contracts/api';
import { createApp } from '../../src/http/app.ts';
import { describeOnEachDatabase, listen, request, TEST_SECRET } from '../http/harness.ts';

describeOnEachDatabase('login', (h) => {
  it('answers a token and the user, and sets an httpOnly lax session cookie', async () => {
    const { call, fixtures } = h();
    const res = await call('POST', '/api/auth/login', { body: { email: '  Dispatcher.A@test.tournee.fr ', password: fixtures.password } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      id: fixtures.users.dispatcherA.id,
      email: 'dispatcher.a@test.tournee.fr',
      name: 'dispatcher.a',
      role: 'dispatcher',
      technicianId: null,
      agencyIds: [fixtures.agencyA.id],
    });
    expect(res.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain(`${SESSION_COOKIE}=${res.body.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    // The cookie alone authenticates; so does the bearer token.
    const byCookie = await call('GET', '/api/auth/me', { headers: { cookie: `${SESSION_COOKIE}=${res.body.token}` } });
    expect(byCookie.status).toBe(200);
    expect(byCookie.body.email).toBe('dispatcher.a@test.tournee.fr');
    const byBearer = await call('GET', '/api/auth/me', { token: res.body.token });
    expect(byBearer.body.id).toBe(fixtures.users.dispatcherA.id);
  });

  it('gives technicians their technician and agency', async () => {
    const { call, fixtures } = h();
    const res = await call('POST', '/api/auth/login', { body: { email: 'tech1@test.tournee.fr', password: fixtures.password } });
    expect(res.body.user).toMatchObject({ role: 'technician', technicianId: fixtures.t1.id, agencyIds: [fixtures.agencyA.id] });
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const { call } = h();
    const wrong = await call('POST', '/api/auth/login', { body: { email: 'admin@test.tournee.fr', password: 'nope-nope' } });
    const unknown = await call('POST', '/api/auth/login', { body: { email: 'nobody@test.tournee.fr', password: 'nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('validates the body', async () => {
    const { call } = h();
    const res = await call('POST', '/api/auth/login', { body: { email: 42 } });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'password']);
    const malformed = await call('POST', '/api/auth/login', { body: '{"email":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: 'the body is not valid JSON', details: [] });
  });

  it('logs out by clearing the cookie', async () => {
    const res = await h().call('POST', '/api/auth/logout');
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`));
  });

  it('refuses a disabled account and a token for it', async () => {
    const { call, db, fixtures, tokens } = h();
    await db.prisma.user.update({ where: { id: fixtures.users.tech2.id }, data: { active: false } });
    try {
      expect((await call('POST', '/api/auth/login', { body: { email: 'tech2@test.tournee.fr', password: fixtures.password } })).status).toBe(401);
      expect((await call('GET', '/api/auth/me', { token: tokens.tech2 })).status).toBe(401);
    } finally {
      await db.prisma.user.update({ where: { id: fixtures.users.tech2.id }, data: { active: true } });
    }
  });

  it('answers 429 with a clear JSON error after too many failures for one email, not for others', async () => {
    const { db, fixtures } = h();
    // Its own app: a low limit, and counters no other test touches.
    const app = createApp({
      config: { authSecret: TEST_SECRET, redisUrl: undefined },
      prisma: db.prisma,
      dbKind: db.kind,
      log: () => {},
      loginRateLimit: { windowMs: 60_000, max: 3 },
    });
    const server = await listen(app);
    const call = (body: unknown) => request<any>(server.url, 'POST', '/api/auth/login', { body });
    try {
      for (let i = 0; i < 3; i++) expect((await call({ email: 'admin@test.tournee.fr', password: 'guess' })).status).toBe(401);
      const limited = await call({ email: 'admin@test.tournee.fr', password: fixtures.password });
      expect(limited.status).toBe(429);
      expect(limited.body.error).toMatch(/^too many login attempts: try again in \d+ s$/);
      expect(limited.body.details).toEqual([{ path: 'email', in: 'body', message: 'too many attempts for this email from your address' }]);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another account from the same address is unaffected, and successes do not count.
      for (let i = 0; i < 4; i++) expect((await call({ email: 'tech1@test.tournee.fr', password: fixtures.password })).status).toBe(200);
    } finally {
      await server.close();
      await app.close();
    }
  });
});
