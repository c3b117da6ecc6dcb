// The service probes themselves: they must tell "not there" apart from
// "there", with a reason a developer can act on.
import { describe, expect, it } from 'vitest';
import { checkPostgres, checkRedis, describeWithService } from './services.ts';

describe('service probes', () => {
  it('report a closed port as unavailable, saying why', async () => {
    const [postgres, redis] = await Promise.all([checkPostgres('postgresql://postgres@127.0.0.1:1/postgres'), checkRedis('redis://127.0.0.1:1')]);
    expect(postgres).toMatchObject({ service: 'PostgreSQL', available: false });
    expect(postgres.reason).toMatch(/127\.0\.0\.1:1.*ECONNREFUSED/);
    expect(redis).toMatchObject({ service: 'Redis', available: false });
    expect(redis.reason).toMatch(/ECONNREFUSED/);
  });
});

const redis = await checkRedis();
describeWithService(redis, 'Redis probe', () => {
  it('gets PONG from the configured Redis', () => {
    expect(redis).toEqual({ service: 'Redis', available: true, reason: '' });
  });
});
