// Which agency and sectors a technician's positions go to (the rooms their
// positions are broadcast in), for POST /api/positions.
//
// Cached briefly: looking it up for every position would double the
// database load, and a technician changing agency mid-shift can wait a minute
// to show up there. Lookups of uncached technicians made while one query is
// being prepared are answered by that one query: when a fleet starts posting
// (2,000 phones after a restart, issue 11's load test), the misses of
// hundreds of concurrent requests cost a few queries, not one each.
import type { PrismaClient } from '../generated/prisma/client.ts';

export interface PositionRoute {
  readonly agencyId: string;
  readonly sectorIds: readonly string[];
}

export const POSITION_ROUTE_TTL_MS = 60_000;
/** Bounded: ids are client-supplied. */
const MAX_CACHED = 50_000;
/** One query asks for at most this many technicians. */
const MAX_BATCH = 1_000;

export type PositionRouting = (ids: readonly string[]) => Promise<Map<string, PositionRoute | null>>;

export function createPositionRouting(prisma: Pick<PrismaClient, 'technician'>, ttlMs: number = POSITION_ROUTE_TTL_MS): PositionRouting {
  const cache = new Map<string, { route: PositionRoute | null; until: number }>();
  /** Lookups gathered for the next query, each with the requests waiting for it. */
  let pending: Map<string, Promise<PositionRoute | null>> | null = null;
  let waiting = new Map<string, { resolve: (route: PositionRoute | null) => void; reject: (error: unknown) => void }>();

  const flush = async (batch: typeof waiting) => {
    const ids = [...batch.keys()];
    try {
      const found = new Map<string, PositionRoute>();
      for (let k = 0; k < ids.length; k += MAX_BATCH) {
        const rows = await prisma.technician.findMany({
          where: { id: { in: ids.slice(k, k + MAX_BATCH) } },
          select: { id: true, agencyId: true, sectors: { select: { sectorId: true } } },
        });
        for (const r of rows) found.set(r.id, { agencyId: r.agencyId, sectorIds: r.sectors.map((s) => s.sectorId) });
      }
      if (cache.size + ids.length > MAX_CACHED) cache.clear();
      const until = Date.now() + ttlMs;
      for (const [id, waiter] of batch) {
        const route = found.get(id) ?? null;
        cache.set(id, { route, until });
        waiter.resolve(route);
      }
    } catch (error) {
      for (const waiter of batch.values()) waiter.reject(error);
    }
  };

  const lookup = (id: string): Promise<PositionRoute | null> => {
    if (!pending) {
      pending = new Map();
      // Everything asked until the current I/O callbacks are done goes in one query.
      setImmediate(() => {
        const batch = waiting;
        pending = null;
        waiting = new Map();
        void flush(batch);
      });
    }
    let promise = pending.get(id);
    if (!promise) {
      promise = new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
      pending.set(id, promise);
    }
    return promise;
  };

  return async (ids) => {
    const now = Date.now();
    const out = new Map<string, PositionRoute | null>();
    const missing: Array<Promise<void>> = [];
    for (const id of ids) {
      const hit = cache.get(id);
      if (hit && hit.until > now) out.set(id, hit.route);
      else missing.push(lookup(id).then((route) => void out.set(id, route)));
    }
    await Promise.all(missing);
    return out;
  };
}
