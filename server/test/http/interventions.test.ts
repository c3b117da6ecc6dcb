// Interventions over HTTP: lifecycle transitions (legal, illegal, by role),
// optimistic versions (409 with the current record), validation paths.
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness.ts';

describeOnEachDatabase('interventions API', (h) => {
  const create = async (extra: Record<string, unknown> = {}) => {
    const { fixtures, tokens, call } = h();
    const res = await call('POST', '/api/interventions', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, siteId: fixtures.siteA.id, estimatedDurationMinutes: 45, priority: 70, ...extra },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const move = (id: string, to: string, version: number, token: string, extra: Record<string, unknown> = {}) =>
    h().call('POST', `/api/interventions/${id}/transitions`, { token, body: { to, version, ...extra } });

  it('creates a requested intervention at version 1, with the moves the caller may make', async () => {
    const created = await create({
      earliestDate: '2026-01-14',
      timeWindows: [{ start: '2026-01-15T08:00:00Z', end: '2026-01-15T12:00:00Z' }],
      requiredSkills: [{ skillId: h().fixtures.skill.id, minLevel: 2 }],
    });
    expect(created).toMatchObject({ status: 'requested', version: 1, earliestDate: '2026-01-14', priority: 70 });
    expect(created.requiredSkills).toEqual([{ skillId: h().fixtures.skill.id, minLevel: 2 }]);
    expect(created.allowedTransitions).toEqual(['planned', 'cancelled']);
  });

  it('walks the whole lifecycle, the field moves made by the assigned technician', async () => {
    const { tokens, fixtures } = h();
    const i = await create();
    let v = i.version;
    for (const to of ['planned']) {
      const res = await move(i.id, to, v, tokens.dispatcherA);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      v = res.body.version;
    }
    const patched = await h().call('PATCH', `/api/interventions/${i.id}`, { token: tokens.dispatcherA, body: { version: v, technicianId: fixtures.t1.id } });
    expect(patched.status).toBe(200);
    v = patched.body.version;
    for (const to of ['assigned', 'dispatched']) {
      const res = await move(i.id, to, v, tokens.dispatcherA);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      v = res.body.version;
    }
    for (const to of ['en_route', 'on_site', 'done']) {
      const res = await move(i.id, to, v, tokens.tech1, to === 'done' ? { report: 'Filtre changé' } : {});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(to);
      v = res.body.version;
    }
    const closed = await move(i.id, 'closed', v, tokens.dispatcherA);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', version: 9, report: 'Filtre changé', allowedTransitions: [] });
    expect(closed.body.actualStart).not.toBeNull();
    expect(closed.body.actualEnd).not.toBeNull();
  });

  it('refuses illegal transitions with the reason', async () => {
    const { tokens } = h();
    const i = await create();
    const skip = await move(i.id, 'dispatched', 1, tokens.dispatcherA);
    expect(skip.status).toBe(422);
    expect(skip.body.error).toBe('from requested the next state is planned, not dispatched');
    expect(skip.body.details).toEqual([{ path: 'to', in: 'body', message: skip.body.error }]);

    const planned = await move(i.id, 'planned', 1, tokens.dispatcherA);
    const noTech = await move(i.id, 'assigned', planned.body.version, tokens.dispatcherA);
    expect(noTech.status).toBe(422);
    expect(noTech.body.error).toMatch(/needs a technician/);

    const noReason = await move(i.id, 'cancelled', planned.body.version, tokens.dispatcherA);
    expect(noReason.status).toBe(422);
    expect(noReason.body.details[0].path).toBe('reason');

    const cancelled = await move(i.id, 'cancelled', planned.body.version, tokens.dispatcherA, { reason: 'Client absent' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Client absent' });
    const again = await move(i.id, 'planned', cancelled.body.version, tokens.dispatcherA);
    expect(again.status).toBe(422);
    expect(again.body.error).toBe('a cancelled intervention is final');
  });

  it('lets technicians make field moves only', async () => {
    const { tokens, fixtures } = h();
    const a1 = await h().call('GET', `/api/interventions/${fixtures.interventions.a1.id}`, { token: tokens.tech1 });
    const cancel = await move(a1.body.id, 'cancelled', a1.body.version, tokens.tech1, { reason: 'non' });
    expect(cancel.status).toBe(403);
    expect(cancel.body.error).toBe('only a dispatcher can cancel an intervention');
    const patch = await h().call('PATCH', `/api/interventions/${a1.body.id}`, { token: tokens.tech1, body: { version: a1.body.version, priority: 100 } });
    expect(patch.status).toBe(403);
  });

  it('answers a stale version with 409 and the current record', async () => {
    const { tokens } = h();
    const i = await create();
    const first = await h().call('PATCH', `/api/interventions/${i.id}`, { token: tokens.dispatcherA, body: { version: 1, priority: 90 } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 2, priority: 90 });

    const stale = await h().call('PATCH', `/api/interventions/${i.id}`, { token: tokens.dispatcherA, body: { version: 1, priority: 10 } });
    expect(stale.status).toBe(409);
    expect(stale.body.details).toEqual([{ path: 'version', in: 'body', message: 'stale version 1; current is 2' }]);
    expect(stale.body.current).toMatchObject({ id: i.id, version: 2, priority: 90 });

    const staleMove = await move(i.id, 'planned', 1, tokens.dispatcherA);
    expect(staleMove.status).toBe(409);
    expect(staleMove.body.current.version).toBe(2);
  });

  it('lets exactly one of two concurrent writers with the same version win', async () => {
    const { tokens } = h();
    const i = await create();
    const results = await Promise.all(
      [30, 40, 50, 60].map((priority) => h().call('PATCH', `/api/interventions/${i.id}`, { token: tokens.dispatcherA, body: { version: 1, priority } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const now = await h().call('GET', `/api/interventions/${i.id}`, { token: tokens.dispatcherA });
    expect(now.body.version).toBe(2);
  });

  it('validates bodies, naming the fields', async () => {
    const { tokens, fixtures } = h();
    const res = await h().call('POST', '/api/interventions', {
      token: tokens.dispatcherA,
      body: {
        agencyId: fixtures.agencyA.id,
        siteId: fixtures.siteA.id,
        estimatedDurationMinutes: 0,
        priority: 101,
        timeWindows: [{ start: '2026-01-15T12:00:00Z', end: '2026-01-15T08:00:00Z' }],
        earliestDate: '2026-02-01',
        latestDate: '2026-01-01',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid request body');
    const paths = res.body.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['estimatedDurationMinutes', 'latestDate', 'priority', 'timeWindows[0].end']);
    expect(res.body.details.every((d: { in: string }) => d.in === 'body')).toBe(true);

    // Status changes go through transitions: a PATCH naming it is refused, not silently ignored.
    const a2 = await h().call('GET', `/api/interventions/${fixtures.interventions.a2.id}`, { token: tokens.dispatcherA });
    const sneaky = await h().call('PATCH', `/api/interventions/${a2.body.id}`, {
      token: tokens.dispatcherA,
      body: { version: a2.body.version, status: 'done' },
    });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.details).toEqual([{ path: 'status', in: 'body', message: expect.stringMatching(/^unknown field \(expected one of agencyId, /) }]);

    const query = await h().call('GET', '/api/interventions?status=planned,flying&limit=1000', { token: tokens.dispatcherA });
    expect(query.status).toBe(400);
    expect(query.body.details.map((d: { path: string; in: string }) => `${d.in}:${d.path}`).sort()).toEqual(['query:limit', 'query:status[1]']);

    const transition = await move(fixtures.interventions.a1.id, 'teleported', 0, tokens.dispatcherA);
    expect(transition.status).toBe(400);
    expect(transition.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['to', 'version']);
  });

  it('filters and paginates lists', async () => {
    const { tokens, fixtures } = h();
    const all = await h().call('GET', `/api/interventions?agencyId=${fixtures.agencyA.id}&limit=2`, { token: tokens.admin });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.limit).toBe(2);
    expect(all.body.total).toBeGreaterThan(2);
    const next = await h().call('GET', `/api/interventions?agencyId=${fixtures.agencyA.id}&limit=2&offset=2`, { token: tokens.admin });
    expect(next.body.items[0].id).not.toBe(all.body.items[0].id);
    const assigned = await h().call('GET', '/api/interventions?status=assigned', { token: tokens.admin });
    expect(assigned.body.items.every((i: { status: string }) => i.status === 'assigned')).toBe(true);
    expect(assigned.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([fixtures.interventions.a2.id, fixtures.interventions.b1.id]));
  });

  it('deletes only requested or cancelled interventions', async () => {
    const { tokens, fixtures } = h();
    const i = await create();
    expect((await h().call('DELETE', `/api/interventions/${i.id}`, { token: tokens.dispatcherA })).status).toBe(204);
    expect((await h().call('GET', `/api/interventions/${i.id}`, { token: tokens.dispatcherA })).status).toBe(404);
    const inFlight = await h().call('DELETE', `/api/interventions/${fixtures.interventions.a2.id}`, { token: tokens.dispatcherA });
    expect(inFlight.status).toBe(409);
    expect(inFlight.body.error).toMatch(/^an intervention in status \w+ cannot be deleted: cancel it with a reason instead/);
  });
});
