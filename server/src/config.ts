// The server's configuration, read once from the environment at start-up.
// Every entry point (server, worker, tests) goes through loadConfig so that the
// README's variables mean the same thing everywhere.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_DAY_RULES, type DemoDayRule } from './demo/build/context.ts';

export interface Config {
  /** PORT; 0 asks the OS for a free port (tests). */
  readonly port: number;
  /** DATABASE_URL; absent → embedded PGlite under dataDir. */
  readonly databaseUrl: string | undefined;
  /** REDIS_URL; absent → jobs run in-process and sockets stay local. */
  readonly redisUrl: string | undefined;
  /** DATA_DIR, resolved to an absolute path. */
  readonly dataDir: string;
  /** DEMO: seed the demo company when the database is empty. */
  readonly demo: boolean;
  /** SIMULATE: move technicians along their tours; defaults to `demo`. */
  readonly simulate: boolean;
  /**
   * DEMO_DAY: which day the demo company's work is seeded for. `auto`: today,
   * or tomorrow once today is nearly over; `next`: always tomorrow, a whole day
   * ahead whatever the hour (the board's browser tests); `today`: always today,
   * shifts included even on a weekend, however late (the technician app's
   * browser tests, whose app opens on today). The last two make the tests
   * independent of the hour they run at.
   */
  readonly demoDay: DemoDayRule;
  /** AUTH_SECRET, or the one persisted in `${dataDir}/auth-secret`. */
  readonly authSecret: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR || './data');
  const demo = parseBoolean(env, 'DEMO', true);
  return {
    port: parsePort(env.PORT),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir,
    demo,
    simulate: parseBoolean(env, 'SIMULATE', demo),
    demoDay: parseDemoDay(env.DEMO_DAY),
    authSecret: env.AUTH_SECRET || persistedSecret(dataDir),
  };
}

function parseDemoDay(value: string | undefined): DemoDayRule {
  if (value === undefined || value.trim() === '') return 'auto';
  const rule = value.trim().toLowerCase();
  if ((DEMO_DAY_RULES as readonly string[]).includes(rule)) return rule as DemoDayRule;
  throw new ConfigError(`DEMO_DAY must be one of ${DEMO_DAY_RULES.join(', ')}, got "${value}"`);
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
