// Where a technician's positions go (position-routing.ts), on a real PGlite
// database: concurrent lookups of uncached technicians share one query, the
// answers are cached until their time is up, unknown ids are null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPositionRouting } from '../../src/http/position-routing.ts';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { seedFixtures, type Fixtures } from './fixtures.ts';
import { openPglite } from './harness.ts';

describe('position routing', () => {
  let prisma: PrismaClient;
  let fixtures: Fixtures;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openPglite();
    prisma = opened.db.prisma;
    cleanup = opened.cleanup;
    fixtures = await seedFixtures(prisma);
    const sector = await prisma.sector.create({
      data: {
        agencyId: fixtures.agencyA.id,
        code: 'AIX-N',
        name: 'Aix nord',
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [5.4, 43.5],
              [5.5, 43.5],
              [5.5, 43.6],
              [5.4, 43.5],
            ],
          ],
        },
      },
    });
    await prisma.technicianSector.create({ data: { technicianId: fixtures.t1.id, sectorId: sector.id } });
  }, 120_000);
  afterAll(() => cleanup?.());

  /** The real delegate, with its queries counted. */
  const counted = () => {
    const queries: string[][] = [];
    const technician = {
      findMany: (args: { where: { id: { in: string[] } } }) => {
        queries.push(args.where.id.in);
        return prisma.technician.findMany(args as never);
      },
    };
    return { queries, client: { technician } as unknown as Pick<PrismaClient, 'technician'> };
  };

  it('answers the lookups of many concurrent requests with one query, then from its cache', async () => {
    const { queries, client } = counted();
    const routes = createPositionRouting(client);
    const unknown = '01900000-0000-7000-8000-000000000000';
    const asked = [[fixtures.t1.id], [fixtures.t2.id, fixtures.t1.id], [fixtures.t3.id], [unknown], [fixtures.t1.id]];
    const answers = await Promise.all(asked.map((ids) => routes(ids)));
    expect(queries).toHaveLength(1);
    expect(new Set(queries[0])).toEqual(new Set([fixtures.t1.id, fixtures.t2.id, fixtures.t3.id, unknown]));
    const sectorIds = (await prisma.technicianSector.findMany({ where: { technicianId: fixtures.t1.id } })).map((s) => s.sectorId);
    expect(answers[0]!.get(fixtures.t1.id)).toEqual({ agencyId: fixtures.agencyA.id, sectorIds });
    expect(answers[1]!.get(fixtures.t2.id)).toEqual({ agencyId: fixtures.agencyA.id, sectorIds: [] });
    expect(answers[2]!.get(fixtures.t3.id)).toEqual({ agencyId: fixtures.agencyB.id, sectorIds: [] });
    expect(answers[3]!.get(unknown)).toBeNull();

    await routes([fixtures.t1.id, fixtures.t3.id, unknown]);
    expect(queries).toHaveLength(1);
  });

  it('asks again once an answer is older than its time to live', async () => {
    const { queries, client } = counted();
    const routes = createPositionRouting(client, 0);
    await routes([fixtures.t1.id]);
    await new Promise((r) => setTimeout(r, 5));
    await routes([fixtures.t1.id]);
    expect(queries).toHaveLength(2);
  });

  it('fails every request waiting on a query that failed, and recovers on the next', async () => {
    let fail = true;
    const client = {
      technician: {
        findMany: (args: never) => (fail ? Promise.reject(new Error('database away')) : prisma.technician.findMany(args)),
      },
    } as unknown as Pick<PrismaClient, 'technician'>;
    const routes = createPositionRouting(client);
    const results = await Promise.allSettled([routes([fixtures.t1.id]), routes([fixtures.t2.id])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await routes([fixtures.t1.id])).get(fixtures.t1.id)?.agencyId).toBe(fixtures.agencyA.id);
  });
});
