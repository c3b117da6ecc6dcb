// The position simulator over a simulated day, on embedded PGlite and the
// real realtime server: a dispatcher's socket sees the technician move and
// the interventions go en route → on site → done; positions are stored;
// the service plan records the visit; stop() ends it cleanly.
import { rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../src/auth/tokens.ts';
import type { InterventionChange, PositionFrame } from '@tournee/contracts/realtime';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { distanceMeters } from '../../src/demo/geo.ts';
import { startSimulator } from '../../src/demo/simulator.ts';
import { createRealtime, type Realtime } from '../../src/realtime/index.ts';
import { at, dayFixture } from './support/day-fixture.ts';
import { freshPgliteDataDir } from '../support/pglite-template.ts';

const SECRET = 'simulator-test-secret';

describe('startSimulator', () => {
  let dataDir: string | undefined;
  let db: Database;
  let http: Server;
  let realtime: Realtime;
  let client: Socket;
  let fixture: Awaited<ReturnType<typeof dayFixture>>;
  const frames: PositionFrame[] = [];
  const changes: InterventionChange[] = [];

  beforeAll(async () => {
    dataDir = await freshPgliteDataDir('tournee-sim-');
    db = await openDatabase({ dataDir });
    fixture = await dayFixture(db.prisma);
    http = createServer();
    realtime = await createRealtime({
      httpServer: http,
      config: { redisUrl: undefined, authSecret: SECRET },
      prisma: db.prisma,
      verifyToken,
      frameIntervalMs: 10,
      log: () => {},
    });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const token = await signToken({ sub: 'dispatcher-1', role: 'dispatcher', agencyIds: [fixture.agency.id] }, SECRET);
    client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { auth: { token }, transports: ['websocket'] });
    client.on('positions:frame', (frame: PositionFrame) => frames.push(frame));
    client.on('intervention:changed', (change: InterventionChange) => changes.push(change));
    await new Promise<void>((resolve, reject) => {
      client.once('session:ready', () => resolve());
      client.once('connect_error', reject);
    });
  });
  afterAll(async () => {
    client?.close();
    await realtime?.close();
    http?.closeAllConnections();
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    await db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  it('follows the tour over simulated ticks, moving positions and statuses', async () => {
    let clock = at(6);
    const simulator = startSimulator({ prisma: db.prisma, broadcaster: realtime.broadcaster, now: () => clock, autoStart: false, persistEveryMs: 0 });
    const status = async () =>
      (await db.prisma.intervention.findMany({ where: { id: { in: fixture.interventions.map((i) => i.id) } }, orderBy: { plannedStart: 'asc' } })).map(
        (i) => i.status,
      );

    expect(await simulator.tick()).toMatchObject({ technicians: 1, positions: 0, transitions: 0 }); // 6:00, still asleep

    clock = at(8, 52); // driving to Gardanne
    expect(await simulator.tick()).toMatchObject({ positions: 1, stored: 1, transitions: 2 });
    expect(await status()).toEqual(['en_route', 'assigned', 'planned']);
    clock = at(8, 56);
    await simulator.tick();

    clock = at(9, 30); // on site
    expect((await simulator.tick()).transitions).toBe(1);
    clock = at(12, 30); // first two visits done
    expect((await simulator.tick()).transitions).toBe(5);
    expect(await status()).toEqual(['done', 'done', 'planned']);
    clock = at(15, 30); // all done, heading home; the planned one was assigned and dispatched on the way
    expect((await simulator.tick()).transitions).toBe(5);
    expect(await status()).toEqual(['done', 'done', 'done']);
    await simulator.stop();
    await settle();

    const stored = await db.prisma.technicianPosition.findMany({ orderBy: { recordedAt: 'asc' } });
    expect(stored).toHaveLength(5);
    const [driving, later, onSite] = stored;
    const gardanne = { lat: fixture.sites[0]!.lat!, lon: fixture.sites[0]!.lon! };
    expect(driving!.speed).toBeGreaterThan(5);
    expect(distanceMeters(later!, gardanne)).toBeLessThan(distanceMeters(driving!, gardanne));
    expect(distanceMeters(onSite!, gardanne)).toBeLessThan(1);
    expect(onSite!.speed).toBe(0);

    const received = frames.flatMap((f) => f.positions);
    expect(received).toHaveLength(5);
    expect(received.every((p) => p.technicianId === fixture.technician.id && p.agencyId === fixture.agency.id)).toBe(true);
    expect(changes.map((c) => c.status)).toEqual([
      'dispatched',
      'en_route',
      'on_site',
      'done',
      'dispatched',
      'en_route',
      'on_site',
      'done',
      'assigned',
      'dispatched',
      'en_route',
      'on_site',
      'done',
    ]);
    expect(changes[0]).toMatchObject({ previousStatus: 'assigned', source: 'system', technicianId: fixture.technician.id, sectorId: fixture.sector.id });

    const first = await db.prisma.intervention.findUniqueOrThrow({ where: { id: fixture.interventions[0]!.id } });
    expect([first.actualStart?.toISOString(), first.actualEnd?.toISOString(), first.version]).toEqual([at(9).toISOString(), at(10).toISOString(), 5]);
    const plan = await db.prisma.servicePlan.findUniqueOrThrow({ where: { id: fixture.plan.id } });
    expect(plan.lastDoneOn?.toISOString().slice(0, 10)).toBe('2026-06-15');
    expect(plan.nextDueOn?.toISOString().slice(0, 10)).toBe('2027-06-15');
  });

  it('leaves undispatched visits alone when not standing in for the dispatcher', async () => {
    const planned = await db.prisma.intervention.create({
      data: { agencyId: fixture.agency.id, siteId: fixture.sites[1]!.id, status: 'planned', technicianId: fixture.technician.id, estimatedDurationMinutes: 30 },
    });
    await db.prisma.tourStop.create({
      data: { tourId: fixture.tour.id, interventionId: planned.id, sequence: 4, plannedArrival: at(16), plannedStart: at(16), plannedEnd: at(16, 30) },
    });
    const simulator = startSimulator({
      prisma: db.prisma,
      broadcaster: { positions: () => {}, interventionChanged: () => {} },
      now: () => at(17),
      autoStart: false,
      dispatchPlanned: false,
    });
    expect((await simulator.tick()).transitions).toBe(0);
    await simulator.stop();
    expect((await db.prisma.intervention.findUniqueOrThrow({ where: { id: planned.id } })).status).toBe('planned');
    await db.prisma.intervention.delete({ where: { id: planned.id } });
  });

  it('gives the same positions for the same seed and clock', async () => {
    const runs = [];
    for (let k = 0; k < 2; k++) {
      const batches: unknown[] = [];
      let clock = at(13, 50);
      const simulator = startSimulator({
        prisma: db.prisma,
        broadcaster: { positions: (batch) => batches.push(batch), interventionChanged: () => {} },
        now: () => clock,
        seed: 7,
        autoStart: false,
        advanceStatuses: false,
        persistEveryMs: Number.POSITIVE_INFINITY,
      });
      for (const minute of [0, 3, 6, 9]) {
        clock = at(13, 50 + minute);
        await simulator.tick();
      }
      await simulator.stop();
      runs.push(JSON.stringify(batches));
    }
    expect(runs[0]).toBe(runs[1]);
    expect(JSON.parse(runs[0]!)).toHaveLength(4);
  });

  it('ticks on its own timer until stopped, then stays quiet', async () => {
    let count = 0;
    const simulator = startSimulator({
      prisma: db.prisma,
      broadcaster: { positions: (batch) => (count += batch.length), interventionChanged: () => {} },
      now: () => at(13, 55),
      intervalMs: 10,
      advanceStatuses: false,
      persistEveryMs: Number.POSITIVE_INFINITY,
    });
    const deadline = Date.now() + 10_000;
    while (count < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await simulator.stop();
    const after = count;
    expect(after).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(count).toBe(after);
  });
});
