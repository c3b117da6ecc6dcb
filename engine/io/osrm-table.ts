/**
 * Travel matrices from an OSRM server's table service
 * (`GET /table/v1/{profile}/{lon,lat;…}?annotations=duration,distance`,
 * Project-OSRM/osrm-backend docs/http.md).
 *
 * This is I/O, so it lives outside engine/src, which stays pure: the caller
 * fetches the matrices here, then hands plain numbers to the engine as the
 * profile's `matrices` (VROOM does the same with its routing back-ends).
 *
 * - Large matrices are requested in blocks of at most `maxTableSize` sources ×
 *   `maxTableSize` destinations: osrm-routed refuses a table whose
 *   sources × destinations exceeds `--max-table-size`² (default 100²) with `TooBig`.
 * - Locations are rounded (`precision` decimals, 5 ≈ 1 m) and deduplicated before
 *   the request: several visits at one address, or technicians leaving the same
 *   agency, cost one row and one column, not many.
 * - Results are cached per location set (in memory, keyed by the sorted rounded
 *   coordinates), so a re-plan or a permutation of the same places asks nothing
 *   of the server; a subset of a cached set is served from it too. Concurrent
 *   calls for the same set share one fetch.
 * - Every failure (unreachable server, time-out, OSRM error code, a pair with no
 *   route, a malformed answer) is an `OsrmRoutingError` with VROOM's code 3 and a
 *   message that says which request and which locations.
 */
import type { TravelMatrix, TravelProvider } from '../src/field-service/types.ts';
import { DEFAULT_COORDINATE_TRAVEL, greatCircleMeters } from '../src/problem/coordinate-travel.ts';
import type { Coordinates } from '../src/types.ts';

/** What OSRM answers, as far as this client reads it. */
interface OsrmTableResponse {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly durations?: unknown;
  readonly distances?: unknown;
}

