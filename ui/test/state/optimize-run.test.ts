// The Optimize preview (state/optimize-run.ts) as the board controller runs it.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/http.ts';
import { planningRun } from '../support/fixtures.ts';
import { fakeApi, loggedInBoard } from '../support/fake-board.ts';

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
});
