// Runs the nightly service-plan generation of one agency: every active plan
// of its sites creates the visits due within the horizon (`requested`, for
// the planner) and its next due date is refreshed. Idempotent by the
// database's unique keys (a plan's due day / due counter): a job delivered
// twice, retried after a crash, or run next to a manual generation creates
// each visit once. An invalid payload or an unknown agency fails at once.
import { generateDueVisits } from '../service-plans/generate.ts';
import type { JobContext, ProcessorDeps } from './context.ts';
import { agencyToday, parse } from './planning-processor.ts';
import { ServicePlanJobPayload, type ServicePlanJobResult } from './service-plan-payloads.ts';

export async function processServicePlanJob(deps: ProcessorDeps, ctx: JobContext, data: unknown): Promise<ServicePlanJobResult> {
  const payload = parse(ServicePlanJobPayload, data, 'service-plan');
  // Asked even when the payload names the day: an unknown agency fails the job for good either way.
  const agencyDay = await agencyToday(deps, payload.agencyId);
  const today = payload.today ?? agencyDay;
  const result = await generateDueVisits(deps.prisma, { today, horizonDays: payload.horizonDays, agencyIds: [payload.agencyId] });
  await ctx.updateProgress(1);
  if (result.created > 0 || result.skipped.length > 0) {
    deps.log(`service plans of ${payload.agencyId} on ${today}: ${result.created} visit(s) created, ${result.skipped.length} plan(s) skipped`);
  }
  return {
    agencyId: payload.agencyId,
    today,
    horizonDays: payload.horizonDays,
    plans: result.plans,
    created: result.created,
    rescheduled: result.rescheduled,
    skipped: result.skipped,
  };
}
