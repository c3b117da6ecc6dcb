// Each agency's plan deltas are numbered so a board can tell it missed one.
// Every process that emits deltas (server processes, workers) must draw from
// the same counter: with Redis it lives there, otherwise in this process.
// The epoch says which counter: a process without Redis restarts at 0 with a
// new epoch, and a board comparing epochs resyncs instead of waiting forever
// for sequence 58 from a counter now at 1.
import { randomUUID } from 'node:crypto';
import type { PlanVersion } from '@tournee/contracts/realtime';
import type { RedisClient } from './redis.ts';

export interface PlanSequencer {
  /** Draws the agency's next sequence. */
  next(agencyId: string): Promise<PlanVersion>;
  /** The latest sequence drawn (0 before any), to stamp a snapshot read after it. */
  current(agencyId: string): Promise<PlanVersion>;
}

export function memorySequencer(): PlanSequencer {
  const epoch = randomUUID();
  const sequences = new Map<string, number>();
  return {
    async next(agencyId) {
      const sequence = (sequences.get(agencyId) ?? 0) + 1;
      sequences.set(agencyId, sequence);
      return { epoch, sequence };
    },
    async current(agencyId) {
      return { epoch, sequence: sequences.get(agencyId) ?? 0 };
    },
  };
}

/**
 * One hash per agency, {epoch, sequence}. HSETNX in the same transaction
 * gives a new epoch whenever the hash is gone (Redis flushed or restarted
 * without persistence), which is exactly when the sequence restarts.
 */
export function redisSequencer(client: RedisClient, prefix: string): PlanSequencer {
  const key = (agencyId: string) => `${prefix}:plan-version:${agencyId}`;
  return {
    async next(agencyId) {
      const replies = await client
        .multi()
        .hSetNX(key(agencyId), 'epoch', randomUUID())
        .hIncrBy(key(agencyId), 'sequence', 1)
        .hGet(key(agencyId), 'epoch')
        .exec();
      return { epoch: String(replies[2]), sequence: Number(replies[1]) };
    },
    async current(agencyId) {
      const replies = await client.multi().hSetNX(key(agencyId), 'epoch', randomUUID()).hmGet(key(agencyId), ['epoch', 'sequence']).exec();
      const [epoch, sequence] = replies[1] as unknown as [string, string | null];
      return { epoch: String(epoch), sequence: Number(sequence ?? 0) };
    },
  };
}

/**
 * Redis's counter while Redis answers, this process's own (its own epoch)
 * while it does not: plan deltas keep reaching this process's boards during
 * an outage, and the epoch changing twice — into the outage and out of it —
 * makes every board resync from the database instead of trusting a sequence
 * that other processes did not share.
 */
export function fallbackSequencer(primary: PlanSequencer, fallback: PlanSequencer, onFailure: (error: unknown) => void): PlanSequencer {
  const orFallback = async (read: (s: PlanSequencer) => Promise<PlanVersion>): Promise<PlanVersion> => {
    try {
      return await read(primary);
    } catch (error) {
      onFailure(error);
      return read(fallback);
    }
  };
  return {
    next: (agencyId) => orFallback((s) => s.next(agencyId)),
    current: (agencyId) => orFallback((s) => s.current(agencyId)),
  };
}
