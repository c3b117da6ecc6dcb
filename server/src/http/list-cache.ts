// Answers of a list route kept while the list's tables are unchanged
// (issue 11, finding 10: 200 boards reading the same 200-row page at once).
//
// Exactness rests on `list_versions` (migration `list_versions`): deferred
// triggers add 1 to the list's version at the commit of every transaction
// that writes its tables — from this process or any other, through Prisma or
// raw SQL — atomically with the writes. So:
//
// - every request reads the version first, in a statement of its own, and
//   only then (on a miss) runs the statements that compute its page: those
//   see every commit the version counts, and maybe later ones;
// - a page is kept under the version its computation read; a later request
//   that reads the same version knows no change committed in between (the
//   version only grows, by one per committed writing transaction), so the
//   kept page shows at least everything committed when that request began —
//   never an older state. One more change and the version differs: the page
//   is computed again.
//
// Requests of one key and version that arrive while the page is being
// computed share that computation (correct by the same argument). A stale
// answer is never served; the cost of a hit is that one-row read, itself
// shared by the requests that arrive while another is under way (each waits
// for a read that starts after it arrived: readsStartedAfterTheCall).
//
// Conditional GET: a page carries the ETag "<version>.<hash of the key>". A
// request whose If-None-Match names the ETag of its own key at the version it
// has just read is answered "not modified" — by the argument above, the page
// that ETag was given with shows everything committed when this request
// began. The key (the caller's scope) is in the tag, so one caller's tag never
// matches another's page; a 304 has no body anyway.
//
// The version is read over the connection Prisma uses but not through Prisma
// (db/direct-query.ts) when the database was opened by openDatabase: the same
// statement, about a fifth of the server's CPU per cached page less.
import { createHash } from 'node:crypto';
import { directQueryOf } from '../db/direct-query.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';

export interface ListPage {
  /** A strong ETag for this key at the version read (quoted, ready for the header). */
  readonly etag: string;
  /** The answer; absent when `ifNoneMatch` named `etag` (answer 304). */
  readonly body: Buffer | undefined;
}

export interface ListCache {
  /** The answer for `key`: kept under the list's current version, or computed by `compute` (and kept). */
  get(key: string, compute: () => Promise<string>): Promise<Buffer>;
  /** The same, with its ETag; no body when `ifNoneMatch` (the request's If-None-Match header) names that ETag. */
  page(key: string, compute: () => Promise<string>, ifNoneMatch?: string): Promise<ListPage>;
}

export interface ListCacheOptions {
  /** Past this many bytes of kept answers the oldest go (a bound, not a tuning knob). */
  readonly maxBytes?: number;
}

interface Entry {
  readonly version: bigint;
  readonly body: Promise<Buffer>;
  bytes: number;
}

export function createListCache(prisma: PrismaClient, list: string, { maxBytes = 32 * 1024 * 1024 }: ListCacheOptions = {}): ListCache {
  const entries = new Map<string, Entry>();
  let latest = -1n;
  let bytes = 0;

  if (!/^[a-z_]+$/.test(list)) throw new Error(`list name ${JSON.stringify(list)}: lowercase letters and underscores only`);
  // A constant text, the name spliced in (checked above): through Prisma, half the CPU of the same query with a parameter.
  const versionSql = `SELECT version FROM list_versions WHERE name = '${list}'`;
  const direct = directQueryOf(prisma);
  type VersionRow = { version: bigint | number | string };
  const readVersion = readsStartedAfterTheCall(async (): Promise<bigint> => {
    const [row] = direct ? await direct<VersionRow>(versionSql) : await prisma.$queryRawUnsafe<VersionRow[]>(versionSql);
    if (!row) throw new Error(`list_versions has no row '${list}': the migration list_versions did not run`);
    return BigInt(row.version);
  });

  const forget = (key: string, entry: Entry) => {
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };

  const keyHashes = new Map<string, string>();
  const etagOf = (key: string, version: bigint) => {
    let hash = keyHashes.get(key);
    if (hash === undefined) {
      hash = createHash('sha256').update(key).digest('base64url').slice(0, 22);
      // Keys are few (scopes × queries); the bound only stops a caller varying its query from growing this map.
      if (keyHashes.size >= 10_000) keyHashes.clear();
      keyHashes.set(key, hash);
    }
    return `"${version}.${hash}"`;
  };

  const answer = (version: bigint, key: string, compute: () => Promise<string>): Promise<Buffer> => {
    if (version > latest) {
      // Everything kept is of an older version: no later request can use it.
      latest = version;
      entries.clear();
      bytes = 0;
    }
    const kept = entries.get(key);
    if (kept && kept.version === version) return kept.body;
    const body = compute().then((text) => Buffer.from(text));
    // A request that read an older version than another already did computes for itself only.
    if (version !== latest) return body;
    const entry: Entry = { version, body, bytes: 0 };
    entries.set(key, entry);
    body.then(
      (buffer) => {
        if (entries.get(key) !== entry) return;
        entry.bytes = buffer.length;
        bytes += buffer.length;
        for (const [oldKey, old] of entries) {
          if (bytes <= maxBytes) break;
          forget(oldKey, old);
        }
      },
      // A failed computation is not kept: the next request computes again.
      () => forget(key, entry),
    );
    return body;
  };

  return {
    async get(key, compute) {
      return answer(await readVersion(), key, compute);
    },
    async page(key, compute, ifNoneMatch) {
      const version = await readVersion();
      const etag = etagOf(key, version);
      if (ifNoneMatch !== undefined && matches(ifNoneMatch, etag)) return { etag, body: undefined };
      return { etag, body: await answer(version, key, compute) };
    },
  };
}

/** If-None-Match: `*` or a list of ETags (weak comparison, as RFC 9110 asks for this header). */
function matches(header: string, etag: string): boolean {
  for (const part of header.split(',')) {
    const tag = part.trim();
    if (tag === '*' || tag === etag || tag === `W/${etag}`) return true;
  }
  return false;
}

/**
 * `read`, shared by the callers that may share it: a caller gets a read that
 * starts after its call — never one already under way, which may have been
 * answered before a change that committed just before that call — so at most
 * one read runs at a time and the callers that came meanwhile share the next
 * one. Under load that is one version read (one round trip, its system calls
 * and Prisma's work) for a batch of requests instead of one each.
 */
export function readsStartedAfterTheCall<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const started = read();
    running = started;
    const done = () => {
      if (running === started) running = undefined;
    };
    started.then(done, done);
    return started;
  };
  const settled = () => undefined;
  return () => {
    if (!running) return start();
    return (next ??= running.then(settled, settled).then(() => {
      next = undefined;
      return start();
    }));
  };
}
