// GET /api/interventions keeps its pages while no change to interventions
// has committed (server/src/http/list-cache.ts, migration list_versions):
// every write is seen by the very next read, whichever path or process made
// it — raw SQL, another API process, a transaction committed while a page was
// being computed — and callers of different scopes never share a page.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessions } from '../../src/auth/sessions.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createApp, type App } from '../../src/http/app.ts';
import { createListCache, readsStartedAfterTheCall } from '../../src/http/list-cache.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { seedFixtures, type Fixtures } from './fixtures.ts';
import { describeOnEachDatabase, listen, request, TEST_SECRET } from './harness.ts';

type Item = { id: string; agencyId: string; priority: number; technicianId: string | null; requiredSkills: Array<{ skillId: string; minLevel: number }> };
type ListPage = { items: Item[]; total: number };
const LIST = '/api/interventions?limit=200';

const listVersion = async (db: Database) =>
  BigInt((await db.prisma.$queryRaw<Array<{ version: bigint }>>`SELECT version FROM list_versions WHERE name = 'interventions'`)[0]!.version);

describeOnEachDatabase('GET /api/interventions kept pages', (h) => {
  const list = async (token: string, path = LIST) => {
    const res = await h().call<ListPage>('GET', path, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const item = (page: ListPage, id: string) => page.items.find((i) => i.id === id);

  it('answers a write made outside the API at the next read: update, skills, insert, delete', async () => {
    const { fixtures, tokens, db } = h();
    const { a1 } = fixtures.interventions;
    const first = await list(tokens.dispatcherA);
    expect(await list(tokens.dispatcherA)).toEqual(first);

    await db.prisma.$executeRaw`UPDATE interventions SET priority = 77 WHERE id = ${a1.id}`;
    expect(item(await list(tokens.dispatcherA), a1.id)?.priority).toBe(77);

    await db.prisma.$executeRaw`INSERT INTO intervention_skills (intervention_id, skill_id, min_level) VALUES (${a1.id}, ${fixtures.skill.id}, 2)`;
    expect(item(await list(tokens.dispatcherA), a1.id)?.requiredSkills).toEqual([{ skillId: fixtures.skill.id, minLevel: 2 }]);
    await db.prisma.$executeRaw`DELETE FROM intervention_skills WHERE intervention_id = ${a1.id}`;
    expect(item(await list(tokens.dispatcherA), a1.id)?.requiredSkills).toEqual([]);

    const added = await db.prisma.intervention.create({
      data: { agencyId: fixtures.agencyA.id, siteId: fixtures.siteA.id, estimatedDurationMinutes: 30, problemDescription: 'Ajoutée hors API' },
    });
    const withAdded = await list(tokens.dispatcherA);
    expect(item(withAdded, added.id)).toBeDefined();
    expect(withAdded.total).toBe(first.total + 1);
    await db.prisma.intervention.delete({ where: { id: added.id } });
    expect(await list(tokens.dispatcherA)).toEqual({ ...first, items: first.items.map((i) => (i.id === a1.id ? { ...i, priority: 77 } : i)) });
  });

  it('answers If-None-Match with 304 while nothing committed, and with the new page once a write commits', async () => {
    const { fixtures, tokens, db, call } = h();
    const { a1 } = fixtures.interventions;
    const first = await call<ListPage>('GET', LIST, { token: tokens.dispatcherA });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+\.[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await fetch(`${h().url}${LIST}`, { headers: { authorization: `Bearer ${tokens.dispatcherA}`, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    // A list of tags, or a weak form of ours, matches too (RFC 9110's weak comparison for If-None-Match).
    expect((await call('GET', LIST, { token: tokens.dispatcherA, headers: { 'if-none-match': `"0.x", W/${etag}` } })).status).toBe(304);
    // Another tag: the page, byte for byte the plain answer.
    const plain = await fetch(`${h().url}${LIST}`, { headers: { authorization: `Bearer ${tokens.dispatcherA}` } });
    const other = await fetch(`${h().url}${LIST}`, { headers: { authorization: `Bearer ${tokens.dispatcherA}`, 'if-none-match': '"0.x"' } });
    expect(other.status).toBe(200);
    expect(Buffer.from(await other.arrayBuffer()).equals(Buffer.from(await plain.arrayBuffer()))).toBe(true);

    // A write committed outside the API (raw SQL, its own statement): the old tag no longer matches.
    await db.prisma.$executeRaw`UPDATE interventions SET priority = 31 WHERE id = ${a1.id}`;
    const changed = await call<ListPage>('GET', LIST, { token: tokens.dispatcherA, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(item(changed.body, a1.id)?.priority).toBe(31);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await call('GET', LIST, { token: tokens.dispatcherA, headers: { 'if-none-match': changed.headers.get('etag')! } })).status).toBe(304);
  });

  it('tags each caller’s page with its own ETag: another scope’s tag is answered with the caller’s own page', async () => {
    const { tokens, call } = h();
    const tags = new Map<string, string>();
    for (const who of ['admin', 'dispatcherA', 'dispatcherB', 'tech1'] as const) {
      tags.set(who, (await call('GET', LIST, { token: tokens[who] })).headers.get('etag')!);
    }
    expect(new Set(tags.values()).size).toBe(4);
    // The same caller with another query: another tag.
    const filtered = (await call('GET', `${LIST}&status=requested`, { token: tokens.dispatcherA })).headers.get('etag');
    expect(filtered).not.toBe(tags.get('dispatcherA'));
    // dispatcherB presents dispatcherA's (current) tag: a 200 with B's own page, never a 304 standing for A's.
    const own = await list(tokens.dispatcherB);
    const presented = await call<ListPage>('GET', LIST, { token: tokens.dispatcherB, headers: { 'if-none-match': tags.get('dispatcherA')! } });
    expect(presented.status).toBe(200);
    expect(presented.body).toEqual(own);
    expect(presented.headers.get('etag')).toBe(tags.get('dispatcherB'));
  });

  it('steps the version once per committed transaction, however many rows it wrote, and not for a rollback or a write of no row', async () => {
    const { fixtures, db } = h();
    const { a1, a2 } = fixtures.interventions;
    const v0 = await listVersion(db);
    await db.prisma.$transaction([
      db.prisma.$executeRaw`UPDATE interventions SET priority = priority + 1 WHERE id = ${a1.id}`,
      db.prisma.$executeRaw`UPDATE interventions SET priority = priority + 1 WHERE id = ${a2.id}`,
      db.prisma.$executeRaw`INSERT INTO intervention_skills (intervention_id, skill_id, min_level) VALUES (${a2.id}, ${fixtures.skill.id}, 1)`,
    ]);
    expect(await listVersion(db)).toBe(v0 + 1n);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE interventions SET priority = 0 WHERE id = ${a1.id}`;
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await db.prisma.$executeRaw`UPDATE interventions SET priority = 0 WHERE id = 'no such intervention'`;
    expect(await listVersion(db)).toBe(v0 + 1n);
    await db.prisma.$executeRaw`DELETE FROM intervention_skills WHERE intervention_id = ${a2.id}`;
    expect(await listVersion(db)).toBe(v0 + 2n);
  });

  it('never hands one caller’s page to another: each scope and role reads its own', async () => {
    const { fixtures, tokens } = h();
    const { a1, a2, b1 } = fixtures.interventions;
    const ids = (page: ListPage) => page.items.map((i) => i.id);
    for (let round = 0; round < 2; round++) {
      const [admin, dispatcherA, dispatcherB, tech1] = await Promise.all([
        list(tokens.admin),
        list(tokens.dispatcherA),
        list(tokens.dispatcherB),
        list(tokens.tech1),
      ]);
      expect(ids(admin)).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));
      expect(dispatcherA.items.every((i) => i.agencyId === fixtures.agencyA.id)).toBe(true);
      expect(ids(dispatcherA)).toEqual(expect.arrayContaining([a1.id, a2.id]));
      expect(ids(dispatcherB)).toEqual([b1.id]);
      expect(ids(tech1)).toEqual([a1.id]);
      // The moves are the role's: a technician's page is not a dispatcher's even for the same item.
      expect(item(tech1, a1.id)).not.toEqual(item(dispatcherA, a1.id));
    }
    const filtered = await list(tokens.dispatcherA, `${LIST}&technicianId=${fixtures.t2.id}`);
    expect(ids(filtered)).toEqual([a2.id]);
  });

  it('computes a page again when a change commits while it is being computed', async () => {
    const { fixtures, db } = h();
    const cache = createListCache(db.prisma, 'interventions');
    let computed = 0;
    const page = () => db.prisma.intervention.findUniqueOrThrow({ where: { id: fixtures.interventions.a1.id }, select: { priority: true } });
    const first = await cache.get('k', async () => {
      computed++;
      const before = await page();
      // Another writer commits after this computation read its rows.
      await db.prisma.intervention.update({ where: { id: fixtures.interventions.a1.id }, data: { priority: before.priority + 1 } });
      return String(before.priority);
    });
    const second = await cache.get('k', async () => (computed++, String((await page()).priority)));
    expect(computed).toBe(2);
    expect(Number(second.toString())).toBe(Number(first.toString()) + 1);
    // Unchanged since: kept. Requests arriving together share one computation.
    const third = await Promise.all([1, 2, 3].map(() => cache.get('k', async () => (computed++, 'never'))));
    expect(computed).toBe(2);
    expect(third.map(String)).toEqual([1, 2, 3].map(() => second.toString()));
    // A failed computation is not kept.
    await db.prisma.$executeRaw`UPDATE interventions SET priority = priority WHERE id = ${fixtures.interventions.a1.id}`;
    await expect(cache.get('k', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(String(await cache.get('k', async () => 'again'))).toBe('again');
  });

  it('counts a truncation as a change', async () => {
    const { fixtures, tokens, db } = h();
    const { a1 } = fixtures.interventions;
    await db.prisma.$executeRaw`INSERT INTO intervention_skills (intervention_id, skill_id, min_level) VALUES (${a1.id}, ${fixtures.skill.id}, 3)`;
    expect(item(await list(tokens.dispatcherA), a1.id)?.requiredSkills).toHaveLength(1);
    await db.prisma.$executeRawUnsafe('TRUNCATE intervention_skills');
    expect(item(await list(tokens.dispatcherA), a1.id)?.requiredSkills).toEqual([]);
  });
});

describe('version reads shared between requests', () => {
  it('hands each caller a read started after its call: callers during a read share the next one', async () => {
    const answer: Array<(version: number) => void> = [];
    const read = readsStartedAfterTheCall(() => new Promise<number>((resolve) => answer.push(resolve)));
    const startedReads = async (n: number) => {
      for (let turn = 0; turn < 10 && answer.length < n; turn++) await Promise.resolve();
      expect(answer).toHaveLength(n);
    };
    const a = read();
    await startedReads(1);
    // While read 1 runs: b and c wait for read 2, which starts only when read 1 has answered.
    const [b, c] = [read(), read()];
    await startedReads(1);
    answer[0]!(1);
    expect(await a).toBe(1);
    await startedReads(2);
    const d = read();
    answer[1]!(2);
    expect([await b, await c]).toEqual([2, 2]);
    await startedReads(3);
    answer[2]!(3);
    expect(await d).toBe(3);
    // Nothing under way: a call starts its own read at once.
    const e = read();
    await startedReads(4);
    answer[3]!(4);
    expect(await e).toBe(4);
  });
});

// Two API processes on one database (two pools, two caches), and a third session writing in SQL.
const postgres = await checkPostgres();
describeWithService(postgres, 'GET /api/interventions kept pages, several processes [PostgreSQL]', () => {
  let database: TestDatabase;
  const dbs: Database[] = [];
  const apps: Array<{ app: App; url: string; close(): Promise<void> }> = [];
  let fixtures: Fixtures;
  let token: string;
  let sql: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    for (let n = 0; n < 2; n++) {
      const db = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
      dbs.push(db);
      if (n === 0) fixtures = await seedFixtures(db.prisma);
      const app = createApp({
        config: { authSecret: TEST_SECRET, redisUrl: undefined },
        prisma: db.prisma,
        dbKind: db.kind,
        log: () => {},
        sessions: createSessions(db.prisma),
      });
      apps.push({ app, ...(await listen(app)) });
    }
    const login = await request<{ token: string }>(apps[0]!.url, 'POST', '/api/auth/login', {
      body: { email: fixtures.users.dispatcherA.email, password: fixtures.password },
    });
    token = login.body.token;
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    for (const a of apps) {
      await a.close();
      await a.app.close();
    }
    for (const db of dbs) await db.close();
    await database?.drop();
  }, 60_000);

  const list = async (n: number) => (await request<ListPage>(apps[n]!.url, 'GET', LIST, { token })).body;
  const priorityOf = (page: ListPage) => page.items.find((i) => i.id === fixtures.interventions.a1.id)!.priority;

  it('answers on one process a write made through the other at its next read', async () => {
    const before = await list(0);
    await list(0);
    const { a1 } = fixtures.interventions;
    const current = await request<{ version: number }>(apps[1]!.url, 'GET', `/api/interventions/${a1.id}`, { token });
    const patched = await request(apps[1]!.url, 'PATCH', `/api/interventions/${a1.id}`, { token, body: { version: current.body.version, priority: 64 } });
    expect(patched.status).toBe(200);
    expect(priorityOf(await list(0))).toBe(64);
    expect(priorityOf(before)).not.toBe(64);
  });

  it('answers a conditional GET on one process with the write committed by another session at once', async () => {
    const { a1 } = fixtures.interventions;
    const first = await request<ListPage>(apps[0]!.url, 'GET', LIST, { token });
    const etag = first.headers.get('etag')!;
    // The same list version and key on both processes: the same tag, 304 on either.
    expect((await request(apps[1]!.url, 'GET', LIST, { token, headers: { 'if-none-match': etag } })).status).toBe(304);
    await sql.query('BEGIN');
    await sql.query('UPDATE interventions SET priority = priority + 1 WHERE id = $1', [a1.id]);
    // Uncommitted: still the page the client holds.
    expect((await request(apps[0]!.url, 'GET', LIST, { token, headers: { 'if-none-match': etag } })).status).toBe(304);
    await sql.query('COMMIT');
    for (const n of [0, 1]) {
      const next = await request<ListPage>(apps[n]!.url, 'GET', LIST, { token, headers: { 'if-none-match': etag } });
      expect(next.status).toBe(200);
      expect(priorityOf(next.body)).toBe(priorityOf(first.body) + 1);
    }
  });

  it('keeps no page read while a write was uncommitted: the commit shows at the next read', async () => {
    const { a1 } = fixtures.interventions;
    const settled = priorityOf(await list(0));
    await sql.query('BEGIN');
    await sql.query('UPDATE interventions SET priority = $1 WHERE id = $2', [settled + 5, a1.id]);
    // Read (and kept) while the change is pending: the committed state.
    expect(priorityOf(await list(0))).toBe(settled);
    expect(priorityOf(await list(1))).toBe(settled);
    await sql.query('COMMIT');
    expect(priorityOf(await list(0))).toBe(settled + 5);
    expect(priorityOf(await list(1))).toBe(settled + 5);
  });
});
