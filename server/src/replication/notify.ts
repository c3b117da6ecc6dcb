// What the rest of the server hears of replicated actions once they are
// committed: intervention changes for boards (as the REST lifecycle sends
// them), the service plan's next due date after a visit is done, and
// conflicts for the dispatchers of the visit's agency.
import { agencyRoom, type ServerToClientEvents } from '@tournee/contracts/realtime';
import { FIELD_CONFLICT_EVENT, type FieldConflictNotice } from '@tournee/contracts/replication';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import { recordVisitDone } from '../service-plans/complete.ts';
import type { Effects } from './types.ts';
import { publishPartRequest } from '../webhooks/back-office-events.ts';

export type ConflictNotifier = (notice: FieldConflictNotice) => void;

/** The minimal socket.io server surface the notice needs (the realtime module's Server). */
export interface RoomEmitter {
  to(room: string): { emit(event: string, ...args: unknown[]): unknown };
}

/**
 * Sends `field:conflict` to the agency's room. Takes the io server as unknown
 * so the replication routes need not know the realtime module's generics.
 */
export function socketConflictNotifier(io: unknown): ConflictNotifier {
  const server = io as RoomEmitter;
  return (notice) => {
    if (!notice.agencyId) return;
    const emit: ServerToClientEvents[typeof FIELD_CONFLICT_EVENT] = (n) => server.to(agencyRoom(notice.agencyId!)).emit(FIELD_CONFLICT_EVENT, n);
    emit(notice);
  };
}

export interface AnnounceDeps {
  readonly prisma: PrismaClient;
  readonly broadcaster?: Pick<Broadcaster, 'interventionChanged'> | undefined;
  readonly log: (message: string, error?: unknown) => void;
}

export async function announce(deps: AnnounceDeps, effects: Effects, now: Date): Promise<void> {
  if (effects.interventionChanged) deps.broadcaster?.interventionChanged(effects.interventionChanged);
  if (effects.partRequested) publishPartRequest(deps.prisma, effects.partRequested);
  if (effects.visitDone) {
    // Best effort: the nightly service-plan generation folds done visits in anyway.
    await recordVisitDone(deps.prisma, effects.visitDone, now).catch((error: unknown) =>
      deps.log(`service plan update after ${effects.visitDone} failed`, error),
    );
  }
}
