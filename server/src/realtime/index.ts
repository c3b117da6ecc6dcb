// Realtime for the server process: socket.io on the HTTP server, handshake
// authenticated with the REST token, rooms per agency, sector and technician,
// and the broadcaster the rest of the server emits through. With REDIS_URL,
// the Redis adapter makes every room span all server and worker processes.
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { Sessions } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createBroadcaster, type Broadcaster } from './broadcaster.ts';
import { onConnection } from './connection.ts';
import { handshakeMiddleware, type VerifyToken } from './handshake.ts';
import { createOutbox } from './outbox.ts';
import { createPlanWatch, DEFAULT_RESYNC_INTERVAL_MS } from './plan-watch.ts';
import { loadPlanSnapshot } from './plan-views.ts';
import { attachRedisAdapter, connectRealtimeRedis, DEFAULT_REDIS_PREFIX } from './redis.ts';
import { fallbackSequencer, memorySequencer, redisSequencer } from './sequencer.ts';
import { guardSessions } from './session-guard.ts';
import type { RealtimeServer } from './server-types.ts';
import { componentLogger } from '../logger.ts';

export type { Broadcaster } from './broadcaster.ts';
export { createRemoteBroadcaster } from './remote.ts';
export { planChangeFor, loadPlanSnapshot, loadTourViews, loadInterventionViews } from './plan-views.ts';

export interface RealtimeOptions {
  readonly httpServer: HttpServer;
  readonly config: Pick<Config, 'redisUrl' | 'authSecret'>;
  readonly prisma: PrismaClient;
  readonly verifyToken: VerifyToken;
  /**
   * Session revocation shared with the REST app: handshakes and every event
   * are checked, and a revoked user's sockets disconnected. main.ts always
   * passes it; tests of realtime alone, with tokens of users not in the
   * database, leave it out.
   */
  readonly sessions?: Sessions;
  /** Namespaces Redis keys and channels (tests use a unique one). */
  readonly redisPrefix?: string;
  /** How long a position may wait for its frame (default 100 ms). */
  readonly frameIntervalMs?: number;
  /** Period of the full plan resync to watching boards (default 60 s). */
  readonly resyncIntervalMs?: number;
  /** How long start-up waits for Redis before going on without it (degraded). */
  readonly redisConnectTimeoutMs?: number;
  /** Passed to socket.io (path, cors, ...). */
  readonly serverOptions?: Partial<ServerOptions>;
  readonly log?: (message: string) => void;
}

export interface Realtime {
  readonly broadcaster: Broadcaster;
  readonly io: RealtimeServer;
  /** Null when healthy; why not otherwise (Redis configured but unreachable). */
  problem(): string | null;
  /** One raw command to realtime's Redis (login counters share its connection); absent without Redis. */
  readonly redisCommand: ((args: string[]) => Promise<unknown>) | undefined;
  /** Disconnects the sockets and Redis; the HTTP server stays the caller's to close. */
  close(): Promise<void>;
}

export async function createRealtime(options: RealtimeOptions): Promise<Realtime> {
  const { httpServer, config, prisma, verifyToken } = options;
  const logger = componentLogger('realtime');
  const log = options.log ?? ((message: string) => logger.info(message));
  const prefix = options.redisPrefix ?? DEFAULT_REDIS_PREFIX;

  const io: RealtimeServer = new Server(httpServer, { ...options.serverOptions });
  const redis = config.redisUrl ? await connectRealtimeRedis(config.redisUrl, { connectTimeoutMs: options.redisConnectTimeoutMs }) : undefined;
  if (redis) attachRedisAdapter(io, redis, prefix);
  const sequencer = redis
    ? fallbackSequencer(redisSequencer(redis.pub, prefix), memorySequencer(), (error) =>
        logger.debug({ err: error }, 'plan sequence drawn locally: Redis unreachable'),
      )
    : memorySequencer();
  const outbox = createOutbox(prisma);
  const broadcaster = createBroadcaster({ io, sequencer, outbox, frames: { intervalMs: options.frameIntervalMs } });
  const loadSnapshot = (agencyId: string, date: string, reason: 'requested' | 'periodic' = 'requested') =>
    loadPlanSnapshot(prisma, sequencer, agencyId, date, reason);
  const planWatch = createPlanWatch({
    intervalMs: options.resyncIntervalMs ?? DEFAULT_RESYNC_INTERVAL_MS,
    load: (agencyId, date) => loadSnapshot(agencyId, date, 'periodic'),
    maxPerSocket: 31,
    log,
  });

  io.use(handshakeMiddleware({ verifyToken, secret: config.authSecret, prisma, sessions: options.sessions }));
  const unguard = options.sessions ? guardSessions(io, { sessions: options.sessions, verifyToken, secret: config.authSecret, log }) : () => {};
  io.on('connection', (socket) => onConnection(socket, { prisma, outbox, planWatch, loadSnapshot, log }));

  let closing: Promise<void> | undefined;
  return {
    broadcaster,
    io,
    problem: () => redis?.problem() ?? null,
    redisCommand: redis ? (args) => redis.pub.sendCommand(args) : undefined,
    close: () =>
      (closing ??= (async () => {
        unguard();
        broadcaster.close();
        planWatch.close();
        io.local.disconnectSockets(true);
        await io.of('/').adapter.close();
        io.engine?.close();
        await redis?.close();
      })()),
  };
}
