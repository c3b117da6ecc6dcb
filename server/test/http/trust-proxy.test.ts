// Behind a reverse proxy (issue 11, "Deployment"): without TRUST_PROXY every
// user had the proxy's address, so a hundred failed logins locked everyone
// out, and the session cookie never got Secure. With TRUST_PROXY the
// proxy's X-Forwarded-For and X-Forwarded-Proto are believed; without it they
// are ignored (a client could otherwise pick its own address).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { seedFixtures, type Fixtures } from './fixtures.ts';
import { listen, openPglite, request, TEST_SECRET } from './harness.ts';

describe('TRUST_PROXY', () => {
  let opened: Awaited<ReturnType<typeof openPglite>>;
  let fixtures: Fixtures;
  beforeAll(async () => {
    opened = await openPglite();
    fixtures = await seedFixtures(opened.db.prisma);
  }, 120_000);
  afterAll(async () => {
    await opened?.cleanup();
  });

  /** An app with a low per-IP limit (max 1 failed attempt per IP and email, 10 attempts per IP). */
  async function serve(trustProxy: boolean | number | string) {
    const app = createApp({
      config: { authSecret: TEST_SECRET, redisUrl: undefined, trustProxy },
      prisma: opened.db.prisma,
      dbKind: opened.db.kind,
      log: () => {},
      loginRateLimit: { windowMs: 60_000, max: 1 },
    });
    const server = await listen(app);
    const login = (from: string, body: unknown, proto = 'http') =>
      request<any>(server.url, 'POST', '/api/auth/login', { body, headers: { 'x-forwarded-for': from, 'x-forwarded-proto': proto } });
    return {
      login,
      close: async () => {
        await server.close();
        await app.close();
      },
    };
  }

  it('with a trusted proxy: each client is limited on its own address, and HTTPS gets a Secure cookie', async () => {
    const { login, close } = await serve(1);
    try {
      const wrong = { email: 'admin@test.tournee.fr', password: 'guess' };
      expect((await login('203.0.113.7', wrong)).status).toBe(401);
      expect((await login('203.0.113.7', wrong)).status).toBe(429);
      // Another user behind the same proxy is not locked out by the first one's failures.
      const other = await login('198.51.100.20', { email: 'admin@test.tournee.fr', password: fixtures.password }, 'https');
      expect(other.status).toBe(200);
      expect(other.headers.get('set-cookie')).toMatch(/; Secure/);
      const plain = await login('198.51.100.21', { email: 'admin@test.tournee.fr', password: fixtures.password });
      expect(plain.headers.get('set-cookie')).not.toMatch(/; Secure/);
    } finally {
      await close();
    }
  });

  it('without it: forwarded headers are ignored (the socket is the client), so they cannot dodge the limit or fake HTTPS', async () => {
    const { login, close } = await serve(false);
    try {
      const wrong = { email: 'dispatcher.a@test.tournee.fr', password: 'guess' };
      expect((await login('203.0.113.7', wrong)).status).toBe(401);
      expect((await login('203.0.113.8', wrong)).status).toBe(429);
      const ok = await login('203.0.113.9', { email: 'tech1@test.tournee.fr', password: fixtures.password }, 'https');
      expect(ok.status).toBe(200);
      expect(ok.headers.get('set-cookie')).not.toMatch(/; Secure/);
    } finally {
      await close();
    }
  });
});
