// `npm start`: the composition root. Reads the configuration, opens (and
// migrates) the database, seeds the demo company on a first start, starts
// jobs and realtime, serves the API and the web UI, runs the position
// simulator, and shuts all of it down cleanly on SIGINT/SIGTERM.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSessions } from './auth/sessions.ts';
import { verifyToken } from './auth/tokens.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { DEMO_PASSWORD, seedDemo, type SeedResult } from './demo/seed.ts';
import { DEMO_LOGINS, demoLogins } from './demo/logins.ts';
import { startSimulator } from './demo/simulator.ts';
import { createApp, type App } from './http/app.ts';
import { pingRedis } from './http/redis-ping.ts';
import { planningRoutes } from './http/routes/planning.ts';
import { replicationRoutes } from './http/routes/replication.ts';
import { staticUi } from './http/static-ui.ts';
import { jobOptionsFromEnv } from './jobs/options.ts';
import { QueueUnavailableError } from './jobs/queue-unavailable.ts';
import { createJobRunner, type JobRunner } from './jobs/runner.ts';
import { startWorker } from './jobs/worker.ts';
import { localDay } from './planning/time.ts';
import { DEMO_TIME_ZONE } from './demo/build/context.ts';
import { createRealtime, type Realtime } from './realtime/index.ts';
import { componentLogger, logCallback, useProcessLogLevel } from './logger.ts';
import { installFaultHandlers } from './process-faults.ts';
import { createWebhookDelivery, webhookOptionsFromEnv } from './webhooks/delivery.ts';
import { withInterventionEvents } from './webhooks/intervention-events.ts';

const logger = componentLogger('server');
const log = (message: string) => logger.info(message);
const DEMO_SEED = 1;
/** After this, a shutdown that hangs gives up and exits with an error. */
const SHUTDOWN_TIMEOUT_MS = 20_000;
/** A second signal sooner than this after the first is the same request. */
const REPEAT_SIGNAL_GRACE_MS = 2_000;

interface Running {
  readonly url: string;
  stop(): Promise<void>;
}

