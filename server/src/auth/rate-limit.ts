// Login throttling against password guessing. Two limits:
// - per IP and email, counting failed attempts only, so a user who mistypes
//   twice is not locked out and an attacker cannot lock out a victim from
//   another address;
// - per IP, counting every attempt, against spraying one password over many
//   emails.
// Counters live in Redis when the server has one (rate-limit-store.ts), so
// every server process counts the same attempts; otherwise in this process.
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { loginAttemptStore, type RedisCommand } from './rate-limit-store.ts';

export interface LoginRateLimit {
  readonly windowMs: number;
  /** Failed attempts per IP and email per window. */
  readonly max: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { windowMs: 15 * 60_000, max: 10 };
const PER_IP_FACTOR = 10;

const emailOf = (req: Request): string => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
};
const ipOf = (req: Request): string => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');

const tooMany: Options['handler'] = (req, res, _next, options) => {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000));
  res
    .status(429)
    .set('Retry-After', String(seconds))
    .json({
      error: `too many login attempts: try again in ${seconds} s`,
      details: [{ path: 'email', in: 'body', message: 'too many attempts for this email from your address' }],
    });
};

export interface LoginCounters {
  /** Redis to keep the counters in (shared by every process); absent: this process's memory. */
  readonly redis?: RedisCommand | undefined;
  /** Namespaces the Redis keys (as REDIS prefixes do for queues and rooms). */
  readonly prefix?: string;
  readonly onRedisFailure?: (error: unknown) => void;
}

export function loginRateLimiters(limit: LoginRateLimit = DEFAULT_LOGIN_RATE_LIMIT, counters: LoginCounters = {}): RequestHandler[] {
  const common = { windowMs: limit.windowMs, standardHeaders: 'draft-8' as const, legacyHeaders: false, handler: tooMany };
  const store = (name: string) => loginAttemptStore(counters.redis, `${counters.prefix ?? 'tournee'}:login-limit:${name}:`, counters.onRedisFailure);
  return [
    rateLimit({ ...common, limit: limit.max * PER_IP_FACTOR, keyGenerator: ipOf, store: store('ip') }),
    rateLimit({ ...common, limit: limit.max, skipSuccessfulRequests: true, keyGenerator: (req) => `${ipOf(req)}|${emailOf(req)}`, store: store('ip-email') }),
  ];
}
