// Every replicated action is stored under the id the device gave it: that
// row is what makes a replay answer `duplicate` (with the first answer)
// instead of acting twice, what lets a later action build on the version it
// produced (`after`), and — for conflicts and refusals — where the device's
// payload is kept for the dispatcher.
import type { FieldAction, FirstResult } from '@tournee/contracts/replication';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Actor, Db, Handled } from './types.ts';

/** Photos are stored as attachments when applied: their bytes need not be kept twice. */
function payloadToKeep(action: FieldAction, outcome: FirstResult['status']): Prisma.InputJsonValue | undefined {
  if (outcome === 'applied') return undefined;
  return action as unknown as Prisma.InputJsonValue;
}

export async function recordAction(db: Db, actor: Actor, action: FieldAction, handled: Handled): Promise<FirstResult> {
  const result = { id: action.id, ...handled.outcome } as FirstResult;
  const payload = payloadToKeep(action, result.status);
  await db.replicationAction.create({
    data: {
      id: action.id,
      technicianId: actor.technicianId,
      userId: actor.userId,
      interventionId: handled.interventionId,
      agencyId: handled.agencyId,
      kind: action.kind,
      outcome: result.status,
      reason: result.status === 'conflict' ? result.reason : null,
      result: result as unknown as Prisma.InputJsonValue,
      ...(payload === undefined ? {} : { payload }),
      resultVersion: handled.resultVersion,
      deviceCreatedAt: new Date(action.createdAt),
    },
  });
  return result;
}

/** Any unique violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2002';
}

/** Postgres unique violation on the actions' primary key: the same action arrived twice at once. */
export function isDuplicateKey(error: unknown): boolean {
  const e = error as {
    code?: string;
    meta?: { modelName?: string; target?: unknown; driverAdapterError?: { cause?: { table?: string; originalMessage?: string } } };
  };
  if (e?.code !== 'P2002') return false;
  const cause = e.meta?.driverAdapterError?.cause;
  return e.meta?.modelName === 'ReplicationAction' || cause?.table === 'replication_actions' || /replication_actions/.test(cause?.originalMessage ?? '');
}
