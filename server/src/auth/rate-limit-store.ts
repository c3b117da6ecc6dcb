// Where login rate-limit counters live. With Redis (REDIS_URL), in Redis
// through rate-limit-redis, so every server process counts the same attempts
// (issue 11: with the counters in each process's memory, N processes allowed
// N times the attempts). While Redis does not answer, the counters of this
// process's memory take over instead of failing the login with 500 or letting
// every attempt through; once Redis answers again, it is used again (its
// counters start from where they were).
import { MemoryStore, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

/** Sends one raw command (`['EVALSHA', …]`) to Redis, as node-redis's `sendCommand` does. */
export type RedisCommand = (args: string[]) => Promise<unknown>;

export function loginAttemptStore(redis: RedisCommand | undefined, prefix: string, onRedisFailure: (error: unknown) => void = () => {}): Store {
  if (!redis) return new MemoryStore();
  return new RedisOrMemoryStore(new RedisStore({ prefix, sendCommand: (...args: string[]) => redis(args) as Promise<RedisReply> }), onRedisFailure);
}

class RedisOrMemoryStore implements Store {
  private readonly memory = new MemoryStore();
  private options: Options | undefined;

  constructor(
    private readonly redis: RedisStore,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  async init(options: Options): Promise<void> {
    this.options = options;
    this.memory.init(options);
    await this.redis.init(options).catch((error: unknown) => this.onFailure(error));
  }

  async increment(key: string): Promise<IncrementResponse> {
    return this.either(
      () => this.redis.increment(key),
      () => this.memory.increment(key),
    );
  }

  async decrement(key: string): Promise<void> {
    await this.either(
      () => this.redis.decrement(key),
      () => this.memory.decrement(key),
    );
  }

  async resetKey(key: string): Promise<void> {
    this.memory.resetKey(key);
    await this.redis.resetKey(key).catch((error: unknown) => this.onFailure(error));
  }

  private async either<T>(fromRedis: () => Promise<T>, fromMemory: () => T | Promise<T>): Promise<T> {
    try {
      return await fromRedis();
    } catch (error) {
      this.onFailure(error);
      // Its scripts are loaded once, at init: load them again, for when Redis is back (without persistence it forgot them).
      if (this.options) void this.redis.init(this.options).catch(() => {});
      return fromMemory();
    }
  }
}
