// The contracts' route table (contracts/src/routes.ts), which types the UI's
// client, against the routes the server really registers: the app composed as
// main.ts composes it (createApp, plus the planning and replication routes),
// on an embedded database. Every route of the table must be registered with
// the same method and path and the same params, query, body and answer
// schemas — so a route renamed or a body changed on the server, without the
// table following, fails here instead of in a browser.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { apiRoutes, type RouteDeclaration } from '@tournee/contracts/routes';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createApp, type App } from '../../src/http/app.ts';
import { ApiRegistry, type RouteDoc } from '../../src/http/registry.ts';
import { planningRoutes } from '../../src/http/routes/planning.ts';
import { replicationRoutes } from '../../src/http/routes/replication.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { recordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { freshPgliteDataDir } from '../support/pglite-template.ts';

type Part = 'params' | 'query' | 'body' | 'response';
const PARTS: readonly Part[] = ['params', 'query', 'body', 'response'];

/** What a schema accepts (params, query, body) or answers (response), as JSON Schema: equal shapes, equal contracts. */
function shape(schema: z.ZodType | undefined, part: Part): unknown {
  if (!schema) return undefined;
  return z.toJSONSchema(schema, { io: part === 'response' ? 'output' : 'input', unrepresentable: 'any', target: 'draft-2020-12' });
}

describe('the contracts’ route table', () => {
  let dir: string;
  let db: Database;
  let jobs: JobRunner;
  let app: App;

  beforeAll(async () => {
    dir = await freshPgliteDataDir('tournee-route-table-');
    db = await openDatabase({ dataDir: dir });
    const broadcaster = recordingBroadcaster();
    jobs = await createJobRunner({ config: { redisUrl: undefined }, prisma: db.prisma, broadcaster }, { overnight: null, log: () => {} });
    app = createApp({
      config: { authSecret: 'route-table-secret-0123456789abcdef', redisUrl: undefined },
      prisma: db.prisma,
      dbKind: db.kind,
      log: () => {},
      // As main.ts declares them (no request is made here, so nothing is broadcast: the replication routes get a
      // broadcaster that would drop their notices).
      routes: [
        (api) => planningRoutes(api, { prisma: db.prisma, jobs, broadcaster }),
        (api) => replicationRoutes(api, { prisma: db.prisma, broadcaster: { interventionChanged: () => {} } }),
      ],
    });
  });

  afterAll(async () => {
    await app?.close();
    await jobs?.close();
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const declared = Object.entries(apiRoutes) as [string, RouteDeclaration][];

  it('keys each route by its method and path', () => {
    for (const [key, route] of declared) expect(key).toBe(`${route.method.toUpperCase()} ${route.path}`);
  });

  it.each(declared)('%s is registered by the server with the same schemas', (key, route) => {
    const matches = app.registry.routes.filter((r: RouteDoc) => r.spec.method === route.method && r.spec.path === route.path);
    expect(matches, `${key}: registered ${matches.length} times`).toHaveLength(1);
    const registered = matches[0]!.spec;
    for (const part of PARTS) expect(shape(route[part], part), `${key}: ${part}`).toEqual(shape(registered[part], part));
  });

  it('lets a route file declare a route from its entry, its handler typed by the entry’s schemas', () => {
    const api = new ApiRegistry();
    api.route({ ...apiRoutes['POST /api/interventions/:id/assign'], summary: 'Assign', tag: 'Planning' }, ({ params, body }) => {
      expectTypeOf(params.id).toEqualTypeOf<string>();
      expectTypeOf(body.version).toEqualTypeOf<number>();
      return undefined;
    });
    expect(api.routes.map((r) => `${r.spec.method} ${r.spec.path}`)).toEqual(['post /api/interventions/:id/assign']);
  });
});
