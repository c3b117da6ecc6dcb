// The map's tile source (issue 12, "a real map"): OpenStreetMap by default,
// a deployment's own TILE_URL, "off" for the offline outline only, bad values
// refused with the variable's name — and the CSP always allowing the host the
// UI is told to load tiles from.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { OPENSTREETMAP_TILES, TileConfigError, tileSourceFromEnv } from '../../src/http/map-tiles.ts';
import { securityHeaders } from '../../src/http/security-headers.ts';
import { uiConfigFromEnv } from '../../src/http/static-ui.ts';

describe('tileSourceFromEnv', () => {
  it('defaults to OpenStreetMap with its attribution', () => {
    expect(tileSourceFromEnv({})).toEqual(OPENSTREETMAP_TILES);
    expect(tileSourceFromEnv({ TILE_URL: '  ' })).toEqual(OPENSTREETMAP_TILES);
    expect(OPENSTREETMAP_TILES.attribution).toContain('OpenStreetMap');
    expect(uiConfigFromEnv({}).tiles?.url).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
  });

  it('takes a deployment tile server with its attribution and zoom', () => {
    expect(tileSourceFromEnv({ TILE_URL: 'http://tiles.local:8080/{z}/{x}/{y}.png', TILE_ATTRIBUTION: '© IGN', TILE_MAX_ZOOM: '17' })).toEqual({
      url: 'http://tiles.local:8080/{z}/{x}/{y}.png',
      attribution: '© IGN',
      maxZoom: 17,
    });
  });

  it('turns tiles off on request', () => {
    for (const off of ['off', 'NONE', 'offline']) expect(tileSourceFromEnv({ TILE_URL: off })).toBeNull();
    expect(uiConfigFromEnv({ TILE_URL: 'off' }).tiles).toBeNull();
  });

  it('refuses a template it cannot use, naming the variable and the reason', () => {
    expect(() => tileSourceFromEnv({ TILE_URL: 'javascript:alert(1)' })).toThrow(TileConfigError);
    expect(() => tileSourceFromEnv({ TILE_URL: 'javascript:alert(1)' })).toThrow(/TILE_URL: .* not an http\(s\) URL/);
    expect(() => tileSourceFromEnv({ TILE_URL: 'https://tiles.example.fr/{z}/{x}.png' })).toThrow(/TILE_URL: .* lacks \{y\}/);
    expect(() => tileSourceFromEnv({ TILE_URL: 'https://t.example.fr/{z}/{x}/{y}.png', TILE_MAX_ZOOM: '30' })).toThrow(/TILE_MAX_ZOOM: "30"/);
  });
});

describe('the CSP follows the tile source', () => {
  async function imgSrc(tileUrl: string | undefined): Promise<string[]> {
    const app = express();
    app.use(securityHeaders({ tileUrl }));
    app.get('/', (_req, res) => res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const directive = res.headers
        .get('content-security-policy')!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .find(([k]) => k === 'img-src')!;
      return directive.slice(1);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  }

  it('allows OpenStreetMap by default, the configured host otherwise, none when off', async () => {
    expect(await imgSrc(undefined)).toEqual(["'self'", 'data:', 'blob:', 'https://tile.openstreetmap.org']);
    expect(await imgSrc('http://127.0.0.1:8089/{z}/{x}/{y}.png')).toEqual(["'self'", 'data:', 'blob:', 'http://127.0.0.1:8089']);
    expect(await imgSrc('off')).toEqual(["'self'", 'data:', 'blob:']);
  });
});
