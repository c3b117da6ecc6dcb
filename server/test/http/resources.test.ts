// The record endpoints round-trip through HTTP and the database: create,
// list with filters, get, update, delete, with database constraint errors
// answered as the client's mistakes.
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness.ts';

const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [5.4, 43.5],
      [5.5, 43.5],
      [5.5, 43.6],
      [5.4, 43.6],
      [5.4, 43.5],
    ],
  ],
};

describeOnEachDatabase('record endpoints', (h) => {
  it('does regions and agencies, with unique codes and restricted deletes', async () => {
    const { call, tokens, fixtures } = h();
    const region = await call('POST', '/api/regions', { token: tokens.admin, body: { code: 'OCC', name: 'Occitanie' } });
    expect(region.status).toBe(201);
    const dup = await call('POST', '/api/regions', { token: tokens.admin, body: { code: 'OCC', name: 'Encore' } });
    expect(dup.status).toBe(409);
    expect(dup.body.details).toEqual([{ path: 'code', in: 'body', message: 'already taken' }]);

    const agency = await call('POST', '/api/agencies', {
      token: tokens.admin,
      body: { code: 'MTP', name: 'Montpellier', regionId: region.body.id, timezone: 'Europe/Paris' },
    });
    expect(agency.status).toBe(201);
    expect(agency.body).toMatchObject({ code: 'MTP', regionId: region.body.id, timezone: 'Europe/Paris', lat: null });
    const badTz = await call('POST', '/api/agencies', { token: tokens.admin, body: { code: 'X', name: 'X', timezone: 'Mars/Olympus' } });
    expect(badTz.body.details).toEqual([{ path: 'timezone', in: 'body', message: 'not an IANA time zone (e.g. Europe/Paris)' }]);
    const missingRegion = await call('POST', '/api/agencies', { token: tokens.admin, body: { code: 'NIM', name: 'Nîmes', regionId: 'no-such-region' } });
    expect(missingRegion.status).toBe(422);
    expect(missingRegion.body.details).toEqual([{ path: 'regionId', in: 'body', message: 'no such record' }]);

    const renamed = await call('PATCH', `/api/agencies/${agency.body.id}`, { token: tokens.admin, body: { name: 'Montpellier Est' } });
    expect(renamed.body).toMatchObject({ name: 'Montpellier Est', code: 'MTP', timezone: 'Europe/Paris' });
    const found = await call('GET', `/api/agencies?regionId=${region.body.id}`, { token: tokens.admin });
    expect(found.body.items.map((a: { code: string }) => a.code)).toEqual(['MTP']);
    const search = await call('GET', '/api/agencies?q=montpel', { token: tokens.admin });
    expect(search.body.total).toBe(1);

    // An agency with technicians cannot go; an empty one can.
    const inUse = await call('DELETE', `/api/agencies/${fixtures.agencyA.id}`, { token: tokens.admin });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toMatch(/still referenced by (technicians|interventions)/);
    expect((await call('DELETE', `/api/agencies/${agency.body.id}`, { token: tokens.admin })).status).toBe(204);
    expect((await call('GET', `/api/agencies/${agency.body.id}`, { token: tokens.admin })).status).toBe(404);
  });

  it('validates sector outlines as GeoJSON', async () => {
    const { call, tokens, fixtures } = h();
    const ok = await call('POST', '/api/sectors', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, code: 'N', name: 'Nord', polygon: SQUARE, color: '#1f77b4' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.polygon).toEqual(SQUARE);
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [5.4, 43.5],
          [5.5, 43.5],
          [5.5, 43.6],
          [5.4, 43.6],
        ],
      ],
    };
    const openRing = await call('POST', '/api/sectors', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, code: 'S', name: 'Sud', polygon: { ...open, coordinates: [[...open.coordinates[0]!, [5.45, 43.55]]] } },
    });
    expect(openRing.status).toBe(400);
    expect(openRing.body.details).toEqual([{ path: 'polygon.coordinates[0]', in: 'body', message: 'a linear ring must end at the position it starts from' }]);
    const outOfRange = await call('POST', '/api/sectors', {
      token: tokens.dispatcherA,
      body: {
        agencyId: fixtures.agencyA.id,
        code: 'S',
        name: 'Sud',
        polygon: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [5.4, 43.5],
                [5.5, 95],
                [5.5, 43.6],
                [5.4, 43.5],
              ],
            ],
          ],
        },
      },
    });
    expect(outOfRange.body.details.map((d: { path: string }) => d.path)).toEqual(['polygon.coordinates[0][0][1][1]']);
    const point = await call('POST', '/api/sectors', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, code: 'S', name: 'Sud', polygon: { type: 'Point', coordinates: [5, 43] } },
    });
    expect(point.body.details.map((d: { path: string }) => d.path)).toEqual(['polygon.type']);
    const list = await call('GET', `/api/sectors?agencyId=${fixtures.agencyA.id}`, { token: tokens.dispatcherA });
    expect(list.body.items.map((s: { code: string }) => s.code)).toEqual(['N']);
  });

  it('does technicians with skill levels, sectors, shifts and absences', async () => {
    const { call, tokens, fixtures } = h();
    const sector = await call('POST', '/api/sectors', {
      token: tokens.admin,
      body: { agencyId: fixtures.agencyA.id, code: 'E', name: 'Est', polygon: SQUARE },
    });
    const pool = await call('POST', '/api/skills', { token: tokens.admin, body: { code: 'pool', name: 'Piscine' } });
    const created = await call('POST', '/api/technicians', {
      token: tokens.dispatcherA,
      body: {
        agencyId: fixtures.agencyA.id,
        firstName: 'Camille',
        lastName: 'Martin',
        email: 'Camille@Example.fr',
        homeLat: 43.5,
        homeLon: 5.4,
        skills: [
          { skillId: fixtures.skill.id, level: 4 },
          { skillId: pool.body.id, level: 2 },
        ],
        sectors: [{ sectorId: sector.body.id, primary: true }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'camille@example.fr', active: true, sectors: [{ sectorId: sector.body.id, primary: true }] });
    expect(created.body.skills.map((s: { skill: { code: string }; level: number }) => [s.skill.code, s.level]).sort()).toEqual([
      ['heat_pump', 4],
      ['pool', 2],
    ]);

    const dupSkill = await call('PATCH', `/api/technicians/${created.body.id}`, {
      token: tokens.dispatcherA,
      body: {
        skills: [
          { skillId: pool.body.id, level: 1 },
          { skillId: pool.body.id, level: 5 },
        ],
      },
    });
    expect(dupSkill.body.details).toEqual([{ path: 'skills[1]', in: 'body', message: 'skill listed twice' }]);
    const badLevel = await call('PATCH', `/api/technicians/${created.body.id}`, {
      token: tokens.dispatcherA,
      body: { skills: [{ skillId: pool.body.id, level: 6 }] },
    });
    expect(badLevel.body.details[0].path).toBe('skills[0].level');
    const replaced = await call('PATCH', `/api/technicians/${created.body.id}`, {
      token: tokens.dispatcherA,
      body: { skills: [{ skillId: pool.body.id, level: 5 }] },
    });
    expect(replaced.body.skills.map((s: { skillId: string; level: number }) => [s.skillId, s.level])).toEqual([[pool.body.id, 5]]);
    const bySkill = await call('GET', `/api/technicians?skillId=${pool.body.id}`, { token: tokens.dispatcherA });
    expect(bySkill.body.items.map((t: { id: string }) => t.id)).toEqual([created.body.id]);

    const id = created.body.id;
    const weekly = await call('POST', `/api/technicians/${id}/shifts`, {
      token: tokens.dispatcherA,
      body: { weekday: 1, startMinute: 480, endMinute: 1020, breakMinutes: 60 },
    });
    expect(weekly.status).toBe(201);
    const oneDay = await call('POST', `/api/technicians/${id}/shifts`, {
      token: tokens.dispatcherA,
      body: { date: '2026-01-17', startMinute: 480, endMinute: 720 },
    });
    expect(oneDay.body).toMatchObject({ date: '2026-01-17', weekday: null });
    const both = await call('POST', `/api/technicians/${id}/shifts`, {
      token: tokens.dispatcherA,
      body: { weekday: 2, date: '2026-01-17', startMinute: 480, endMinute: 470 },
    });
    expect(both.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['endMinute', 'weekday']);
    const halfWindow = await call('POST', `/api/technicians/${id}/shifts`, {
      token: tokens.dispatcherA,
      body: { weekday: 2, startMinute: 480, endMinute: 1020, breakMinutes: 45, breakStartMinute: 720 },
    });
    expect(halfWindow.body.details).toEqual([{ path: 'breakEndMinute', in: 'body', message: 'give both ends of the break window, or neither' }]);
    const lunch = await call('POST', `/api/technicians/${id}/shifts`, {
      token: tokens.dispatcherA,
      body: { weekday: 2, startMinute: 480, endMinute: 1020, breakMinutes: 45, breakStartMinute: 720, breakEndMinute: 840 },
    });
    expect(lunch.body).toMatchObject({ breakStartMinute: 720, breakEndMinute: 840 });
    expect((await call('DELETE', `/api/technicians/${id}/shifts/${lunch.body.id}`, { token: tokens.dispatcherA })).status).toBe(204);
    const badPatch = await call('PATCH', `/api/technicians/${id}/shifts/${weekly.body.id}`, { token: tokens.dispatcherA, body: { endMinute: 400 } });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.details[0].path).toBe('endMinute');
    const shifts = await call('GET', `/api/technicians/${id}/shifts`, { token: tokens.dispatcherA });
    expect(shifts.body).toHaveLength(2);
    expect((await call('DELETE', `/api/technicians/${id}/shifts/${oneDay.body.id}`, { token: tokens.dispatcherA })).status).toBe(204);

    const absence = await call('POST', `/api/technicians/${id}/absences`, {
      token: tokens.dispatcherA,
      body: { kind: 'training', startsAt: '2026-02-02T07:00:00Z', endsAt: '2026-02-03T17:00:00Z' },
    });
    expect(absence.status).toBe(201);
    const reversed = await call('POST', `/api/technicians/${id}/absences`, {
      token: tokens.dispatcherA,
      body: { startsAt: '2026-02-03T07:00:00Z', endsAt: '2026-02-02T17:00:00Z' },
    });
    expect(reversed.body.details).toEqual([{ path: 'endsAt', in: 'body', message: 'must be after startsAt' }]);
    const window = await call('GET', `/api/technicians/${id}/absences?from=2026-02-03T00:00:00Z&to=2026-02-04T00:00:00Z`, { token: tokens.dispatcherA });
    expect(window.body.map((a: { id: string }) => a.id)).toEqual([absence.body.id]);
    const outside = await call('GET', `/api/technicians/${id}/absences?from=2026-03-01T00:00:00Z`, { token: tokens.dispatcherA });
    expect(outside.body).toEqual([]);
    // Another agency's dispatcher cannot touch them.
    expect(
      (await call('POST', `/api/technicians/${id}/shifts`, { token: tokens.dispatcherB, body: { weekday: 3, startMinute: 480, endMinute: 1000 } })).status,
    ).toBe(404);
  });

  it('does user accounts (admin only), never showing password hashes', async () => {
    const { call, tokens, fixtures } = h();
    const created = await call('POST', '/api/users', {
      token: tokens.admin,
      body: { email: 'New.One@test.tournee.fr', name: 'New', password: 'long enough pw', role: 'dispatcher', agencyIds: [fixtures.agencyB.id] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.one@test.tournee.fr', role: 'dispatcher', agencyIds: [fixtures.agencyB.id] });
    expect(created.body).not.toHaveProperty('passwordHash');
    const login = await call('POST', '/api/auth/login', { body: { email: 'new.one@test.tournee.fr', password: 'long enough pw' } });
    expect(login.body.user.agencyIds).toEqual([fixtures.agencyB.id]);
    const tech = await call('POST', '/api/users', {
      token: tokens.admin,
      body: { email: 't@test.tournee.fr', name: 'T', password: 'short', role: 'technician' },
    });
    expect(tech.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['password', 'technicianId']);
    const list = await call('GET', '/api/users?role=dispatcher', { token: tokens.admin });
    expect(list.body.items.every((u: object) => !('passwordHash' in u))).toBe(true);
  });

  it('does customers, sites, equipment and its history', async () => {
    const { call, tokens } = h();
    const customer = await call('POST', '/api/customers', {
      token: tokens.dispatcherA,
      body: { name: 'Camping Les Pins', reference: 'C-900', email: 'contact@pins.fr' },
    });
    expect(customer.status).toBe(201);
    const site = await call('POST', '/api/sites', {
      token: tokens.dispatcherA,
      body: { customerId: customer.body.id, address: 'Route de Cassis', postcode: '13260', city: 'Cassis', lat: 43.21, lon: 5.54 },
    });
    expect(site.body).toMatchObject({ country: 'FR', sectorId: null });
    const badSite = await call('POST', '/api/sites', {
      token: tokens.dispatcherA,
      body: { customerId: customer.body.id, address: '', postcode: '13260', city: 'Cassis', lat: 91, country: 'France' },
    });
    expect(badSite.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['address', 'country', 'lat']);
    const equipment = await call('POST', '/api/equipment', {
      token: tokens.dispatcherA,
      body: {
        siteId: site.body.id,
        category: 'pool_filtration',
        brand: 'Hayward',
        serialNumber: 'HW-1',
        installedOn: '2022-05-01',
        warrantyEndsOn: '2025-05-01',
        asSold: { pump_kw: 1.1 },
        counters: { operating_hours: 3000 },
      },
    });
    expect(equipment.status).toBe(201);
    expect(equipment.body).toMatchObject({
      installedOn: '2022-05-01',
      warrantyEndsOn: '2025-05-01',
      asSold: { pump_kw: 1.1 },
      asMaintained: {},
      counters: { operating_hours: 3000 },
    });
    const badCounters = await call('PATCH', `/api/equipment/${equipment.body.id}`, {
      token: tokens.dispatcherA,
      body: { counters: { operating_hours: 'lots' } },
    });
    expect(badCounters.body.details[0].path).toBe('counters.operating_hours');
    const expiring = await call('GET', `/api/equipment?warrantyEndsBefore=2025-12-31&siteId=${site.body.id}`, { token: tokens.dispatcherA });
    expect(expiring.body.items.map((e: { id: string }) => e.id)).toEqual([equipment.body.id]);

    for (const [kind, at] of [
      ['installed', '2022-05-01T10:00:00Z'],
      ['inspected', '2024-05-01T10:00:00Z'],
    ] as const) {
      const event = await call('POST', `/api/equipment/${equipment.body.id}/history`, {
        token: tokens.dispatcherA,
        body: { kind, occurredAt: at, summary: kind },
      });
      expect(event.status).toBe(201);
    }
    const history = await call('GET', `/api/equipment/${equipment.body.id}/history`, { token: tokens.dispatcherA });
    expect(history.body.items.map((e: { kind: string }) => e.kind)).toEqual(['inspected', 'installed']);
    const badEvent = await call('POST', `/api/equipment/${equipment.body.id}/history`, {
      token: tokens.dispatcherA,
      body: { kind: 'exploded', occurredAt: 'yesterday', summary: 'x' },
    });
    expect(badEvent.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['kind', 'occurredAt']);

    // A customer with sites cascades; a customer with contracts is protected.
    const contract = await call('POST', '/api/contracts', {
      token: tokens.dispatcherA,
      body: { customerId: customer.body.id, reference: 'CT-900', startsOn: '2026-01-01' },
    });
    expect((await call('DELETE', `/api/customers/${customer.body.id}`, { token: tokens.dispatcherA })).status).toBe(409);
    expect((await call('DELETE', `/api/contracts/${contract.body.id}`, { token: tokens.dispatcherA })).status).toBe(204);
    expect((await call('DELETE', `/api/customers/${customer.body.id}`, { token: tokens.dispatcherA })).status).toBe(204);
    expect((await call('GET', `/api/equipment/${equipment.body.id}`, { token: tokens.dispatcherA })).status).toBe(404);
  });

  it('does contracts and service plans, checking each trigger needs its fields', async () => {
    const { call, tokens, fixtures } = h();
    const contract = await call('POST', '/api/contracts', {
      token: tokens.dispatcherA,
      body: { customerId: fixtures.customer.id, reference: 'CT-1', startsOn: '2026-01-01', endsOn: '2026-12-31' },
    });
    expect(contract.status).toBe(201);
    expect(contract.body).toMatchObject({ status: 'active', startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const reversed = await call('PATCH', `/api/contracts/${contract.body.id}`, { token: tokens.dispatcherA, body: { endsOn: '2025-01-01' } });
    expect(reversed.body.details).toEqual([{ path: 'endsOn', in: 'body', message: 'must not be before startsOn' }]);

    const base = { contractId: contract.body.id, siteId: fixtures.siteA.id, name: 'Entretien annuel', estimatedDurationMinutes: 60 };
    const missing = await call('POST', '/api/service-plans', { token: tokens.dispatcherA, body: { ...base, trigger: 'usage_counter' } });
    expect(missing.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['counterInterval', 'counterName', 'equipmentId']);
    const yearly = await call('POST', '/api/service-plans', {
      token: tokens.dispatcherA,
      body: { ...base, trigger: 'frequency', frequencyMonths: 12, nextDueOn: '2026-03-01', requiredSkills: [{ skill: 'heat_pump', minLevel: 2 }] },
    });
    expect(yearly.status).toBe(201);
    expect(yearly.body).toMatchObject({
      trigger: 'frequency',
      nextDueOn: '2026-03-01',
      fixedDates: [],
      priority: 30,
      leadDays: 30,
      interventionKind: 'preventive',
    });
    const dates = await call('POST', '/api/service-plans', {
      token: tokens.dispatcherA,
      body: { ...base, trigger: 'fixed_dates', fixedDates: ['2026-04-01', '2026-10-01'] },
    });
    expect(dates.body.fixedDates).toEqual(['2026-04-01', '2026-10-01']);
    const switched = await call('PATCH', `/api/service-plans/${yearly.body.id}`, { token: tokens.dispatcherA, body: { trigger: 'fixed_dates' } });
    expect(switched.body.details).toEqual([{ path: 'fixedDates', in: 'body', message: 'trigger fixed_dates needs at least one date' }]);
    const due = await call('GET', `/api/service-plans?contractId=${contract.body.id}&dueBefore=2026-06-30`, { token: tokens.dispatcherA });
    expect(due.body.items.map((p: { id: string }) => p.id)).toEqual([yearly.body.id]);
  });

  it('refuses unknown routes and bad ids plainly', async () => {
    const { call, tokens } = h();
    const unknown = await call('GET', '/api/nothing-here', { token: tokens.admin });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'no route GET /api/nothing-here', details: [] });
    expect((await call('GET', '/api/customers/0000', { token: tokens.admin })).status).toBe(404);
  });
});
