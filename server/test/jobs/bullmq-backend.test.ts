// The BullMQ backend with no Redis behind REDIS_URL (issue 11): start-up
// waited forever and POST /api/plans hung over 30 s. Now it comes up within
// its connect time-out, says why it is degraded, and every call fails at once
// with QueueUnavailableError (the HTTP layer's 503) instead of waiting.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createBullmqBackend } from '../../src/jobs/bullmq-backend.ts';
import { QueueUnavailableError } from '../../src/jobs/queue-unavailable.ts';

/** A port nothing listens on: bound, then released. */
function deadPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      })
      .once('error', reject);
  });
}

describe('BullMQ backend without Redis', () => {
  it('starts degraded and refuses calls with QueueUnavailableError instead of hanging', async () => {
    const logged: string[] = [];
    const backend = await createBullmqBackend({
      redisUrl: `redis://127.0.0.1:${await deadPort()}`,
      prefix: 'unreachable',
      log: (m) => logged.push(m),
      connectTimeoutMs: 300,
    });
    try {
      expect(backend.problem()).toMatch(/^Redis \(job queue\) unreachable: /);
      const retry = { attempts: 1, backoffMs: 10 };
      await expect(backend.add('planning', 'plan', {}, { jobId: 'j', retry })).rejects.toBeInstanceOf(QueueUnavailableError);
      await expect(backend.getJob('planning', 'j')).rejects.toThrow(/the job queue \(Redis\) is unavailable/);
      await expect(backend.listSchedulers('overnight/')).rejects.toBeInstanceOf(QueueUnavailableError);
      // One line for the outage, not one per reconnection attempt.
      expect(logged.filter((m) => m.startsWith('Redis unreachable'))).toHaveLength(1);
    } finally {
      await backend.close();
    }
  });
});
