// Redis for realtime: two node-redis clients (socket.io's adapter needs one
// in subscriber mode), the adapter that makes rooms span server processes,
// and a prefix so that several deployments — or test runs — share one Redis
// without hearing each other.
//
// Redis may be down when the server starts, or go away later (issue 11): the
// server must keep serving its own sockets meanwhile. So connecting waits at
// most `connectTimeoutMs` and then goes on without Redis (node-redis keeps
// reconnecting in the background); the publishing client fails fast while
// disconnected instead of queueing commands that would time out later; and
// every command the adapter fires and forgets is caught here, since the
// adapter does not catch them itself and an unhandled rejection would end the
// process.
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient, type RedisClientType } from 'redis';
import { componentLogger } from '../logger.ts';
import type { RealtimeServer } from './server-types.ts';
import { withinTime } from '../within-time.ts';

// node-redis' generics (modules, RESP version) differ between createClient
// and duplicate(); the commands used here are the core ones.
export type RedisClient = RedisClientType;

export const DEFAULT_REDIS_PREFIX = 'tournee';
/** How long start-up waits for Redis before going on degraded. */
export const DEFAULT_REDIS_CONNECT_TIMEOUT_MS = 3_000;
/** A command of a connected but unresponsive Redis fails after this. */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;
/** Reconnection attempts back off up to this interval. */
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface RealtimeRedis {
  readonly pub: RedisClient;
  readonly sub: RedisClient;
  /** Both clients connected: broadcasts reach the other processes. */
  isReady(): boolean;
  /** Why not, for the health check (null when ready). */
  problem(): string | null;
  /** Called each time both clients are (again) connected. */
  onReady(listener: () => void): void;
  /** Quits both clients (after the io server closed). */
  close(): Promise<void>;
}

export interface RealtimeRedisOptions {
  readonly connectTimeoutMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export async function connectRealtimeRedis(url: string, options: RealtimeRedisOptions = {}): Promise<RealtimeRedis> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_REDIS_CONNECT_TIMEOUT_MS;
  const logger = componentLogger('redis');
  const log = options.log ?? ((message: string, error?: unknown) => (error ? logger.warn({ err: error }, message) : logger.info(message)));
  const socket = { connectTimeout: connectTimeoutMs, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS) };
  const pub = createClient({ url, socket, disableOfflineQueue: true, commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS } }) as unknown as RedisClient;
  // The subscriber keeps its offline queue: its SUBSCRIBE commands wait for the connection and are replayed on reconnect.
  // No command timeout for it either: a queued SUBSCRIBE must not fail while Redis is away.
  const sub = pub.duplicate({ disableOfflineQueue: false, commandOptions: { timeout: undefined } }) as unknown as RedisClient;

  // One line when an outage starts and one when it ends, not one per reconnection attempt.
  let lastError: string | null = 'connecting';
  let down = false;
  const readyListeners: Array<() => void> = [];
  const onError = (which: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message || error.name : String(error);
    lastError = `${which}: ${message}`;
    if (!down) log(`Redis unreachable (${url.replace(/\/\/[^@]*@/, '//***@')}): ${message}; realtime stays local to this process until it returns`);
    down = true;
  };
  const onReady = () => {
    if (!pub.isReady || !sub.isReady) return;
    if (down) log('Redis is back: realtime spans every process again');
    down = false;
    lastError = null;
    for (const listener of readyListeners) listener();
  };
  // Without listeners an 'error' event would crash the process.
  pub.on('error', onError('publisher'));
  sub.on('error', onError('subscriber'));
  pub.on('ready', onReady);
  sub.on('ready', onReady);

  const connected = await withinTime(Promise.all([pub.connect(), sub.connect()]), connectTimeoutMs);
  if (!connected) {
    if (!down) log(`Redis did not answer within ${connectTimeoutMs} ms: starting without it (degraded), still trying`);
    down = true;
  }
  return {
    pub: catching(pub, PUBLISH_COMMANDS, (error) => onError('publish')(error)),
    sub: catching(sub, SUBSCRIBE_COMMANDS, (error) => onError('subscribe')(error)),
    isReady: () => pub.isReady && sub.isReady,
    problem: () => (pub.isReady && sub.isReady ? null : `Redis (realtime) unreachable: ${lastError ?? 'connecting'}`),
    onReady: (listener) => void readyListeners.push(listener),
    async close() {
      // close() waits for pending replies; destroy() is for clients that never connected.
      await Promise.allSettled([pub, sub].map((c) => (c.isReady ? c.close() : Promise.resolve(c.destroy()))));
    },
  };
}

export function attachRedisAdapter(io: RealtimeServer, redis: RealtimeRedis, prefix: string): void {
  io.adapter(createAdapter(redis.pub, redis.sub, { key: `${prefix}:socket.io` }));
}

// The commands the adapter sends without awaiting them.
const PUBLISH_COMMANDS = new Set<PropertyKey>(['publish', 'PUBLISH', 'sPublish', 'SPUBLISH']);
const SUBSCRIBE_COMMANDS = new Set<PropertyKey>([
  'subscribe',
  'SUBSCRIBE',
  'pSubscribe',
  'PSUBSCRIBE',
  'sSubscribe',
  'SSUBSCRIBE',
  'unsubscribe',
  'UNSUBSCRIBE',
  'pUnsubscribe',
  'PUNSUBSCRIBE',
  'sUnsubscribe',
  'SUNSUBSCRIBE',
]);

/**
 * A client as the adapter sees it: the fire-and-forget `commands` never
 * reject (a broadcast that cannot reach Redis still reaches this process's
 * sockets; the others' boards resync from the database when Redis returns).
 * Everything else is the client itself.
 */
function catching(client: RedisClient, commands: ReadonlySet<PropertyKey>, onFailure: (error: unknown) => void): RedisClient {
  return new Proxy(client, {
    get(target, property) {
      if (commands.has(property)) {
        const command = Reflect.get(target, property, target) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) =>
          command.apply(target, args).catch((error: unknown) => {
            onFailure(error);
            return 0;
          });
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
