// Progress reaching real boards, and `npm run worker` as a separate process:
// a job submitted here is processed there, and its progress arrives on a
// board's socket through the socket.io Redis adapter.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJobRunner } from '../../src/jobs/runner.ts';
import { addDays, isoWeekday, localDay } from '../../src/planning/time.ts';
import { BEFORE, DAY } from '../planning/fixtures.ts';
import { recordingBroadcaster } from '../planning/recording-broadcaster.ts';
import { seedAgency } from '../planning/seed-agency.ts';
import { openPostgresTestDb, type OpenTestDb } from '../planning/test-db.ts';
import { collect, connectClient, startServer, tokens, type TestServer } from '../realtime/support.ts';
import { checkPostgres, checkRedis, describeWithService, REDIS_URL } from '../support/services.ts';
import { purgeQueues, uniquePrefix, until } from './support.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const [postgres, redis] = await Promise.all([checkPostgres(), checkRedis()]);

/** A weekday at least two days ahead, so that a worker on the real clock plans it. */
function comingWeekday(): string {
  let day = addDays(localDay(new Date(), 'Europe/Paris'), 2);
  while (isoWeekday(day) > 5) day = addDays(day, 1);
  return day;
}

describeWithService(postgres, 'job progress on a real board', () => {
  let testDb: OpenTestDb;
  let server: TestServer;
  beforeAll(async () => {
    testDb = await openPostgresTestDb();
    server = await startServer(testDb.db.prisma);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.dispose();
  });

  it('sends job:progress to the agency room, from first state to last', async () => {
    const prisma = testDb.db.prisma;
    const seeded = await seedAgency(prisma, 3);
    const { socket } = await connectClient(server.url, { token: await tokens.admin() });
    const seen = collect(socket, 'job:progress');
    const runner = await createJobRunner(
      { config: { redisUrl: undefined }, prisma, broadcaster: server.realtime.broadcaster },
      { overnight: null, now: () => BEFORE, log: () => {} },
    );
    try {
      const { runId, jobId } = await runner.submitPlanning({ agencyId: seeded.agencyId, days: [DAY], maxIterations: 200, requestId: 'board' });
      await until(async () => seen.find((p) => p.jobId === jobId && p.state === 'succeeded'), 'the last progress event');
      const ours = seen.filter((p) => p.jobId === jobId);
      expect(ours[0]).toMatchObject({ queue: 'planning', agencyId: seeded.agencyId, runId, state: 'running' });
      expect(ours.at(-1)).toMatchObject({ state: 'succeeded', progress: 1 });
    } finally {
      socket.close();
      await runner.close();
    }
  });
});

describeWithService(postgres.available ? redis : postgres, 'npm run worker, in its own process', () => {
  let testDb: OpenTestDb;
  let server: TestServer;
  let worker: ChildProcess | undefined;
  const prefix = uniquePrefix();
  const dataDir = mkdtempSync(join(tmpdir(), 'tournee-worker-'));
  let output = '';

  beforeAll(async () => {
    testDb = await openPostgresTestDb();
    // The board's server shares the default realtime Redis channel with the worker.
    server = await startServer(testDb.db.prisma, { redisUrl: REDIS_URL });
    // Node with tsx's loader, not the tsx CLI: the CLI runs the script in a child process a kill would orphan.
    worker = spawn(process.execPath, ['--import', 'tsx', 'server/src/jobs/worker.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        REDIS_URL,
        DATABASE_URL: testDb.url,
        QUEUE_PREFIX: prefix,
        PLANNING_AT: 'off',
        DATA_DIR: dataDir,
        AUTH_SECRET: 'worker-test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (d) => (output += String(d)));
    worker.stderr!.on('data', (d) => (output += String(d)));
    await until(async () => output.includes('ready'), `the worker to start (output: ${output})`, 60_000);
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      const exited = await Promise.race([new Promise((r) => worker!.once('exit', r)), new Promise((r) => setTimeout(r, 10_000))]);
      if (exited === undefined && worker.exitCode === null) worker.kill('SIGKILL');
    }
    await purgeQueues(REDIS_URL, prefix);
    await server?.close();
    await testDb?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('processes a job submitted by another process, with progress reaching the board, and stops cleanly', async () => {
    const prisma = testDb.db.prisma;
    const day = comingWeekday();
    const seeded = await seedAgency(prisma, 4, undefined, day);
    const { socket } = await connectClient(server.url, { token: await tokens.admin() });
    const seen = collect(socket, 'job:progress');
    const submitter = await createJobRunner(
      { config: { redisUrl: REDIS_URL }, prisma, broadcaster: recordingBroadcaster() },
      { runWorkers: false, queuePrefix: prefix, overnight: null, log: () => {} },
    );
    try {
      const { jobId, runId } = await submitter.submitPlanning({ agencyId: seeded.agencyId, days: [day], maxIterations: 200, requestId: 'elsewhere' });
      const run = await until(() => submitter.getPlanningRun(runId).then((r) => (r && r.status !== 'queued' && r.status !== 'running' ? r : null)), 'the run');
      expect(run.error).toBeNull();
      expect(run.status).toBe('succeeded');
      expect(await prisma.tourStop.count({ where: { tour: { agencyId: seeded.agencyId } } })).toBe(4);
      // The run's row commits with the plan; the job completes once the boards are told.
      const job = await until(() => submitter.getJob('planning', jobId).then((j) => (j?.state === 'completed' ? j : null)), 'the job');
      expect(job.progress).toBe(1);
      await until(async () => seen.find((p) => p.jobId === jobId && p.state === 'succeeded'), 'progress from the worker process');
    } finally {
      socket.close();
      await submitter.close();
    }

    worker!.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => worker!.once('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('stopped');
  });
});
