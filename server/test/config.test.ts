import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tournee-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      role: 'all',
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: dir,
      demo: true,
      simulate: true,
      demoDay: 'auto',
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({ PORT: '0', DATABASE_URL: 'postgresql://x/y', REDIS_URL: 'redis://r', DATA_DIR: dir, DEMO: 'off', DEMO_DAY: 'next', AUTH_SECRET: 's3cret' }),
    ).toEqual({
      role: 'all',
      port: 0,
      databaseUrl: 'postgresql://x/y',
      redisUrl: 'redis://r',
      dataDir: dir,
      demo: false,
      simulate: false,
      demoDay: 'next',
      authSecret: 's3cret',
      trustProxy: false,
    });
    expect(loadConfig({ DATA_DIR: dir, DEMO: '1', SIMULATE: 'false', AUTH_SECRET: 's' })).toMatchObject({ demo: true, simulate: false });
  });

  it('refuses nonsense with the variable named', () => {
    expect(() => loadConfig({ DATA_DIR: dir, PORT: 'http' })).toThrow('PORT must be an integer between 0 and 65535, got "http"');
    expect(() => loadConfig({ DATA_DIR: dir, DEMO: 'maybe' })).toThrow(/^DEMO must be one of/);
    expect(() => loadConfig({ DATA_DIR: dir, DEMO_DAY: 'monday' })).toThrow('DEMO_DAY must be one of auto, next, today, got "monday"');
    expect(() => loadConfig({ DATA_DIR: dir, DEMO_NOW: '18:30' })).toThrow('DEMO_NOW must be an ISO instant');
    expect(loadConfig({ DATA_DIR: dir, DEMO_NOW: '2026-12-08T17:30:00Z' }).demoNow).toEqual(new Date('2026-12-08T17:30:00Z'));
  });

  it('seeds the demo by default on the embedded database only, on PostgreSQL only when asked, never in production', () => {
    expect(loadConfig({ DATA_DIR: dir, AUTH_SECRET: 's' }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, AUTH_SECRET: 's', DATABASE_URL: 'postgresql://x/y' })).toMatchObject({ demo: false, simulate: false });
    expect(loadConfig({ DATA_DIR: dir, AUTH_SECRET: 's', DATABASE_URL: 'postgresql://x/y', DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, AUTH_SECRET: 's', NODE_ENV: 'production' }).demo).toBe(false);
    expect(() => loadConfig({ DATA_DIR: dir, AUTH_SECRET: 's', NODE_ENV: 'production', DEMO: '1' })).toThrow(
      /^DEMO is refused with NODE_ENV=production: the demo accounts share the public password/,
    );
  });

  it('reads TRUST_PROXY as Express understands it, and refuses what is not an address', () => {
    const base = { DATA_DIR: dir, AUTH_SECRET: 's' };
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'nginx' })).toThrow(
      /^TRUST_PROXY must be false, a number of proxies, true, or addresses\/subnets .*"nginx" is none of these/,
    );
  });

  it('reads ROLE, and refuses a split role without the shared database and Redis it needs', () => {
    const shared = { DATA_DIR: dir, AUTH_SECRET: 's', DATABASE_URL: 'postgresql://x/y', REDIS_URL: 'redis://r' };
    expect(loadConfig({ ...shared, ROLE: 'api' }).role).toBe('api');
    expect(loadConfig({ ...shared, ROLE: ' Worker ' }).role).toBe('worker');
    expect(loadConfig({ DATA_DIR: dir, AUTH_SECRET: 's', ROLE: 'all' }).role).toBe('all');
    expect(() => loadConfig({ ...shared, ROLE: 'both' })).toThrow('ROLE must be one of all, api, worker, got "both"');
    expect(() => loadConfig({ ...shared, ROLE: 'api', REDIS_URL: '' })).toThrow(/^ROLE=api needs REDIS_URL/);
    expect(() => loadConfig({ ...shared, ROLE: 'worker', DATABASE_URL: '' })).toThrow(/^ROLE=worker needs DATABASE_URL/);
  });

  it('generates the auth secret once, persists it privately, and reuses it', () => {
    const first = loadConfig({ DATA_DIR: join(dir, 'fresh') }).authSecret;
    expect(first.length).toBeGreaterThanOrEqual(40);
    const file = join(dir, 'fresh', 'auth-secret');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: join(dir, 'fresh') }).authSecret).toBe(first);
  });
});
