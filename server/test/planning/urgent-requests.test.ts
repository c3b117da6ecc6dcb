// The urgent request flow over real HTTP on an embedded database: a draft is
// ranked without creating anything (no orphan intervention however many tries),
// every technician who cannot take it says why, and the alternatives of a full
// day — free slots of the coming days, overtime (forced on purpose), a
// lower-priority visit bumped (and where it goes), a neighbouring agency — are
// offered and saved consistently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/auth/tokens.ts';
import { createApp } from '../../src/http/app.ts';
import { planningRouter } from '../../src/http/routes/planning.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { assignIntervention } from '../../src/planning/assign.ts';
import { clearInsertionCache } from '../../src/planning/insertion-cache.ts';
import { listen, request } from '../http/harness.ts';
import { DAY, NEXT_DAY } from './fixtures.ts';
import { recordingBroadcaster } from './recording-broadcaster.ts';
import { seedAgency, type SeededAgency } from './seed-agency.ts';
import { openPgliteTestDb, type OpenTestDb } from './test-db.ts';

const SECRET = 'urgent-requests-secret-0123456789abcdef';
/** Monday 16:30 in Aix: the day nearly over. */
const LATE = new Date(`${DAY}T15:30:00Z`);
/** Monday 07:30 in Aix: before the day starts. */
const EARLY = new Date(`${DAY}T06:30:00Z`);

