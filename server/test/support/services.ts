// Which external services the tests can use. PostgreSQL and Redis are
// expected on the developer's machine and in CI; a laptop without them still
// runs everything else. Rule: unreachable → the suite is skipped with a plain
// message saying why, except when CI=true, where it fails (a CI job that
// silently skipped its database tests would be green for nothing).
import { Socket } from 'node:net';
import pg from 'pg';
import { describe, it } from 'vitest';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const PROBE_TIMEOUT_MS = 2_000;

export interface ServiceStatus {
  readonly service: 'PostgreSQL' | 'Redis';
  readonly available: boolean;
  /** Why it is unavailable (empty when available). */
  readonly reason: string;
}

export async function checkPostgres(url: string = POSTGRES_ADMIN_URL): Promise<ServiceStatus> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { service: 'PostgreSQL', available: true, reason: '' };
  } catch (error) {
    return { service: 'PostgreSQL', available: false, reason: `cannot use ${redact(url)}: ${describeError(error)}` };
  } finally {
    await client.end().catch(() => {});
  }
}

/** A PING over a raw socket: no Redis client needed to decide whether to run. */
export function checkRedis(url: string = REDIS_URL): Promise<ServiceStatus> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (available: boolean, reason: string) => {
      socket.destroy();
      resolve({ service: 'Redis', available, reason: available ? '' : `cannot use ${redact(url)}: ${reason}` });
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false, `no answer within ${PROBE_TIMEOUT_MS} ms`));
    socket.once('error', (error) => done(false, describeError(error)));
    socket.once('data', (data) => {
      const reply = data.toString().trim();
      done(reply === '+PONG', reply);
    });
    socket.connect(Number(port || 6379), hostname || '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

export const isCI = (): boolean => process.env.CI === 'true';

/**
 * `describe` that runs when the service is available; otherwise skips with a
 * console message, or — under CI=true — registers one failing test instead.
 */
export function describeWithService(status: ServiceStatus, name: string, body: () => void): void {
  if (status.available) {
    describe(name, body);
  } else if (isCI()) {
    describe(name, () => {
      it(`needs ${status.service} (CI=true: unavailable services fail the run)`, () => {
        throw new Error(`${status.service} unavailable: ${status.reason}`);
      });
    });
  } else {
    console.log(`[skipped] ${name}: ${status.service} unavailable (${status.reason}). Set CI=true to make this a failure.`);
    describe.skip(name, body);
  }
}

function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
