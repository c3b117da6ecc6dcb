import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOsrmTableClient, osrmTravelProvider, OsrmRoutingError, routingErrorOutput, type OsrmTableOptions } from '../../io/osrm-table.ts';
import type { Coordinates } from '../../src/types.ts';

/**
 * A stand-in for osrm-routed on 127.0.0.1: it answers `/table/v1/{profile}/{coords}`
 * in OSRM's format (code, durations, distances, sources, destinations), with
 * travel made up from the coordinates so that the test can recompute every cell,
 * and refuses tables over `maxCells` cells with `TooBig` as osrm-routed does.
 */
type Mode = 'ok' | 'no-segment' | 'null-cell' | 'hang' | 'html-500' | 'short-rows';

interface Logged {
  readonly path: string;
  readonly coordinates: number;
  readonly sources: number;
  readonly destinations: number;
  readonly query: URLSearchParams;
}

const fakeDuration = (a: Coordinates, b: Coordinates): number =>
  a[0] === b[0] && a[1] === b[1] ? 0 : 1000 * Math.abs(a[0] - b[0]) + 700 * Math.abs(a[1] - b[1]) + (b[0] > a[0] ? 10.4 : 0.3);
const fakeDistance = (a: Coordinates, b: Coordinates): number =>
  a[0] === b[0] && a[1] === b[1] ? 0 : 80_000 * Math.abs(a[0] - b[0]) + 111_000 * Math.abs(a[1] - b[1]) + 0.6;

let server: Server;
let baseUrl: string;
let mode: Mode = 'ok';
let maxCells = 100 * 100;
const log: Logged[] = [];
let lastPath = '';

function answer(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = /^(.*)\/table\/v1\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  const send = (status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (!match) return send(400, { code: 'InvalidUrl', message: `URL string malformed close to position 1: "${url.pathname}"` });
  const coords = match[3]!.split(';').map((pair) => pair.split(',').map(Number) as unknown as Coordinates);
  const pick = (name: string): number[] => {
    const value = url.searchParams.get(name);
    return value === null || value === 'all' ? coords.map((_, i) => i) : value.split(';').map(Number);
  };
  const sources = pick('sources');
  const destinations = pick('destinations');
  lastPath = url.pathname;
  log.push({ path: match[1]!, coordinates: coords.length, sources: sources.length, destinations: destinations.length, query: url.searchParams });

  if (mode === 'hang') return; // never answers: the client's time-out must fire
  if (mode === 'html-500') {
    res.writeHead(500, { 'content-type': 'text/html' });
    return void res.end('<html><body>Internal Server Error</body></html>');
  }
  if (mode === 'no-segment') return send(400, { code: 'NoSegment', message: 'Could not find a matching segment for coordinate 1' });
  if (sources.length * destinations.length > maxCells) return send(400, { code: 'TooBig', message: 'Too many table coordinates' });

  const annotations = (url.searchParams.get('annotations') ?? 'duration').split(',');
  const table = (f: (a: Coordinates, b: Coordinates) => number): (number | null)[][] =>
    sources.map((s) => destinations.map((d) => Math.round(f(coords[s]!, coords[d]!) * 10) / 10));
  const durations = table(fakeDuration);
  if (mode === 'null-cell' && durations.length > 1) durations[1]![0] = null;
  if (mode === 'short-rows') durations.pop();
  const waypoint = (i: number) => ({ hint: 'x', distance: 0.5, name: 'Rue de la Paix', location: coords[i] });
  send(200, {
    code: 'Ok',
    ...(annotations.includes('duration') ? { durations } : {}),
    ...(annotations.includes('distance') ? { distances: table(fakeDistance) } : {}),
    sources: sources.map(waypoint),
    destinations: destinations.map(waypoint),
  });
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections(); // the 'hang' test leaves a socket open on purpose
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  mode = 'ok';
  maxCells = 100 * 100;
  log.length = 0;
});

/** Provençal towns, five decimals, as the client rounds them. */
const towns: Coordinates[] = [
  [5.44973, 43.5283], // Aix-en-Provence
  [5.38107, 43.29695], // Marseille
  [4.80892, 43.94834], // Avignon
  [4.63031, 43.67681], // Arles
  [5.92836, 43.12442], // Toulon
  [5.57079, 43.29264], // Aubagne
  [5.05526, 43.51345], // Salon-de-Provence
  [5.03737, 43.40559], // Martigues
  [5.22972, 43.71009], // Pertuis
  [6.92893, 43.65643], // Grasse
  [5.78214, 43.96041], // Manosque
];

const expected = (locations: readonly Coordinates[], f: (a: Coordinates, b: Coordinates) => number): number[][] =>
  locations.map((a) => locations.map((b) => Math.round(Math.round(f(a, b) * 10) / 10)));

