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
    writing = writing.then(() =>
      insertPositions(prisma, rows).then(
        () => undefined,
        (error: unknown) => log(`dropped ${rows.length} positions that could not be stored`, error),
      ),
    );
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
