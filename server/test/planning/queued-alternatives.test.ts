// A visit of the unassigned queue on a full day gets the urgent flow's
// alternatives (issue 12) over real HTTP: the answer is ranked under the
// stored intervention's own id, and applying a place — a slot on the next day,
// overtime forced, a neighbouring agency's technician — assigns THAT
// intervention (no new one; the queue shrinks by one), version- and
// agency-checked against the stored record. On PGlite, and on PostgreSQL when
// it is reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/auth/tokens.ts';
import { createApp } from '../../src/http/app.ts';
import { planningRouter } from '../../src/http/routes/planning.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { assignIntervention } from '../../src/planning/assign.ts';
import { clearInsertionCache } from '../../src/planning/insertion-cache.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { listen, request } from '../http/harness.ts';
import { DAY, NEXT_DAY } from './fixtures.ts';
import { recordingBroadcaster } from './recording-broadcaster.ts';
import { seedAgency, type SeededAgency } from './seed-agency.ts';
import { openPgliteTestDb, openPostgresTestDb, type OpenTestDb } from './test-db.ts';

const SECRET = 'queued-alternatives-secret-0123456789abcdef';
/** Monday 16:30 in Aix: the day nearly over, a two-hour visit fits nobody. */
const LATE = new Date(`${DAY}T15:30:00Z`);
/** Monday 07:30 in Aix: before the day starts. */
const EARLY = new Date(`${DAY}T06:30:00Z`);

