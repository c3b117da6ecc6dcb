// Chaos (issue 11, "Faults"): the server on PostgreSQL with a Redis of the
// test's own, which the test kills and starts again. Before the fix the next
// position or intervention change was followed within seconds by the process
// dying of an unhandled TimeoutError from @redis/client, POST /api/plans hung
// and left its run `queued` for good, and a REDIS_URL where nothing listened
// kept the server from ever listening.
//
// What must hold: the process stays up; what it acknowledges is stored (a
// position's 202, an intervention's 200); what needs the queue answers 503
// with a message saying so, and keeps nothing; the health check says
// `degraded` with the reason, then `ok` again once Redis is back; runs a dead
// process left behind are queued again when the queue returns.
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planningJobId, planningRunId } from '../../src/jobs/payloads.ts';
import { checkPostgres, checkRedis, describeWithService } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { freePort, ownRedis, startServerProcess, until, type OwnRedis, type ServerProcess } from './support.ts';

const PASSWORD = 'tournee-demo';
/** Every request of these tests must be answered within this (a hang is the bug). */
const ANSWER_WITHIN_MS = 20_000;

interface Health {
  status: 'ok' | 'degraded';
  queue: { kind: string; ok: boolean };
  reasons?: string[];
}

async function health(url: string): Promise<Health> {
  return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) })).json() as Promise<Health>;
}

async function login(url: string, email: string): Promise<{ token: string; user: { technicianId: string | null; agencyIds: string[] } }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.json() as never;
}

function api(url: string, token: string) {
  return (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      // A request that hangs fails the test here instead of at vitest's time-out.
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
}

const [postgres, redisBinary] = await Promise.all([checkPostgres(), checkRedis()]);
// Redis itself is not used (the tests start their own), but its presence says redis-server is installed.
const services = postgres.available ? redisBinary : postgres;

describeWithService(services, 'chaos: Redis stopped and started under a running server', () => {
  let testDb: TestDatabase;
  let redis: OwnRedis;
  let server: ServerProcess;
  let sql: pg.Client;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    redis = ownRedis(await freePort());
    await redis.start();
    server = await startServerProcess({
      DATABASE_URL: testDb.url,
      REDIS_URL: redis.url,
      DEMO: '1',
      DEMO_DAY: 'next',
      QUEUE_PREFIX: 'chaos',
      DATA_DIR: tmpdir(),
    });
    sql = new pg.Client({ connectionString: testDb.url });
    await sql.connect();
  }, 300_000);
  afterAll(async () => {
    await sql?.end();
    await server?.stop();
    await redis?.kill();
    await testDb?.drop();
  }, 60_000);

  it('keeps serving through the outage: positions and changes stored, planning 503, health degraded then ok', async () => {
    expect(await until(async () => (await health(server.url)).status === 'ok', 'a healthy start')).toBe(true);
    const dispatcher = await login(server.url, 'dispatcher@demo.tournee.fr');
    const technician = await login(server.url, 'technicien1@demo.tournee.fr');
    const asDispatcher = api(server.url, dispatcher.token);
    const asTechnician = api(server.url, technician.token);
    const agencyId = dispatcher.user.agencyIds[0]!;
    const list = (await (await asDispatcher('GET', `/api/interventions?limit=1&agencyId=${agencyId}`)).json()) as { items: { id: string; version: number }[] };
    const intervention = list.items[0]!;

    await redis.kill();
    const degraded = await until(async () => {
      const h = await health(server.url);
      return h.status === 'degraded' ? h : undefined;
    }, 'health to say degraded');
    expect(degraded.queue.ok).toBe(false);
    expect(degraded.reasons?.join(' ')).toMatch(/Redis/);

    // A position: accepted, and stored (the 202 is a promise).
    const recordedAt = new Date().toISOString();
    const posted = await asTechnician('POST', '/api/positions', { positions: [{ lat: 43.5297, lon: 5.4474, recordedAt }] });
    expect(posted.status).toBe(202);
    await until(async () => {
      const { rows } = await sql.query('SELECT 1 FROM technician_positions WHERE technician_id = $1 AND recorded_at = $2', [
        technician.user.technicianId,
        recordedAt,
      ]);
      return rows.length === 1;
    }, 'the acknowledged position in the database');

    // An office change: stored, answered 200.
    const patched = await asDispatcher('PATCH', `/api/interventions/${intervention.id}`, { version: intervention.version, estimatedDurationMinutes: 75 });
    expect(patched.status).toBe(200);
    const {
      rows: [row],
    } = await sql.query('SELECT version, estimated_duration_minutes FROM interventions WHERE id = $1', [intervention.id]);
    expect(row).toMatchObject({ version: intervention.version + 1, estimated_duration_minutes: 75 });

    // A planning run needs the queue: 503 saying so, and nothing kept.
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const plan = await asDispatcher('POST', '/api/plans', { agencyId, days: [day], requestId: 'chaos-outage', timeLimitMs: 500 });
    expect(plan.status).toBe(503);
    expect(plan.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await plan.json()) as { error: string }).error).toMatch(/queue \(Redis\)/);
    const runId = planningRunId(planningJobId({ agencyId, days: [day], requestId: 'chaos-outage' } as never));
    const { rows: runs } = await sql.query('SELECT status FROM planning_runs WHERE id = $1', [runId]);
    expect(runs).toEqual([]);

    // Past node-redis' command time-out (5 s), which is when the process used to die: still up, still answering.
    await new Promise((r) => setTimeout(r, 7_000));
    expect(server.running()).toBe(true);
    expect(
      (await asDispatcher('PATCH', `/api/interventions/${intervention.id}`, { version: intervention.version + 1, estimatedDurationMinutes: 80 })).status,
    ).toBe(200);
    expect(server.output()).not.toMatch(/uncaught exception: shutting down/);
    // Every Redis failure was handled where it happened, none reached the last-resort handler.
    expect(server.output()).not.toMatch(/unhandled promise rejection/);

    // Redis back: healthy again, and planning works.
    await redis.start();
    await until(async () => (await health(server.url)).status === 'ok', 'health to be ok again');
    const replanned = await asDispatcher('POST', '/api/plans', { agencyId, days: [day], requestId: 'chaos-outage', timeLimitMs: 500 });
    expect(replanned.status).toBe(202);
    const { id } = (await replanned.json()) as { id: string };
    const run = await until(
      async () => {
        const r = (await (await asDispatcher('GET', `/api/plans/${id}`)).json()) as { status: string };
        return r.status === 'succeeded' || r.status === 'failed' ? r : undefined;
      },
      'the run to finish',
      120_000,
    );
    expect(run.status).toBe('succeeded');
    expect(server.running()).toBe(true);
  }, 400_000);
});

