// Positions arrive at fleet rate (a 2,000-technician fleet at 1 Hz is 2,000
// requests a second); one INSERT per request would make the database the
// bottleneck. They are broadcast at once and written behind, in batches: a
// crash loses at most the last `flushMs` of positions, which the next ones
// replace anyway.
import type { PrismaClient } from '../generated/prisma/client.ts';

export interface PositionRow {
  readonly technicianId: string;
  readonly lat: number;
  readonly lon: number;
  readonly heading: number | null;
  readonly speed: number | null;
  readonly accuracy: number | null;
  readonly recordedAt: Date;
}

export interface PositionWriter {
  add(rows: readonly PositionRow[]): void;
  /** Writes what is buffered now. */
  flush(): Promise<void>;
  /** Flushes and stops; later adds are written at once. */
  close(): Promise<void>;
}

export function createPositionWriter(
  prisma: PrismaClient,
  { flushMs = 250, maxBuffered = 2_000, log = () => {} }: { flushMs?: number; maxBuffered?: number; log?: (message: string, error?: unknown) => void } = {},
): PositionWriter {
  let buffer: PositionRow[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const rows = buffer;
    buffer = [];
    if (rows.length === 0) return writing;
    // Chained: batches land in order, and flush() waits for the ones before.
    writing = writing.then(() => insertIsolatingFailures(prisma, rows, log));
    return writing;
  };

  return {
    add(rows) {
      buffer.push(...rows);
      if (closed || buffer.length >= maxBuffered) void flush();
      else timer ??= setTimeout(() => void flush(), flushMs);
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}

/**
 * Writes the batch; when the database refuses it (one row it cannot store —
 * the route refuses what it can foresee, this is the net behind it), the
 * halves are written separately, down to the rows that fail on their own, so
 * one bad position costs only itself and never the rest of the fleet's
 * (issue 11, finding 5). A batch with one bad row takes about 2·log2(n)
 * statements; a database that is down fails every half, so that case stops
 * at the first failure instead of splitting.
 */
async function insertIsolatingFailures(prisma: PrismaClient, rows: readonly PositionRow[], log: (message: string, error?: unknown) => void): Promise<void> {
  const failure = await tryInsert(prisma, rows);
  if (!failure) return;
  if (!isRowError(failure)) {
    log(`dropped ${rows.length} positions that could not be stored`, failure);
    return;
  }
  let dropped = 0;
  let example: unknown;
  const split = async (part: readonly PositionRow[], error: unknown): Promise<void> => {
    if (part.length === 1) {
      dropped++;
      example ??= error;
      return;
    }
    const middle = Math.ceil(part.length / 2);
    for (const half of [part.slice(0, middle), part.slice(middle)]) {
      const halfFailure = await tryInsert(prisma, half);
      if (halfFailure) await split(half, halfFailure);
    }
  };
  await split(rows, failure);
  log(`dropped ${dropped} of ${rows.length} positions that the database refused; the others are stored`, example);
}

const tryInsert = (prisma: PrismaClient, rows: readonly PositionRow[]): Promise<unknown> =>
  insertPositions(prisma, rows).then(
    () => undefined,
    (error: unknown) => error ?? new Error('insert failed'),
  );

/** The database refused a value (SQLSTATE class 22, or a missing technician), not the connection. */
function isRowError(error: unknown): boolean {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; code?: string } } } })?.meta?.driverAdapterError?.cause;
  const state = cause?.originalCode ?? cause?.code;
  return typeof state === 'string' && (state.startsWith('22') || state === '23503');
}

/**
 * One INSERT … SELECT FROM unnest(arrays) per batch: Prisma's createMany spent
 * ~150 ms of CPU per 500 rows building its query, on the event loop that also
 * relays positions to the boards (bench:realtime p99 in seconds); this takes
 * ~10 ms. Ids are drawn by the database.
 */
function insertPositions(prisma: PrismaClient, rows: readonly PositionRow[]): Promise<number> {
  return prisma.$executeRaw`
    INSERT INTO "technician_positions" ("id", "technician_id", "lat", "lon", "heading", "speed", "accuracy", "recorded_at")
    SELECT gen_random_uuid()::text, t, la, lo, h, s, a, r
    FROM unnest(
      ${rows.map((r) => r.technicianId)}::text[],
      ${rows.map((r) => r.lat)}::float8[],
      ${rows.map((r) => r.lon)}::float8[],
      ${rows.map((r) => r.heading)}::float8[],
      ${rows.map((r) => r.speed)}::float8[],
      ${rows.map((r) => r.accuracy)}::float8[],
      ${rows.map((r) => r.recordedAt.toISOString())}::timestamptz[]
    ) AS u(t, la, lo, h, s, a, r)`;
}
