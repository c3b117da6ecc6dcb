// The Optimize panel's run: always a preview (nothing changes for the
// technicians), followed by job:progress events with a slow poll as a safety
// net, then reviewed technician by technician (what comes in, goes out,
// changes order or time: GET /api/plans/{id}/changes) and accepted — one
// technician's day, or all — or discarded. Its state lives in the store
// (`optimize`, see OptimizeState) so switching tabs keeps it, and the run id
// is kept in the tab's storage so a reload finds the run again, still
// computing or waiting for a decision (issue 12: "reloading the page loses
// the run").
import type { Api, PlanChanges, PlanningRun } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import type { JobProgress } from '../api/types.ts';
import type { BoardState, OptimizeState } from './board-state.ts';
import { describeError } from './describe-error.ts';
import type { Notifier } from './notifier.ts';
import type { Store } from './store.ts';

/** The run is followed by job:progress events; this slow poll is the safety net if one is missed. */
const RUN_POLL_MS = 1_500;
/** Where the run in progress or under review is kept across reloads (the tab's storage, as the session). */
export const OPTIMIZE_RUN_KEY = 'tournee.board.optimizeRun';

type RunStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
interface SavedRun {
  readonly runId: string;
  readonly jobId: string;
  readonly timeLimitMs: number;
}

export class OptimizeRun {
  private poll: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: Store<BoardState>,
    private readonly api: Api,
    private readonly notifier: Notifier,
    private readonly storage: RunStorage | null = null,
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
      this.save({ runId: submitted.id, jobId: submitted.jobId, timeLimitMs });
      this.follow_(submitted.id, submitted.jobId, timeLimitMs, submitted.run);
    } catch (error) {
      this.set({ kind: 'failed', message: describeError(error), timeLimitMs });
    }
  }

  /** After a reload: the run kept in the tab's storage, still computing or waiting for a decision, comes back. */
  async resume(): Promise<void> {
    const saved = this.saved();
    if (!saved || this.store.get().optimize.kind !== 'idle') return;
    const run = await this.api.planningRun(saved.runId).catch((error: unknown) => (error instanceof ApiError && error.status === 404 ? null : undefined));
    if (run === undefined) return; // The server could not answer: keep the id for the next start.
    if (!run || (run.decision !== null && run.decision !== 'pending') || (!isFinished(run) && !run.preview)) {
      this.forget();
      return;
    }
    if (this.store.get().optimize.kind !== 'idle') return;
    this.follow_(run.id, saved.jobId, saved.timeLimitMs, run);
    this.notifier.notify('info', 'optimize.resumed');
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
      if (run.preview && run.decision === 'pending') {
        this.set({ kind: 'review', run, timeLimitMs, changes: null });
        await this.loadChanges(run.id);
      } else if (run.decision === 'discarded') this.set({ kind: 'idle' });
      else this.set({ kind: 'accepted', run, timeLimitMs });
    } else if (run.status === 'failed' || run.status === 'cancelled') {
      this.set({ kind: 'failed', message: run.error ?? '', timeLimitMs });
    } else {
      this.store.set({ optimize: { ...now, run } });
    }
  }

  /**
   * Applies the preview — all of it, or one technician's day (the rest of
   * the preview stays to decide). 409: the plan changed since the preview;
   * the panel says so and offers to run again.
   */
  async accept(technicianId?: string): Promise<void> {
    const optimize = this.store.get().optimize;
    if (optimize.kind !== 'review') return;
    const { run, timeLimitMs, changes } = optimize;
    this.set({ kind: 'deciding', run, timeLimitMs, changes, decision: 'accept', ...(technicianId ? { technicianId } : {}) });
    try {
      const answer = technicianId ? await this.api.acceptTechnicians(run.id, [technicianId]) : await this.api.acceptRun(run.id);
      const after = answer ?? run;
      // The new tours arrive as plan deltas (reason planning_run), which also reload the queue's reasons.
      if (technicianId && after.decision === 'pending') {
        this.set({ kind: 'review', run: after, timeLimitMs, changes });
        const name = this.store.get().technicians.find((t) => t.id === technicianId);
        this.notifier.notify('success', 'optimize.acceptedTech', { name: name ? `${name.firstName} ${name.lastName}` : '' });
        await this.loadChanges(run.id);
        return;
      }
      this.set({ kind: 'accepted', run: after, timeLimitMs });
      this.notifier.notify('success', 'optimize.accepted');
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        this.set({ kind: 'stale', run, timeLimitMs, message: error.message, ...(error.coded ? { coded: error.coded } : {}) });
      } else {
        const coded = error instanceof ApiError ? error.coded : undefined;
        this.set({ kind: 'review', run, timeLimitMs, changes, error: describeError(error), ...(coded ? { errorCoded: coded } : {}) });
      }
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
    const { changes } = optimize;
    this.set({ kind: 'deciding', run, timeLimitMs, changes, decision: 'discard' });
    try {
      await this.api.discardRun(run.id);
      this.set({ kind: 'idle' });
      this.notifier.notify('success', 'optimize.discarded');
    } catch (error) {
      // Already decided or gone: there is nothing left to discard.
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) this.set({ kind: 'idle' });
      else this.set({ kind: 'review', run, timeLimitMs, changes, error: describeError(error) });
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

  /** The session ends: the next dispatcher on this tab starts afresh. */
  forget(): void {
    this.storage?.removeItem(OPTIMIZE_RUN_KEY);
  }

  private follow_(runId: string, jobId: string, timeLimitMs: number, run: PlanningRun | null): void {
    this.set({ kind: 'running', runId, jobId, timeLimitMs, run });
    this.stopPolling();
    this.poll = setInterval(() => void this.refresh(), RUN_POLL_MS);
    // The run may already be over (the same request sent twice answers the same run, or a reload found it done).
    if (isFinished(run)) void this.refresh();
  }

  /** The preview's changes per technician; on failure the review goes on without them (the indicators remain). */
  private async loadChanges(runId: string): Promise<void> {
    const changes: PlanChanges | null = await this.api.planChanges(runId).catch(() => null);
    const now = this.store.get().optimize;
    if ((now.kind === 'review' || now.kind === 'deciding') && now.run.id === runId) this.store.set({ optimize: { ...now, changes } });
  }

  private set(optimize: OptimizeState): void {
    this.store.set({ optimize });
    if (optimize.kind !== 'running') this.stopPolling();
    // Kept while there is something to come back to; forgotten once decided, failed or closed.
    if (optimize.kind === 'idle' || optimize.kind === 'accepted' || optimize.kind === 'failed') this.forget();
  }

  private save(saved: SavedRun): void {
    this.storage?.setItem(OPTIMIZE_RUN_KEY, JSON.stringify(saved));
  }

  private saved(): SavedRun | null {
    try {
      const value = JSON.parse(this.storage?.getItem(OPTIMIZE_RUN_KEY) ?? 'null') as Partial<SavedRun> | null;
      if (value && typeof value.runId === 'string' && typeof value.jobId === 'string' && typeof value.timeLimitMs === 'number') return value as SavedRun;
    } catch {
      // Not ours, or damaged: nothing to resume.
    }
    this.forget();
    return null;
  }
}

const isFinished = (run: PlanningRun | null | undefined): boolean => Boolean(run && run.status !== 'queued' && run.status !== 'running');
