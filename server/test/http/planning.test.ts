// The planning routes over real HTTP (createApp with planningRouter mounted
// as main.ts mounts it), on PostgreSQL, with the in-process job runner.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/auth/tokens.ts';
import { createApp } from '../../src/http/app.ts';
import { planningRouter } from '../../src/http/routes/planning.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { DAY } from '../planning/fixtures.ts';
import { recordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { seedAgency, type SeededAgency } from '../planning/seed-agency.ts';
import { openPostgresTestDb, type OpenTestDb } from '../planning/test-db.ts';
import { until } from '../jobs/support.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { listen, request } from './harness.ts';

const SECRET = 'planning-routes-secret-0123456789abcdef';
/** Monday 09:00 in Aix. */
const NOW = new Date(`${DAY}T08:00:00Z`);

describeWithService(await checkPostgres(), 'planning routes', () => {
  let testDb: OpenTestDb;
  let jobs: JobRunner;
  let server: { url: string; close(): Promise<void> };
  let seeded: SeededAgency;
  let other: SeededAgency;
  const broadcaster = recordingBroadcaster();
  const token: Record<'dispatcher' | 'outsider' | 'technician', string> = {} as never;
  const call = (method: string, path: string, who: keyof typeof token | undefined, body?: unknown) =>
    request<any>(server.url, method, path, { token: who ? token[who] : undefined, body });

  beforeAll(async () => {
    testDb = await openPostgresTestDb();
    const prisma = testDb.db.prisma;
    seeded = await seedAgency(prisma, 5);
    other = await seedAgency(prisma, 0);
    const user = (role: 'dispatcher' | 'technician', tag: string) =>
      prisma.user.create({ data: { email: `${tag}@planning.test`, name: tag, passwordHash: 'x', role } });
    const [dispatcher, outsider, tech] = await Promise.all([user('dispatcher', 'd'), user('dispatcher', 'o'), user('technician', 't')]);
    token.dispatcher = await signToken({ sub: dispatcher.id, role: 'dispatcher', agencyIds: [seeded.agencyId] }, SECRET);
    token.outsider = await signToken({ sub: outsider.id, role: 'dispatcher', agencyIds: [other.agencyId] }, SECRET);
    token.technician = await signToken({ sub: tech.id, role: 'technician', technicianId: seeded.technicianIds[0], agencyIds: [seeded.agencyId] }, SECRET);
    jobs = await createJobRunner({ config: { redisUrl: undefined }, prisma, broadcaster }, { overnight: null, now: () => NOW, log: () => {} });
    const app = createApp({
      config: { authSecret: SECRET, redisUrl: undefined },
      prisma,
      dbKind: 'postgresql',
      routers: [planningRouter({ prisma, jobs, broadcaster, now: () => NOW })],
      log: () => {},
    });
    server = await listen(app);
  });
  afterAll(async () => {
    await server?.close();
    await jobs?.close();
    await testDb?.dispose();
  });

  it('POST /api/optimization solves a VROOM problem, and answers input errors with the field', async () => {
    const problem = {
      vehicles: [{ id: 1, start: [5.4474, 43.5297], end: [5.4474, 43.5297] }],
      jobs: [
        { id: 1, location: [5.469, 43.4548], service: 600 },
        { id: 2, location: [5.5036, 43.6946], service: 600 },
      ],
    };
    const ok = await call('POST', '/api/optimization?timeLimitMs=200', 'dispatcher', problem);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: 0, summary: { routes: 1, unassigned: 0 } });
    expect(ok.body.routes[0].steps.map((s: { type: string }) => s.type)).toEqual(['start', 'job', 'job', 'end']);

    const bad = await call('POST', '/api/optimization', 'dispatcher', { ...problem, jobs: [{ id: 1, location: [5.4, 43.5], time_windows: [[36000, 32400]] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ path: 'jobs[0].time_windows[0]', in: 'body' });
    expect(bad.body.error).toMatch(/after/);

    expect((await call('POST', '/api/optimization?timeLimitMs=600000', 'dispatcher', problem)).status).toBe(400);
    expect((await call('POST', '/api/optimization', 'technician', problem)).status).toBe(403);
    expect((await call('POST', '/api/optimization', undefined, problem)).status).toBe(401);
  });

  it('POST /api/plans starts a run that GET /api/plans/:id follows to its end; the same requestId is the same run', async () => {
    const sent = await call('POST', '/api/plans', 'dispatcher', { agencyId: seeded.agencyId, days: [DAY], timeLimitMs: 1_000, requestId: 'monday' });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ id: expect.any(String), run: { status: 'queued', days: [DAY] } });
    const again = await call('POST', '/api/plans', 'dispatcher', { agencyId: seeded.agencyId, days: [DAY], timeLimitMs: 1_000, requestId: 'monday' });
    expect(again.body.id).toBe(sent.body.id);

    const run = await until(async () => {
      const res = await call('GET', `/api/plans/${sent.body.id}`, 'dispatcher');
      return res.body.status === 'succeeded' || res.body.status === 'failed' ? res.body : null;
    }, 'the run');
    expect(run).toMatchObject({ status: 'succeeded', progress: 1, agencyId: seeded.agencyId, result: { summary: { planned: 5 } } });

    expect((await call('GET', `/api/plans/${sent.body.id}`, 'outsider')).status).toBe(404);
    expect((await call('POST', '/api/plans', 'outsider', { agencyId: seeded.agencyId, days: [DAY] })).status).toBe(404);
    const past = await call('POST', '/api/plans', 'dispatcher', { agencyId: seeded.agencyId, days: ['2026-02-27'] });
    expect(past.status).toBe(422);
    expect(past.body.details[0]).toMatchObject({ path: 'days[0]' });
    const invalid = await call('POST', '/api/plans', 'dispatcher', { agencyId: seeded.agencyId, days: ['monday'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details[0].path).toBe('days[0]');
  });

  it('ranks technicians for an urgent visit, then assigns it at a position with a version check and a push', async () => {
    const prisma = testDb.db.prisma;
    const site = await prisma.site.findFirstOrThrow({ where: { interventions: { some: { agencyId: seeded.agencyId } } } });
    const urgent = await prisma.intervention.create({
      data: {
        agencyId: seeded.agencyId, siteId: site.id, estimatedDurationMinutes: 30, priority: 95,
        requiredSkills: { create: [{ skillId: seeded.skillIds.hvac, minLevel: 2 }] },
      },
    });
    const ranked = await call('POST', `/api/interventions/${urgent.id}/insertion-candidates`, 'dispatcher', {});
    expect(ranked.status).toBe(200);
    const [expert, poolTech] = seeded.technicianIds;
    expect(ranked.body.day).toBe(DAY);
    expect(ranked.body.candidates.map((c: { technicianId: string }) => c.technicianId)).toEqual([expert]);
    expect(ranked.body.rejected).toEqual([{ technicianId: poolTech, reason: 'no_skill' }]);
    const best = ranked.body.candidates[0];
    expect(Date.parse(best.eta)).toBeGreaterThanOrEqual(NOW.getTime());
    expect(best.order).toContain(urgent.id);

    const stale = await call('POST', `/api/interventions/${urgent.id}/assign`, 'dispatcher', { technicianId: expert, version: 7, position: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: urgent.id, version: 1 });

    const done = await call('POST', `/api/interventions/${urgent.id}/assign`, 'dispatcher', { technicianId: expert, version: 1, position: 0 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ technicianId: expert, day: DAY, position: 0, interventionVersion: 2 });
    const tour = await prisma.tour.findUniqueOrThrow({ where: { id: done.body.tourId }, include: { stops: { orderBy: { sequence: 'asc' } } } });
    expect(tour.stops[0]!.interventionId).toBe(urgent.id);
    expect(tour.stops.map((s) => s.sequence)).toEqual(tour.stops.map((_, k) => k));
    expect(tour.version).toBe(done.body.tourVersion);
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: urgent.id } })).status).toBe('assigned');
    expect(broadcaster.pushes.find((p) => p.assignment.interventionId === urgent.id)).toMatchObject({ technicianId: expert, assignment: { kind: 'assigned' } });

    expect((await call('POST', `/api/interventions/${urgent.id}/assign`, 'outsider', { technicianId: expert, version: 2 })).status).toBe(404);
    const elsewhere = await call('POST', `/api/interventions/${urgent.id}/assign`, 'dispatcher', { technicianId: 'nobody', version: 2 });
    expect(elsewhere.status).toBe(422);
  });

  it('POST /api/interventions/:id/dispatch inserts an urgent visit as a job', async () => {
    const prisma = testDb.db.prisma;
    const site = await prisma.site.findFirstOrThrow({ where: { interventions: { some: { agencyId: seeded.agencyId } } } });
    const urgent = await prisma.intervention.create({ data: { agencyId: seeded.agencyId, siteId: site.id, estimatedDurationMinutes: 20, priority: 90 } });
    const sent = await call('POST', `/api/interventions/${urgent.id}/dispatch`, 'dispatcher', { requestId: 'leak' });
    expect(sent.status).toBe(202);
    expect(sent.body.jobId).toBe(`dispatch/${urgent.id}/leak`);
    const job = await until(() => jobs.getJob('dispatch', sent.body.jobId).then((j) => (j?.state === 'completed' || j?.state === 'failed' ? j : null)), 'the dispatch job');
    expect(job.failedReason).toBeNull();
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: urgent.id } })).status).toBe('assigned');
    expect((await call('POST', `/api/interventions/${urgent.id}/dispatch`, 'technician', {})).status).toBe(403);
  });
});
