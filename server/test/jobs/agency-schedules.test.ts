// An agency created, moved to another time zone or deleted through the REST
// API gets its nightly schedulers (service plans, overnight planning) at once:
// the in-process runner on PGlite, the app on an ephemeral port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/http/app.ts';
import { SERVICE_PLANS_JOB } from '../../src/jobs/service-plan-payloads.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { PASSWORD, seedFixtures } from '../http/fixtures.ts';
import { TEST_SECRET, listen, request } from '../http/harness.ts';
import { recordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { openPgliteTestDb, type OpenTestDb } from '../planning/test-db.ts';

describe('agencies and their nightly schedulers', () => {
  let testDb: OpenTestDb;
  let app: App;
  let server: Awaited<ReturnType<typeof listen>>;
  let runner: JobRunner;
  let admin: string;
  beforeAll(async () => {
    testDb = await openPgliteTestDb();
    const f = await seedFixtures(testDb.db.prisma);
    runner = await createJobRunner(
      { config: { redisUrl: undefined }, prisma: testDb.db.prisma, broadcaster: recordingBroadcaster() },
      {
        overnight: { hour: 2, minute: 0, daysAhead: 1, dayCount: 1, timeLimitMs: 1_000 },
        servicePlans: { hour: 1, minute: 30, horizonDays: 30 },
        log: () => {},
      },
    );
    app = createApp({ config: { authSecret: TEST_SECRET, redisUrl: undefined }, prisma: testDb.db.prisma, dbKind: testDb.db.kind, log: () => {} });
    server = await listen(app);
    admin = (await request<{ token: string }>(server.url, 'POST', '/api/auth/login', { body: { email: f.users.admin.email, password: PASSWORD } })).body.token;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await app?.close();
    await runner?.close();
    await testDb?.dispose();
  }, 60_000);

  const scheduled = async (agencyId: string) => ({
    overnight: (await runner.listSchedules()).find((s) => s.agencyId === agencyId),
    servicePlans: (await runner.listSchedules(SERVICE_PLANS_JOB)).find((s) => s.agencyId === agencyId),
  });

  it('follows creation, a new time zone and deletion', async () => {
    const created = await request<{ id: string }>(server.url, 'POST', '/api/agencies', { token: admin, body: { code: 'NICE', name: 'Nice' } });
    expect(created.status).toBe(201);
    expect(await scheduled(created.body.id)).toMatchObject({
      overnight: { pattern: '0 2 * * *', timezone: 'Europe/Paris' },
      servicePlans: { pattern: '30 1 * * *', timezone: 'Europe/Paris' },
    });

    const moved = await request(server.url, 'PATCH', `/api/agencies/${created.body.id}`, { token: admin, body: { timezone: 'Indian/Reunion' } });
    expect(moved.status).toBe(200);
    expect(await scheduled(created.body.id)).toMatchObject({ overnight: { timezone: 'Indian/Reunion' }, servicePlans: { timezone: 'Indian/Reunion' } });

    expect((await request(server.url, 'DELETE', `/api/agencies/${created.body.id}`, { token: admin })).status).toBe(204);
    expect(await scheduled(created.body.id)).toEqual({ overnight: undefined, servicePlans: undefined });
  });
});
