// The planning routes over real HTTP (createApp with planningRouter mounted
// as main.ts mounts it), on PostgreSQL, with the in-process job runner:
// runs, previews and their fate, the list of plans, urgent insertion and
// assignment (with parts).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/auth/tokens.ts';
import { createApp } from '../../src/http/app.ts';
import { planningRouter } from '../../src/http/routes/planning.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { DAY } from '../planning/fixtures.ts';
import { recordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { seedAgency, type SeededAgency } from '../planning/seed-agency.ts';
import { seedParts } from '../planning/seed-parts.ts';
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
    // Naming another agency is refused by the registry's agency rule, naming the field.
    expect((await call('POST', '/api/plans', 'outsider', { agencyId: seeded.agencyId, days: [DAY] })).status).toBe(403);
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
        agencyId: seeded.agencyId,
        siteId: site.id,
        estimatedDurationMinutes: 30,
        priority: 95,
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

  it('evaluates a drag with the engine’s timing: an absent technician is refused, and assigning at the answered position stores what was previewed', async () => {
    const prisma = testDb.db.prisma;
    const [expert, poolTech] = seeded.technicianIds;
    const visit = seeded.interventionIds[3]!;
    const absence = await prisma.absence.create({
      data: { technicianId: poolTech, startsAt: new Date(`${DAY}T00:00:00Z`), endsAt: new Date(`${DAY}T23:00:00Z`), kind: 'training' },
    });
    const absent = await call('POST', `/api/interventions/${visit}/evaluate-move`, 'dispatcher', { technicianId: poolTech, at: `${DAY}T12:00:00Z` });
    expect(absent.status).toBe(200);
    expect(absent.body).toMatchObject({ technicianId: poolTech, day: DAY, eta: null, refusal: { reason: 'no_shift' } });
    expect(absent.body.refusal).toMatchObject({ absence: 'training' });
    expect(absent.body.refusal.message).toMatch(/absent/);
    expect(absent.body.refusal.message).not.toContain(poolTech);
    const { version } = await prisma.intervention.findUniqueOrThrow({ where: { id: visit } });
    const refused = await call('POST', `/api/interventions/${visit}/assign`, 'dispatcher', { technicianId: poolTech, version, position: absent.body.position });
    expect(refused.status).toBe(422);
    const stale = await call('POST', `/api/interventions/${visit}/evaluate-move`, 'dispatcher', { technicianId: expert, version: version + 5 });
    expect(stale.status).toBe(409);
    // A malformed body is refused before anything is read, naming the field.
    const noTechnician = await call('POST', `/api/interventions/${visit}/evaluate-move`, 'dispatcher', { position: 0 });
    expect(noTechnician.status).toBe(400);
    expect(noTechnician.body.details[0]).toMatchObject({ path: 'technicianId', in: 'body' });
    const badPosition = await call('POST', `/api/interventions/${visit}/evaluate-move`, 'dispatcher', { technicianId: expert, position: -1 });
    expect(badPosition.status).toBe(400);
    expect(badPosition.body.details[0]).toMatchObject({ path: 'position', in: 'body' });
    await prisma.absence.delete({ where: { id: absence.id } });

    // Dropped at 13:00 in Aix.
    const preview = await call('POST', `/api/interventions/${visit}/evaluate-move`, 'dispatcher', { technicianId: expert, at: `${DAY}T12:00:00Z` });
    expect(preview.status).toBe(200);
    expect(preview.body.refusal).toBeNull();
    expect(Date.parse(preview.body.eta)).toBeGreaterThanOrEqual(NOW.getTime());
    expect(preview.body.addedTravelSeconds).toBeGreaterThan(0);
    const saved = await call('POST', `/api/interventions/${visit}/assign`, 'dispatcher', { technicianId: expert, version, position: preview.body.position });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      position: preview.body.position,
      pushedOut: preview.body.pushedOut,
      plannedStart: preview.body.plannedStart,
      plannedEnd: preview.body.plannedEnd,
    });
    const stop = await prisma.tourStop.findFirstOrThrow({ where: { interventionId: visit }, include: { tour: true } });
    expect(stop.plannedArrival?.toISOString()).toBe(preview.body.eta);
    // The day's overtime the preview announced is the stored tour's, and the break is stored where the engine put it.
    const kpis = stop.tour.kpis as { overtimeSeconds: number; breaks?: { start: string; end: string }[] };
    expect(kpis.overtimeSeconds).toBe(preview.body.overtimeSeconds);
    expect(Array.isArray(kpis.breaks)).toBe(true);

    // Moving it within its own tour: the tour without it is the reference.
    const first = await call('POST', `/api/interventions/${visit}/evaluate-move`, 'dispatcher', { technicianId: expert, position: 0 });
    expect(first.body).toMatchObject({ position: 0, refusal: null });
    expect(Date.parse(first.body.plannedStart)).toBeLessThanOrEqual(Date.parse(preview.body.plannedStart));
  });

  it('POST /api/interventions/:id/dispatch inserts an urgent visit as a job', async () => {
    const prisma = testDb.db.prisma;
    const site = await prisma.site.findFirstOrThrow({ where: { interventions: { some: { agencyId: seeded.agencyId } } } });
    const urgent = await prisma.intervention.create({ data: { agencyId: seeded.agencyId, siteId: site.id, estimatedDurationMinutes: 20, priority: 90 } });
    const sent = await call('POST', `/api/interventions/${urgent.id}/dispatch`, 'dispatcher', { requestId: 'leak' });
    expect(sent.status).toBe(202);
    expect(sent.body.jobId).toBe(`dispatch/${urgent.id}/leak`);
    const job = await until(
      () => jobs.getJob('dispatch', sent.body.jobId).then((j) => (j?.state === 'completed' || j?.state === 'failed' ? j : null)),
      'the dispatch job',
    );
    expect(job.failedReason).toBeNull();
    expect((await prisma.intervention.findUniqueOrThrow({ where: { id: urgent.id } })).status).toBe('assigned');
    expect((await call('POST', `/api/interventions/${urgent.id}/dispatch`, 'technician', {})).status).toBe(403);
  });

  /** A dispatcher of a fresh agency (its own user, so runs can name who asked). */
  const freshAgency = async (count: number, tag: string) => {
    const prisma = testDb.db.prisma;
    const agency = await seedAgency(prisma, count);
    const user = await prisma.user.create({ data: { email: `${tag}@planning.test`, name: tag, passwordHash: 'x', role: 'dispatcher' } });
    const as = await signToken({ sub: user.id, role: 'dispatcher', agencyIds: [agency.agencyId] }, SECRET);
    const send = (method: string, path: string, body?: unknown) => request<any>(server.url, method, path, { token: as, body });
    return { agency, send };
  };
  const finished = (send: (m: string, p: string) => Promise<{ body: any }>, id: string) =>
    until(async () => {
      const res = await send('GET', `/api/plans/${id}`);
      return res.body.status === 'succeeded' || res.body.status === 'failed' ? res.body : null;
    }, `run ${id}`);

  it('previews a plan without applying it, lists the plans in force, and accepts or discards a preview once', async () => {
    const prisma = testDb.db.prisma;
    const { agency, send } = await freshAgency(3, 'previewer');
    const sent = await send('POST', '/api/plans', { agencyId: agency.agencyId, days: [DAY], timeLimitMs: 1_000, preview: true, requestId: 'look' });
    expect(sent.status).toBe(202);
    expect(sent.body.run).toMatchObject({ status: 'queued', preview: true, decision: null, decidedAt: null });
    const preview = await finished(send, sent.body.id);
    expect(preview).toMatchObject({
      status: 'succeeded',
      preview: true,
      decision: 'pending',
      result: { summary: { planned: 3 }, before: { planned: 0, unassigned: 3 } },
    });
    expect(await prisma.tour.count({ where: { agencyId: agency.agencyId } })).toBe(0);
    expect(broadcaster.plans.filter((p) => p.agencyId === agency.agencyId)).toEqual([]);

    const inForce = () => send('GET', `/api/plans?agencyId=${agency.agencyId}&day=${DAY}&applied=true&limit=1`);
    expect((await inForce()).body).toEqual({ items: [] });
    const all = await send('GET', `/api/plans?agencyId=${agency.agencyId}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: { id: string }) => r.id)).toEqual([preview.id]);
    expect((await send('GET', `/api/plans?agencyId=${agency.agencyId}&day=2026-03-03`)).body).toEqual({ items: [] });

    // What it would change, per technician, each visit named; a technician with nothing to accept is refused naming the field.
    const changes = await send('GET', `/api/plans/${preview.id}/changes`);
    expect(changes.status).toBe(200);
    const stops = changes.body.technicians.flatMap((t: { stops: { change: string; from: string | null; place: string }[] }) => t.stops);
    expect(stops).toHaveLength(3);
    expect(stops.every((s: { change: string; from: string | null; place: string }) => s.change === 'in' && s.from === null && s.place !== '')).toBe(true);
    const nobody = await send('POST', `/api/plans/${preview.id}/accept`, { technicianIds: ['no-such-technician'] });
    expect(nobody.status).toBe(422);
    expect(nobody.body).toMatchObject({ code: 'plan.technician_unchanged', details: [{ path: 'technicianIds[0]', in: 'body' }] });
    expect((await send('POST', `/api/plans/${preview.id}/accept`, { technicianIds: [] })).status).toBe(400);
    expect((await call('GET', `/api/plans/${preview.id}/changes`, 'outsider')).status).toBe(404);

    const accepted = await send('POST', `/api/plans/${preview.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: preview.id, decision: 'accepted', decidedAt: NOW.toISOString() });
    expect(await prisma.tourStop.count({ where: { tour: { agencyId: agency.agencyId, planningRunId: preview.id } } })).toBe(3);
    expect(broadcaster.plans.filter((p) => p.agencyId === agency.agencyId).map((p) => p.change.reason)).toEqual(['planning_run']);
    const twice = await send('POST', `/api/plans/${preview.id}/accept`);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatch(/already accepted/);
    expect(twice.body).toMatchObject({ code: 'plan.already_decided', params: { decision: 'accepted' } });
    expect((await inForce()).body.items.map((r: { id: string }) => r.id)).toEqual([preview.id]);

    // Someone changes a visit after the next preview: accepting it is refused, nothing applied.
    const next = await send('POST', '/api/plans', { agencyId: agency.agencyId, days: [DAY], timeLimitMs: 1_000, preview: true, wholeDays: true });
    const computed = await finished(send, next.body.id);
    expect(computed.result.before).toMatchObject({ planned: 3, unassigned: 0 });
    await prisma.intervention.update({ where: { id: agency.interventionIds[0]! }, data: { priority: 80, version: { increment: 1 } } });
    const versions = await prisma.intervention.findMany({ where: { agencyId: agency.agencyId }, select: { id: true, version: true }, orderBy: { id: 'asc' } });
    const stale = await send('POST', `/api/plans/${computed.id}/accept`);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/plan for 2026-03-02 changed since this preview was computed \(1 visit changed\)/);
    expect(stale.body).toMatchObject({ code: 'plan.changed_since_preview', params: { days: '2026-03-02', visits: 1, tours: 0 } });
    expect(await prisma.intervention.findMany({ where: { agencyId: agency.agencyId }, select: { id: true, version: true }, orderBy: { id: 'asc' } })).toEqual(
      versions,
    );
    expect((await send('GET', `/api/plans/${computed.id}`)).body.decision).toBe('pending');

    const dropped = await send('POST', `/api/plans/${computed.id}/discard`);
    expect(dropped.status).toBe(200);
    expect(dropped.body).toMatchObject({ decision: 'discarded' });
    expect((await send('POST', `/api/plans/${computed.id}/discard`)).status).toBe(409);
    expect((await inForce()).body.items.map((r: { id: string }) => r.id)).toEqual([preview.id]);

    // A direct run applies at once and is the plan in force from then on.
    const direct = await send('POST', '/api/plans', { agencyId: agency.agencyId, days: [DAY], timeLimitMs: 1_000 });
    const applied = await finished(send, direct.body.id);
    expect(applied).toMatchObject({ preview: false, decision: null, status: 'succeeded' });
    expect((await send('POST', `/api/plans/${applied.id}/accept`)).status).toBe(409);
    expect((await inForce()).body.items.map((r: { id: string }) => r.id)).toEqual([applied.id]);

    expect((await call('POST', `/api/plans/${preview.id}/discard`, 'outsider')).status).toBe(404);
    expect((await call('GET', `/api/plans?agencyId=${agency.agencyId}`, 'outsider')).status).toBe(403);
    expect((await call('POST', `/api/plans/${preview.id}/accept`, 'technician')).status).toBe(403);
  });

  it('names the field of an invalid plan request or list query', async () => {
    const badPreview = await call('POST', '/api/plans', 'dispatcher', { agencyId: seeded.agencyId, days: [DAY], preview: 'yes' });
    expect(badPreview.status).toBe(400);
    expect(badPreview.body.details).toEqual([expect.objectContaining({ path: 'preview', in: 'body' })]);
    const noAgency = await call('GET', '/api/plans?applied=true', 'dispatcher');
    expect(noAgency.status).toBe(400);
    expect(noAgency.body.details).toEqual([expect.objectContaining({ path: 'agencyId', in: 'query' })]);
    const bad = await call('GET', `/api/plans?agencyId=${seeded.agencyId}&applied=yes&limit=0&day=monday`, 'dispatcher');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['applied', 'day', 'limit']);
  });

  it('rejects technicians who cannot get the parts, and warns when a visit is assigned to one anyway', async () => {
    const prisma = testDb.db.prisma;
    const { agency, send } = await freshAgency(1, 'parts');
    const [expert, poolTech] = agency.technicianIds;
    const visit = agency.interventionIds[0]!;
    await prisma.interventionSkill.deleteMany({ where: { interventionId: visit } });
    const p = await seedParts(prisma, agency);
    await p.needs(visit, p.parts.fan.id);
    await p.stock(p.depots.vanExpert.id, p.parts.fan.id, 1);

    const ranked = await send('POST', `/api/interventions/${visit}/insertion-candidates`, {});
    expect(ranked.status).toBe(200);
    expect(ranked.body.candidates.map((c: { technicianId: string }) => c.technicianId)).toEqual([expert]);
    expect(ranked.body.rejected).toEqual([{ technicianId: poolTech, reason: 'parts_unavailable' }]);

    const anyway = await send('POST', `/api/interventions/${visit}/assign`, { technicianId: poolTech, version: 1 });
    expect(anyway.status).toBe(200);
    expect(anyway.body).toMatchObject({
      technicianId: poolTech,
      warnings: [{ code: 'parts_unavailable', message: expect.stringContaining(p.parts.fan.reference) }],
    });
    expect(await prisma.stockReservation.count({ where: { interventionId: visit, status: 'active' } })).toBe(0);

    const equipped = await send('POST', `/api/interventions/${visit}/assign`, { technicianId: expert, version: anyway.body.interventionVersion });
    expect(equipped.status).toBe(200);
    expect(equipped.body.warnings).toBeUndefined();
    expect(await prisma.stockReservation.findMany({ where: { interventionId: visit, status: 'active' }, select: { depotId: true, quantity: true } })).toEqual([
      { depotId: p.depots.vanExpert.id, quantity: 1 },
    ]);

    // Moved to a technician who cannot reach that van: the van's part goes back, the central depot's is reserved.
    await p.stock(p.depots.central.id, p.parts.fan.id, 1);
    const moved = await send('POST', `/api/interventions/${visit}/assign`, { technicianId: poolTech, version: equipped.body.interventionVersion });
    expect(moved.status).toBe(200);
    expect(moved.body.warnings).toBeUndefined();
    expect(
      await prisma.stockReservation.findMany({ where: { interventionId: visit }, select: { depotId: true, status: true }, orderBy: { createdAt: 'asc' } }),
    ).toEqual([
      { depotId: p.depots.vanExpert.id, status: 'released' },
      { depotId: p.depots.central.id, status: 'active' },
    ]);
  });
});
