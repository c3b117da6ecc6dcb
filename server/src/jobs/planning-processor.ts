// Runs a planning job: validates its payload (invalid → UnrecoverableError,
// never retried), moves its PlanningRun through its states, reports progress
// to the board (throttled), and decides what a failure means: retried with
// backoff, or final.
import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import { AgencyNotFoundError } from '../planning/load-records.ts';
import { PlanningInputError, runPlanning, type PlanningResult } from '../planning/run-planning.ts';
import { addDays, localDay } from '../planning/time.ts';
import { isLastAttempt, type JobContext, type ProcessorDeps } from './context.ts';
import { OVERNIGHT_JOB, OvernightPlanningPayload, overnightRequestId, PlanningJobPayload, planningJobId, planningRunId } from './payloads.ts';
import { ensurePlanningRun } from './planning-runs.ts';
import { progressReporter } from './progress.ts';

export async function processPlanningJob(deps: ProcessorDeps, ctx: JobContext, data: unknown): Promise<PlanningResult> {
  const payload = ctx.name === OVERNIGHT_JOB ? await resolveOvernight(deps, data) : parse(PlanningJobPayload, data, 'planning');
  const { prisma } = deps;
  const jobId = planningJobId(payload);
  const runId = planningRunId(jobId);
  const run = await ensurePlanningRun(prisma, runId, payload, jobId);
  // Delivered again after it succeeded (a re-submission once BullMQ dropped the finished job).
  if (run.status === 'succeeded') return run.result as unknown as PlanningResult;

  await prisma.planningRun.update({ where: { id: runId }, data: { status: 'running', startedAt: run.startedAt ?? deps.now(), error: null } });
  const report = progressReporter(deps, ctx, { queue: 'planning', agencyId: payload.agencyId, runId });
  report.state('running', 0, ctx.attemptsMade > 0 ? `attempt ${ctx.attemptsMade + 1}` : 'started');
  try {
    const result = await runPlanning(
      deps,
      {
        agencyId: payload.agencyId,
        days: payload.days,
        timeLimitMs: payload.timeLimitMs,
        ...(payload.maxIterations !== undefined ? { maxIterations: payload.maxIterations } : {}),
        seed: payload.seed,
        wholeDays: payload.wholeDays,
        runId,
        preview: payload.preview,
        onProgress: (fraction, message) => report.progress(fraction, message),
      },
      async (tx, result, engineInput, proposal) => {
        await tx.planningRun.update({
          where: { id: runId },
          data: {
            status: 'succeeded',
            progress: 1,
            error: null,
            finishedAt: deps.now(),
            result: result as object,
            input: { jobId, payload: { ...payload }, engine: engineInput as object },
            ...(proposal ? { proposal } : {}),
          },
        });
        // A preview discarded while it was computed stays discarded: only an undecided one becomes pending, in one
        // conditional write (reading the decision first would let a discard committed in between be overwritten).
        if (proposal) await tx.planningRun.updateMany({ where: { id: runId, decision: null }, data: { decision: 'pending' } });
      },
    );
    await report.settle();
    report.state('succeeded', 1, `${payload.preview ? 'preview: ' : ''}${result.summary.planned} planned, ${result.summary.unassigned} unassigned`);
    return result;
  } catch (error) {
    await report.settle();
    const unrecoverable = error instanceof UnrecoverableError || error instanceof PlanningInputError || error instanceof AgencyNotFoundError;
    const final = unrecoverable || isLastAttempt(ctx);
    const message = error instanceof Error ? error.message : String(error);
    await prisma.planningRun.update({
      where: { id: runId },
      data: final
        ? { status: 'failed', error: message, finishedAt: deps.now() }
        : { status: 'queued', error: `attempt ${ctx.attemptsMade + 1} of ${ctx.attempts} failed, retrying: ${message}` },
    });
    report.state(final ? 'failed' : 'queued', final ? 0 : report.last(), message);
    deps.log(`planning job ${ctx.id} ${final ? 'failed' : 'will retry'}: ${message}`);
    throw unrecoverable && !(error instanceof UnrecoverableError) ? new UnrecoverableError(message) : error;
  }
}

/** A scheduler's template → the concrete days of tonight's run. */
async function resolveOvernight(deps: ProcessorDeps, data: unknown): Promise<PlanningJobPayload> {
  const template = parse(OvernightPlanningPayload, data, 'overnight planning');
  const today = await agencyToday(deps, template.agencyId);
  const first = addDays(today, template.daysAhead);
  const days = Array.from({ length: template.dayCount }, (_, k) => addDays(first, k));
  return PlanningJobPayload.parse({
    agencyId: template.agencyId,
    days,
    timeLimitMs: template.timeLimitMs,
    seed: template.seed,
    requestId: overnightRequestId(first),
  });
}

/** Today in the agency's time zone; an unknown agency fails the job for good. */
export async function agencyToday(deps: ProcessorDeps, agencyId: string): Promise<string> {
  const agency = await deps.prisma.agency.findUnique({ where: { id: agencyId }, select: { timezone: true } });
  if (!agency) throw new UnrecoverableError(`agency ${agencyId} does not exist`);
  return localDay(deps.now(), agency.timezone);
}

export function parse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.message}`).join('; ');
    throw new UnrecoverableError(`invalid ${what} payload: ${details}`);
  }
  return parsed.data;
}