const client = (options: Partial<OsrmTableOptions> = {}) => createOsrmTableClient({ baseUrl, ...options });

describe('OSRM table client', () => {
  it('asks for durations and distances in one request and rounds them to integers', async () => {
    const locations = towns.slice(0, 3);
    const result = await client().matrices(locations);
    expect(result.durations).toEqual(expected(locations, fakeDuration));
    expect(result.distances).toEqual(expected(locations, fakeDistance));
    expect(log).toHaveLength(1);
    expect(log[0]!.query.get('annotations')).toBe('duration,distance');
    expect(result.durations[0]![0]).toBe(0);
    expect(result.durations.flat().every(Number.isInteger)).toBe(true);
  });

  it('keeps the caller order of locations, asymmetric cells included', async () => {
    const locations = [towns[4]!, towns[0]!, towns[2]!];
    const result = await client().matrices(locations);
    expect(result.durations).toEqual(expected(locations, fakeDuration));
    expect(result.durations[0]![1]).not.toBe(result.durations[1]![0]);
  });

  it('assembles a large matrix from blocks of at most maxTableSize × maxTableSize', async () => {
    maxCells = 4 * 4; // the server refuses anything bigger, as osrm-routed --max-table-size 4 would
    const result = await client({ maxTableSize: 4 }).matrices(towns);
    expect(result.durations).toEqual(expected(towns, fakeDuration));
    expect(result.distances).toEqual(expected(towns, fakeDistance));
    // 11 points → blocks of 4, 4, 3 → 3 × 3 requests
    expect(log).toHaveLength(9);
    for (const request of log) {
      expect(request.sources).toBeLessThanOrEqual(4);
      expect(request.destinations).toBeLessThanOrEqual(4);
      expect(request.coordinates).toBeLessThanOrEqual(8);
    }
    expect(log.reduce((cells, r) => cells + r.sources * r.destinations, 0)).toBe(11 * 11);
  });

  it('sends duplicate locations once', async () => {
    const locations = [towns[0]!, towns[1]!, towns[0]!, towns[1]!, towns[0]!];
    const result = await client().matrices(locations);
    expect(log[0]!.coordinates).toBe(2);
    expect(result.durations).toEqual(expected(locations, fakeDuration));
    expect(result.durations[0]![2]).toBe(0);
  });

  it('answers a repeated location set, or a subset of it, from the cache, in any order or multiplicity', async () => {
    const osrm = client({ maxTableSize: 4 });
    const first = await osrm.matrices(towns);
    const requests = log.length;
    expect(await osrm.matrices(towns)).toEqual(first);
    const shuffled = [towns[7]!, towns[2]!, towns[2]!, towns[10]!, towns[0]!];
    expect((await osrm.matrices(shuffled)).durations).toEqual(expected(shuffled, fakeDuration));
    // Coordinates that round to the same 5 decimals are the same place.
    const nudged = towns.map(([lon, lat]) => [lon + 2e-7, lat - 2e-7] as const);
    expect(await osrm.matrices(nudged)).toEqual(first);
    expect(log).toHaveLength(requests);
    expect(osrm.stats).toEqual({ requests, cacheHits: 3 });
    await osrm.matrices([towns[0]!, [6.1, 43.2]]); // a new place: asked again
    expect(log.length).toBeGreaterThan(requests);
  });

  it('shares one fetch between concurrent calls for the same set', async () => {
    const osrm = client();
    const [a, b] = await Promise.all([osrm.matrices(towns), osrm.matrices([...towns].reverse())]);
    expect(log).toHaveLength(1);
    expect(b.durations[0]![1]).toBe(a.durations[towns.length - 1]![towns.length - 2]);
  });

  it('evicts the least recently used set beyond cacheSize, and caches nothing with 0', async () => {
    const osrm = client({ cacheSize: 1 });
    await osrm.matrices(towns.slice(0, 2));
    await osrm.matrices(towns.slice(2, 4));
    await osrm.matrices(towns.slice(0, 2));
    expect(log).toHaveLength(3);
    const uncached = client({ cacheSize: 0 });
    await uncached.matrices(towns.slice(0, 2));
    await uncached.matrices(towns.slice(0, 2));
    expect(uncached.stats.requests).toBe(2);
  });

  it('keeps a path prefix of the base URL and passes fallback_speed and duration-only annotations', async () => {
    const result = await client({ baseUrl: `${baseUrl}/osrm/`, distances: false, fallbackSpeed: 13.9, profile: 'car' }).matrices(towns.slice(0, 2));
    expect(log[0]!.path).toBe('/osrm');
    expect(log[0]!.query.get('annotations')).toBe('duration');
    expect(log[0]!.query.get('fallback_speed')).toBe('13.9');
    expect(result.distances).toBeUndefined();
  });

  it('writes coordinates in plain decimals, rounded to the precision', async () => {
    await client({ precision: 7 }).matrices([
      [1e-8, -1e-8],
      [5.4497312, 43.5283],
      [-0.0000001, 10],
    ]);
    expect(log[0]!.path).toBe('');
    const sent = decodeURIComponent(lastPath).split('/').pop()!.split(';').sort();
    expect(sent).toEqual(['-0.0000001,10', '0,0', '5.4497312,43.5283']);
  });

  it('makes no request for zero or one location', async () => {
    expect(await client().matrices([])).toEqual({ durations: [], distances: [] });
    expect(await client().matrices([towns[0]!])).toEqual({ durations: [[0]], distances: [[0]] });
    expect(log).toHaveLength(0);
  });
});