export interface OsrmTableOptions {
  /** Server root, e.g. `http://127.0.0.1:5000` or `https://osrm.example.org/osrm` (a path prefix is kept). */
  readonly baseUrl: string;
  /** The profile segment of the URL. osrm-routed serves one dataset whatever it says; proxies may route on it. Default `driving`. */
  readonly profile?: string;
  /** Most sources (and most destinations) in one request. Default 100, osrm-routed's default `--max-table-size`. */
  readonly maxTableSize?: number;
  /** Per request, in milliseconds. Default 30 000. */
  readonly timeoutMs?: number;
  /** Requests in flight at once. Default 2: a shared OSRM server is usually small. */
  readonly concurrency?: number;
  /** Decimals kept from each coordinate, for the URL and the cache key. Default 5 (≈ 1.1 m at the equator). */
  readonly precision?: number;
  /** Ask for distances too (`annotations=duration,distance`). MLD servers answer `NotImplemented`; then set false. Default true. */
  readonly distances?: boolean;
  /**
   * OSRM's `fallback_speed` (metres per second): pairs without a route get a
   * crow-flies estimate instead of null. Without it, an unroutable pair is an error.
   */
  readonly fallbackSpeed?: number;
  /** Cached location sets kept (least recently used evicted). Default 16; 0 disables the cache. */
  readonly cacheSize?: number;
  /** Injected for tests or custom agents; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** Square matrices over the caller's locations, in their order: seconds and metres, whole numbers. */
export interface TravelMatrices {
  durations: number[][];
  /** Present unless `distances: false`. */
  distances?: number[][];
}

/** A routing failure: VROOM reports these with code 3. */
export class OsrmRoutingError extends Error {
  readonly code = 3 as const;
  constructor(message: string) {
    super(message);
    this.name = 'OsrmRoutingError';
  }
}

/** VROOM's error output for a routing failure, ready to return from a CLI or an API. */
export function routingErrorOutput(error: unknown): { code: 3; error: string } {
  return { code: 3, error: `routing: ${error instanceof Error ? error.message : String(error)}` };
}

export interface OsrmTableStats {
  /** HTTP requests sent since creation. */
  readonly requests: number;
  /** Calls answered from the cache (or joined to a fetch already in flight). */
  readonly cacheHits: number;
}

export interface OsrmTableClient {
  /** Durations (and distances) between every pair of `locations` (`[lon, lat]`), in their order. */
  matrices(locations: readonly Coordinates[]): Promise<TravelMatrices>;
  readonly stats: OsrmTableStats;
  clearCache(): void;
}

const DEFAULTS = {
  profile: 'driving',
  maxTableSize: 100,
  timeoutMs: 30_000,
  concurrency: 2,
  precision: 5,
  cacheSize: 16,
} as const;

/** The answer over the unique, sorted points of a location set. */
interface UniqueMatrices {
  readonly durations: Float64Array[];
  readonly distances: Float64Array[] | undefined;
}

interface CacheEntry {
  /** The set's sorted unique points, joined. */
  readonly key: string;
  /** Point → row of the matrices. */
  readonly slot: ReadonlyMap<string, number>;
  readonly pending: Promise<UniqueMatrices>;
  /** Set once fetched: only complete answers serve subsets. */
  settled: UniqueMatrices | undefined;
}

export function createOsrmTableClient(options: OsrmTableOptions): OsrmTableClient {
  const profile = options.profile ?? DEFAULTS.profile;
  const maxTableSize = options.maxTableSize ?? DEFAULTS.maxTableSize;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const concurrency = options.concurrency ?? DEFAULTS.concurrency;
  const precision = options.precision ?? DEFAULTS.precision;
  const cacheSize = options.cacheSize ?? DEFAULTS.cacheSize;
  const wantDistances = options.distances ?? true;
  const doFetch = options.fetch ?? globalThis.fetch;
  if (!Number.isSafeInteger(maxTableSize) || maxTableSize < 1) throw new RangeError('maxTableSize: expected a positive integer');
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency: expected a positive integer');
  if (!Number.isSafeInteger(precision) || precision < 0 || precision > 7) throw new RangeError('precision: expected an integer from 0 to 7');
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs: expected a positive number');
  if (options.fallbackSpeed !== undefined && !(options.fallbackSpeed > 0)) throw new RangeError('fallbackSpeed: expected a positive number');
  if (!/^[A-Za-z0-9_.-]+$/.test(profile)) throw new RangeError(`profile: ${JSON.stringify(profile)} is not a URL segment`);
  // Checked once here so that a typo fails at start-up rather than at the first plan.
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new RangeError(`baseUrl: expected http or https, got ${base.protocol}`);
  const root = base.href.replace(/\/+$/, '');

  const cache = new Map<string, CacheEntry>();

  /**
   * A fetched set holding every point: a day's re-plan within a week's plan, or
   * the slots of a plan already routed, need no request.
   */
  const supersetOf = (points: readonly string[]): CacheEntry | undefined => {
    for (const entry of cache.values()) {
      if (entry.settled && entry.slot.size > points.length && points.every((p) => entry.slot.has(p))) return entry;
    }
    return undefined;
  };
  let requests = 0;
  let cacheHits = 0;

  const format = (value: number): string => {
    // One spelling per point, never an exponent (String(1e-7) is "1e-7", which OSRM would refuse):
    // fixed decimals, trailing zeros dropped, "-0" as "0".
    const fixed = value.toFixed(precision);
    const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
    return trimmed === '-0' ? '0' : trimmed;
  };

  async function fetchBlock(
    points: readonly string[],
    sources: readonly number[],
    destinations: readonly number[],
  ): Promise<{ durations: (number | null)[][]; distances: (number | null)[][] | undefined }> {
    // One URL holds the union of the block's sources and destinations (one copy for a diagonal block).
    const indexOf = new Map<number, number>();
    const coords: string[] = [];
    for (const p of [...sources, ...destinations]) {
      if (!indexOf.has(p)) {
        indexOf.set(p, coords.length);
        coords.push(points[p]!);
      }
    }
    const params = new URLSearchParams();
    params.set('sources', sources.map((p) => indexOf.get(p)).join(';'));
    params.set('destinations', destinations.map((p) => indexOf.get(p)).join(';'));
    params.set('annotations', wantDistances ? 'duration,distance' : 'duration');
    if (options.fallbackSpeed !== undefined) params.set('fallback_speed', String(options.fallbackSpeed));
    // ';' and ',' are legal in a query and OSRM wants them raw; URLSearchParams would escape them.
    const query = params.toString().replace(/%3B/g, ';').replace(/%2C/g, ',');
    const url = `${root}/table/v1/${profile}/${coords.join(';')}?${query}`;
    const what = `OSRM table request (${sources.length}×${destinations.length}) to ${root}`;

    requests++;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new OsrmRoutingError(`${what}: no answer within ${timeoutMs} ms`);
      throw new OsrmRoutingError(`${what} failed: ${describeFetchError(error)}`);
    }
    let body: OsrmTableResponse | undefined;
    try {
      body = JSON.parse(text) as OsrmTableResponse;
    } catch {
      body = undefined;
    }
    if (!body || typeof body !== 'object') {
      const status = response.ok ? '' : ` HTTP ${response.status}`;
      throw new OsrmRoutingError(`${what}:${status} not an OSRM answer: ${JSON.stringify(text.slice(0, 120))}`);
    }
    if (body.code !== 'Ok') {
      const code = typeof body.code === 'string' ? body.code : `HTTP ${response.status}`;
      const message = typeof body.message === 'string' ? `: ${body.message}` : '';
      const hint = code === 'NotImplemented' && wantDistances ? ' (an MLD server has no distance table: use distances: false)' : '';
      throw new OsrmRoutingError(`${what}: OSRM answered ${code}${message}${hint}`);
    }
    const durations = readMatrix(body.durations, 'durations', sources.length, destinations.length, what);
    const distances = wantDistances ? readMatrix(body.distances, 'distances', sources.length, destinations.length, what) : undefined;
    return { durations, distances };
  }

