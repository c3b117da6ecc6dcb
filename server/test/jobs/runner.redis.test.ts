// The job runner with BullMQ on the real Redis (unique queue prefix per runner)
// and PostgreSQL.
import { afterAll, beforeAll } from 'vitest';
import { openPostgresTestDb, type OpenTestDb } from '../planning/test-db.ts';
import { checkPostgres, checkRedis, describeWithService, REDIS_URL } from '../support/services.ts';
import { runnerCases } from './runner-cases.ts';

const [postgres, redis] = await Promise.all([checkPostgres(), checkRedis()]);
const both = postgres.available ? redis : postgres;

describeWithService(both, 'job runner on BullMQ (Redis) and PostgreSQL', () => {
  let testDb: OpenTestDb;
  beforeAll(async () => {
    testDb = await openPostgresTestDb();
  });
  afterAll(() => testDb?.dispose());
  runnerCases(() => ({ prisma: testDb.db.prisma, redisUrl: REDIS_URL }));
});
