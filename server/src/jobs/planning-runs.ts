// The PlanningRun record of a planning job: created when the job is
// submitted (so GET /api/plans/:id answers at once), then moved through
// queued → running → succeeded | failed by the processor. A preview's
// decision (pending → accepted | discarded) is planning/decide-plan.ts's.
import type { PlanningRun } from '../generated/prisma/client.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { PlanDecision, PlanningRunStatus } from '../generated/prisma/enums.ts';
import { dateColumnOfDay, dayOfDateColumn, type IsoDay } from '../planning/time.ts';
import type { PlanningJobPayload } from './payloads.ts';

export interface PlanningRunView {
  readonly id: string;
  readonly agencyId: string;
  readonly days: readonly IsoDay[];
  readonly status: PlanningRunStatus;
  /** A preview keeps its plan on the run until accepted or discarded. */
  readonly preview: boolean;
  /** pending once a preview succeeded; accepted or discarded once decided; null for direct runs. */
  readonly decision: PlanDecision | null;
  readonly decidedAt: string | null;
  /** 0 to 1. */
  readonly progress: number;
  readonly error: string | null;
  /** The summary, unassigned visits with reasons, and tours (see PlanningResult). */
  readonly result: unknown;
  readonly requestedById: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** Idempotent: a re-submission finds the row it created the first time. */
export async function ensurePlanningRun(prisma: PrismaClient, runId: string, payload: PlanningJobPayload, jobId: string): Promise<PlanningRun> {
  return prisma.planningRun.upsert({
    where: { id: runId },
    create: {
      id: runId,
      agencyId: payload.agencyId,
      requestedById: payload.requestedById,
      days: payload.days.map(dateColumnOfDay),
      preview: payload.preview,
      input: { jobId, payload: { ...payload } },
    },
    update: {},
  });
}

/** Any read of the row will do: the engine input and a preview's proposal are not part of the view. */
export function planningRunView(run: Omit<PlanningRun, 'input' | 'proposal'>): PlanningRunView {
  return {
    id: run.id,
    agencyId: run.agencyId,
    days: run.days.map(dayOfDateColumn),
    status: run.status,
    preview: run.preview,
    decision: run.decision,
    decidedAt: run.decidedAt?.toISOString() ?? null,
    progress: run.progress,
    error: run.error,
    result: run.result ?? null,
    requestedById: run.requestedById,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
