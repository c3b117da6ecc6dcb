// Who may connect and what each role receives: the handshake, the rooms the
// claims open, subscriptions, and payload validation — with real clients.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/auth/tokens.ts';
import type { AssignmentPush } from '@tournee/contracts/realtime';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { usePostgres } from './database.ts';
import { collect, connectClient, seedOrganisation, sleep, startServer, tokens, waitFor, type Client, type Organisation, type TestServer } from './support.ts';

const push = (interventionId: string): AssignmentPush => ({
  kind: 'assigned',
  interventionId,
  interventionVersion: 1,
  tourId: null,
  date: '2026-12-01',
  plannedStart: null,
  plannedEnd: null,
  priority: 50,
  summary: 'Mme Dupont — Aix: plus de chauffage',
});

describeWithService(await checkPostgres(), 'realtime access', () => {
  const pg = usePostgres();
  let server: TestServer;
  let org: Organisation;
  const sockets: Client[] = [];
  const open = async (token: string | undefined) => {
    const client = await connectClient(server.url, token === undefined ? undefined : { token });
    sockets.push(client.socket);
    return client;
  };

  beforeAll(async () => {
    org = await seedOrganisation(pg.db.prisma);
    server = await startServer(pg.db.prisma, { frameIntervalMs: 20 });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
  });

  it('refuses a handshake without a token, with a forged one, and a technician token without technician', async () => {
    await expect(open(undefined)).rejects.toMatchObject({ message: expect.stringMatching(/token/), data: { code: 'missing_token' } });
    const forged = await signToken({ sub: 'x', role: 'admin', agencyIds: [] }, 'another-secret');
    await expect(open(forged)).rejects.toMatchObject({ data: { code: 'invalid_token' } });
    await expect(open('not-a-jwt')).rejects.toMatchObject({ data: { code: 'invalid_token' } });
    const orphan = await signToken({ sub: 'y', role: 'technician', agencyIds: [] }, 'realtime-test-secret');
    await expect(open(orphan)).rejects.toMatchObject({ data: { code: 'forbidden' } });
  });

  it('joins rooms by claims: dispatcher its agencies, technician its own room, admin every agency', async () => {
    const dispatcher = await open(await tokens.dispatcher(org.agencyA));
    expect(dispatcher.session).toMatchObject({ role: 'dispatcher', rooms: [`agency:${org.agencyA}`] });
    const technician = await open(await tokens.technician(org.techA1, org.agencyA));
    expect(technician.session).toMatchObject({ role: 'technician', technicianId: org.techA1, rooms: [`technician:${org.techA1}`] });
    const admin = await open(await tokens.admin());
    expect(admin.session.rooms).toEqual(expect.arrayContaining([`agency:${org.agencyA}`, `agency:${org.agencyB}`]));
  });

  it("gives agency A's dispatcher A's position frames and not B's; technicians get none", async () => {
    const { socket: a } = await open(await tokens.dispatcher(org.agencyA));
    const { socket: b } = await open(await tokens.dispatcher(org.agencyB));
    const { socket: t } = await open(await tokens.technician(org.techA1, org.agencyA));
    const [framesA, framesB, framesT] = [collect(a, 'positions:frame'), collect(b, 'positions:frame'), collect(t, 'positions:frame')];
    server.realtime.broadcaster.positions([
      { technicianId: org.techA1, agencyId: org.agencyA, lat: 43.52, lon: 5.44, recordedAt: Date.now() },
      { technicianId: org.techB1, agencyId: org.agencyB, lat: 43.12, lon: 5.93, recordedAt: Date.now() },
    ]);
    await waitFor(() => framesA.length > 0 && framesB.length > 0, 5_000, 'frames');
    await sleep(100);
    expect(framesA.flatMap((f) => f.positions.map((p) => p.technicianId))).toEqual([org.techA1]);
    expect(framesB.flatMap((f) => f.positions.map((p) => p.technicianId))).toEqual([org.techB1]);
    expect(framesT).toEqual([]);
  });

  it("refuses a technician another technician's room, and never delivers it another's assignments", async () => {
    const { socket: mine } = await open(await tokens.technician(org.techA1, org.agencyA));
    const received = collect(mine, 'assignment:pushed');
    const refused = await mine.emitWithAck('technician:subscribe', { technicianId: org.techA2 });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await mine.emitWithAck('technician:subscribe', { technicianId: org.techA1 })).toMatchObject({ ok: true });
    // A technician's outbox is its own: sync and ack act on the caller's only.
    await server.realtime.broadcaster.assignmentPushed(org.techA2, push('other-visit'));
    await server.realtime.broadcaster.assignmentPushed(org.techA1, push('my-visit'));
    await waitFor(() => received.length >= 1, 5_000, 'own assignment');
    await sleep(100);
    expect(received.map((m) => m.assignment.interventionId)).toEqual(['my-visit']);
    const sync = await mine.emitWithAck('assignments:sync', { after: 0 });
    expect(sync.ok && sync.data.messages.map((m) => m.assignment.interventionId)).toEqual(['my-visit']);
    // Sector rooms and plans are for dispatchers.
    expect(await mine.emitWithAck('sector:subscribe', { sectorId: org.sectorA })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await mine.emitWithAck('plan:resync', { agencyId: org.agencyA, date: '2026-12-01' })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it("lets a dispatcher follow its agency's technicians and sectors, not another agency's", async () => {
    const { socket } = await open(await tokens.dispatcher(org.agencyA));
    expect(await socket.emitWithAck('technician:subscribe', { technicianId: org.techA2 })).toEqual({ ok: true, data: { room: `technician:${org.techA2}` } });
    expect(await socket.emitWithAck('technician:subscribe', { technicianId: org.techB1 })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await socket.emitWithAck('sector:subscribe', { sectorId: org.sectorA })).toEqual({ ok: true, data: { room: `sector:${org.sectorA}` } });
    expect(await socket.emitWithAck('sector:subscribe', { sectorId: org.sectorB })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await socket.emitWithAck('plan:resync', { agencyId: org.agencyB, date: '2026-12-01' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await socket.emitWithAck('assignments:ack', { sequence: 1 })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it("sends a technician covering another agency's sector to that sector's subscribers, once per socket", async () => {
    const { socket: b } = await open(await tokens.dispatcher(org.agencyB));
    const { socket: a } = await open(await tokens.dispatcher(org.agencyA));
    await b.emitWithAck('sector:subscribe', { sectorId: org.sectorB });
    await a.emitWithAck('sector:subscribe', { sectorId: org.sectorA });
    const [framesA, framesB] = [collect(a, 'positions:frame'), collect(b, 'positions:frame')];
    server.realtime.broadcaster.positions([
      { technicianId: org.techA1, agencyId: org.agencyA, sectorIds: [org.sectorA, org.sectorB], lat: 43.2, lon: 5.9, recordedAt: Date.now() },
    ]);
    await waitFor(() => framesA.length > 0 && framesB.length > 0, 5_000, 'frames');
    await sleep(100);
    expect(framesA.flatMap((f) => f.positions)).toHaveLength(1); // agency room and sector room, once
    expect(framesB.flatMap((f) => f.positions.map((p) => p.technicianId))).toEqual([org.techA1]);
  });

  it("sends an intervention's status change to its agency, its technician and its sector's subscribers, once each", async () => {
    const { socket: board } = await open(await tokens.dispatcher(org.agencyA));
    await board.emitWithAck('sector:subscribe', { sectorId: org.sectorA });
    const { socket: mine } = await open(await tokens.technician(org.techA1, org.agencyA));
    const { socket: colleague } = await open(await tokens.technician(org.techA2, org.agencyA));
    const { socket: elsewhere } = await open(await tokens.dispatcher(org.agencyB));
    const seen = [board, mine, colleague, elsewhere].map((s) => collect(s, 'intervention:changed'));
    server.realtime.broadcaster.interventionChanged({
      interventionId: 'visit-9',
      agencyId: org.agencyA,
      technicianId: org.techA1,
      sectorId: org.sectorA,
      status: 'en_route',
      previousStatus: 'dispatched',
      version: 4,
      source: 'technician',
      changedAt: '2026-12-01T08:05:00Z',
    });
    await waitFor(() => seen[0]!.length > 0 && seen[1]!.length > 0, 5_000, 'status change');
    await sleep(100);
    expect(seen.map((list) => list.length)).toEqual([1, 1, 0, 0]);
    expect(seen[1]![0]).toEqual({
      interventionId: 'visit-9',
      agencyId: org.agencyA,
      technicianId: org.techA1,
      sectorId: org.sectorA,
      status: 'en_route',
      previousStatus: 'dispatched',
      cancelReason: null,
      version: 4,
      source: 'technician',
      changedAt: '2026-12-01T08:05:00.000Z',
    });
  });

  it('answers invalid payloads with an error ack naming the field, and keeps the socket usable', async () => {
    const { socket } = await open(await tokens.dispatcher(org.agencyA));
    const bad = await socket.emitWithAck('plan:resync', { agencyId: org.agencyA, date: 'tomorrow' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_payload', error: 'invalid plan:resync payload' });
    expect(!bad.ok && bad.details).toEqual([{ path: 'date', message: expect.any(String) }]);
    const nothing = await (socket as unknown as { emitWithAck(e: string): Promise<unknown> }).emitWithAck('sector:subscribe');
    expect(nothing).toMatchObject({ ok: false, code: 'invalid_payload', details: [{ path: '' }] });
    const wrongType = await (socket as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck('assignments:sync', {
      after: -1,
      limit: 'all',
    });
    expect(wrongType).toMatchObject({ ok: false, details: [{ path: 'after' }, { path: 'limit' }] });
    // No ack function at all: nothing to answer, and nothing breaks.
    (socket as unknown as { emit(e: string, p: unknown): void }).emit('sector:subscribe', 42);
    expect(await socket.emitWithAck('sector:subscribe', { sectorId: org.sectorA })).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
  });
});
