// Runs a dead process left `queued` or `running` (issue 11): the queue
// decides. Exercised with the in-process queue backend, which answers
// getJob/add as BullMQ does; the Redis side is in test/chaos/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../../src/jobs/memory-backend.ts';
import { planningJobId, planningRunId, PlanningJobPayload } from '../../src/jobs/payloads.ts';
import { sweepInterruptedRuns } from '../../src/jobs/sweep-runs.ts';
import { DAY } from '../planning/fixtures.ts';
import { seedAgency } from '../planning/seed-agency.ts';
import { openPgliteTestDb, type OpenTestDb } from '../planning/test-db.ts';

describe('sweepInterruptedRuns', () => {
  let testDb: OpenTestDb;
  beforeAll(async () => {
    testDb = await openPgliteTestDb();
  });
  afterAll(() => testDb?.dispose());

  it('queues again a run whose job is gone, fails one whose request is unreadable, leaves a waiting one and finished ones', async () => {
    const prisma = testDb.db.prisma;
    const { agencyId } = await seedAgency(prisma, 0);
    const backend = createMemoryBackend({ now: () => new Date(), log: () => {} });
    const retry = { attempts: 1, backoffMs: 10 };
    const run = async (requestId: string, status: 'queued' | 'running', input?: unknown) => {
      const payload = PlanningJobPayload.parse({ agencyId, days: [DAY], requestId });
      const jobId = planningJobId(payload);
      const id = planningRunId(jobId);
      await prisma.planningRun.create({ data: { id, agencyId, days: [new Date(`${DAY}T00:00:00Z`)], status, input: (input ?? { jobId, payload }) as never } });
      return { id, jobId, payload };
    };
    const lost = await run('lost', 'running');
    const waiting = await run('waiting', 'queued');
    await backend.add('planning', 'plan', waiting.payload, { jobId: waiting.jobId, retry });
    const unreadable = await run('unreadable', 'queued', { jobId: 'x', payload: { agencyId } });
    const done = await prisma.planningRun.create({ data: { agencyId, days: [new Date(`${DAY}T00:00:00Z`)], status: 'succeeded' } });

    const swept = await sweepInterruptedRuns(prisma, backend, { retry, now: () => new Date(), log: () => {} });

    expect(swept.requeued).toEqual([lost.id]);
    expect(swept.failed).toEqual([unreadable.id]);
    expect((await backend.getJob('planning', lost.jobId))?.state).toBe('waiting');
    const byId = async (id: string) => prisma.planningRun.findUniqueOrThrow({ where: { id }, select: { status: true, error: true } });
    expect(await byId(lost.id)).toEqual({ status: 'queued', error: 'interrupted (its job was lost with the process or the queue): queued again' });
    expect(await byId(waiting.id)).toEqual({ status: 'queued', error: null });
    expect(await byId(unreadable.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/could not be read back/) });
    expect((await byId(done.id)).status).toBe('succeeded');
    await backend.close();
  });
});
