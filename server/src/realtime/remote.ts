// A broadcaster for processes without an HTTP server (BullMQ workers, scripts):
// a socket.io Server that accepts no connections, whose Redis adapter
// publishes every broadcast to the server processes holding the sockets.
// Sequences come from the same Redis counters, outbox rows from the same
// database, so boards cannot tell which process emitted.
import { Server } from 'socket.io';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createBroadcaster, type Broadcaster } from './broadcaster.ts';
import { createOutbox } from './outbox.ts';
import { attachRedisAdapter, connectRealtimeRedis, DEFAULT_REDIS_PREFIX } from './redis.ts';
import { fallbackSequencer, memorySequencer, redisSequencer } from './sequencer.ts';
import type { RealtimeServer } from './server-types.ts';

export interface RemoteBroadcasterOptions {
  /** Needed for assignmentPushed (the outbox lives in the database). */
  readonly prisma?: PrismaClient;
  readonly redisPrefix?: string;
  readonly frameIntervalMs?: number;
}

export interface RemoteBroadcaster extends Broadcaster {
  /** Sends pending frames, then disconnects from Redis. */
  shutdown(): Promise<void>;
}

export async function createRemoteBroadcaster(redisUrl: string, options: RemoteBroadcasterOptions = {}): Promise<RemoteBroadcaster> {
  const prefix = options.redisPrefix ?? DEFAULT_REDIS_PREFIX;
  const redis = await connectRealtimeRedis(redisUrl);
  const io: RealtimeServer = new Server();
  attachRedisAdapter(io, redis, prefix);
  const broadcaster = createBroadcaster({
    io,
    sequencer: fallbackSequencer(redisSequencer(redis.pub, prefix), memorySequencer(), () => {}),
    outbox: options.prisma ? createOutbox(options.prisma) : undefined,
    frames: { intervalMs: options.frameIntervalMs },
  });
  let closing: Promise<void> | undefined;
  return {
    ...broadcaster,
    shutdown: () =>
      (closing ??= (async () => {
        broadcaster.close();
        await io.of('/').adapter.close();
        await redis.close();
      })()),
  };
}
