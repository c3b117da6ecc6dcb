// Every request body of the OpenAPI document, fuzzed (issue 11, "Input"):
// values shaped by the body's JSON Schema, hostile values mixed in at any
// depth, ids of real records in id fields, sent as an admin, a dispatcher and
// a technician. The property: no answer is a 5xx — bad input is the client's
// mistake, answered 4xx. On both databases: PostgreSQL and PGlite refuse
// different values (their input errors differ). The run count is modest so the file stays under a
// minute on a loaded 2-core machine; FUZZ_RUNS raises it, FUZZ_SEED replays a
// failure (fast-check prints the seed and the shrunk body).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { planningRoutes } from '../../src/http/routes/planning.ts';
import { replicationRoutes } from '../../src/http/routes/replication.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { recordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { arbitraryFor, type JsonSchema } from '../support/json-schema-arbitrary.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { seedFixtures } from './fixtures.ts';
import { listen, type Opened, openPglite, openPostgres, request, TEST_SECRET } from './harness.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = process.env.FUZZ_SEED === undefined ? 11 : Number(process.env.FUZZ_SEED);

/** Half well-shaped bodies (they reach the handlers and the database), half with hostile values in them. */
const body = (schema: JsonSchema, ids: string[]) => fc.oneof(arbitraryFor(schema, { ids, hostileWeight: 0 }), arbitraryFor(schema, { ids, hostileWeight: 1 }));

/** The whole fuzz run against one database. */
function fuzzOn(open: () => Promise<Opened>): void {
  let opened: Opened | undefined;
  let jobs: JobRunner;
  let server: { url: string; close(): Promise<void> };
  let ids: string[] = [];
  const tokens: string[] = [];

  beforeAll(async () => {
    opened = await open();
    const prisma = opened.db.prisma;
    const f = await seedFixtures(prisma);
    ids = [
      f.agencyA.id,
      f.agencyB.id,
      f.t1.id,
      f.t3.id,
      f.customer.id,
      f.siteA.id,
      f.equipment.id,
      f.skill.id,
      f.interventions.a1.id,
      f.interventions.b1.id,
      f.users.admin.id,
      f.region.id,
    ];
    const broadcaster = { ...recordingBroadcaster(), positions: () => {}, interventionChanged: () => {} };
    jobs = await createJobRunner({ config: { redisUrl: undefined }, prisma, broadcaster }, { overnight: null, servicePlans: null, log: () => {} });
    const app = createApp({
      config: { authSecret: TEST_SECRET, redisUrl: undefined },
      prisma,
      dbKind: opened.db.kind,
      log: () => {},
      positionFlushMs: 20,
      broadcaster,
      routes: [
        (api) => planningRoutes(api, { prisma, jobs, broadcaster, log: () => {} }),
        (api) => replicationRoutes(api, { prisma, broadcaster, log: () => {} }),
      ],
    });
    server = await listen(app);
    for (const user of [f.users.admin, f.users.dispatcherA, f.users.tech1]) {
      const res = await request<{ token: string }>(server.url, 'POST', '/api/auth/login', { body: { email: user.email, password: f.password } });
      tokens.push(res.body.token);
    }
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await jobs?.close();
    await opened?.cleanup();
  });

  it('answers every fuzzed request body with less than 500', async () => {
    const doc = (
      await request<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> }>(
        server.url,
        'GET',
        '/api/openapi.json',
      )
    ).body;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) => {
        const schema = op.requestBody?.content['application/json']?.schema;
        // Logging in or out says nothing about the tokens' holders: left out so the tokens stay valid.
        return schema && !path.startsWith('/api/auth/') ? [{ path, method, schema }] : [];
      }),
    );
    expect(operations.length).toBeGreaterThan(50);

    const failures: string[] = [];
    for (const [k, { path, method, schema }] of operations.entries()) {
      const pathWith = fc
        .tuple(...[...path.matchAll(/\{(\w+)\}/g)].map(() => fc.oneof(fc.constantFrom(...ids), fc.constant('nope'))))
        .map((values) => values.reduce<string>((p, v) => p.replace(/\{\w+\}/, encodeURIComponent(v)), path));
      // Solving fuzzed problems would take their whole time limit: the shortest is enough to reach the engine.
      const target = path === '/api/optimization' ? pathWith.map((p) => `${p}?timeLimitMs=10`) : pathWith;
      const property = fc.asyncProperty(target, fc.constantFrom(...tokens), body(schema, ids), async (url, token, body) => {
        const res = await request(server.url, method.toUpperCase(), url, { token, body });
        return res.status < 500;
      });
      const outcome = await fc.check(property, { numRuns: RUNS, seed: SEED + k, endOnFailure: true });
      if (outcome.failed) failures.push(`${method.toUpperCase()} ${path}: ${JSON.stringify(outcome.counterexample)?.slice(0, 500)} (seed ${SEED + k})`);
    }
    expect(failures).toEqual([]);
  }, 240_000);
}

describe('fuzzed request bodies [PGlite]', () => fuzzOn(openPglite));
describeWithService(await checkPostgres(), 'fuzzed request bodies [PostgreSQL]', () => fuzzOn(openPostgres));
