// Redis for realtime: two node-redis clients (socket.io's adapter needs one
// in subscriber mode), the adapter that makes rooms span server processes,
// and a prefix so that several deployments — or test runs — share one Redis
// without hearing each other.
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient, type RedisClientType } from 'redis';
import type { RealtimeServer } from './server-types.ts';

// node-redis' generics (modules, RESP version) differ between createClient
// and duplicate(); the commands used here are the core ones.
export type RedisClient = RedisClientType;

export const DEFAULT_REDIS_PREFIX = 'tournee';

export interface RealtimeRedis {
  readonly pub: RedisClient;
  readonly sub: RedisClient;
  /** Quits both clients (after the io server closed). */
  close(): Promise<void>;
}

export async function connectRealtimeRedis(url: string): Promise<RealtimeRedis> {
  const pub = createClient({ url }) as unknown as RedisClient;
  const sub = pub.duplicate() as unknown as RedisClient;
  // Without listeners an 'error' event (Redis restarting) would crash the
  // process; node-redis reconnects by itself.
  const log = (error: unknown) => console.error('[realtime] redis:', error instanceof Error ? error.message : error);
  pub.on('error', log);
  sub.on('error', log);
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    pub,
    sub,
    async close() {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}

export function attachRedisAdapter(io: RealtimeServer, redis: RealtimeRedis, prefix: string): void {
  io.adapter(createAdapter(redis.pub, redis.sub, { key: `${prefix}:socket.io` }));
}
