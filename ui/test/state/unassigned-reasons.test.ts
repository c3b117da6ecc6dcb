// Why visits wait in the queue (state/unassigned-reasons.ts), as the board controller loads them.
import { describe, expect, it, vi } from 'vitest';
import { planningRun, tours } from '../support/fixtures.ts';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';

describe('unassigned reasons', () => {
  it('reads the applied run’s reasons per agency and day, and clears them when the day has none', async () => {
    const appliedRun = vi.fn(async (_agency: string, day: string) => (day === '2026-03-10' ? planningRun({ preview: false, decision: null }) : null));
    const { controller } = await loggedInBoard(fakeApi({ appliedRun }));
    expect(controller.store.get().reasons['i-3']).toEqual({ interventionId: 'i-3', reason: 'capacity' });
    await controller.selectDate('2026-03-11');
    expect(appliedRun).toHaveBeenLastCalledWith('ag-aix', '2026-03-11');
    expect(controller.store.get().reasons).toEqual({});
  });

  it('reads them once again after a burst of planning-run deltas', async () => {
    const appliedRun = vi.fn(async () => null);
    const { socket } = await loggedInBoard(fakeApi({ appliedRun }));
    const before = appliedRun.mock.calls.length;
    const t = tours[0]!;
    for (const sequence of [11, 12, 13]) {
      socket.serve('plan:delta', {
        agencyId: t.agencyId,
        date: t.date,
        epoch: 'e1',
        sequence,
        reason: 'planning_run',
        tours: [{ ...t, version: t.version + sequence }],
        removedTours: [],
        interventions: [],
        removedInterventions: [],
        sentAt: '',
      });
    }
    await vi.waitFor(() => expect(appliedRun.mock.calls.length).toBe(before + 1), { timeout: 5_000 });
  });
});
