// Security headers (issue 11, "Deployment"): nosniff, a Content-Security-Policy
// the built UI works with (the board loading under it is checked by the
// browser tests), HSTS only over HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { tileOrigin } from '../../src/http/security-headers.ts';
import { listen, openPglite, request, TEST_SECRET } from './harness.ts';

describe('tileOrigin', () => {
  it('gives the origin of a tile URL template, subdomain placeholders as wildcards', () => {
    expect(tileOrigin('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://*.tile.openstreetmap.org');
    expect(tileOrigin('http://tiles.local:8080/styles/basic/{z}/{x}/{y}.png')).toBe('http://tiles.local:8080');
    expect(tileOrigin(undefined)).toBeNull();
    expect(tileOrigin('  ')).toBeNull();
    expect(tileOrigin('javascript:alert(1)')).toBeNull();
  });
});

describe('security headers', () => {
  let opened: Awaited<ReturnType<typeof openPglite>>;
  let server: Awaited<ReturnType<typeof listen>>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    opened = await openPglite();
    const app = createApp({
      config: { authSecret: TEST_SECRET, redisUrl: undefined, trustProxy: 'loopback' },
      prisma: opened.db.prisma,
      dbKind: opened.db.kind,
      log: () => {},
    });
    server = await listen(app);
    close = () => app.close();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await close?.();
    await opened?.cleanup();
  });

  it('sends nosniff, no framing by others and a CSP allowing only this origin (and the tile server)', async () => {
    const res = await request(server.url, 'GET', '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const csp = Object.fromEntries(
      res.headers
        .get('content-security-policy')!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    // OpenStreetMap's tiles unless TILE_URL says otherwise (map-tiles.test.ts).
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://tile.openstreetmap.org']);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'self'"]);
    // A plain-HTTP deployment inside a company network must keep working.
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
  });

  it('sends HSTS over HTTPS only (here: a trusted proxy saying so)', async () => {
    expect((await request(server.url, 'GET', '/api/health')).headers.get('strict-transport-security')).toBeNull();
    const overHttps = await request(server.url, 'GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(overHttps.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });
});
