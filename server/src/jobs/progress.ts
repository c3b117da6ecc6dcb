// Progress of a job, to the board (broadcaster.jobProgress), to the queue
// (job.updateProgress) and to the run's record — throttled, because the
// engine reports every few hundred iterations.
import type { JobQueue, JobState } from '@tournee/contracts/realtime';
import type { JobContext, ProcessorDeps } from './context.ts';

export const PROGRESS_INTERVAL_MS = 500;
const DB_INTERVAL_MS = 2_000;

export interface ProgressReporter {
  progress(fraction: number, message: string): void;
  /** A state change, sent at once. */
  state(state: JobState, fraction: number, message: string): void;
  last(): number;
  /** Waits for pending writes (before the final state is written). */
  settle(): Promise<void>;
}

export function progressReporter(deps: ProcessorDeps, ctx: JobContext, target: { queue: JobQueue; agencyId: string; runId: string | null }): ProgressReporter {
  let lastSent = 0;
  let lastDb = 0;
  let fraction = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const send = (state: JobState, f: number, message: string) =>
    deps.broadcaster.jobProgress(target.agencyId, { jobId: ctx.id, queue: target.queue, runId: target.runId, state, progress: f, message });
  const chain = (work: () => Promise<unknown>) => {
    pending = pending.then(work).catch((error: unknown) => deps.log(`progress of ${ctx.id} not recorded: ${String(error)}`));
  };
  return {
    progress(f, message) {
      fraction = Math.max(fraction, f);
      const now = Date.now();
      if (now - lastSent < PROGRESS_INTERVAL_MS && f < 1) return;
      lastSent = now;
      send('running', fraction, message);
      const value = fraction;
      chain(() => ctx.updateProgress(value));
      if (target.runId && now - lastDb >= DB_INTERVAL_MS) {
        lastDb = now;
        const runId = target.runId;
        // Only while running: a late write must not undo the final state.
        chain(() => deps.prisma.planningRun.updateMany({ where: { id: runId, status: 'running' }, data: { progress: value } }));
      }
    },
    state(state, f, message) {
      fraction = f;
      send(state, f, message);
    },
    last: () => fraction,
    settle: () => pending.then(() => undefined),
  };
}
