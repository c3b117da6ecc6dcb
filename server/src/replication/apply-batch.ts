// POST /api/replication/batch behind the HTTP layer: the device's actions,
// applied one by one in the order it recorded them, each in its own
// transaction with the intervention's version check. One action's conflict
// does not stop the others (an action that builds on it conflicts in turn,
// through `after`). A replayed action answers `duplicate` with its first
// answer; two deliveries racing each other meet on a unique key (the
// action's, or a record's id the device chose), and the later one answers
// `duplicate` too.
import type { ActionResult, FieldAction, FieldConflictNotice, FirstResult } from '@tournee/contracts/replication';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import { applyComplete } from './actions/complete.ts';
import { applyCounterReading } from './actions/counter-reading.ts';
import { applyPhoto, photoIdTaken } from './actions/photo.ts';
import { applyRequestPart } from './actions/request-part.ts';
import { applyStatus } from './actions/status.ts';
import { announce, type ConflictNotifier } from './notify.ts';
import { isDuplicateKey, isUniqueViolation, recordAction } from './record.ts';
import { RaceError, Refusal, type Actor, type Handled, type Tx } from './types.ts';
import { componentLogger, logCallback } from '../logger.ts';

export interface ReplicationDeps {
  readonly prisma: PrismaClient;
  readonly broadcaster?: Pick<Broadcaster, 'interventionChanged'> | undefined;
  readonly notifyConflict?: ConflictNotifier | undefined;
  readonly now?: () => Date;
  readonly log?: (message: string, error?: unknown) => void;
}

function handle(tx: Tx, actor: Actor, action: FieldAction, now: Date): Promise<Handled> {
  switch (action.kind) {
    case 'status':
      return applyStatus(tx, actor, action, now);
    case 'complete':
      return applyComplete(tx, actor, action, now);
    case 'photo':
      return applyPhoto(tx, actor, action, now);
    case 'request_part':
      return applyRequestPart(tx, actor, action);
    case 'counter_reading':
      return applyCounterReading(tx, actor, action, now);
  }
}

export async function applyBatch(deps: ReplicationDeps, actor: Actor, actions: readonly FieldAction[]): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  for (const action of actions) results.push(await applyOne(deps, actor, action));
  return results;
}

async function applyOne(deps: ReplicationDeps, actor: Actor, action: FieldAction): Promise<ActionResult> {
  const { prisma } = deps;
  const log = deps.log ?? logCallback(componentLogger('replication'), 'warn');
  const seen = await duplicateOf(prisma, actor, action);
  if (seen) return seen;
  const now = deps.now?.() ?? new Date();

  let handled: Handled | undefined;
  let result: FirstResult | undefined;
  for (let attempt = 1; result === undefined; attempt++) {
    try {
      [handled, result] = await prisma.$transaction(
        async (tx) => {
          const done = await handle(tx, actor, action, now);
          return [done, await recordAction(tx, actor, action, done)] as const;
        },
        { timeout: 30_000, maxWait: 10_000 },
      );
    } catch (error) {
      if (error instanceof RaceError && attempt < 3) continue;
      if (error instanceof Refusal) {
        handled = { outcome: error.outcome, interventionId: error.interventionId, agencyId: error.agencyId, resultVersion: null, effects: {} };
        try {
          result = await recordAction(prisma, actor, action, handled);
        } catch (recordError) {
          if (!isDuplicateKey(recordError)) throw recordError;
          return (await duplicateOf(prisma, actor, action))!;
        }
        break;
      }
      // A delivery racing this one stored the action first (whichever write of
      // it failed here: the action's row, or a record the action creates under
      // the device's id): answer what that delivery got.
      const dup = await duplicateOf(prisma, actor, action);
      if (dup) return dup;
      if (isUniqueViolation(error) && action.kind === 'photo') {
        // Another action took the photo's id between our read and our write.
        const refusal = photoIdTaken({ interventionId: action.interventionId, agencyId: actor.agencyId });
        handled = { outcome: refusal.outcome, interventionId: refusal.interventionId, agencyId: refusal.agencyId, resultVersion: null, effects: {} };
        try {
          result = await recordAction(prisma, actor, action, handled);
        } catch (recordError) {
          if (!isDuplicateKey(recordError)) throw recordError;
          return (await duplicateOf(prisma, actor, action))!;
        }
        break;
      }
      if (error instanceof RaceError) {
        // Three lost races in a row: report it as the state having changed rather than fail the batch.
        handled = {
          outcome: { status: 'rejected', error: 'the visit kept changing while this was applied: send it again', details: [] },
          interventionId: null,
          agencyId: null,
          resultVersion: null,
          effects: {},
        };
        result = { id: action.id, ...handled.outcome } as FirstResult;
        return result;
      }
      throw error;
    }
  }

  await announce({ prisma, broadcaster: deps.broadcaster, log }, handled!.effects, now);
  if (result.status === 'conflict' && deps.notifyConflict) {
    const notice: FieldConflictNotice = {
      actionId: action.id,
      kind: action.kind,
      technicianId: actor.technicianId,
      technicianName: actor.name,
      agencyId: handled!.agencyId,
      interventionId: handled!.interventionId,
      reason: result.reason,
      message: result.message,
      current: result.current,
      receivedAt: now.toISOString(),
      resolvedAt: null,
      resolution: null,
    };
    try {
      deps.notifyConflict(notice);
    } catch (error) {
      log('conflict notice failed', error);
    }
  }
  return result;
}

async function duplicateOf(prisma: PrismaClient, actor: Actor, action: FieldAction): Promise<ActionResult | null> {
  const seen = await prisma.replicationAction.findUnique({ where: { id: action.id }, select: { technicianId: true, result: true } });
  if (!seen) return null;
  if (seen.technicianId !== actor.technicianId) {
    // UUIDs do not collide by chance: this is another device's action id, which is not ours to reveal.
    return {
      id: action.id,
      status: 'rejected',
      error: 'this action id is already taken: generate a new one',
      details: [{ path: 'id', message: 'already used' }],
    };
  }
  return { id: action.id, status: 'duplicate', first: seen.result as unknown as FirstResult };
}
