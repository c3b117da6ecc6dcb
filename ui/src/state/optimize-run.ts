// The Optimize panel's run: always a preview (nothing changes for the
// technicians), followed by job:progress events with a slow poll as a safety
// net, then accepted or discarded by the dispatcher. Its state lives in the
// store (`optimize`, see OptimizeState) so switching tabs keeps it.
import type { Api, PlanningRun } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import type { JobProgress } from '../api/types.ts';
import type { BoardState, OptimizeState } from './board-state.ts';
import { describeError } from './describe-error.ts';
import type { Notifier } from './notifier.ts';
import type { Store } from './store.ts';

/** The run is followed by job:progress events; this slow poll is the safety net if one is missed. */
const RUN_POLL_MS = 1_500;

export class OptimizeRun {
  private poll: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: Store<BoardState>,
    private readonly api: Api,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Plans the selected agency's day as a preview: nothing changes for the
   * technicians until the dispatcher accepts it.
   */
  async start(timeLimitMs: number): Promise<void> {
    const { agencyId, date, optimize } = this.store.get();
    if (!agencyId || optimize.kind === 'starting' || optimize.kind === 'running' || optimize.kind === 'deciding') return;
    this.set({ kind: 'starting', timeLimitMs });
    try {
      const submitted = await this.api.startPlanning({
        agencyId,
        days: [date],
        timeLimitMs,
        preview: true,
        requestId: `board-${Date.now().toString(36)}`,
      });
      this.set({ kind: 'running', runId: submitted.id, jobId: submitted.jobId, timeLimitMs, run: submitted.run });
      this.stopPolling();
      this.poll = setInterval(() => void this.refresh(), RUN_POLL_MS);
      // The run may already be over (the same request sent twice answers the same run).
      if (isFinished(submitted.run)) void this.refresh();
    } catch (error) {
      this.set({ kind: 'failed', message: describeError(error), timeLimitMs });
    }
  }

  /** A job:progress event: when it says the run is over, read the run. */
  follow(progress: JobProgress): void {
    const { optimize } = this.store.get();
    if (optimize.kind !== 'running' || (progress.jobId !== optimize.jobId && progress.runId !== optimize.runId)) return;
    if (progress.state !== 'queued' && progress.state !== 'running') void this.refresh();
  }

  /** Reads the run; when it is over, moves the panel on to the review (or the failure). */
  async refresh(): Promise<void> {
    const optimize = this.store.get().optimize;
    if (optimize.kind !== 'running') return;
    const run = await this.api.planningRun(optimize.runId).catch(() => null);
    const now = this.store.get().optimize;
    if (!run || now.kind !== 'running' || now.runId !== optimize.runId) return;
    const { timeLimitMs } = now;
    if (run.status === 'succeeded') {
      // A run that applied its plan directly (decision null, or already accepted elsewhere) has nothing to decide.
      if (run.preview && run.decision === 'pending') this.set({ kind: 'review', run, timeLimitMs });
      else if (run.decision === 'discarded') this.set({ kind: 'idle' });
      else this.set({ kind: 'accepted', run, timeLimitMs });
    } else if (run.status === 'failed' || run.status === 'cancelled') {
      this.set({ kind: 'failed', message: run.error ?? '', timeLimitMs });
    } else {
      this.store.set({ optimize: { ...now, run } });
    }
  }

  /** Applies the preview. 409: the plan changed since the preview; the panel says so and offers to run again. */
  async accept(): Promise<void> {
    const optimize = this.store.get().optimize;
    if (optimize.kind !== 'review') return;
    const { run, timeLimitMs } = optimize;
    this.set({ kind: 'deciding', run, timeLimitMs, decision: 'accept' });
    try {
      const accepted = await this.api.acceptRun(run.id);
      // The new tours arrive as plan deltas (reason planning_run), which also reload the queue's reasons.
      this.set({ kind: 'accepted', run: accepted ?? run, timeLimitMs });
      this.notifier.notify('success', 'optimize.accepted');
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) this.set({ kind: 'stale', run, timeLimitMs, message: error.message });
      else this.set({ kind: 'review', run, timeLimitMs, error: describeError(error) });
    }
  }

  /** Drops the preview (also while it is still computing): nothing changes. */
  async discard(): Promise<void> {
    const optimize = this.store.get().optimize;
    if (optimize.kind === 'running') {
      this.set({ kind: 'idle' });
      await this.api.discardRun(optimize.runId).catch(() => {});
      this.notifier.notify('success', 'optimize.discarded');
      return;
    }
    if (optimize.kind !== 'review' && optimize.kind !== 'stale') return;
    const { run, timeLimitMs } = optimize;
    if (optimize.kind === 'stale') {
      // The preview can no longer be applied: let the server forget it, whatever it answers.
      void this.api.discardRun(run.id).catch(() => {});
      this.set({ kind: 'idle' });
      return;
    }
    this.set({ kind: 'deciding', run, timeLimitMs, decision: 'discard' });
    try {
      await this.api.discardRun(run.id);
      this.set({ kind: 'idle' });
      this.notifier.notify('success', 'optimize.discarded');
    } catch (error) {
      // Already decided or gone: there is nothing left to discard.
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) this.set({ kind: 'idle' });
      else this.set({ kind: 'review', run, timeLimitMs, error: describeError(error) });
    }
  }

  /** Back to the start after a result, a failure or a refused accept. */
  close(): void {
    const { optimize } = this.store.get();
    if (optimize.kind === 'stale') void this.api.discardRun(optimize.run.id).catch(() => {});
    if (optimize.kind !== 'running' && optimize.kind !== 'starting' && optimize.kind !== 'deciding') this.set({ kind: 'idle' });
  }

  stopPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }

  private set(optimize: OptimizeState): void {
    this.store.set({ optimize });
    if (optimize.kind !== 'running') this.stopPolling();
  }
}

const isFinished = (run: PlanningRun | null | undefined): boolean => Boolean(run && run.status !== 'queued' && run.status !== 'running');
