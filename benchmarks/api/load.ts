// Load generators for the API benchmark: closed loops (N clients, each
// sending its next request when the previous one answered, as autocannon's
// "connections" do) and paced devices (each posting once per period, waiting
// for its answer). node:http with a keep-alive agent: fetch costs the load
// generator several times more CPU per request, and on a 2-core machine the
// generator's CPU is taken from the server it measures.
import http from 'node:http';

export interface Request {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly token: string;
  readonly body?: unknown;
  /** More request headers (If-None-Match for the conditional reads). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly etag?: string | undefined;
}

/** Every latency kept (a run is thousands of requests, not millions): exact quantiles, no upper bound. */
export class Latencies {
  private readonly samples: number[] = [];
  private sorted = true;
  add(ms: number): void {
    this.samples.push(ms);
    this.sorted = false;
  }
  get total(): number {
    return this.samples.length;
  }
  /** The q-quantile in whole ms (0 < q ≤ 1), nearest rank; NaN when empty. */
  quantile(q: number): number {
    if (this.samples.length === 0) return Number.NaN;
    if (!this.sorted) {
      this.samples.sort((a, b) => a - b);
      this.sorted = true;
    }
    return Math.round(this.samples[Math.min(this.samples.length - 1, Math.ceil(q * this.samples.length) - 1)]!);
  }
  max(): number {
    return this.quantile(1);
  }
}

export interface LoadResult {
  readonly latencies: Latencies;
  readonly ok: number;
  /** Answers other than 2xx and 304, by status; requests that got no answer by their error code (ECONNRESET…). */
  readonly errors: Record<string, number>;
  readonly seconds: number;
}

export function agentFor(connections: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: connections });
}

export function send(agent: http.Agent, base: URL, request: Request): Promise<Answer> {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(request.path, base),
      {
        agent,
        method: request.method,
        headers: {
          authorization: `Bearer ${request.token}`,
          ...request.headers,
          ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), etag: res.headers.etag }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

class Tally {
  readonly latencies = new Latencies();
  ok = 0;
  readonly errors: Record<string, number> = {};
  error(key: string): void {
    this.errors[key] = (this.errors[key] ?? 0) + 1;
  }
}

/**
 * `clients` loops, each sending `next(client)`'s request, then the next once
 * answered, for `seconds`. `onAnswer` lets a client carry state (a version).
 */
export async function closedLoop(options: {
  base: URL;
  clients: number;
  seconds: number;
  next: (client: number) => Request;
  onAnswer?: (client: number, answer: Answer) => void;
}): Promise<LoadResult> {
  const agent = agentFor(options.clients);
  const tally = new Tally();
  const started = performance.now();
  const end = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      while (performance.now() < end) await timed(agent, options.base, options.next(client), tally, (a) => options.onAnswer?.(client, a));
    }),
  );
  agent.destroy();
  return { latencies: tally.latencies, ok: tally.ok, errors: tally.errors, seconds: (performance.now() - started) / 1000 };
}

/**
 * `devices` posting once every `periodMs` each (their first posts spread over
 * one period), each waiting for its answer before the next, for `seconds`.
 */
export async function pacedDevices(options: {
  base: URL;
  devices: number;
  periodMs: number;
  seconds: number;
  next: (device: number) => Request;
}): Promise<LoadResult> {
  const agent = agentFor(options.devices);
  const tally = new Tally();
  const started = performance.now();
  const end = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.devices }, async (_, device) => {
      await sleep((device / options.devices) * options.periodMs);
      while (performance.now() < end) {
        const due = performance.now() + options.periodMs;
        await timed(agent, options.base, options.next(device), tally);
        await sleep(due - performance.now());
      }
    }),
  );
  agent.destroy();
  return { latencies: tally.latencies, ok: tally.ok, errors: tally.errors, seconds: (performance.now() - started) / 1000 };
}

async function timed(agent: http.Agent, base: URL, request: Request, tally: Tally, onAnswer?: (answer: Answer) => void): Promise<void> {
  const t0 = performance.now();
  try {
    const answer = await send(agent, base, request);
    tally.latencies.add(performance.now() - t0);
    // 304 (a conditional GET answered "not modified") is a success.
    if ((answer.status >= 200 && answer.status < 300) || answer.status === 304) tally.ok += 1;
    else tally.error(String(answer.status));
    onAnswer?.(answer);
  } catch (error) {
    tally.latencies.add(performance.now() - t0);
    tally.error((error as NodeJS.ErrnoException).code ?? 'network');
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