describe('urgent requests', () => {
  let testDb: OpenTestDb;
  let jobs: JobRunner;
  let server: { url: string; close(): Promise<void> };
  let aix: SeededAgency;
  /** Its own agency (two technicians) for the full day with visits to bump. */
  let busy: SeededAgency;
  let neighbourTech: string;
  let neighbourAgency: string;
  let siteId: string;
  const extra: Record<'absent' | 'early' | 'monday' | 'pool', string> = {} as never;
  let clock = LATE;
  const broadcaster = recordingBroadcaster();
  let token: string;
  let outsider: string;
  const call = (method: string, path: string, body?: unknown, who = token) => request<any>(server.url, method, path, { token: who, body });
  const count = () => testDb.db.prisma.intervention.count();
  const draft = (over: Record<string, unknown> = {}) => ({
    agencyId: aix.agencyId,
    siteId,
    problemDescription: 'Plus de chauffage, bébé à la maison',
    priority: 95,
    estimatedDurationMinutes: 120,
    requiredSkills: [{ skillId: aix.skillIds.hvac, minLevel: 2 }],
    ...over,
  });

  beforeAll(async () => {
    testDb = await openPgliteTestDb();
    const prisma = testDb.db.prisma;
    const region = await prisma.region.create({ data: { code: 'PACA-urgent', name: 'Provence' } });
    aix = await seedAgency(prisma, 0);
    await prisma.agency.update({ where: { id: aix.agencyId }, data: { regionId: region.id } });
    const technician = (agencyId: string, firstName: string, skills: { skillId: string; level: number }[], shifts: object[], absences: object[] = []) =>
      prisma.technician.create({
        data: {
          agencyId,
          firstName,
          lastName: 'Test',
          homeLat: 43.5297,
          homeLon: 5.4474,
          skills: { create: skills },
          shifts: { create: shifts as never },
          absences: { create: absences as never },
        },
      });
    const week = [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      startMinute: 480,
      endMinute: 1020,
      breakMinutes: 60,
      breakStartMinute: 690,
      breakEndMinute: 900,
    }));
    const hvac3 = [{ skillId: aix.skillIds.hvac, level: 3 }];
    extra.absent = (
      await technician(aix.agencyId, 'Absente', hvac3, week, [
        { kind: 'sick', startsAt: new Date(`${DAY}T00:00:00Z`), endsAt: new Date(`${NEXT_DAY}T00:00:00Z`) },
      ])
    ).id;
    extra.early = (await technician(aix.agencyId, 'Matinal', hvac3, [{ date: new Date(`${DAY}T00:00:00Z`), startMinute: 360, endMinute: 900 }])).id;
    extra.monday = (await technician(aix.agencyId, 'Sanslundi', hvac3, week.slice(1))).id;
    extra.pool = (await technician(aix.agencyId, 'Piscine', [{ skillId: aix.skillIds.pool, level: 3 }], week)).id;
    const neighbour = await prisma.agency.create({ data: { code: 'MRS-urgent', name: 'Marseille', regionId: region.id, lat: 43.2965, lon: 5.3698 } });
    neighbourAgency = neighbour.id;
    neighbourTech = (await technician(neighbour.id, 'Voisin', hvac3, [{ date: new Date(`${DAY}T00:00:00Z`), startMinute: 480, endMinute: 1260 }])).id;
    const customer = await prisma.customer.create({ data: { name: 'Famille Roux' } });
    siteId = (
      await prisma.site.create({
        data: { customerId: customer.id, name: 'Maison Roux', address: '2 rue Cézanne', postcode: '13100', city: 'Aix-en-Provence', lat: 43.53, lon: 5.45 },
      })
    ).id;
    busy = await seedAgency(prisma, 0);
    const user = await prisma.user.create({ data: { email: 'urgent@planning.test', name: 'Dispatch', passwordHash: 'x', role: 'dispatcher' } });
    token = await signToken({ sub: user.id, role: 'dispatcher', agencyIds: [aix.agencyId, neighbour.id, busy.agencyId] }, SECRET);
    const other = await seedAgency(prisma, 0);
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

  it('ranks a draft late in the day: nobody fits, each technician says why, and nothing is created however many tries', async () => {
    clock = LATE;
    const before = await count();
    let answer: any;
    for (let i = 0; i < 3; i++) {
      const res = await call('POST', '/api/urgent-requests/rank', { draft: draft() });
      expect(res.status).toBe(200);
      answer = res.body;
    }
    expect(await count()).toBe(before);
    expect(answer.day).toBe(DAY);
    expect(answer.candidates).toEqual([]);
    const why = (id: string) => answer.unavailable.find((u: { technicianId: string }) => u.technicianId === id)?.reasons;
    const [camille, sacha] = aix.technicianIds;
    const full = why(camille);
    expect(full).toEqual([{ code: 'capacity', overMinutes: expect.any(Number) }]);
    expect(full[0].overMinutes).toBeGreaterThan(90);
    expect(full[0].overMinutes).toBeLessThanOrEqual(120);
    expect(why(sacha)).toEqual([{ code: 'skill_level', skill: 'HVAC', level: 1, required: 2 }]);
    expect(why(extra.absent)).toEqual([{ code: 'absent', kind: 'sick', until: `${NEXT_DAY}T00:00:00.000Z` }]);
    expect(why(extra.early)).toEqual([{ code: 'shift_over', endedAt: `${DAY}T14:00:00.000Z` }]);
    expect(why(extra.monday)).toEqual([{ code: 'not_working' }]);
    expect(why(extra.pool)).toEqual([{ code: 'skill_missing', skills: ['HVAC'] }]);
    expect(answer.unavailable.every((u: { technicianName: string }) => u.technicianName.length > 0)).toBe(true);

    // What to do instead: tomorrow morning, Camille with overtime, the neighbouring agency's late shift.
    expect(answer.slots[0]).toMatchObject({ day: NEXT_DAY, technicianId: expect.any(String) });
    expect(answer.slots.map((s: { day: string }) => s.day)).toEqual([...answer.slots.map((s: { day: string }) => s.day)].sort());
    expect(answer.overtime).toEqual([expect.objectContaining({ technicianId: camille, overtimeMinutes: full[0].overMinutes, overtimeBeforeMinutes: 0 })]);
    expect(answer.neighbours).toEqual([expect.objectContaining({ technicianId: neighbourTech, agencyId: neighbourAgency, agencyName: 'Marseille' })]);
    expect(answer.bumps).toEqual([]);
  });

  it('refuses overtime unless forced, creating nothing; forced, creates the request assigned in one step', async () => {
    clock = LATE;
    clearInsertionCache();
    const [camille] = aix.technicianIds;
    const before = await count();
    const refused = await call('POST', '/api/urgent-requests', { draft: draft(), decision: { kind: 'assign', technicianId: camille, day: DAY } });
    expect(refused.status).toBe(422);
    expect(await count()).toBe(before);

    const forced = await call('POST', '/api/urgent-requests', { draft: draft(), decision: { kind: 'assign', technicianId: camille, day: DAY, force: true } });
    expect(forced.status).toBe(201);
    expect(forced.body).toMatchObject({ status: 'assigned', technicianId: camille, day: DAY, agencyId: aix.agencyId, bumped: null });
    expect(forced.body.overtimeMinutes).toBeGreaterThan(90);
    expect(await count()).toBe(before + 1);
    const stored = await testDb.db.prisma.intervention.findUniqueOrThrow({
      where: { id: forced.body.interventionId },
      include: { requiredSkills: true, tourStops: { include: { tour: true } } },
    });
    expect(stored).toMatchObject({
      status: 'assigned',
      technicianId: camille,
      priority: 95,
      estimatedDurationMinutes: 120,
      problemDescription: 'Plus de chauffage, bébé à la maison',
    });
    expect(stored.requiredSkills).toEqual([expect.objectContaining({ skillId: aix.skillIds.hvac, minLevel: 2 })]);
    expect(stored.tourStops.map((s) => s.tour.technicianId)).toEqual([camille]);
    expect(stored.plannedEnd!.getTime()).toBeGreaterThan(new Date(`${DAY}T16:00:00Z`).getTime());
  });

  it('saves to the queue only on purpose, and sends a neighbour’s technician by creating the request in that agency', async () => {
    clock = LATE;
    const before = await count();
    const queued = await call('POST', '/api/urgent-requests', { draft: draft(), decision: { kind: 'queue' } });
    expect(queued.status).toBe(201);
    expect(queued.body).toMatchObject({ status: 'requested', technicianId: null });
    const row = await testDb.db.prisma.intervention.findUniqueOrThrow({ where: { id: queued.body.interventionId } });
    expect(row).toMatchObject({ status: 'requested', agencyId: aix.agencyId, technicianId: null });

    const sent = await call('POST', '/api/urgent-requests', { draft: draft(), decision: { kind: 'assign', technicianId: neighbourTech, day: DAY } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'assigned', agencyId: neighbourAgency, technicianId: neighbourTech });
    expect(await count()).toBe(before + 2);
  });

  it('offers to bump the lowest-priority visit of a full day, and saves the bump with the visit re-assigned', async () => {
    clock = EARLY;
    clearInsertionCache();
    const prisma = testDb.db.prisma;
    const [camille, sacha] = busy.technicianIds;
    const busyDraft = (over: Record<string, unknown> = {}) =>
      draft({ agencyId: busy.agencyId, estimatedDurationMinutes: 60, requiredSkills: [{ skillId: busy.skillIds.hvac, minLevel: 2 }], ...over });
    // Camille's day, full: four visits of 110 minutes, priorities 20 to 50.
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
      const visit = await prisma.intervention.create({
        data: {
          agencyId: busy.agencyId,
          siteId: site.id,
          estimatedDurationMinutes: 110,
          priority,
          earliestDate: new Date(`${DAY}T00:00:00Z`),
          latestDate: new Date(`${DAY}T00:00:00Z`),
        },
      });
      await assignIntervention({ prisma, broadcaster, now: () => clock }, { interventionId: visit.id, technicianId: camille, day: DAY, position: k });
      visits.push(visit.id);
    }
    const lowest = visits[1]!;
    const before = await count();
    const res = await call('POST', '/api/urgent-requests/rank', { draft: busyDraft() });
    expect(res.status).toBe(200);
    expect(await count()).toBe(before);
    // Camille can only take it by pushing a visit out; so the alternatives are offered.
    expect(res.body.candidates.every((c: { pushedOut: string[] }) => c.pushedOut.length > 0)).toBe(true);
    const bump = res.body.bumps[0];
    expect(bump).toMatchObject({ technicianId: camille, bumped: { interventionId: lowest, priority: 20, label: 'Villa 2 — Aix-en-Provence' } });
    expect(bump.bumpedTo).toMatchObject({ technicianId: sacha });

    const saved = await call('POST', '/api/urgent-requests', {
      draft: busyDraft(),
      decision: { kind: 'assign', technicianId: camille, day: DAY, position: bump.position, bump: lowest, bumpedTo: sacha },
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ status: 'assigned', technicianId: camille, bumped: { interventionId: lowest, technicianId: sacha }, pushedOut: [] });
    const tour = await prisma.tour.findUniqueOrThrow({
      where: { technicianId_date: { technicianId: camille, date: new Date(`${DAY}T00:00:00Z`) } },
      include: { stops: { orderBy: { sequence: 'asc' } } },
    });
    expect(tour.stops.map((s) => s.interventionId)).toEqual([visits[0], saved.body.interventionId, visits[2], visits[3]]);
    expect(await prisma.intervention.findUniqueOrThrow({ where: { id: lowest } })).toMatchObject({ technicianId: sacha, status: 'assigned' });

    // A bump must name a visit of lower priority on that tour.
    const wrong = await call('POST', '/api/urgent-requests', {
      draft: busyDraft({ priority: 10 }),
      decision: { kind: 'assign', technicianId: camille, day: DAY, bump: visits[0] },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details[0].path).toBe('decision.bump');
  });

  it('validates the draft and checks the agency against the caller', async () => {
    const before = await count();
    const missing = await call('POST', '/api/urgent-requests/rank', { draft: { ...draft(), siteId: undefined } });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].path).toBe('draft.siteId');
    const blank = await call('POST', '/api/urgent-requests', { draft: draft({ problemDescription: '  ' }), decision: { kind: 'queue' } });
    expect(blank.status).toBe(400);
    expect(blank.body.details[0].path).toBe('draft.problemDescription');
    const skill = await call('POST', '/api/urgent-requests/rank', { draft: draft({ requiredSkills: [{ skillId: 'nope', minLevel: 2 }] }) });
    expect(skill.status).toBe(422);
    expect(skill.body.details[0].path).toBe('draft.requiredSkills[0].skillId');
    expect((await call('POST', '/api/urgent-requests/rank', { draft: draft({ siteId: 'nope' }) })).status).toBe(422);
    const past = await call('POST', '/api/urgent-requests', { draft: draft(), decision: { kind: 'queue', day: '2026-02-27' } });
    expect(past.status).toBe(422);
    expect(past.body.details[0].path).toBe('decision.day');
    expect((await call('POST', '/api/urgent-requests/rank', { draft: draft(), day: '2026-02-27' })).status).toBe(422);
    const foreign = await call('POST', '/api/urgent-requests/rank', { draft: draft() }, outsider);
    expect(foreign.status).toBe(403);
    expect(foreign.body.details[0].path).toBe('draft.agencyId');
    const foreignTech = await call(
      'POST',
      '/api/urgent-requests',
      { draft: draft(), decision: { kind: 'assign', technicianId: neighbourTech, day: DAY } },
      outsider,
    );
    expect(foreignTech.status).toBe(403);
    expect(await count()).toBe(before);
  });
});
