// Helpers for the job runner tests.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { SolverPool } from '../../src/planning/solver-pool.ts';

export async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A solver whose first `failures` calls throw, as a crashed solver thread would. */
export function flakySolver(inner: SolverPool, failures = 1): SolverPool & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    async solve(task) {
      calls.push(Date.now());
      if (calls.length <= failures) throw new Error('solver thread crashed');
      return inner.solve(task);
    },
    async plan(task) {
      calls.push(Date.now());
      if (calls.length <= failures) throw new Error('solver thread crashed');
      return inner.plan(task);
    },
    close: () => inner.close(),
  };
}

export const uniquePrefix = (): string => `tournee-test-${randomBytes(4).toString('hex')}`;

/** Deletes every key of a test's queues (jobs, schedulers, BullMQ's own bookkeeping). */
export async function purgeQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const keys: string[] = [];
    for (const name of ['planning', 'dispatch']) keys.push(...(await redis.keys(`${prefix}:${name}:*`)));
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
