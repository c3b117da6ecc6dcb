// Runs a dispatch job: insert an urgent intervention into today's tours —
// with the technician asked for, or the best-ranked candidate — and push it.
import { UnrecoverableError } from 'bullmq';
import { assignIntervention, type AssignResult } from '../planning/assign.ts';
import { insertionCandidates, InsertionRefusedError, InterventionNotFoundError } from '../planning/insertion.ts';
import { isLastAttempt, type JobContext, type ProcessorDeps } from './context.ts';
import { DispatchJobPayload } from './payloads.ts';
import { parse } from './planning-processor.ts';
import { progressReporter } from './progress.ts';

export async function processDispatchJob(deps: ProcessorDeps, ctx: JobContext, data: unknown): Promise<AssignResult> {
  const payload = parse(DispatchJobPayload, data, 'dispatch');
  const visit = await deps.prisma.intervention.findUnique({ where: { id: payload.interventionId }, select: { agencyId: true } });
  if (!visit) throw new UnrecoverableError(`intervention ${payload.interventionId} does not exist`);
  const report = progressReporter(deps, ctx, { queue: 'dispatch', agencyId: visit.agencyId, runId: null });
  report.state('running', 0, 'ranking technicians');
  try {
    let technicianId = payload.technicianId;
    if (!technicianId) {
      const answer = await insertionCandidates(deps, payload.interventionId, { limit: 1 });
      const best = answer.candidates[0];
      if (!best) {
        const reasons = [...new Set(answer.rejected.map((r) => r.reason))].join(', ') || 'no technician works that day';
        throw new InsertionRefusedError(`no technician can take it on ${answer.day} (${reasons})`);
      }
      technicianId = best.technicianId;
    }
    report.progress(0.5, `inserting with ${technicianId}`);
    const result = await assignIntervention(deps, {
      interventionId: payload.interventionId,
      technicianId,
      ...(payload.position !== undefined ? { position: payload.position } : {}),
      reason: 'urgent_insertion',
    });
    await report.settle();
    report.state('succeeded', 1, `assigned to ${technicianId}, start ${result.plannedStart ?? 'unknown'}`);
    return result;
  } catch (error) {
    await report.settle();
    const unrecoverable = error instanceof UnrecoverableError || error instanceof InsertionRefusedError || error instanceof InterventionNotFoundError;
    const final = unrecoverable || isLastAttempt(ctx);
    const message = error instanceof Error ? error.message : String(error);
    report.state(final ? 'failed' : 'queued', 0, message);
    deps.log(`dispatch job ${ctx.id} ${final ? 'failed' : 'will retry'}: ${message}`);
    throw unrecoverable && !(error instanceof UnrecoverableError) ? new UnrecoverableError(message) : error;
  }
}
