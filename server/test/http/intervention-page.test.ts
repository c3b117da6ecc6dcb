// GET /api/interventions, whose page the database writes as JSON
// (intervention-page.ts): every item is exactly what GET /api/interventions/:id
// answers through Prisma, the page matches the contract, and order, pages,
// filters and scopes hold.
import { Intervention, Page } from '@tournee/contracts/api';
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness.ts';

type Item = Record<string, unknown> & { id: string; priority: number; requiredSkills: Array<{ skillId: string }> };

describeOnEachDatabase('GET /api/interventions pages', (h) => {
  const create = async (body: Record<string, unknown>) => {
    const { fixtures, tokens, call } = h();
    const res = await call('POST', '/api/interventions', {
      token: tokens.dispatcherA,
      body: { agencyId: fixtures.agencyA.id, siteId: fixtures.siteA.id, estimatedDurationMinutes: 45, ...body },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Item;
  };
  const sortedSkills = (item: Item) => ({ ...item, requiredSkills: [...item.requiredSkills].sort((a, b) => a.skillId.localeCompare(b.skillId)) });

  it('lists each intervention exactly as it is answered alone, in the contract’s shape', async () => {
    const { fixtures, tokens, call, db } = h();
    const otherSkill = await db.prisma.skill.create({ data: { code: `page-${Date.now()}`, name: 'Page test' } });
    const full = await create({
      priority: 91,
      kind: 'preventive',
      problemDescription: 'Fuite « au » compresseur \\ "guillemets"\nligne 2 — é',
      slaDeadline: '2026-03-02T17:30:00.123Z',
      timeWindows: [
        { start: '2026-03-02T08:00:00Z', end: '2026-03-02T12:00:00Z' },
        { start: '2026-03-02T14:00:00Z', end: '2026-03-02T16:00:00Z' },
      ],
      earliestDate: '2026-03-01',
      latestDate: '2026-03-05',
      requiredSkills: [
        { skillId: fixtures.skill.id, minLevel: 2 },
        { skillId: otherSkill.id, minLevel: 1 },
      ],
    });
    const patched = await call('PATCH', `/api/interventions/${full.id}`, {
      token: tokens.dispatcherA,
      body: { version: full.version, technicianId: fixtures.t1.id, pinned: true, plannedStart: '2026-03-02T09:15:00Z', plannedEnd: '2026-03-02T10:00:00Z' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const bare = await create({ priority: 90 });

    const list = await call('GET', '/api/interventions?limit=200&priorityMin=90', { token: tokens.dispatcherA });
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Page(Intervention).safeParse(list.body).success).toBe(true);
    const items = list.body.items as Item[];
    expect(items.map((i) => i.id)).toEqual([full.id, bare.id]);
    for (const item of items) {
      const alone = await call('GET', `/api/interventions/${item.id}`, { token: tokens.dispatcherA });
      expect(sortedSkills(item)).toEqual(sortedSkills(alone.body as Item));
    }
    expect(items[0]).toMatchObject({
      earliestDate: '2026-03-01',
      slaDeadline: '2026-03-02T17:30:00.123Z',
      plannedStart: '2026-03-02T09:15:00.000Z',
      pinned: true,
    });
  });

  it('orders by priority then id, pages with limit and offset, counts the whole selection, and keeps each caller to their scope', async () => {
    const { fixtures, tokens, call } = h();
    const made = [await create({ priority: 7 }), await create({ priority: 7 }), await create({ priority: 6 })];
    const expected = [...made].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1)).map((i) => i.id);
    const filter = `agencyId=${fixtures.agencyA.id}&priorityMin=6&status=requested`;
    const all = await call('GET', `/api/interventions?${filter}&limit=200`, { token: tokens.dispatcherA });
    const ours = (all.body.items as Item[]).map((i) => i.id).filter((id) => expected.includes(id));
    expect(ours).toEqual(expected);
    const page = await call('GET', `/api/interventions?${filter}&limit=1&offset=1`, { token: tokens.dispatcherA });
    expect(page.body).toMatchObject({ total: all.body.total, limit: 1, offset: 1 });
    expect(page.body.items).toEqual([all.body.items[1]]);
    const beyond = await call('GET', `/api/interventions?${filter}&limit=5&offset=10000`, { token: tokens.dispatcherA });
    expect(beyond.body).toEqual({ items: [], total: all.body.total, limit: 5, offset: 10000 });

    // Another agency's dispatcher sees none of them; a technician only their own.
    const other = await call('GET', '/api/interventions?limit=200', { token: tokens.dispatcherB });
    expect((other.body.items as Item[]).filter((i) => expected.includes(i.id))).toEqual([]);
    const tech = await call('GET', '/api/interventions?limit=200', { token: tokens.tech1 });
    expect(tech.status).toBe(200);
    for (const item of tech.body.items as Item[]) expect(item.technicianId).toBe(fixtures.t1.id);
    // The moves offered are the caller's: a technician may not plan a visit.
    for (const item of tech.body.items as Array<Item & { allowedTransitions: string[] }>) expect(item.allowedTransitions).not.toContain('planned');
  });
});
