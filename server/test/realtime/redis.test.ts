// Several processes on one Redis: a second server process (spawned with tsx)
// and a worker-style remote broadcaster share rooms and sequences with the
// server under test — a broadcast from any reaches clients of every other.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PlanChange } from '@tournee/contracts/realtime';
import { createRemoteBroadcaster, type RemoteBroadcaster } from '../../src/realtime/remote.ts';
import { REDIS_URL, checkPostgres, checkRedis, describeWithService } from '../support/services.ts';
import { usePostgres } from './database.ts';
import {
  SECRET,
  collect,
  connectClient,
  seedOrganisation,
  sleep,
  startServer,
  tokens,
  waitFor,
  type Client,
  type Organisation,
  type TestServer,
} from './support.ts';

const [postgres, redis] = await Promise.all([checkPostgres(), checkRedis()]);
const services = postgres.available ? redis : postgres;

const change = (reason: PlanChange['reason']): PlanChange => ({ date: '2026-12-01', reason });

describeWithService(services, 'realtime across processes on Redis', () => {
  const pg = usePostgres();
  const prefix = `tournee-test-${randomBytes(4).toString('hex')}`;
  let org: Organisation;
  let local: TestServer;
  let child: ChildProcess;
  let childUrl: string;
  let remote: RemoteBroadcaster;
  const sockets: Client[] = [];
  let nextId = 1;

  /** Asks the second process to broadcast; resolves with its answer. */
  const command = (message: Record<string, unknown>): Promise<unknown> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (reply: { id?: number; result?: unknown; error?: string }) => {
        if (reply.id !== id) return;
        child.off('message', onMessage);
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply.result);
      };
      child.on('message', onMessage);
      child.send({ id, ...message });
    });
  };
  const open = async (url: string, token: string) => {
    const { socket } = await connectClient(url, { token });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    org = await seedOrganisation(pg.db.prisma);
    local = await startServer(pg.db.prisma, { redisUrl: REDIS_URL, redisPrefix: prefix, frameIntervalMs: 20 });
    child = fork(fileURLToPath(new URL('./fixtures/second-server.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: pg.url, REDIS_URL, REDIS_PREFIX: prefix, AUTH_SECRET: SECRET },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: { port: number }) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`second server exited with ${code}`)));
    });
    childUrl = `http://127.0.0.1:${port}`;
    remote = await createRemoteBroadcaster(REDIS_URL, { prisma: pg.db.prisma, redisPrefix: prefix, frameIntervalMs: 20 });
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await remote?.shutdown();
    if (child?.connected) await command({ type: 'close' }).catch(() => {});
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    await local?.close();
    // The plan-version counters are the only keys left: drop this run's.
    const client = await createClient({ url: REDIS_URL }).connect();
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(keys);
    await client.close();
  });

  it("reaches a client of the other process from this one's broadcaster, and the reverse", async () => {
    const there = await open(childUrl, await tokens.dispatcher(org.agencyA));
    const here = await open(local.url, await tokens.dispatcher(org.agencyA));
    const elsewhere = await open(childUrl, await tokens.dispatcher(org.agencyB));
    const [deltasThere, framesThere, progressThere] = [collect(there, 'plan:delta'), collect(there, 'positions:frame'), collect(there, 'job:progress')];
    const [deltasHere, framesHere] = [collect(here, 'plan:delta'), collect(here, 'positions:frame')];
    const deltasElsewhere = collect(elsewhere, 'plan:delta');

    const first = await local.realtime.broadcaster.planChanged(org.agencyA, change('assignment'));
    local.realtime.broadcaster.positions([{ technicianId: org.techA1, agencyId: org.agencyA, lat: 43.5, lon: 5.4, recordedAt: 1 }]);
    local.realtime.broadcaster.jobProgress(org.agencyA, { jobId: 'j1', queue: 'planning', state: 'running', progress: 0.4 });
    await waitFor(() => deltasThere.length === 1 && framesThere.length === 1 && progressThere.length === 1, 5_000, 'broadcasts across');
    expect(progressThere[0]).toMatchObject({ jobId: 'j1', agencyId: org.agencyA, state: 'running', progress: 0.4, runId: null });

    // The other process draws from the same Redis counter.
    const second = (await command({ type: 'planChanged', agencyId: org.agencyA, change: change('reorder') })) as { sequence: number; epoch: string };
    expect([second.sequence, second.epoch]).toEqual([first.sequence + 1, first.epoch]);
    await command({ type: 'positions', batch: [{ technicianId: org.techA2, agencyId: org.agencyA, lat: 43.6, lon: 5.5, recordedAt: 2 }] });
    await waitFor(() => deltasHere.length === 2 && framesHere.length === 2, 5_000, 'broadcasts back');
    expect(deltasHere.map((d) => [d.sequence, d.reason])).toEqual([
      [first.sequence, 'assignment'],
      [second.sequence, 'reorder'],
    ]);
    expect(framesHere.flatMap((f) => f.positions.map((p) => p.technicianId))).toEqual([org.techA1, org.techA2]);
    await sleep(100);
    expect(deltasElsewhere).toEqual([]);
  });

  it('lets a worker without HTTP server emit progress and push assignments to clients of both processes', async () => {
    const boardHere = await open(local.url, await tokens.dispatcher(org.agencyA));
    const boardThere = await open(childUrl, await tokens.admin());
    const tech = await open(childUrl, await tokens.technician(org.techA1, org.agencyA));
    const [here, there, pushed] = [collect(boardHere, 'job:progress'), collect(boardThere, 'job:progress'), collect(tech, 'assignment:pushed')];

    remote.jobProgress(org.agencyA, { jobId: 'j2', queue: 'dispatch', state: 'succeeded', progress: 1, runId: 'run-7', message: 'inserted' });
    const message = await remote.assignmentPushed(org.techA1, {
      kind: 'assigned',
      interventionId: 'urgent-1',
      interventionVersion: 2,
      tourId: null,
      date: '2026-12-01',
      plannedStart: null,
      plannedEnd: null,
      priority: 95,
      summary: 'Urgence: fuite',
    });
    await waitFor(() => here.length === 1 && there.length === 1 && pushed.length === 1, 5_000, 'worker broadcasts');
    expect(there[0]).toMatchObject({ jobId: 'j2', runId: 'run-7', state: 'succeeded', message: 'inserted' });
    expect(pushed[0]).toEqual(message);
    const delta = await remote.planChanged(org.agencyB, change('urgent_insertion'));
    expect(delta.sequence).toBeGreaterThanOrEqual(1);
  });

  it('shares sector rooms: a subscription on one process gets frames emitted by the other', async () => {
    const board = await open(childUrl, await tokens.dispatcher(org.agencyB));
    expect(await board.emitWithAck('sector:subscribe', { sectorId: org.sectorB })).toMatchObject({ ok: true });
    const frames = collect(board, 'positions:frame');
    local.realtime.broadcaster.positions([
      { technicianId: org.techA1, agencyId: org.agencyA, sectorIds: [org.sectorB], lat: 43.1, lon: 5.9, recordedAt: 3 },
      { technicianId: org.techA2, agencyId: org.agencyA, lat: 43.5, lon: 5.4, recordedAt: 4 },
    ]);
    await waitFor(() => frames.length === 1, 5_000, 'sector frame');
    await sleep(100);
    expect(frames.flatMap((f) => f.positions.map((p) => p.recordedAt))).toEqual([3]);
  });
});
