// Scopes on every route: dispatchers see their agencies only, technicians
// their own assignments only; roles gate writes.
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness.ts';

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();

describeOnEachDatabase('authorization', (h) => {
  it('refuses anonymous callers and bad tokens with 401', async () => {
    const { call, fixtures } = h();
    const anonymous = await call('GET', '/api/interventions');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ error: expect.stringMatching(/authentication required/), details: [] });
    const forged = await call('GET', `/api/interventions/${fixtures.interventions.a1.id}`, { token: 'not.a.token' });
    expect(forged.status).toBe(401);
    expect(forged.body.error).toMatch(/invalid token/);
    const badHeader = await call('GET', '/api/agencies', { headers: { authorization: 'Basic abc' } });
    expect(badHeader.status).toBe(401);
  });

  it('shows a technician their own assignments only', async () => {
    const { call, tokens, fixtures } = h();
    const list = await call('GET', '/api/interventions', { token: tokens.tech1 });
    expect(list.status).toBe(200);
    expect(ids(list)).toEqual([fixtures.interventions.a1.id]);
    // Another technician's assignment, same agency: as if it did not exist.
    const other = await call('GET', `/api/interventions/${fixtures.interventions.a2.id}`, { token: tokens.tech1 });
    expect(other.status).toBe(404);
    // Asking by filter does not widen the scope.
    const filtered = await call('GET', `/api/interventions?technicianId=${fixtures.t2.id}`, { token: tokens.tech1 });
    expect(filtered.body.items).toEqual([]);
    // Nor can they move it.
    const moved = await call('POST', `/api/interventions/${fixtures.interventions.a2.id}/transitions`, {
      token: tokens.tech1,
      body: { to: 'dispatched', version: 1 },
    });
    expect(moved.status).toBe(404);
    // Their own technician record only, and no office data.
    expect((await call('GET', `/api/technicians/${fixtures.t2.id}`, { token: tokens.tech1 })).status).toBe(404);
    expect(ids(await call('GET', '/api/technicians', { token: tokens.tech1 }))).toEqual([fixtures.t1.id]);
    expect((await call('GET', '/api/contracts', { token: tokens.tech1 })).status).toBe(403);
    expect((await call('GET', '/api/users', { token: tokens.tech1 })).status).toBe(403);
  });

  it('shows a technician the sites and equipment their assignments take them to', async () => {
    const { call, tokens, fixtures } = h();
    expect((await call('GET', `/api/sites/${fixtures.siteA.id}`, { token: tokens.tech1 })).status).toBe(200);
    expect((await call('GET', `/api/sites/${fixtures.siteB.id}`, { token: tokens.tech1 })).status).toBe(404);
    expect((await call('GET', `/api/equipment/${fixtures.equipment.id}/history`, { token: tokens.tech1 })).status).toBe(200);
    const event = await call('POST', `/api/equipment/${fixtures.equipment.id}/history`, {
      token: tokens.tech1,
      body: { kind: 'counter_reading', occurredAt: '2026-01-15T10:00:00Z', summary: 'Relevé', data: { operating_hours: 5120 } },
    });
    expect(event.status).toBe(201);
    expect(event.body).toMatchObject({ authorId: fixtures.users.tech1.id, kind: 'counter_reading' });
  });

  it("keeps a dispatcher out of another agency's interventions and technicians", async () => {
    const { call, tokens, fixtures } = h();
    const list = await call('GET', '/api/interventions?limit=200', { token: tokens.dispatcherA });
    expect(list.body.items.every((i: { agencyId: string }) => i.agencyId === fixtures.agencyA.id)).toBe(true);
    expect(ids(list)).not.toContain(fixtures.interventions.b1.id);
    expect((await call('GET', `/api/interventions/${fixtures.interventions.b1.id}`, { token: tokens.dispatcherA })).status).toBe(404);
    // Asking for another agency by name is refused, naming the field (registry.ts, agency rule 'own').
    const filtered = await call('GET', `/api/interventions?agencyId=${fixtures.agencyB.id}`, { token: tokens.dispatcherA });
    expect(filtered.status).toBe(403);
    expect(filtered.body.details).toEqual([{ path: 'agencyId', in: 'query', message: 'not one of your agencies' }]);
    expect((await call('GET', `/api/technicians/${fixtures.t3.id}`, { token: tokens.dispatcherA })).status).toBe(404);
    expect(ids(await call('GET', '/api/agencies', { token: tokens.dispatcherA }))).toEqual([fixtures.agencyA.id]);
    // The other dispatcher sees theirs.
    expect((await call('GET', `/api/interventions/${fixtures.interventions.b1.id}`, { token: tokens.dispatcherB })).status).toBe(200);
  });

  it('refuses to create or move records into another agency', async () => {
    const { call, tokens, fixtures } = h();
    const create = await call('POST', '/api/interventions', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyB.id, siteId: fixtures.siteB.id, estimatedDurationMinutes: 30 },
    });
    expect(create.status).toBe(403);
    expect(create.body.error).toBe(`agency ${fixtures.agencyB.id} is not one of yours`);
    const a1 = await call('GET', `/api/interventions/${fixtures.interventions.a2.id}`, { token: tokens.dispatcherA });
    const move = await call('PATCH', `/api/interventions/${a1.body.id}`, {
      token: tokens.dispatcherA,
      body: { version: a1.body.version, agencyId: fixtures.agencyB.id },
    });
    expect(move.status).toBe(403);
    const tech = await call('POST', '/api/technicians', { token: tokens.dispatcherA, body: { agencyId: fixtures.agencyB.id, firstName: 'X', lastName: 'Y' } });
    expect(tech.status).toBe(403);
  });

  it('keeps the organisation and accounts to admins', async () => {
    const { call, tokens } = h();
    const agency = await call('POST', '/api/agencies', { token: tokens.dispatcherA, body: { code: 'NICE', name: 'Nice' } });
    expect(agency.status).toBe(403);
    expect(agency.body.error).toBe('this needs the role admin; you are dispatcher');
    expect((await call('POST', '/api/agencies', { token: tokens.admin, body: { code: 'NICE', name: 'Nice' } })).status).toBe(201);
  });

  it('lets technicians post their own positions only', async () => {
    const { call, tokens, fixtures } = h();
    const own = await call('POST', '/api/positions', {
      token: tokens.tech1,
      body: { positions: [{ lat: 43.5, lon: 5.4, recordedAt: '2026-01-15T09:00:00Z' }] },
    });
    expect(own.status).toBe(202);
    const other = await call('POST', '/api/positions', {
      token: tokens.tech1,
      body: { positions: [{ technicianId: fixtures.t2.id, lat: 43.5, lon: 5.4, recordedAt: '2026-01-15T09:00:00Z' }] },
    });
    expect(other.status).toBe(403);
    expect(other.body.details).toEqual([
      { path: 'positions[0].technicianId', in: 'body', message: `you may not post positions for technician ${fixtures.t2.id}` },
    ]);
    const gatewayOtherAgency = await call('POST', '/api/positions', {
      token: tokens.dispatcherA,
      body: { positions: [{ technicianId: fixtures.t3.id, lat: 43.3, lon: 5.4, recordedAt: '2026-01-15T09:00:00Z' }] },
    });
    expect(gatewayOtherAgency.status).toBe(403);
  });
});
