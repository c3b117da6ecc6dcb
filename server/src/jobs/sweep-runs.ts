// Planning runs a dead process left `queued` or `running` (issue 11). With
// Redis, the queue is the truth: a run whose job BullMQ still holds (waiting,
// delayed, or active — a dead worker's active job is taken back by BullMQ's
// stalled-job check) is left to it; a run whose job is gone is queued again
// under the same job id (the request's own id, so it cannot run twice); a run
// whose job ended without the run recording it is failed with the reason.
// Runs at start-up and each time Redis comes back. Without Redis, jobs live in
// memory and die with the process: runner.ts fails them at start-up instead.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { QueueBackend } from './backend.ts';
import type { RetryPolicy } from './options.ts';
import { PLANNING_JOB, PlanningJobPayload } from './payloads.ts';
import { QueueUnavailableError } from './queue-unavailable.ts';

export interface SweepResult {
  readonly requeued: readonly string[];
  readonly failed: readonly string[];
}

export async function sweepInterruptedRuns(
  prisma: PrismaClient,
  backend: QueueBackend,
  { retry, now, log }: { retry: RetryPolicy; now: () => Date; log: (message: string) => void },
): Promise<SweepResult> {
  const requeued: string[] = [];
  const failed: string[] = [];
  const fail = async (id: string, error: string) => {
    // Only if still unfinished: a worker may have finished it meanwhile.
    const { count } = await prisma.planningRun.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'failed', error, finishedAt: now() },
    });
    if (count) failed.push(id);
  };
  const runs = await prisma.planningRun.findMany({
    where: { status: { in: ['queued', 'running'] } },
    select: { id: true, input: true },
    orderBy: { createdAt: 'asc' },
  });
  for (const run of runs) {
    const input = (run.input ?? {}) as { jobId?: unknown; payload?: unknown };
    const jobId = typeof input.jobId === 'string' ? input.jobId : null;
    const payload = PlanningJobPayload.safeParse(input.payload);
    if (!jobId || !payload.success) {
      await fail(run.id, 'interrupted, and its request could not be read back to start it again: submit it again');
      continue;
    }
    try {
      const job = await backend.getJob('planning', jobId);
      if (job && (job.state === 'waiting' || job.state === 'delayed' || job.state === 'active')) continue;
      if (job && (job.state === 'completed' || job.state === 'failed')) {
        await fail(
          run.id,
          `the process running it stopped before recording its end (its job ${job.state}${job.failedReason ? `: ${job.failedReason}` : ''}): submit it again`,
        );
        continue;
      }
      await backend.add('planning', PLANNING_JOB, payload.data, { jobId, retry });
      await prisma.planningRun.updateMany({
        where: { id: run.id, status: { in: ['queued', 'running'] } },
        data: { status: 'queued', error: 'interrupted (its job was lost with the process or the queue): queued again' },
      });
      requeued.push(run.id);
    } catch (error) {
      // Redis went away again: the next recovery sweeps what is left.
      if (error instanceof QueueUnavailableError) break;
      throw error;
    }
  }
  if (requeued.length || failed.length) log(`interrupted planning runs: ${requeued.length} queued again, ${failed.length} failed`);
  return { requeued, failed };
}