  /** The matrix over unique points, block by block, at most `concurrency` requests in flight. */
  async function fetchAll(points: readonly string[]): Promise<UniqueMatrices> {
    const n = points.length;
    const durations = Array.from({ length: n }, () => new Float64Array(n));
    const distances = wantDistances ? Array.from({ length: n }, () => new Float64Array(n)) : undefined;
    if (n <= 1) return { durations, distances };
    const blocks: number[][] = [];
    for (let start = 0; start < n; start += maxTableSize) {
      blocks.push(Array.from({ length: Math.min(maxTableSize, n - start) }, (_, k) => start + k));
    }
    const tasks: { rows: number[]; cols: number[] }[] = [];
    for (const rows of blocks) for (const cols of blocks) tasks.push({ rows, cols });

    let next = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (next < tasks.length && !failed) {
        const { rows, cols } = tasks[next++]!;
        let block: Awaited<ReturnType<typeof fetchBlock>>;
        try {
          block = await fetchBlock(points, rows, cols);
        } catch (error) {
          failed = true;
          throw error;
        }
        rows.forEach((r, i) => {
          cols.forEach((c, j) => {
            const duration = block.durations[i]![j]!;
            if (duration === null) {
              failed = true;
              throw unroutable(points, r, c);
            }
            durations[r]![c] = duration;
            if (distances && block.distances) {
              const distance = block.distances[i]![j]!;
              if (distance === null) {
                failed = true;
                throw unroutable(points, r, c);
              }
              distances[r]![c] = distance;
            }
          });
        });
      }
    };
    // The first failure rejects; the other workers finish their request in flight and take no new one.
    await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
    return { durations, distances };
  }

  return {
    get stats() {
      return { requests, cacheHits };
    },
    clearCache() {
      cache.clear();
    },
    async matrices(locations) {
      const keys = locations.map((location, i) => {
        const [lon, lat] = location;
        if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
          throw new OsrmRoutingError(`location ${i} ${JSON.stringify(location)} is not a [lon, lat] pair`);
        }
        return `${format(lon)},${format(lat)}`;
      });
      // Sorted unique points: the same places in any order or multiplicity share one cache entry.
      const points = [...new Set(keys)].sort();
      const key = points.join(';');

      let entry = cacheSize > 0 ? (cache.get(key) ?? supersetOf(points)) : undefined;
      if (entry) {
        cacheHits++;
        cache.delete(entry.key); // re-inserted below: Map order is the recency order
      } else {
        const pending = fetchAll(points);
        const created: CacheEntry = { key, slot: new Map(points.map((p, i) => [p, i])), pending, settled: undefined };
        entry = created;
        pending.then(
          (matrices) => void (created.settled = matrices),
          // A failure must not stay cached: the next call retries.
          () => void (cache.get(key) === created && cache.delete(key)),
        );
      }
      if (cacheSize > 0) {
        cache.set(entry.key, entry);
        while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
      }
      const unique = await entry.pending;

      const slot = entry.slot;
      const index = keys.map((k) => slot.get(k) as number);
      const expand = (matrix: Float64Array[]): number[][] => index.map((r) => index.map((c) => Math.round(matrix[r]![c]!)));
      const result: TravelMatrices = { durations: expand(unique.durations) };
      if (unique.distances) result.distances = expand(unique.distances);
      return result;
    },
  };
}

/** Checks a rows × cols matrix of non-negative numbers or nulls (OSRM's "no route"). */
function readMatrix(value: unknown, name: string, rows: number, cols: number, what: string): (number | null)[][] {
  const bad = (detail: string): OsrmRoutingError => new OsrmRoutingError(`${what}: malformed answer: ${name} ${detail}`);
  if (!Array.isArray(value)) throw bad('is missing');
  if (value.length !== rows) throw bad(`has ${value.length} rows, expected ${rows}`);
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== cols) throw bad(`has a row of ${Array.isArray(row) ? row.length : 'no'} columns, expected ${cols}`);
    for (const cell of row) {
      if (cell !== null && !(typeof cell === 'number' && Number.isFinite(cell) && cell >= 0)) throw bad(`holds ${JSON.stringify(cell)}`);
    }
  }
  return value as (number | null)[][];
}

function unroutable(points: readonly string[], from: number, to: number): OsrmRoutingError {
  return new OsrmRoutingError(`no route from [${points[from]}] to [${points[to]}] (set fallbackSpeed to estimate such pairs)`);
}

/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The field-service planner's `TravelProvider` backed by OSRM: ask it for the
 * matrix of `fieldServiceLocations(problem, state)`, then pass the answer as
 * `PlanOptions.travelMatrix`. With `distances: false` (an MLD server), distances
 * are estimated as great-circle × the road factor, as the default travel model does.
 */
export function osrmTravelProvider(options: OsrmTableOptions & { readonly roadFactor?: number }): TravelProvider & { readonly client: OsrmTableClient } {
  const client = createOsrmTableClient(options);
  const roadFactor = options.roadFactor ?? DEFAULT_COORDINATE_TRAVEL.roadFactor;
  return {
    client,
    async matrix(locations: readonly Coordinates[]): Promise<TravelMatrix> {
      const { durations, distances } = await client.matrices(locations);
      return {
        locations: [...locations],
        durations,
        distances: distances ?? locations.map((a) => locations.map((b) => Math.round(greatCircleMeters(a, b) * roadFactor))),
      };
    },
  };
}
