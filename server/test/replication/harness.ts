// The replication endpoints over real HTTP (createApp on an ephemeral port)
// on a real database: an embedded PGlite, and a throwaway PostgreSQL database
// (skipped without PostgreSQL, failing under CI=true). The company is the
// back office's test company (two agencies, parts, a central depot and a van
// per technician) with stock put in the vans and the depot.
import { afterAll, beforeAll, describe } from 'vitest';
import { adjustStock } from '../../src/back-office/stock/operations.ts';
import type { AssignmentPush, OutboxMessage } from '@tournee/contracts/realtime';
import type { FieldConflictNotice } from '@tournee/contracts/replication';
import type { Database } from '../../src/db/client.ts';
import { createApp, type App } from '../../src/http/app.ts';
import { replicationRoutes } from '../../src/http/routes/replication.ts';
import type { InterventionChangeInput } from '../../src/realtime/broadcaster.ts';
import { seedBackOffice, type BackOfficeFixtures } from '../back-office/support.ts';
import { TEST_SECRET, listen, openPglite, openPostgres, request, type Response } from '../http/harness.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';

export interface ReplicationHarness {
  readonly url: string;
  readonly db: Database;
  readonly app: App;
  readonly f: BackOfficeFixtures;
  readonly tokens: Record<keyof BackOfficeFixtures['users'], string>;
  /** What the routes announced (boards' intervention changes, dispatchers' conflict notices). */
  readonly changes: InterventionChangeInput[];
  readonly conflicts: FieldConflictNotice[];
  /** What the replication routes pushed to technicians' outboxes (part request news). */
  readonly pushes: { technicianId: string; assignment: AssignmentPush }[];
  call<T = any>(method: string, path: string, options?: { token?: string | undefined; body?: unknown }): Promise<Response<T>>;
}

type Opened = { db: Database; cleanup(): Promise<void> };

function useReplicationHarness(open: () => Promise<Opened>): () => ReplicationHarness {
  let harness: ReplicationHarness | undefined;
  let teardown: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const { db, cleanup } = await open();
    const f = await seedBackOffice(db.prisma);
    await adjustStock(db.prisma, {
      depotId: f.depots.van1.id,
      lines: [
        { partId: f.parts.capacitor.id, quantity: 2 },
        { partId: f.parts.filter.id, quantity: 5 },
      ],
      reason: 'chargement du véhicule',
    });
    await adjustStock(db.prisma, { depotId: f.depots.centralA.id, lines: [{ partId: f.parts.fan.id, quantity: 3 }], reason: 'inventaire' });
    const changes: InterventionChangeInput[] = [];
    const conflicts: FieldConflictNotice[] = [];
    const pushes: ReplicationHarness['pushes'] = [];
    const assignmentPushed = async (technicianId: string, assignment: AssignmentPush): Promise<OutboxMessage> => {
      pushes.push({ technicianId, assignment });
      return { technicianId, sequence: pushes.length, createdAt: new Date().toISOString(), assignment };
    };
    const app = createApp({
      config: { authSecret: TEST_SECRET, redisUrl: undefined },
      prisma: db.prisma,
      dbKind: db.kind,
      log: () => {},
      broadcaster: { positions: () => {}, interventionChanged: (c) => changes.push(c) },
      routes: [
        (api) =>
          replicationRoutes(api, {
            prisma: db.prisma,
            broadcaster: { interventionChanged: (c) => changes.push(c), assignmentPushed },
            notifyConflict: (n) => conflicts.push(n),
            log: () => {},
          }),
      ],
    });
    const server = await listen(app);
    const call: ReplicationHarness['call'] = (method, path, options) => request(server.url, method, path, options);
    const tokens = {} as ReplicationHarness['tokens'];
    for (const [key, user] of Object.entries(f.users) as [keyof BackOfficeFixtures['users'], { email: string }][]) {
      const res = await call('POST', '/api/auth/login', { body: { email: user.email, password: f.password } });
      if (res.status !== 200) throw new Error(`fixture login ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
      tokens[key] = res.body.token;
    }
    harness = { url: server.url, db, app, f, tokens, changes, conflicts, pushes, call };
    teardown = async () => {
      await server.close();
      await app.close();
      await cleanup();
    };
  }, 120_000);
  afterAll(async () => {
    await teardown?.();
  }, 60_000);
  return () => {
    if (!harness) throw new Error('harness not started');
    return harness;
  };
}

const postgres = await checkPostgres();

/** The same tests on embedded PGlite and on PostgreSQL. */
export function describeOnEachDatabase(name: string, body: (h: () => ReplicationHarness) => void): void {
  describe(`${name} [PGlite]`, () => body(useReplicationHarness(openPglite)));
  describeWithService(postgres, `${name} [PostgreSQL]`, () => body(useReplicationHarness(openPostgres)));
}