describeWithService(services, 'chaos: REDIS_URL where nothing listens', () => {
  let testDb: TestDatabase;
  let redis: OwnRedis;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    redis = ownRedis(await freePort());
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.kill();
    await testDb?.drop();
  }, 60_000);

  it('starts and listens degraded, sweeps a run a dead process left running, and recovers when Redis comes', async () => {
    server = await startServerProcess({
      DATABASE_URL: testDb.url,
      REDIS_URL: redis.url,
      DEMO: '1',
      DEMO_DAY: 'next',
      QUEUE_PREFIX: 'chaos-down',
      DATA_DIR: tmpdir(),
    });
    const h = await health(server.url);
    expect(h.status).toBe('degraded');
    expect(h.reasons?.join(' ')).toMatch(/Redis \(job queue\) unreachable/);
    expect(h.reasons?.join(' ')).toMatch(/Redis \(realtime\) unreachable/);
    // Logins and reads need neither Redis nor the queue.
    const dispatcher = await login(server.url, 'dispatcher@demo.tournee.fr');
    expect((await api(server.url, dispatcher.token)('GET', '/api/interventions?limit=1')).status).toBe(200);

    // A run left `running` by a process that died, its job gone with Redis.
    const agencyId = dispatcher.user.agencyIds[0]!;
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const payload = {
      agencyId,
      days: [day],
      requestId: 'left-by-a-dead-process',
      timeLimitMs: 500,
      seed: 1,
      wholeDays: false,
      preview: false,
      requestedById: null,
    };
    const jobId = planningJobId(payload as never);
    const runId = planningRunId(jobId);
    const sql = new pg.Client({ connectionString: testDb.url });
    await sql.connect();
    try {
      await sql.query(
        `INSERT INTO planning_runs (id, agency_id, days, status, preview, progress, input, created_at, started_at, updated_at)
         VALUES ($1, $2, ARRAY[$3::date], 'running', false, 0.3, $4, now(), now(), now())`,
        [runId, agencyId, day, JSON.stringify({ jobId, payload })],
      );

      await redis.start();
      await until(async () => (await health(server!.url)).status === 'ok', 'health to be ok once Redis listens');
      const swept = await until(
        async () => {
          const {
            rows: [run],
          } = await sql.query('SELECT status, error FROM planning_runs WHERE id = $1', [runId]);
          return run.status === 'succeeded' || run.status === 'failed' ? run : undefined;
        },
        'the interrupted run to be run again',
        120_000,
      );
      expect(swept.status).toBe('succeeded');
      expect(server.output()).not.toMatch(/unhandled promise rejection|uncaught/);
    } finally {
      await sql.end();
    }
    expect(server.running()).toBe(true);
  }, 400_000);
});
