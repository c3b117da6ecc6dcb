// The PlanningRun record of a planning job: created when the job is
// submitted (so GET /api/plans/:id answers at once), then moved through
// queued → running → succeeded | failed by the processor.
import type { PlanningRun } from '../generated/prisma/client.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { PlanningRunStatus } from '../generated/prisma/enums.ts';
import { dateColumnOfDay, dayOfDateColumn, type IsoDay } from '../planning/time.ts';
import type { PlanningJobPayload } from './payloads.ts';

export interface PlanningRunView {
  readonly id: string;
  readonly agencyId: string;
  readonly days: readonly IsoDay[];
  readonly status: PlanningRunStatus;
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
      input: { jobId, payload: { ...payload } },
    },
    update: {},
  });
}

export function planningRunView(run: PlanningRun): PlanningRunView {
  return {
    id: run.id,
    agencyId: run.agencyId,
    days: run.days.map(dayOfDateColumn),
    status: run.status,
    progress: run.progress,
    error: run.error,
    result: run.result ?? null,
    requestedById: run.requestedById,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
