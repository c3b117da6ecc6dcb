// The Optimize preview (state/optimize-run.ts) as the board controller runs it.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/http.ts';
import { planningRun } from '../support/fixtures.ts';
import { BoardController } from '../../src/state/controller.ts';
import type { BoardSocket } from '../../src/realtime/socket.ts';
import { DAY, FakeSocket, fakeApi, loggedInBoard } from '../support/fake-board.ts';

describe('optimize run', () => {
  it('starts every optimization as a preview and moves to review when the run is done', async () => {
    const startPlanning = vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: planningRun() }));
    const planningRunApi = vi.fn(async () => planningRun());
    const { controller } = await loggedInBoard(fakeApi({ startPlanning, planningRun: planningRunApi }));
    await controller.startOptimize(10_000);
    expect(startPlanning).toHaveBeenCalledWith(
      expect.objectContaining({ preview: true, days: ['2026-03-10'], timeLimitMs: 10_000, requestId: expect.stringMatching(/^board-/) }),
    );
    // The run was already over when submitted (an idempotent replay): no event needed.
    await vi.waitFor(() => expect(controller.store.get().optimize.kind).toBe('review'));
  });

  it('reads the run when job:progress says it is over', async () => {
    const running = planningRun({ status: 'running', result: null });
    const planningRunApi = vi.fn(async () => running);
    const { controller, socket } = await loggedInBoard(
      fakeApi({
        startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: running })),
        planningRun: planningRunApi,
      }),
    );
    await controller.startOptimize(10_000);
    expect(controller.store.get().optimize.kind).toBe('running');
    planningRunApi.mockResolvedValue(planningRun());
    socket.serve('job:progress', {
      jobId: 'job-1',
      queue: 'planning',
      agencyId: 'ag-aix',
      runId: 'run-1',
      state: 'succeeded',
      progress: 1,
      message: null,
      at: '2026-03-10T07:00:00Z',
    });
    await vi.waitFor(() => expect(controller.store.get().optimize.kind).toBe('review'));
    expect(controller.store.get().jobs['job-1']).toMatchObject({ state: 'succeeded' });
    controller.closeOptimize();
  });

  it('turns a 409 on accept into "stale" with the server’s message; other errors keep the review', async () => {
    const acceptRun = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(500, 'database unavailable'))
      .mockRejectedValueOnce(new ApiError(409, 'tour of Alice changed since the preview'));
    const { controller } = await loggedInBoard(
      fakeApi({
        startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: planningRun() })),
        planningRun: vi.fn(async () => planningRun()),
        acceptRun,
      }),
    );
    await controller.startOptimize(10_000);
    await vi.waitFor(() => expect(controller.store.get().optimize.kind).toBe('review'));
    await controller.acceptPlan();
    expect(controller.store.get().optimize).toMatchObject({ kind: 'review', error: 'database unavailable' });
    await controller.acceptPlan();
    expect(controller.store.get().optimize).toMatchObject({ kind: 'stale', message: 'tour of Alice changed since the preview' });
  });

  it('discards a preview already decided elsewhere without complaint', async () => {
    const discardRun = vi.fn(async () => {
      throw new ApiError(409, 'already accepted');
    });
    const { controller } = await loggedInBoard(
      fakeApi({
        startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: planningRun() })),
        planningRun: vi.fn(async () => planningRun()),
        discardRun,
      }),
    );
    await controller.startOptimize(10_000);
    await vi.waitFor(() => expect(controller.store.get().optimize.kind).toBe('review'));
    await controller.discardPlan();
    expect(discardRun).toHaveBeenCalledWith('run-1');
    expect(controller.store.get().optimize).toEqual({ kind: 'idle' });
  });

  it('comes back after a reload: the run kept in the tab, still computing, then reviewed with its changes', async () => {
    const changes = { runId: 'run-1', days: ['2026-03-10'], technicians: [] };
    const running = planningRun({ status: 'running', decision: null, result: null });
    const planningRunApi = vi.fn(async () => running);
    const api = fakeApi({
      startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: running })),
      planningRun: planningRunApi,
      planChanges: vi.fn(async () => changes),
      discardRun: vi.fn(async () => planningRun({ decision: 'discarded' })),
    });
    const memory = new Map<string, string>();
    const storage = {
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => void memory.set(k, v),
      removeItem: (k: string) => void memory.delete(k),
    };
    const board = () => new BoardController({ api, socketFactory: () => new FakeSocket() as unknown as BoardSocket, storage, today: DAY });
    const first = board();
    await first.login('d@x.fr', 'secret');
    await first.startOptimize(30_000);
    expect(first.store.get().optimize.kind).toBe('running');

    // The page is reloaded: a new controller on the same tab storage.
    const second = board();
    expect(await second.restore()).toBe(true);
    await vi.waitFor(() => expect(second.store.get().optimize).toMatchObject({ kind: 'running', runId: 'run-1', jobId: 'job-1', timeLimitMs: 30_000 }));
    planningRunApi.mockResolvedValue(planningRun());
    await vi.waitFor(() => expect(second.store.get().optimize).toMatchObject({ kind: 'review', changes }), { timeout: 5_000 });

    // Reloaded again during the review: still there.
    const third = board();
    await third.restore();
    await vi.waitFor(() => expect(third.store.get().optimize).toMatchObject({ kind: 'review', changes }), { timeout: 5_000 });
    // Once decided, a reload starts afresh.
    await third.discardPlan();
    const fourth = board();
    await fourth.restore();
    expect(fourth.store.get().optimize).toEqual({ kind: 'idle' });
    for (const c of [first, second, third, fourth]) c.logout();
  });

  it('accepts one technician’s day and keeps reviewing the rest', async () => {
    const acceptTechnicians = vi.fn(async () => planningRun());
    const planChanges = vi
      .fn()
      .mockResolvedValueOnce({ runId: 'run-1', days: ['2026-03-10'], technicians: [] })
      .mockResolvedValueOnce({ runId: 'run-1', days: ['2026-03-10'], technicians: [{ technicianId: 't-1', accepted: true }] });
    const { controller } = await loggedInBoard(
      fakeApi({
        startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: planningRun() })),
        planningRun: vi.fn(async () => planningRun()),
        acceptTechnicians,
        planChanges,
      }),
    );
    await controller.startOptimize(10_000);
    await vi.waitFor(() => expect(controller.store.get().optimize).toMatchObject({ kind: 'review', changes: { technicians: [] } }));
    await controller.acceptPlan('t-1');
    expect(acceptTechnicians).toHaveBeenCalledWith('run-1', ['t-1']);
    expect(controller.store.get().optimize).toMatchObject({ kind: 'review', changes: { technicians: [{ technicianId: 't-1', accepted: true }] } });
    expect(controller.store.get().notices.at(-1)).toMatchObject({ kind: 'success', key: 'optimize.acceptedTech' });
  });

  it('shows a refusal the server sent as a code in the board’s language', async () => {
    const acceptRun = vi
      .fn()
      .mockRejectedValueOnce(
        new ApiError(409, 'changed', [], undefined, { code: 'plan.changed_since_preview', params: { days: '2026-03-10', visits: 1, tours: 0 } }),
      );
    const { controller } = await loggedInBoard(
      fakeApi({
        startPlanning: vi.fn(async () => ({ id: 'run-1', jobId: 'job-1', run: planningRun() })),
        planningRun: vi.fn(async () => planningRun()),
        acceptRun,
      }),
    );
    await controller.startOptimize(10_000);
    await vi.waitFor(() => expect(controller.store.get().optimize.kind).toBe('review'));
    await controller.acceptPlan();
    expect(controller.store.get().optimize).toMatchObject({ kind: 'stale', coded: { code: 'plan.changed_since_preview' } });
  });
});
