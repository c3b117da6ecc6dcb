// What the replication module's pieces hand each other: who acts, how an
// action ends (applied, or refused as a conflict or a rejection), and what an
// applied action announces once its transaction has committed.
import type { AppliedResult, ConflictCurrent, ConflictReason, ConflictResult, RejectedResult } from '@tournee/contracts/replication';
import type { ErrorResponse } from '@tournee/contracts/api';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { InterventionChangeInput } from '../realtime/broadcaster.ts';

export type Tx = Prisma.TransactionClient;
export type Db = PrismaClient | Tx;

/** The technician behind a token, with what actions need to know of them. */
export interface Actor {
  readonly userId: string;
  readonly technicianId: string;
  readonly agencyId: string;
  readonly name: string;
}

/** A result before the action's id is stamped on it. */
export type Outcome = Omit<AppliedResult, 'id'> | Omit<ConflictResult, 'id'> | Omit<RejectedResult, 'id'>;

/** What an applied action changed, announced after commit (never inside the transaction). */
export interface Effects {
  readonly interventionChanged?: InterventionChangeInput;
  /** The intervention moved to done: its service plan's next due date moves on. */
  readonly visitDone?: string;
  /** A part request was stored (webhook part_request.created). */
  readonly partRequested?: string;
}

export interface Handled {
  readonly outcome: Outcome;
  /** Scopes the record for dispatchers (their agencies) and links it to the visit. */
  readonly interventionId: string | null;
  readonly agencyId: string | null;
  /** The intervention's version the action left (the next action of the device builds on it). */
  readonly resultVersion: number | null;
  readonly effects: Effects;
}

/**
 * Thrown inside an action's transaction to roll it back and answer a
 * conflict or a rejection; the device's action is then stored with it.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly outcome: Outcome,
    readonly interventionId: string | null = null,
    readonly agencyId: string | null = null,
  ) {
    super(outcome.status === 'conflict' ? outcome.message : outcome.status === 'rejected' ? outcome.error : 'refused');
  }
}

export const conflict = (
  reason: ConflictReason,
  message: string,
  current: ConflictCurrent,
  where: { interventionId?: string | null; agencyId?: string | null } = {},
) => new Refusal({ status: 'conflict', reason, message, current }, where.interventionId ?? null, where.agencyId ?? null);

export const rejected = (error: string, details: ErrorResponse['details'] = [], where: { interventionId?: string | null; agencyId?: string | null } = {}) =>
  new Refusal({ status: 'rejected', error, details }, where.interventionId ?? null, where.agencyId ?? null);

/**
 * Another writer changed the row between our read and our conditional
 * update: the action is tried once more on fresh data.
 */
export class RaceError extends Error {
  override readonly name = 'RaceError';
}
