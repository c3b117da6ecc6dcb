// What a processor sees of its job, whichever queue runs it (BullMQ or the
// in-process one), and what it needs from the rest of the server.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { PlanBroadcaster } from '../planning/publish.ts';
import type { SolverPool } from '../planning/solver-pool.ts';

export interface JobContext {
  readonly id: string;
  readonly name: string;
  /** Attempts that ended before this one (0 on the first). */
  readonly attemptsMade: number;
  /** Attempts allowed in all. */
  readonly attempts: number;
  updateProgress(fraction: number): Promise<void>;
}

export interface ProcessorDeps {
  readonly prisma: PrismaClient;
  readonly solver: SolverPool;
  readonly broadcaster: PlanBroadcaster;
  readonly now: () => Date;
  readonly log: (message: string) => void;
}

/** Whether a failure of this attempt is the job's last. */
export const isLastAttempt = (ctx: JobContext): boolean => ctx.attemptsMade + 1 >= ctx.attempts;
