// Login counters in Redis (issue 11, "Deployment"): with REDIS_URL every
// server process counts the same attempts (each process's own memory let N
// processes allow N times the attempts); while Redis does not answer, the
// process's memory takes over — logins neither fail with 500 nor go unlimited.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { seedFixtures, type Fixtures } from '../http/fixtures.ts';
import { listen, openPglite, request, TEST_SECRET } from '../http/harness.ts';
import { checkRedis, describeWithService, REDIS_URL } from '../support/services.ts';

describeWithService(await checkRedis(), 'login counters in Redis', () => {
  let opened: Awaited<ReturnType<typeof openPglite>>;
  let fixtures: Fixtures;
  let redis: ReturnType<typeof createClient>;
  const prefix = `tournee-test-${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    opened = await openPglite();
    fixtures = await seedFixtures(opened.db.prisma);
    redis = createClient({ url: REDIS_URL });
    await redis.connect();
  }, 120_000);
  afterAll(async () => {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await redis.del(keys);
    redis.destroy();
    await opened?.cleanup();
  });

  async function serve(command: (args: string[]) => Promise<unknown>) {
    const app = createApp({
      config: { authSecret: TEST_SECRET, redisUrl: undefined },
      prisma: opened.db.prisma,
      dbKind: opened.db.kind,
      log: () => {},
      loginRateLimit: { windowMs: 60_000, max: 2 },
      loginCounters: { redis: command, prefix },
    });
    const server = await listen(app);
    return {
      login: (body: unknown) => request<any>(server.url, 'POST', '/api/auth/login', { body }),
      close: async () => {
        await server.close();
        await app.close();
      },
    };
  }

  it('counts failures across processes', async () => {
    const [a, b] = [await serve((args) => redis.sendCommand(args)), await serve((args) => redis.sendCommand(args))];
    try {
      const wrong = { email: 'admin@test.tournee.fr', password: 'guess' };
      expect((await a.login(wrong)).status).toBe(401);
      expect((await b.login(wrong)).status).toBe(401);
      // The third attempt, on either process, is over the limit of 2.
      expect((await a.login(wrong)).status).toBe(429);
      expect((await b.login({ email: 'admin@test.tournee.fr', password: fixtures.password })).status).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('falls back to this process while Redis does not answer', async () => {
    const down = async () => {
      throw Object.assign(new Error('The client is offline'), { name: 'ClientOfflineError' });
    };
    const app = await serve(down);
    try {
      const wrong = { email: 'tech1@test.tournee.fr', password: 'guess' };
      expect((await app.login({ email: 'tech1@test.tournee.fr', password: fixtures.password })).status).toBe(200);
      expect((await app.login(wrong)).status).toBe(401);
      expect((await app.login(wrong)).status).toBe(401);
      expect((await app.login(wrong)).status).toBe(429);
    } finally {
      await app.close();
    }
  });
});
