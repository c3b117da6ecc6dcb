// The job runner without Redis: in-process queues on the embedded database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../src/jobs/runner.ts';
import { DAY } from '../planning/fixtures.ts';
import { recordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { seedAgency } from '../planning/seed-agency.ts';
import { openPgliteTestDb, type OpenTestDb } from '../planning/test-db.ts';
import { runnerCases } from './runner-cases.ts';

describe('job runner in process (no REDIS_URL), on PGlite', () => {
  let testDb: OpenTestDb;
  beforeAll(async () => {
    testDb = await openPgliteTestDb();
  });
  afterAll(() => testDb?.dispose());
  runnerCases(() => ({ prisma: testDb.db.prisma, redisUrl: undefined }));

  it('marks runs left queued or running by a previous process as failed: their jobs were in its memory', async () => {
    const prisma = testDb.db.prisma;
    const { agencyId } = await seedAgency(prisma, 0);
    const lost = await prisma.planningRun.create({ data: { agencyId, days: [new Date(`${DAY}T00:00:00Z`)], status: 'running' } });
    const runner = await createJobRunner({ config: { redisUrl: undefined }, prisma, broadcaster: recordingBroadcaster() }, { overnight: null, log: () => {} });
    await runner.close();
    const after = await prisma.planningRun.findUniqueOrThrow({ where: { id: lost.id } });
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/stopped before this run finished/);
  });
});