describe('OSRM travel provider', () => {
  it("gives the field-service planner's TravelMatrix, locations in the caller's order", async () => {
    const locations = [towns[3]!, towns[1]!, towns[3]!];
    const matrix = await osrmTravelProvider({ baseUrl }).matrix(locations);
    expect(matrix).toEqual({ locations, durations: expected(locations, fakeDuration), distances: expected(locations, fakeDistance) });
  });

  it('estimates distances from the crow-flies distance when the server gives none', async () => {
    const matrix = await osrmTravelProvider({ baseUrl, distances: false }).matrix([towns[0]!, towns[1]!]);
    expect(matrix.durations).toEqual(expected([towns[0]!, towns[1]!], fakeDuration));
    // Aix – Marseille: 26 km as the crow flies, ×1.3
    expect(matrix.distances[0]![1]).toBeGreaterThan(32_000);
    expect(matrix.distances[0]![1]).toBeLessThan(36_000);
    expect(matrix.distances[0]![1]).toBe(matrix.distances[1]![0]);
  });
});

describe('OSRM table client errors: code 3, a message that says what failed', () => {
  async function failure(promise: Promise<unknown>): Promise<OsrmRoutingError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OsrmRoutingError);
    expect((error as OsrmRoutingError).code).toBe(3);
    return error as OsrmRoutingError;
  }

  it("maps an OSRM error code and message, and VROOM's output shape", async () => {
    mode = 'no-segment';
    const error = await failure(client().matrices(towns.slice(0, 3)));
    expect(error.message).toMatch(/OSRM answered NoSegment: Could not find a matching segment for coordinate 1/);
    expect(routingErrorOutput(error)).toEqual({ code: 3, error: `routing: ${error.message}` });
  });

  it('reports TooBig when the blocks are larger than the server allows', async () => {
    maxCells = 2 * 2;
    const error = await failure(client({ maxTableSize: 3 }).matrices(towns.slice(0, 3)));
    expect(error.message).toMatch(/\(3×3\).*TooBig/);
  });

  it('names the pair without a route (a null cell)', async () => {
    mode = 'null-cell';
    const error = await failure(client().matrices(towns.slice(0, 3)));
    expect(error.message).toMatch(/^no route from \[[\d.]+,[\d.]+\] to \[[\d.]+,[\d.]+\]/);
  });

  it('times out on a server that never answers', async () => {
    mode = 'hang';
    const error = await failure(client({ timeoutMs: 150 }).matrices(towns.slice(0, 2)));
    expect(error.message).toMatch(/no answer within 150 ms/);
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(createOsrmTableClient({ baseUrl: `http://127.0.0.1:${port}` }).matrices(towns.slice(0, 2)));
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses a body that is not an OSRM answer, or a matrix of the wrong shape', async () => {
    mode = 'html-500';
    expect((await failure(client().matrices(towns.slice(0, 2)))).message).toMatch(/HTTP 500 not an OSRM answer: "<html>/);
    mode = 'short-rows';
    expect((await failure(client().matrices(towns.slice(0, 3)))).message).toMatch(/malformed answer: durations has 2 rows, expected 3/);
  });

  it('does not cache a failure: the next call asks again', async () => {
    const osrm = client();
    mode = 'no-segment';
    await failure(osrm.matrices(towns.slice(0, 2)));
    mode = 'ok';
    expect((await osrm.matrices(towns.slice(0, 2))).durations).toEqual(expected(towns.slice(0, 2), fakeDuration));
    expect(log).toHaveLength(2);
  });

  it('refuses a location that is not [lon, lat]', async () => {
    const error = await failure(client().matrices([towns[0]!, [200, 43] as Coordinates]));
    expect(error.message).toMatch(/location 1 \[200,43\] is not a \[lon, lat\] pair/);
  });

  it('refuses bad options at creation', () => {
    expect(() => createOsrmTableClient({ baseUrl: 'ftp://x' })).toThrow(/http or https/);
    expect(() => createOsrmTableClient({ baseUrl: 'not a url' })).toThrow();
    expect(() => createOsrmTableClient({ baseUrl, maxTableSize: 0 })).toThrow(/maxTableSize/);
  });
});
