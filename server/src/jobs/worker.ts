// The worker role: a process that only runs jobs — planning and dispatch —
// taken from Redis, to add solving capacity next to the API processes
// (`ROLE=worker npm start`, or `npm run worker`). It needs REDIS_URL (the
// queues) and DATABASE_URL (an embedded PGlite database belongs to one
// process). Boards hear its progress through the socket.io Redis adapter,
// exactly as if an API process had sent it.
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createRemoteBroadcaster } from '../realtime/remote.ts';
import { jobOptionsFromEnv } from './options.ts';
import { createJobRunner } from './runner.ts';
import { createWebhookDelivery, webhookOptionsFromEnv } from '../webhooks/delivery.ts';
import { withInterventionEvents } from '../webhooks/intervention-events.ts';
import { componentLogger, useProcessLogLevel } from '../logger.ts';
import { installFaultHandlers } from '../process-faults.ts';

const logger = componentLogger('worker');
const log = (message: string) => logger.info(message);

export interface RunningWorker {
  /** Finishes the jobs in hand, then lets go of Redis and the database. */
  stop(): Promise<void>;
}

export async function startWorker(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<RunningWorker> {
  if (!config.redisUrl) throw new ConfigError('a worker needs REDIS_URL: without Redis, the server runs its jobs itself');
  if (!config.databaseUrl) throw new ConfigError('a worker needs DATABASE_URL: the embedded database cannot be shared between processes');
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  // The same realtime namespace as the API processes (REALTIME_PREFIX), or boards would not hear this worker.
  const broadcaster = await createRemoteBroadcaster(config.redisUrl, {
    prisma: db.prisma,
    ...(env.REALTIME_PREFIX ? { redisPrefix: env.REALTIME_PREFIX } : {}),
  });
  // Webhooks (issue 13): this worker delivers them too, and publishes the plans it stores.
  const webhooks = await createWebhookDelivery({
    prisma: db.prisma,
    redisUrl: config.redisUrl,
    queuePrefix: env.QUEUE_PREFIX || 'tournee',
    ...webhookOptionsFromEnv(env),
    log: (message, error) => logger.warn({ err: error }, message),
  });
  const runner = await createJobRunner(
    { config, prisma: db.prisma, broadcaster: withInterventionEvents(db.prisma, broadcaster) },
    { ...jobOptionsFromEnv(env), runWorkers: true, log },
  );
  log(`ready: processing planning and dispatch jobs (queue prefix ${env.QUEUE_PREFIX || 'tournee'})`);
  let stopping: Promise<void> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        await runner.close();
        await webhooks.close();
        await broadcaster.shutdown();
        await db.close();
      })()),
  };
}

async function main(): Promise<void> {
  useProcessLogLevel();
  // As the server does: rejections and connection errors are logged, any other uncaught exception stops the worker (exit 1).
  const faults = { stop: (_reason: string, _exitCode?: number): void => process.exit(1) };
  installFaultHandlers(logger, (reason) => faults.stop(reason, 1));
  const worker = await startWorker(loadConfig({ ...process.env, ROLE: 'worker' }));
  const stop = (signal: string, exitCode = 0) => {
    log(`${signal}: finishing the jobs in hand`);
    void worker.stop().then(
      () => {
        log('stopped');
        process.exit(exitCode);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  faults.stop = stop;
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// Run when executed (npm run worker), not when imported (npm start with ROLE=worker).
if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) logger.fatal(`cannot start: ${error.message}`);
    else logger.fatal({ err: error }, 'cannot start');
    process.exit(1);
  });
}
