// The server's configuration, read once from the environment at start-up.
// Every entry point (server, worker, tests) goes through loadConfig so that the
// README's variables mean the same thing everywhere.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_DAY_RULES, type DemoDayRule } from './demo/build/context.ts';

/**
 * What a process of a deployment does (ROLE). `all`: the API, the board and
 * the jobs in one process (the default, and the only choice on the embedded
 * database); `api`: the API and the board, its jobs left to workers; `worker`:
 * jobs only, no HTTP (what `npm run worker` runs). Several `api` and `worker`
 * processes share one PostgreSQL and one Redis.
 */
export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export interface Config {
  /** ROLE: what this process runs. */
  readonly role: Role;
  /** PORT; 0 asks the OS for a free port (tests). */
  readonly port: number;
  /** DATABASE_URL; absent → embedded PGlite under dataDir. */
  readonly databaseUrl: string | undefined;
  /** REDIS_URL; absent → jobs run in-process and sockets stay local. */
  readonly redisUrl: string | undefined;
  /** DATA_DIR, resolved to an absolute path. */
  readonly dataDir: string;
  /**
   * DEMO: seed the demo company (and its accounts, whose password is public)
   * when the database is empty. Default: on for the embedded database only;
   * with DATABASE_URL only when asked (DEMO=1); refused under
   * NODE_ENV=production.
   */
  readonly demo: boolean;
  /** SIMULATE: move technicians along their tours; defaults to `demo`. */
  readonly simulate: boolean;
  /**
   * DEMO_DAY: which day the demo company's work is seeded for. `auto`: today
   * as a day under way whatever the hour (the visits before now done or in
   * progress, the rest to plan), the next working days booked, and the past
   * days' done visits, invoices and warranty claims; `next`: always tomorrow, a whole day
   * ahead whatever the hour (the board's browser tests); `today`: always today,
   * shifts included even on a weekend, however late (the technician app's
   * browser tests, whose app opens on today). The last two make the tests
   * independent of the hour they run at.
   */
  readonly demoDay: DemoDayRule;
  /**
   * DEMO_NOW (ISO instant, tests only): the instant the demo company is seeded
   * as of, instead of the clock — e.g. a late hour, to see the demo a user
   * starting it in the evening meets. Only the seed reads it: planning, the
   * simulator and the board keep the real clock.
   */
  readonly demoNow: Date | undefined;
  /** AUTH_SECRET, or the one persisted in `${dataDir}/auth-secret`. */
  readonly authSecret: string;
  /**
   * TRUST_PROXY: Express's `trust proxy` — which reverse proxies' X-Forwarded-*
   * headers are believed (client IP for rate limits, HTTPS for the Secure
   * cookie). false (default): none, the socket's peer is the client; a number:
   * that many proxies in front; or addresses/subnets (`loopback`, `10.0.0.0/8`).
   */
  readonly trustProxy: boolean | number | string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR || './data');
  const demo = parseDemo(env);
  const role = parseRole(env);
  return {
    role,
    port: parsePort(env.PORT),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir,
    demo,
    simulate: parseBoolean(env, 'SIMULATE', demo),
    demoDay: parseDemoDay(env.DEMO_DAY),
    demoNow: parseDemoNow(env.DEMO_NOW),
    authSecret: env.AUTH_SECRET || persistedSecret(dataDir),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}

// The demo's accounts (admin included) share the public password tournee-demo:
// a production database must never get them by default (issue 11).
function parseDemo(env: NodeJS.ProcessEnv): boolean {
  const production = env.NODE_ENV?.trim().toLowerCase() === 'production';
  const demo = parseBoolean(env, 'DEMO', !env.DATABASE_URL && !production);
  if (demo && production) {
    throw new ConfigError(
      'DEMO is refused with NODE_ENV=production: the demo accounts share the public password tournee-demo. Unset DEMO (or NODE_ENV to try the demo)',
    );
  }
  return demo;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  const value = raw?.trim().toLowerCase();
  if (!value || FALSE.has(value)) return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'yes' || value === 'on') return true;
  const entries = value.split(',').map((s) => s.trim());
  const bad = entries.find((e) => !PROXY_NAMES.has(e) && !/^[0-9a-f:.]+(\/\d{1,3})?$/.test(e));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY must be false, a number of proxies, true, or addresses/subnets (loopback, 10.0.0.0/8, …), got "${raw}" ("${bad}" is none of these)`,
    );
  }
  return entries.join(',');
}

function parseRole(env: NodeJS.ProcessEnv): Role {
  const raw = env.ROLE?.trim().toLowerCase() || 'all';
  if (!(ROLES as readonly string[]).includes(raw)) throw new ConfigError(`ROLE must be one of ${ROLES.join(', ')}, got "${env.ROLE}"`);
  const role = raw as Role;
  // Without Redis the queue lives in the process's memory: an api process would never see its jobs run, a worker none to run.
  if (role !== 'all' && !env.REDIS_URL) throw new ConfigError(`ROLE=${role} needs REDIS_URL: without Redis, one process runs the API and its jobs (ROLE=all)`);
  if (role !== 'all' && !env.DATABASE_URL) throw new ConfigError(`ROLE=${role} needs DATABASE_URL: the embedded database belongs to one process`);
  return role;
}

function parseDemoDay(value: string | undefined): DemoDayRule {
  if (value === undefined || value.trim() === '') return 'auto';
  const rule = value.trim().toLowerCase();
  if ((DEMO_DAY_RULES as readonly string[]).includes(rule)) return rule as DemoDayRule;
  throw new ConfigError(`DEMO_DAY must be one of ${DEMO_DAY_RULES.join(', ')}, got "${value}"`);
}

function parseDemoNow(value: string | undefined): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const instant = new Date(value.trim());
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim()) || Number.isNaN(instant.getTime())) {
    throw new ConfigError(`DEMO_NOW must be an ISO instant such as 2026-12-08T17:30:00Z, got "${value}"`);
  }
  return instant;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
}

function parseBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new ConfigError(`${name} must be one of 1/0, true/false, yes/no, on/off, got "${raw}"`);
}

// A secret generated on first start and kept next to the data, so that tokens
// survive restarts and a worker process on the same machine agrees with the
// server. The `wx` flag makes concurrent first starts converge on one file.
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'auth-secret');
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readSecret(file);
  if (!secret) throw new ConfigError(`${file} is empty: delete it or set AUTH_SECRET`);
  return secret;
}

function readSecret(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