export async function start(config: Config): Promise<Running> {
  // Each step registers its own undo, so a failure half-way releases what was opened.
  const undo: Array<[string, () => Promise<void> | void]> = [];
  const stop = async () => {
    for (const [name, fn] of undo.reverse().splice(0)) {
      try {
        await fn();
      } catch (error) {
        logger.error({ err: error }, `closing ${name} failed`);
      }
    }
  };
  try {
    const db: Database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
    undo.push(['database', () => db.close()]);
    log(
      `database: ${db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pglite` : 'PostgreSQL (DATABASE_URL)'}` +
        (db.migrations.applied.length ? `, applied ${db.migrations.applied.length} migration(s)` : ''),
    );

    let seeded: SeedResult | undefined;
    if (config.demo) seeded = await seedDemo(db.prisma, { seed: DEMO_SEED, now: config.demoNow ?? new Date(), day: config.demoDay, log });

    const httpServer: Server = createServer();
    // Stopping: HTTP stops accepting first, but its connections (websockets
    // included) only drain once realtime has disconnected the sockets, so the
    // wait for them comes after realtime's close, just before the database's.
    let drained: Promise<void> = Promise.resolve();
    undo.push(['http connections', () => drained]);
    // One session registry for REST and sockets: a revocation made through the API closes the user's sockets.
    const sessions = createSessions(db.prisma);
    const realtime: Realtime = await createRealtime({
      httpServer,
      config,
      prisma: db.prisma,
      verifyToken,
      sessions,
      log: (m) => log(`realtime: ${m}`),
      // The same namespace as `npm run worker` (REALTIME_PREFIX), so a worker's broadcasts reach this server's rooms.
      ...(process.env.REALTIME_PREFIX ? { redisPrefix: process.env.REALTIME_PREFIX } : {}),
    });
    undo.push(['realtime', () => realtime.close()]);

    // Webhooks to the company's ERP (issue 13): delivered off the request path, on BullMQ with Redis.
    const webhooks = await createWebhookDelivery({
      prisma: db.prisma,
      redisUrl: config.redisUrl,
      queuePrefix: process.env.QUEUE_PREFIX || 'tournee',
      runWorkers: config.role !== 'api',
      ...webhookOptionsFromEnv(),
      log: logCallback(componentLogger('webhooks'), 'warn'),
    });
    undo.push(['webhooks', () => webhooks.close()]);
    // Every intervention status change reaches the boards through the broadcaster: webhooks hear them there.
    const broadcaster = withInterventionEvents(db.prisma, realtime.broadcaster);

    const jobs: JobRunner = await createJobRunner(
      { config, prisma: db.prisma, broadcaster },
      // ROLE=api leaves the jobs to the worker processes: this one only queues them.
      { ...jobOptionsFromEnv(), ...(config.role === 'api' ? { runWorkers: false } : {}), log: (m) => log(`jobs: ${m}`) },
    );
    undo.push(['jobs', () => jobs.close()]);

    const app: App = createApp({
      config,
      prisma: db.prisma,
      dbKind: db.kind,
      sessions,
      broadcaster,
      // Login attempts counted in Redis, for every process alike (this process's memory while Redis is away).
      loginCounters: { redis: realtime.redisCommand, prefix: process.env.REALTIME_PREFIX || 'tournee' },
      // Degraded (503, with the reasons) while Redis is away; the server keeps serving what does not need it.
      health: {
        queue: async () => ({
          kind: jobs.mode === 'redis' ? 'redis' : 'in-process',
          ok: jobs.problem() === null && (jobs.mode === 'memory' || (await pingRedis(config.redisUrl!))),
        }),
        problems: () => [jobs.problem(), realtime.problem()].filter((p): p is string => p !== null),
      },
      routes: [
        (api) => planningRoutes(api, { prisma: db.prisma, jobs, broadcaster }),
        (api) => replicationRoutes(api, { prisma: db.prisma, broadcaster, io: realtime.io }),
      ],
      // The login screen offers the demo's accounts, flagged as such, when the database has them.
      ui: staticUi({ demoLogins: () => demoLogins(db.prisma) }),
      log: logCallback(componentLogger('http'), 'error'),
    });
    // Buffered positions are written before the database closes (undo runs in reverse).
    undo.push(['positions', () => app.close()]);
    httpServer.on('request', app.app);
    await listen(httpServer, config.port);
    undo.push(['http', () => void (drained = closeHttp(httpServer))]);
    const { port } = httpServer.address() as AddressInfo;
    const url = `http://localhost:${port}`;

    if (config.simulate) {
      const simulator = startSimulator({
        prisma: db.prisma,
        broadcaster,
        seed: DEMO_SEED,
        log: logCallback(componentLogger('simulator'), 'warn'),
      });
      undo.push(['simulator', () => simulator.stop()]);
    }

    log(`listening on ${url} (API under ${url}/api, OpenAPI at ${url}/api/openapi.json)`);
    if (config.simulate) log('position simulator on (SIMULATE=0 to switch it off)');
    if (seeded?.seeded && seeded.today && seeded.today !== localDay(new Date(), DEMO_TIME_ZONE)) {
      // DEMO_DAY=next: the demo's work is tomorrow's, say where to look.
      log(`the demo's day is ${seeded.today}: the board opens on today; ${url}/?date=${seeded.today} opens on that day`);
    }
    if (config.demo) await printDemoLogins(db);
    // Said before the demo's days are planned and its past written: both go on while the server serves (and
    // planning 5 days for 3 agencies takes a while), and whoever reads the log wants the logins as soon as it answers.
    if (seeded?.seeded && seeded.today) await planDemoDays(db, jobs, seeded.days ?? [seeded.today]);
    if (seeded?.writeHistory) {
      // The demo's past (invoices, claims) is written while the server already serves; a stop ends it after the current document.
      let stopping = false;
      const history = seeded.writeHistory({ stopped: () => stopping });
      undo.push([
        'demo history',
        () => {
          stopping = true;
          return history.then(() => {});
        },
      ]);
    }
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Plans the demo company's days (today first, then the days ahead), as the overnight run would have. */
async function planDemoDays(db: Database, jobs: JobRunner, days: string[]): Promise<void> {
  const today = days[0]!;
  const agencies = await db.prisma.agency.findMany({ select: { id: true, code: true }, orderBy: { code: 'asc' } });
  for (const agency of agencies) {
    try {
      await jobs.submitPlanning({ agencyId: agency.id, days, requestId: `demo-${today}`, timeLimitMs: 5_000, seed: DEMO_SEED });
    } catch (error) {
      // Redis down at start-up: the server still starts (degraded); the board's Optimiser plans the day later.
      if (!(error instanceof QueueUnavailableError)) throw error;
      logger.warn(`the demo's day is not planned: ${error.message}`);
      return;
    }
  }
  log(`planning ${days.length > 1 ? `${today} to ${days[days.length - 1]}` : today} for ${agencies.map((a) => a.code).join(', ')} (progress on the board)`);
}

async function printDemoLogins(db: Database): Promise<void> {
  const users = await db.prisma.user.findMany({ where: { email: { in: [...DEMO_LOGINS] } }, select: { email: true, role: true } });
  if (users.length === 0) return; // not the demo database
  log(`demo logins (password ${DEMO_PASSWORD}):`);
  for (const email of DEMO_LOGINS) {
    const user = users.find((u) => u.email === email);
    if (user) log(`  ${user.role.padEnd(10)} ${user.email}`);
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open until they time out.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
}

async function main(): Promise<void> {
  useProcessLogLevel();
  // From the start: a fatal fault during start-up exits at once; once started, it stops the server cleanly.
  const faults = { shutdown: (_reason: string, _exitCode?: number): void => process.exit(1) };
  installFaultHandlers(logger, (reason) => faults.shutdown(reason, 1));
  const config = loadConfig();
  // ROLE=worker: the jobs only, no HTTP (the same process as `npm run worker`).
  const running = config.role === 'worker' ? await startWorker(config) : await start(config);
  let stoppingSince: number | undefined;
  const shutdown = (signal: string, exitCode = 0) => {
    if (stoppingSince !== undefined) {
      // A signal to the process group can arrive twice (directly, and relayed
      // by tsx's parent process): only a later one means "exit now".
      if (Date.now() - stoppingSince < REPEAT_SIGNAL_GRACE_MS) return;
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    log(`${signal}: shutting down`);
    setTimeout(() => {
      logger.error(`shutdown took more than ${SHUTDOWN_TIMEOUT_MS / 1000} s: exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    running.stop().then(
      () => {
        log('stopped');
        process.exit(exitCode);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  faults.shutdown = shutdown;
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

// Run when executed (npm start), not when imported (tests).
if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) logger.fatal(`cannot start: ${error.message}`);
    else logger.fatal({ err: error }, 'cannot start');
    process.exit(1);
  });
}
