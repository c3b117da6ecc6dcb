// Pushed assignments and the per-technician outbox with real sockets: live
// delivery, acknowledgement, replay of what was missed on reconnect —
// nothing missed, nothing twice — and gapless sequences under concurrency.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emptyOutbox, receiveOutboxMessage } from '@tournee/contracts/realtime-reconcile';
import type { AssignmentPush, OutboxMessage } from '@tournee/contracts/realtime';
import { createOutbox } from '../../src/realtime/outbox.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { usePostgres } from './database.ts';
import { collect, connectClient, seedOrganisation, sleep, startServer, tokens, waitFor, type Organisation, type TestServer } from './support.ts';

const push = (interventionId: string): AssignmentPush => ({
  kind: 'assigned',
  interventionId,
  interventionVersion: 1,
  tourId: null,
  date: '2026-12-01',
  plannedStart: '2026-12-01T09:00:00.000Z',
  plannedEnd: '2026-12-01T10:00:00.000Z',
  priority: 80,
  summary: interventionId,
});
const ids = (messages: readonly OutboxMessage[]) => messages.map((m) => m.assignment.interventionId);

describeWithService(await checkPostgres(), 'realtime assignment outbox', () => {
  const pg = usePostgres();
  let server: TestServer;
  let org: Organisation;
  beforeAll(async () => {
    org = await seedOrganisation(pg.db.prisma);
    server = await startServer(pg.db.prisma);
  });
  afterAll(() => server?.close());

  const technician = async (lastSequence?: number) => {
    const token = await tokens.technician(org.techA1, org.agencyA);
    return connectClient(server.url, lastSequence === undefined ? { token } : { token, lastSequence });
  };

  it('delivers live, replays only what was missed after the last ack, and nothing twice', async () => {
    const { broadcaster } = server.realtime;
    // Online: two pushes arrive live; the app acknowledges them.
    const first = await technician();
    const live = collect(first.socket, 'assignment:pushed');
    await broadcaster.assignmentPushed(org.techA1, push('v1'));
    await broadcaster.assignmentPushed(org.techA1, push('v2'));
    await waitFor(() => live.length === 2, 5_000, 'live pushes');
    expect(live.map((m) => [m.sequence, m.technicianId, m.assignment.interventionId])).toEqual([
      [1, org.techA1, 'v1'],
      [2, org.techA1, 'v2'],
    ]);
    expect(await first.socket.emitWithAck('assignments:ack', { sequence: 2 })).toEqual({ ok: true, data: { acked: 2 } });
    first.socket.close();

    // Offline (in the cellar): three pushes.
    for (const id of ['v3', 'v4', 'v5']) await broadcaster.assignmentPushed(org.techA1, push(id));

    // Back: exactly the three missed ones, in order.
    const second = await technician();
    const replayed = collect(second.socket, 'assignment:pushed');
    await waitFor(() => replayed.length >= 3, 5_000, 'replay');
    await sleep(200);
    expect(replayed.map((m) => m.sequence)).toEqual([3, 4, 5]);
    // The app's reconciliation applies each once, even if the wire repeated one.
    let state = emptyOutbox(2);
    const applied: OutboxMessage[] = [];
    for (const message of [...replayed, replayed[1]!]) {
      const receipt = receiveOutboxMessage(state, message);
      state = receipt.state;
      applied.push(...receipt.deliver);
    }
    expect(ids(applied)).toEqual(['v3', 'v4', 'v5']);
    expect(await second.socket.emitWithAck('assignments:ack', { sequence: state.lastSequence })).toEqual({ ok: true, data: { acked: 5 } });
    second.socket.close();

    // Everything acknowledged: a reconnection replays nothing.
    const third = await technician();
    const none = collect(third.socket, 'assignment:pushed');
    await sleep(300);
    expect(none).toEqual([]);
    third.socket.close();

    // A second device that applied up to 3 says so in the handshake.
    const tablet = await technician(3);
    const fromThree = collect(tablet.socket, 'assignment:pushed');
    await waitFor(() => fromThree.length >= 2, 5_000, 'replay from 3');
    await sleep(200);
    expect(fromThree.map((m) => m.sequence)).toEqual([4, 5]);
    tablet.socket.close();
  });

  it('never acknowledges past the last pushed sequence, and syncs on demand', async () => {
    const { socket } = await connectClient(server.url, { token: await tokens.technician(org.techA2, org.agencyA), lastSequence: 0 });
    await server.realtime.broadcaster.assignmentPushed(org.techA2, push('w1'));
    expect(await socket.emitWithAck('assignments:ack', { sequence: 99 })).toEqual({ ok: true, data: { acked: 1 } });
    const sync = await socket.emitWithAck('assignments:sync', { after: 0 });
    expect(sync.ok && { ids: ids(sync.data.messages), last: sync.data.lastSequence }).toEqual({ ids: ['w1'], last: 1 });
    socket.close();
  });

  it('hands out gapless sequences to concurrent pushes (several processes share the cursor row)', async () => {
    const outboxes = [createOutbox(pg.db.prisma), createOutbox(pg.db.prisma)];
    const pushes = await Promise.all(Array.from({ length: 24 }, (_, i) => outboxes[i % 2]!.push(org.techB1, push(`c${i}`))));
    expect(pushes.map((m) => m.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    const { messages, lastSequence } = await outboxes[0]!.after(org.techB1, 20);
    expect([messages.map((m) => m.sequence), lastSequence]).toEqual([[21, 22, 23, 24], 24]);
  });

  it('refuses a push for an unknown technician', async () => {
    await expect(server.realtime.broadcaster.assignmentPushed('no-such-technician', push('x'))).rejects.toThrow();
  });
});