function cases(open: () => Promise<OpenTestDb>) {
  let testDb: OpenTestDb;
  let jobs: JobRunner;
  let server: { url: string; close(): Promise<void> };
  let aix: SeededAgency;
  let neighbourAgency: string;
  let neighbourTech: string;
  let foreignTech: string;
  let siteId: string;
  let token: string;
  let outsider: string;
  let busy: SeededAgency;
  let clock = LATE;
  /** Intervention changes told to boards (the recording double has no such method; main.ts's broadcaster does). */
  const changes: { interventionId: string; agencyId: string; status: string }[] = [];
  const broadcaster = Object.assign(recordingBroadcaster(), { interventionChanged: (change: (typeof changes)[number]) => void changes.push(change) });
  const call = (method: string, path: string, body?: unknown, who = token) => request<any>(server.url, method, path, { token: who, body });
  const count = () => testDb.db.prisma.intervention.count();
  const queued = () => testDb.db.prisma.intervention.count({ where: { agencyId: aix.agencyId, status: 'requested' } });
  /** A two-hour HVAC visit waiting in the queue for DAY. */
  const queue = async (priority = 80) =>
    testDb.db.prisma.intervention.create({
      data: {
        agencyId: aix.agencyId,
        siteId,
        problemDescription: 'Chaudière en panne',
        priority,
        estimatedDurationMinutes: 120,
        earliestDate: new Date(`${DAY}T00:00:00Z`),
        latestDate: new Date(`${DAY}T00:00:00Z`),
        requiredSkills: { create: [{ skillId: aix.skillIds.hvac, minLevel: 2 }] },
      },
    });

  beforeAll(async () => {
    testDb = await open();
    const prisma = testDb.db.prisma;
    const tag = Math.random().toString(36).slice(2, 8);
    const region = await prisma.region.create({ data: { code: `PACA-queued-${tag}`, name: 'Provence' } });
    aix = await seedAgency(prisma, 0);
    await prisma.agency.update({ where: { id: aix.agencyId }, data: { regionId: region.id } });
    const neighbour = await prisma.agency.create({ data: { code: `MRS-queued-${tag}`, name: 'Marseille', regionId: region.id, lat: 43.2965, lon: 5.3698 } });
    neighbourAgency = neighbour.id;
    neighbourTech = (
      await prisma.technician.create({
        data: {
          agencyId: neighbour.id,
          firstName: 'Voisin',
          lastName: 'Test',
          homeLat: 43.5297,
          homeLon: 5.4474,
          skills: { create: [{ skillId: aix.skillIds.hvac, level: 3 }] },
          shifts: { create: [{ date: new Date(`${DAY}T00:00:00Z`), startMinute: 480, endMinute: 1260 }] },
        },
      })
    ).id;
    const other = await seedAgency(prisma, 0);
    foreignTech = other.technicianIds[0];
    const customer = await prisma.customer.create({ data: { name: 'Famille Roux' } });
    siteId = (
      await prisma.site.create({
        data: { customerId: customer.id, name: 'Maison Roux', address: '2 rue Cézanne', postcode: '13100', city: 'Aix-en-Provence', lat: 43.53, lon: 5.45 },
      })
    ).id;
    const user = await prisma.user.create({ data: { email: `queued-${tag}@planning.test`, name: 'Dispatch', passwordHash: 'x', role: 'dispatcher' } });
    busy = await seedAgency(prisma, 0);
    token = await signToken({ sub: user.id, role: 'dispatcher', agencyIds: [aix.agencyId, neighbour.id, busy.agencyId] }, SECRET);
    outsider = await signToken({ sub: user.id, role: 'dispatcher', agencyIds: [other.agencyId] }, SECRET);
    jobs = await createJobRunner({ config: { redisUrl: undefined }, prisma, broadcaster }, { overnight: null, now: () => clock, log: () => {} });
    const app = createApp({
      config: { authSecret: SECRET, redisUrl: undefined },
      prisma,
      dbKind: testDb.db.kind,
      routers: [planningRouter({ prisma, jobs, broadcaster, now: () => clock, log: () => {} })],
      log: () => {},
    });
    server = await listen(app);
  });
  afterAll(async () => {
    await server?.close();
    await jobs?.close();
    await testDb?.dispose();
  });

  it('answers a queued visit of a full day with the alternatives, and a slot of the next day assigns that visit, creating nothing', async () => {
    clearInsertionCache();
    const visit = await queue();
    const [camille, sacha] = aix.technicianIds;
    const before = { all: await count(), queue: await queued() };

    const res = await call('POST', `/api/interventions/${visit.id}/urgent-answer`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ agencyId: aix.agencyId, day: DAY, candidates: [] });
    const why = (id: string) => res.body.unavailable.find((u: { technicianId: string }) => u.technicianId === id)?.reasons;
    expect(why(camille)).toEqual([{ code: 'capacity', overMinutes: expect.any(Number) }]);
    expect(why(sacha)).toEqual([{ code: 'skill_level', skill: 'HVAC', level: 1, required: 2 }]);
    const slot = res.body.slots[0];
    expect(slot).toMatchObject({ day: NEXT_DAY, technicianId: camille, technicianName: 'Camille Martin' });
    expect(res.body.overtime).toEqual([expect.objectContaining({ technicianId: camille })]);
    expect(res.body.neighbours).toEqual([expect.objectContaining({ technicianId: neighbourTech, agencyId: neighbourAgency })]);
    expect(await count()).toBe(before.all);

    const saved = await call('POST', `/api/interventions/${visit.id}/urgent-decision`, {
      version: visit.version,
      decision: { kind: 'assign', technicianId: slot.technicianId, day: slot.day },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ interventionId: visit.id, status: 'assigned', technicianId: camille, day: NEXT_DAY, agencyId: aix.agencyId });
    expect(await count()).toBe(before.all);
    expect(await queued()).toBe(before.queue - 1);
    const row = await testDb.db.prisma.intervention.findUniqueOrThrow({ where: { id: visit.id }, include: { tourStops: { include: { tour: true } } } });
    expect(row).toMatchObject({ status: 'assigned', technicianId: camille, latestDate: new Date(`${NEXT_DAY}T00:00:00Z`) });
    expect(row.tourStops.map((s) => [s.tour.technicianId, s.tour.date.toISOString().slice(0, 10)])).toEqual([[camille, NEXT_DAY]]);
    expect(saved.body.plannedStart).toBe(row.plannedStart!.toISOString());

    // No longer in the queue: neither ranked nor placed again.
    const again = await call('POST', `/api/interventions/${visit.id}/urgent-answer`, {});
    expect(again.status).toBe(422);
  });

  it('refuses overtime unless forced and a stale version; forced, the queued visit is assigned on the day', async () => {
    clearInsertionCache();
    const visit = await queue();
    const [camille] = aix.technicianIds;
    const decision = { kind: 'assign', technicianId: camille, day: DAY };
    const refused = await call('POST', `/api/interventions/${visit.id}/urgent-decision`, { version: visit.version, decision });
    expect(refused.status).toBe(422);
    const stale = await call('POST', `/api/interventions/${visit.id}/urgent-decision`, { version: visit.version + 1, decision: { ...decision, force: true } });
    expect(stale.status).toBe(409);
    expect(await testDb.db.prisma.intervention.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({ status: 'requested', technicianId: null });

    const forced = await call('POST', `/api/interventions/${visit.id}/urgent-decision`, { version: visit.version, decision: { ...decision, force: true } });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ interventionId: visit.id, status: 'assigned', technicianId: camille, day: DAY });
    expect(forced.body.overtimeMinutes).toBeGreaterThan(60);
  });

  it('sends a neighbour’s technician by moving the visit to that agency, and checks the caller against the stored records', async () => {
    clearInsertionCache();
    const visit = await queue();
    const before = await count();
    const foreign = await call('POST', `/api/interventions/${visit.id}/urgent-answer`, {}, outsider);
    expect(foreign.status).toBe(404);
    const foreignDecision = await call(
      'POST',
      `/api/interventions/${visit.id}/urgent-decision`,
      { version: visit.version, decision: { kind: 'assign', technicianId: neighbourTech, day: DAY } },
      outsider,
    );
    expect(foreignDecision.status).toBe(404);
    const otherTech = await call('POST', `/api/interventions/${visit.id}/urgent-decision`, {
      version: visit.version,
      decision: { kind: 'assign', technicianId: foreignTech, day: DAY },
    });
    expect(otherTech.status).toBe(403);
    expect(otherTech.body.details[0].path).toBe('decision.technicianId');
    const missing = await call('POST', `/api/interventions/${visit.id}/urgent-decision`, {
      decision: { kind: 'assign', technicianId: neighbourTech, day: DAY },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].path).toBe('version');
    const past = await call('POST', `/api/interventions/${visit.id}/urgent-decision`, {
      version: visit.version,
      decision: { kind: 'assign', technicianId: neighbourTech, day: '2026-02-27' },
    });
    expect(past.status).toBe(422);
    expect(past.body.details[0].path).toBe('decision.day');

    const sent = await call('POST', `/api/interventions/${visit.id}/urgent-decision`, {
      version: visit.version,
      decision: { kind: 'assign', technicianId: neighbourTech, day: DAY },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ interventionId: visit.id, status: 'assigned', agencyId: neighbourAgency, technicianId: neighbourTech });
    expect(await testDb.db.prisma.intervention.findUniqueOrThrow({ where: { id: visit.id } })).toMatchObject({
      agencyId: neighbourAgency,
      technicianId: neighbourTech,
      status: 'assigned',
    });
    expect(await count()).toBe(before);
    // Aix's boards are told it left their queue (the plan itself went to Marseille's).
    expect(changes).toContainEqual(expect.objectContaining({ interventionId: visit.id, agencyId: aix.agencyId, status: 'assigned' }));
    expect(broadcaster.plans.at(-1)?.agencyId).toBe(neighbourAgency);
  });

  it('bumps a lower-priority visit of a full tour for the queued one, which takes its place, the bumped visit going to another technician', async () => {
    clock = EARLY;
    clearInsertionCache();
    const prisma = testDb.db.prisma;
    const [camille, sacha] = busy.technicianIds;
    // Camille's day, full: four visits of 110 minutes, priorities 50, 20, 40, 30.
    const visits: string[] = [];
    for (const [k, priority] of [50, 20, 40, 30].entries()) {
      const site = await prisma.site.create({
        data: {
          customerId: (await prisma.customer.findFirstOrThrow()).id,
          name: `Villa ${k + 1}`,
          address: `${k + 1} avenue Victor Hugo`,
          postcode: '13100',
          city: 'Aix-en-Provence',
          lat: 43.52 + k / 200,
          lon: 5.44,
        },
      });
      const v = await prisma.intervention.create({
        data: {
          agencyId: busy.agencyId,
          siteId: site.id,
          estimatedDurationMinutes: 110,
          priority,
          earliestDate: new Date(`${DAY}T00:00:00Z`),
          latestDate: new Date(`${DAY}T00:00:00Z`),
        },
      });
      await assignIntervention({ prisma, broadcaster, now: () => clock }, { interventionId: v.id, technicianId: camille, day: DAY, position: k });
      visits.push(v.id);
    }
    const visit = await prisma.intervention.create({
      data: {
        agencyId: busy.agencyId,
        siteId,
        priority: 95,
        estimatedDurationMinutes: 60,
        earliestDate: new Date(`${DAY}T00:00:00Z`),
        latestDate: new Date(`${DAY}T00:00:00Z`),
        requiredSkills: { create: [{ skillId: busy.skillIds.hvac, minLevel: 2 }] },
      },
    });
    const before = await count();
    const res = await call('POST', `/api/interventions/${visit.id}/urgent-answer`, { day: DAY });
    expect(res.status).toBe(200);
    expect(res.body.candidates.every((c: { pushedOut: string[] }) => c.pushedOut.length > 0)).toBe(true);
    const bump = res.body.bumps[0];
    expect(bump).toMatchObject({ technicianId: camille, bumped: { interventionId: visits[1], priority: 20 }, bumpedTo: { technicianId: sacha } });

    const saved = await call('POST', `/api/interventions/${visit.id}/urgent-decision`, {
      version: visit.version,
      decision: { kind: 'assign', technicianId: camille, day: DAY, position: bump.position, bump: visits[1], bumpedTo: sacha },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      interventionId: visit.id,
      technicianId: camille,
      bumped: { interventionId: visits[1], technicianId: sacha },
      pushedOut: [],
    });
    const tour = await prisma.tour.findUniqueOrThrow({
      where: { technicianId_date: { technicianId: camille, date: new Date(`${DAY}T00:00:00Z`) } },
      include: { stops: { orderBy: { sequence: 'asc' } } },
    });
    expect(tour.stops.map((s) => s.interventionId)).toEqual([visits[0], visit.id, visits[2], visits[3]]);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: visits[1]! } })).toMatchObject({ technicianId: sacha, status: 'assigned' });
    expect(await count()).toBe(before);
    clock = LATE;
  });
}

describe('a queued visit’s alternatives, on PGlite', () => cases(openPgliteTestDb));
describeWithService(await checkPostgres(), 'a queued visit’s alternatives, on PostgreSQL', () => cases(openPostgresTestDb));
