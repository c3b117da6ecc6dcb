// A preview's fate. Accepting stores its proposal exactly as the run would
// have stored it directly (storePlan: one transaction, every version read at
// preview time checked first, so nothing is half-applied), broadcasts it and
// reserves the parts; a plan that changed since the preview is refused with
// how much changed. Discarding only records the decision.
import type { CodedMessage } from '@tournee/contracts/message-codes';
import type { PlanningRun, PrismaClient } from '../generated/prisma/client.ts';
import { type Proposal, readProposal } from './proposal.ts';
import { planPlacements } from './parts.ts';
import type { PlanBroadcaster } from './publish.ts';
import { afterStoring } from './run-planning.ts';
import { PlanConflictError, storePlan } from './store-plan.ts';
import { localDay } from './time.ts';

export interface DecideDeps {
  readonly prisma: PrismaClient;
  readonly broadcaster: PlanBroadcaster;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
}

/** The run cannot take this decision now (HTTP 409). */
export class PlanDecisionError extends Error {
  override readonly name = 'PlanDecisionError';
  constructor(
    message: string,
    /** What the board shows, translated (the message stays the English text). */
    readonly coded: CodedMessage,
  ) {
    super(message);
  }
}

export class PlanningRunNotFoundError extends Error {
  override readonly name = 'PlanningRunNotFoundError';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function refuseDecided(run: PlanningRun): void {
  if (!run.preview)
    throw new PlanDecisionError('this run applied its plan directly: only a preview can be accepted or discarded', { code: 'plan.not_a_preview' });
  if (run.decision === 'accepted' || run.decision === 'discarded') {
    throw new PlanDecisionError(`this preview was already ${run.decision}${run.decidedAt ? ` at ${run.decidedAt.toISOString()}` : ''}`, {
      code: 'plan.already_decided',
      params: { decision: run.decision, ...(run.decidedAt ? { at: run.decidedAt.toISOString() } : {}) },
    });
  }
}

/** The preview to accept (in whole or in part) and its proposal; refused when it cannot be accepted now. */
export async function acceptableProposal(deps: DecideDeps, runId: string): Promise<{ run: PlanningRun; proposal: Proposal; now: Date }> {
  const now = deps.now?.() ?? new Date();
  const run = await deps.prisma.planningRun.findUnique({ where: { id: runId } });
  if (!run) throw new PlanningRunNotFoundError(`planning run ${runId} not found`);
  refuseDecided(run);
  if (run.status !== 'succeeded' || run.decision !== 'pending') {
    throw new PlanDecisionError(`this preview is ${run.status}: only a succeeded preview can be accepted`, {
      code: 'plan.not_succeeded',
      params: { status: run.status },
    });
  }
  const proposal = readProposal(run.proposal);
  const today = localDay(now, proposal.records.agency.timezone);
  if (proposal.records.days.every((d) => d < today))
    throw new PlanDecisionError(`every day of this preview (${proposal.records.days.join(', ')}) is past`, {
      code: 'plan.days_past',
      params: { days: proposal.records.days.join(', ') },
    });
  return { run, proposal, now };
}

/** A plan that moved on since the preview, as the refusal the dispatcher reads. */
export function changedSincePreview(error: PlanConflictError, days: readonly string[]): PlanDecisionError {
  const what = [error.visits > 0 ? plural(error.visits, 'visit') : '', error.tours > 0 ? plural(error.tours, 'tour') : ''].filter(Boolean).join(' and ');
  return new PlanDecisionError(
    `the agency's plan for ${days.join(', ')} changed since this preview was computed (${what || 'the plan'} changed): nothing was applied; run a new preview`,
    { code: 'plan.changed_since_preview', params: { days: days.join(', '), visits: error.visits, tours: error.tours } },
  );
}

export async function acceptPlan(deps: DecideDeps, runId: string, userId: string | null): Promise<PlanningRun> {
  const { prisma } = deps;
  const { run, proposal, now } = await acceptableProposal(deps, runId);
  let stored;
  try {
    stored = await storePlan(prisma, { agencyId: run.agencyId, runId, ...proposal }, async (tx) => {
      const { count } = await tx.planningRun.updateMany({
        where: { id: runId, status: 'succeeded', preview: true, decision: 'pending' },
        data: { decision: 'accepted', decidedAt: now, decidedById: userId },
      });
      if (count !== 1) throw new PlanDecisionError('this preview was decided meanwhile by someone else', { code: 'plan.decided_meanwhile' });
    });
  } catch (error) {
    if (!(error instanceof PlanConflictError)) throw error;
    throw changedSincePreview(error, proposal.records.days);
  }
  await afterStoring(deps, run.agencyId, stored, planPlacements(proposal.records, proposal.problem, proposal.plan));
  return prisma.planningRun.findUniqueOrThrow({ where: { id: runId } });
}

/** A preview nobody will accept: queued, running or done, as long as it is undecided. */
export async function discardPlan(deps: Pick<DecideDeps, 'prisma' | 'now'>, runId: string, userId: string | null): Promise<PlanningRun> {
  const { prisma } = deps;
  const now = deps.now?.() ?? new Date();
  const run = await prisma.planningRun.findUnique({ where: { id: runId } });
  if (!run) throw new PlanningRunNotFoundError(`planning run ${runId} not found`);
  refuseDecided(run);
  const { count } = await prisma.planningRun.updateMany({
    where: { id: runId, preview: true, OR: [{ decision: null }, { decision: 'pending' }] },
    data: { decision: 'discarded', decidedAt: now, decidedById: userId },
  });
  if (count !== 1) throw new PlanDecisionError('this preview was decided meanwhile by someone else', { code: 'plan.decided_meanwhile' });
  return prisma.planningRun.findUniqueOrThrow({ where: { id: runId } });
}
