// Plan streaming with real sockets: snapshot on request, versioned deltas to
// the agency's room only, a missed delta detected by the client's
// reconciliation and repaired by a resync, and the periodic resync.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyDelta, applySnapshot, planFromSnapshot } from '@tournee/contracts/realtime-reconcile';
import type { PlanSnapshot } from '@tournee/contracts/realtime';
import { planChangeFor } from '../../src/realtime/plan-views.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { usePostgres } from './database.ts';
import { collect, connectClient, seedOrganisation, sleep, startServer, tokens, waitFor, type Client, type Organisation, type TestServer } from './support.ts';

const DAY = '2026-12-01';

describeWithService(await checkPostgres(), 'realtime plan deltas and resync', () => {
  const pg = usePostgres();
  let server: TestServer;
  let org: Organisation;
  let tourId: string;
  let planned: string;
  let waiting: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    const prisma = pg.db.prisma;
    org = await seedOrganisation(prisma);
    const customer = await prisma.customer.create({
      data: {
        name: 'Mme Dupont',
        sites: { create: [{ address: '1 cours Mirabeau', postcode: '13100', city: 'Aix-en-Provence', lat: 43.527, lon: 5.447, sectorId: org.sectorA }] },
      },
      include: { sites: true },
    });
    const siteId = customer.sites[0]!.id;
    const visit = (agencyId: string, extra: object = {}) =>
      prisma.intervention.create({ data: { agencyId, siteId, estimatedDurationMinutes: 60, ...extra } }).then((i) => i.id);
    planned = await visit(org.agencyA, { status: 'assigned', technicianId: org.techA1 });
    waiting = await visit(org.agencyA);
    await visit(org.agencyA, { earliestDate: new Date('2026-12-05') }); // not plannable that day
    await visit(org.agencyB); // another agency
    const tour = await prisma.tour.create({
      data: {
        agencyId: org.agencyA,
        technicianId: org.techA1,
        date: new Date(`${DAY}T00:00:00Z`),
        status: 'published',
        stops: { create: [{ interventionId: planned, sequence: 1, plannedStart: new Date(`${DAY}T08:30:00Z`), travelSeconds: 900 }] },
      },
    });
    tourId = tour.id;
    server = await startServer(prisma, { resyncIntervalMs: 300 });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
  });

  const open = async (token: string) => {
    const { socket } = await connectClient(server.url, { token });
    sockets.push(socket);
    return socket;
  };
  const resync = async (socket: Client, agencyId = org.agencyA): Promise<PlanSnapshot> => {
    const answer = await socket.emitWithAck('plan:resync', { agencyId, date: DAY });
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  };

  it("sends the agency's day on request: its tours with stops, and the interventions on them or waiting", async () => {
    const snapshot = await resync(await open(await tokens.dispatcher(org.agencyA)));
    expect(snapshot).toMatchObject({ agencyId: org.agencyA, date: DAY, sequence: 0, reason: 'requested', epoch: expect.any(String) });
    expect(snapshot.tours).toEqual([
      expect.objectContaining({
        id: tourId,
        technicianId: org.techA1,
        date: DAY,
        status: 'published',
        version: 1,
        stops: [expect.objectContaining({ interventionId: planned, sequence: 1, plannedStart: `${DAY}T08:30:00.000Z`, lat: 43.527, lon: 5.447, version: 1 })],
      }),
    ]);
    expect(snapshot.interventions.map((i) => i.id).sort()).toEqual([planned, waiting].sort());
    expect(snapshot.interventions.find((i) => i.id === waiting)).toMatchObject({
      status: 'requested',
      technicianId: null,
      sectorId: org.sectorA,
      label: 'Mme Dupont — Aix-en-Provence',
    });
  });

  it('streams versioned deltas to the agency room only; a missed one is detected and repaired by a resync', async () => {
    const prisma = pg.db.prisma;
    const board = await open(await tokens.dispatcher(org.agencyA));
    const other = await open(await tokens.dispatcher(org.agencyB));
    const [deltas, foreign] = [collect(board, 'plan:delta'), collect(other, 'plan:delta')];
    let state = planFromSnapshot(await resync(board));
    const start = state.sequence;

    // Delta 1: the waiting visit joins the tour.
    await prisma.$transaction([
      prisma.tourStop.create({ data: { tourId, interventionId: waiting, sequence: 2 } }),
      prisma.tour.update({ where: { id: tourId }, data: { version: { increment: 1 } } }),
      prisma.intervention.update({ where: { id: waiting }, data: { status: 'assigned', technicianId: org.techA1, version: { increment: 1 } } }),
    ]);
    const sent = await server.realtime.broadcaster.planChanged(
      org.agencyA,
      await planChangeFor(prisma, { date: DAY, reason: 'assignment', tourIds: [tourId], interventionIds: [waiting] }),
    );
    expect(sent.sequence).toBe(start + 1);
    await waitFor(() => deltas.length === 1, 5_000, 'delta 1');
    const first = applyDelta(state, deltas[0]!);
    expect([first.outcome, first.resync]).toEqual(['applied', null]);
    state = first.state;
    expect(state.tours[tourId]!.stops.map((s) => s.interventionId)).toEqual([planned, waiting]);
    expect(state.interventions[waiting]).toMatchObject({ status: 'assigned', version: 2 });

    // Deltas 2 and 3; the board "misses" 2 (as during a reconnection).
    await prisma.tour.update({ where: { id: tourId }, data: { status: 'in_progress', version: { increment: 1 } } });
    await server.realtime.broadcaster.planChanged(org.agencyA, await planChangeFor(prisma, { date: DAY, reason: 'status', tourIds: [tourId] }));
    await prisma.intervention.update({ where: { id: planned }, data: { priority: 90, version: { increment: 1 } } });
    await server.realtime.broadcaster.planChanged(org.agencyA, await planChangeFor(prisma, { date: DAY, reason: 'manual', interventionIds: [planned] }));
    await waitFor(() => deltas.length === 3, 5_000, 'deltas 2 and 3');
    expect(deltas.map((d) => d.sequence)).toEqual([start + 1, start + 2, start + 3]);
    const third = applyDelta(state, deltas[2]!);
    expect([third.outcome, third.resync]).toEqual(['gap', 'gap']);
    expect(third.state.sequence).toBe(start + 1);
    expect(third.state.tours[tourId]!.status).toBe('published'); // delta 2's change is missing…

    const repaired = applySnapshot(third.state, await resync(board));
    expect(repaired.adopted).toBe(true);
    expect(repaired.state.sequence).toBe(start + 3);
    expect(repaired.state.tours[tourId]).toMatchObject({ status: 'in_progress', version: 3 }); // …until the resync
    expect(repaired.state.interventions[planned]).toMatchObject({ priority: 90, version: 2 });
    await sleep(100);
    expect(foreign).toEqual([]);
  });

  it('resyncs watching boards periodically until they unwatch', async () => {
    const board = await open(await tokens.admin());
    const snapshots = collect(board, 'plan:snapshot');
    await resync(board);
    await waitFor(() => snapshots.length >= 2, 5_000, 'two periodic snapshots');
    expect(snapshots[0]).toMatchObject({ agencyId: org.agencyA, date: DAY, reason: 'periodic' });
    expect(await board.emitWithAck('plan:unwatch', { agencyId: org.agencyA, date: DAY })).toEqual({ ok: true, data: { watching: 0 } });
    await sleep(400); // a pass already running may still deliver one
    const count = snapshots.length;
    await sleep(700);
    expect(snapshots.length).toBe(count);
  });
});
