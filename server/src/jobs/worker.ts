// `npm run worker`: a process that only runs jobs — planning and dispatch —
// taken from Redis, to add solving capacity next to the servers. It needs
// REDIS_URL (the queues) and DATABASE_URL (an embedded PGlite database
// belongs to one process). Boards hear its progress through the socket.io
// Redis adapter, exactly as if a server had sent it.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createRemoteBroadcaster } from '../realtime/remote.ts';
import { jobOptionsFromEnv } from './options.ts';
import { createJobRunner } from './runner.ts';

const log = (message: string) => console.log(`[worker] ${message}`);

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.redisUrl) throw new Error('npm run worker needs REDIS_URL: without Redis, the server runs its jobs itself');
  if (!config.databaseUrl) throw new Error('npm run worker needs DATABASE_URL: the embedded database cannot be shared between processes');
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  const broadcaster = await createRemoteBroadcaster(config.redisUrl, { prisma: db.prisma });
  const runner = await createJobRunner({ config, prisma: db.prisma, broadcaster }, { ...jobOptionsFromEnv(), runWorkers: true, log });
  log(`ready: processing planning and dispatch jobs (queue prefix ${process.env.QUEUE_PREFIX || 'tournee'})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing the jobs in hand`);
    await runner.close();
    await broadcaster.shutdown();
    await db.close();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
