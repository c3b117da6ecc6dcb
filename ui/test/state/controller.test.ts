// The controller's side of the preview/accept flow, the queue's reasons, field
// conflicts and assignment warnings, without components.
import { describe, expect, it, vi } from 'vitest';
import type { AssignAnswer, PlanningRun } from '../../src/api/endpoints.ts';
import { ApiError } from '../../src/api/http.ts';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';

const answer = (over: Partial<AssignAnswer> = {}): AssignAnswer => ({
  interventionId: 'i-3', technicianId: 't-bruno', day: '2026-03-10', tourId: 'tour-bruno', position: 0,
  plannedStart: null, plannedEnd: null, pushedOut: [], late: [], interventionVersion: 4, tourVersion: 1, ...over,
});

const run = (over: Partial<PlanningRun> = {}): PlanningRun => ({
  id: 'run-1', agencyId: 'ag-aix', days: ['2026-03-10'], status: 'succeeded', preview: true, decision: 'pending', decidedAt: null,
  progress: 1, error: null, requestedById: null, createdAt: '', startedAt: null, finishedAt: null,
  result: {
    summary: { planned: 3, unassigned: 0, cost: 0, travelSeconds: 1, travelMeters: 1, solvingMs: 1, tours: 2, toursChanged: 1, interventionsChanged: 1 },
    before: null, unassigned: [{ interventionId: 'i-3', reason: 'capacity' }], tours: [],
  },
  ...over,
});

describe('BoardController', () => {
  it('says an assignment’s warnings (parts not where the technician can get them) as notices', async () => {
    const assign = vi.fn(async () => answer({ warnings: [{ code: 'parts_unavailable', message: 'FLT-200 is not in Bruno’s van nor at his depot' }] }));
    const { controller } = await loggedInBoard(fakeApi({ assign }));
    await controller.moveVisit('i-3', { technicianId: 't-bruno', position: 0 });
    const warning = controller.store.get().notices.find((n) => n.key === 'notice.warning.parts_unavailable');
    expect(warning).toMatchObject({ kind: 'warning', values: { label: 'Camping des Pins — Pertuis', message: 'FLT-200 is not in Bruno’s van nor at his depot' } });
  });

  it('reads the applied run’s reasons per agency and day, and clears them when the day has none', async () => {
    const appliedRun = vi.fn(async (_agency: string, day: string) => (day === '2026-03-10' ? run({ preview: false, decision: null }) : null));
    const { controller } = await loggedInBoard(fakeApi({ appliedRun }));
    expect(controller.store.get().reasons['i-3']).toEqual({ interventionId: 'i-3', reason: 'capacity' });
    await controller.selectDate('2026-03-11');
    expect(appliedRun).toHaveBeenLastCalledWith('ag-aix', '2026-03-11');
    expect(controller.store.get().reasons).toEqual({});
  });

  it('starts every optimization as a preview and moves to review when the run is done', async () => {
    const startPlanning = vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: run() }));
    const planningRun = vi.fn(async () => run());
    const { controller } = await loggedInBoard(fakeApi({ startPlanning, planningRun }));
    await controller.startOptimize(10_000);
    expect(startPlanning).toHaveBeenCalledWith(expect.objectContaining({ preview: true, days: ['2026-03-10'], timeLimitMs: 10_000, requestId: expect.stringMatching(/^board-/) }));
    // The run was already over when submitted (an idempotent replay): no event needed.
    await vi.waitFor(() => expect(controller.store.get().optimize.kind).toBe('review'));
  });

  it('turns a 409 on accept into "stale" with the server’s message; other errors keep the review', async () => {
    const acceptRun = vi.fn()
      .mockRejectedValueOnce(new ApiError(500, 'database unavailable'))
      .mockRejectedValueOnce(new ApiError(409, 'tour of Alice changed since the preview'));
    const { controller } = await loggedInBoard(fakeApi({
      startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: run() })),
      planningRun: vi.fn(async () => run()),
      acceptRun,
    }));
    await controller.startOptimize(10_000);
    await vi.waitFor(() => expect(controller.store.get().optimize.kind).toBe('review'));
    await controller.acceptPlan();
    expect(controller.store.get().optimize).toMatchObject({ kind: 'review', error: 'database unavailable' });
    await controller.acceptPlan();
    expect(controller.store.get().optimize).toMatchObject({ kind: 'stale', message: 'tour of Alice changed since the preview' });
  });

  it('lists conflicts again after a reconnection (notices may have been missed)', async () => {
    const conflicts = vi.fn(async () => []);
    const { controller, socket } = await loggedInBoard(fakeApi({ conflicts }));
    const before = conflicts.mock.calls.length;
    for (const handler of socket.handlers.get('connect') ?? []) handler();
    await vi.waitFor(() => expect(conflicts.mock.calls.length).toBe(before + 1));
    expect(controller.store.get().conflicts).toEqual([]);
  });
});
