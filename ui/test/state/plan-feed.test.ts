// The board's socket (state/plan-feed.ts): snapshot and deltas, reconnection.
import { describe, expect, it, vi } from 'vitest';
import { tours } from '../support/fixtures.ts';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';

describe('plan feed', () => {
  it('folds a delta that follows the snapshot into the plan', async () => {
    const { controller, socket } = await loggedInBoard();
    const t = tours[0]!;
    socket.serve('plan:delta', {
      agencyId: t.agencyId,
      date: t.date,
      epoch: 'e1',
      sequence: 11,
      reason: 'reorder',
      tours: [{ ...t, version: 8, stops: [t.stops[1]!, t.stops[0]!] }],
      removedTours: [],
      interventions: [],
      removedInterventions: [],
      sentAt: '',
    });
    expect(controller.store.get().plan?.tours['tour-alice']?.stops.map((s) => s.interventionId)).toEqual(['i-2', 'i-1']);
  });

  it('asks for a snapshot again when a delta shows that some were missed', async () => {
    const { socket } = await loggedInBoard();
    const resyncs = () => socket.emitted.filter((e) => e.event === 'plan:resync').length;
    const before = resyncs();
    const t = tours[0]!;
    socket.serve('plan:delta', {
      agencyId: t.agencyId,
      date: t.date,
      epoch: 'e1',
      sequence: 15,
      reason: 'reorder',
      tours: [{ ...t, version: 9 }],
      removedTours: [],
      interventions: [],
      removedInterventions: [],
      sentAt: '',
    });
    await vi.waitFor(() => expect(resyncs()).toBe(before + 1));
  });

  it('asks for the day again, once for a burst, when a visit changed that no delta brought (another dispatcher’s request)', async () => {
    const { controller, socket } = await loggedInBoard();
    const resyncs = () => socket.emitted.filter((e) => e.event === 'plan:resync').length;
    const agencyId = controller.store.get().agencyId!;
    const change = (interventionId: string, version: number, agency = agencyId) =>
      socket.serve('intervention:changed', {
        interventionId,
        agencyId: agency,
        technicianId: null,
        sectorId: null,
        status: 'requested',
        previousStatus: null,
        cancelReason: null,
        version,
        source: 'dispatcher',
        changedAt: '',
      });
    await vi.waitFor(() => expect(resyncs()).toBeGreaterThan(0));
    const before = resyncs();
    // Known at that version (a delta brought it), or another agency's: nothing to ask.
    change('i-1', controller.store.get().plan!.interventions['i-1']!.version);
    change('i-new', 1, 'another-agency');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(resyncs()).toBe(before);
    // A visit the board does not have, and a newer version of one it has: one resync for both.
    change('i-new', 1);
    change('i-1', 99);
    await vi.waitFor(() => expect(resyncs()).toBe(before + 1));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(resyncs()).toBe(before + 1);
  });

  it('lists conflicts again after a reconnection (notices may have been missed)', async () => {
    const conflicts = vi.fn(async () => []);
    const { controller, socket } = await loggedInBoard(fakeApi({ conflicts }));
    const before = conflicts.mock.calls.length;
    for (const handler of socket.handlers.get('connect') ?? []) handler();
    await vi.waitFor(() => expect(conflicts.mock.calls.length).toBe(before + 1));
    expect(controller.store.get().conflicts).toEqual([]);
  });

  it('shows the connection going offline and back', async () => {
    const { controller, socket } = await loggedInBoard();
    for (const handler of socket.handlers.get('disconnect') ?? []) handler('transport close');
    expect(controller.store.get().connection).toBe('offline');
    for (const handler of socket.handlers.get('connect') ?? []) handler();
    expect(controller.store.get().connection).toBe('online');
  });
});
