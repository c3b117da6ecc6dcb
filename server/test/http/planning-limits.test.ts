// The planning routes' bounds, checked when the request arrives (issue 11,
// findings 2 and 6): POST /api/optimization refuses a problem past its size
// limits with 413 naming the limit, answers 503 with Retry-After when its
// solver lane is full, and answers a small problem while a large one runs;
// POST /api/plans refuses days past the planning horizon with 422 instead of
// queueing a job that fails after its retries. On embedded PGlite (the
// database only holds the agency and the users).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_PLANNING_HORIZON_DAYS, OPTIMIZATION_LIMITS } from '@tournee/contracts/api/planning';
import { signToken } from '../../src/auth/tokens.ts';
import { createApp } from '../../src/http/app.ts';
import { planningRouter } from '../../src/http/routes/planning.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/runner.ts';
import { createSolverPool, type SolverPool, type SolveTask } from '../../src/planning/solver-pool.ts';
import { until } from '../jobs/support.ts';
import { DAY } from '../planning/fixtures.ts';
import { recordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { seedAgency, type SeededAgency } from '../planning/seed-agency.ts';
import { largeProblem, oneJobProblem } from '../planning/solver-problems.ts';
import { openPgliteTestDb, type OpenTestDb } from '../planning/test-db.ts';
import { listen, request } from './harness.ts';

const SECRET = 'planning-limits-secret-0123456789abcdef';
const NOW = new Date(`${DAY}T08:00:00Z`);

let testDb: OpenTestDb;
let jobs: JobRunner;
let pool: SolverPool;
let server: { url: string; close(): Promise<void> };
let seeded: SeededAgency;
let token: string;
/** Solves the pool was handed, in order. */
const started: SolveTask[] = [];
const call = (method: string, path: string, body?: unknown) => request<any>(server.url, method, path, { token, body });

beforeAll(async () => {
  testDb = await openPgliteTestDb();
  const prisma = testDb.db.prisma;
  seeded = await seedAgency(prisma, 0);
  const dispatcher = await prisma.user.create({ data: { email: 'd@limits.test', name: 'd', passwordHash: 'x', role: 'dispatcher' } });
  token = await signToken({ sub: dispatcher.id, role: 'dispatcher', agencyIds: [seeded.agencyId] }, SECRET);
  // Large solves: one thread, nothing queued, so the second one is refused.
  pool = createSolverPool({ threads: 1, adHoc: { threads: 1, maxQueued: 0 } });
  const solver: SolverPool = { ...pool, solve: (task) => (started.push(task), pool.solve(task)) };
  const broadcaster = recordingBroadcaster();
  jobs = await createJobRunner(
    { config: { redisUrl: undefined }, prisma, broadcaster },
    { overnight: null, servicePlans: null, now: () => NOW, solver, log: () => {} },
  );
  const app = createApp({
    config: { authSecret: SECRET, redisUrl: undefined },
    prisma,
    dbKind: testDb.db.kind,
    routers: [planningRouter({ prisma, jobs, broadcaster, now: () => NOW })],
    log: () => {},
  });
  server = await listen(app);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await jobs?.close();
  await pool?.close();
  await testDb?.dispose();
});

it('refuses a problem with 10,001 jobs with 413 naming jobs, before solving', async () => {
  const res = await call('POST', '/api/optimization', largeProblem(OPTIMIZATION_LIMITS.jobs + 1));
  expect(res.status).toBe(413);
  expect(res.body.details).toEqual([{ path: 'jobs', in: 'body', message: `at most ${OPTIMIZATION_LIMITS.jobs}, got ${OPTIMIZATION_LIMITS.jobs + 1}` }]);
  expect(res.body.error).toContain(`limit of ${OPTIMIZATION_LIMITS.jobs}`);
  const vehicles = await call('POST', '/api/optimization', { ...oneJobProblem(), vehicles: largeProblem(0, OPTIMIZATION_LIMITS.vehicles + 1).vehicles });
  expect(vehicles.status).toBe(413);
  expect(vehicles.body.details[0].path).toBe('vehicles');
  expect(started).toHaveLength(0);
});

it('answers a one-job problem while a large one runs, and 503 with Retry-After to a second large one', async () => {
  const large = call('POST', '/api/optimization?timeLimitMs=10000', largeProblem(1_500));
  await until(async () => started.length === 1, 'the large solve to start');
  const small = await call('POST', '/api/optimization?timeLimitMs=500', oneJobProblem());
  expect(small.status).toBe(200);
  expect(small.body).toMatchObject({ code: 0, summary: { unassigned: 0 } });

  const refused = await call('POST', '/api/optimization?timeLimitMs=1000', largeProblem(1_500));
  expect(refused.status).toBe(503);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(refused.body.retryAfterSeconds).toBe(Number(refused.headers.get('retry-after')));
  expect(refused.body.error).toMatch(/busy/);
  // The first answers in the end (within its time limit and the machine's load).
  expect((await large).status).toBe(200);
}, 120_000);

it('refuses days past the planning horizon with 422 naming the day, queueing nothing', async () => {
  const runs = () => testDb.db.prisma.planningRun.count();
  const before = await runs();
  const res = await call('POST', '/api/plans', { agencyId: seeded.agencyId, days: [DAY, '2999-12-31'] });
  expect(res.status).toBe(422);
  expect(res.body.details).toEqual([{ path: 'days[1]', in: 'body', message: expect.stringContaining(`more than ${MAX_PLANNING_HORIZON_DAYS} days ahead`) }]);
  const beyondYears = await call('POST', '/api/plans', { agencyId: seeded.agencyId, days: ['9999-12-31'] });
  expect(beyondYears.status).toBe(400);
  expect(beyondYears.body.details[0].path).toBe('days[0]');
  expect(await runs()).toBe(before);
});
