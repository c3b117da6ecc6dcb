// Revocable sessions. Every token carries its user's `tokenVersion` at login;
// the users table holds the current one, bumped when the password, role,
// agencies, technician link or active flag change. A token whose version is
// not the stored one — or whose user is deleted or disabled — is refused on
// REST and on sockets.
//
// Reading the user on every request would double the database's work, so the
// stored state is cached per user for at most `cacheMs` (30 s): another server
// process notices a change within that time, and the process that made it at
// once (it calls `changed`), which also disconnects that user's sockets.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Claims } from './tokens.ts';

/** The longest a revoked token may still pass in a process that did not make the change. */
export const SESSION_CACHE_MS = 30_000;
/** Past this many cached users the cache starts over (a bound, not a tuning knob). */
const MAX_CACHED_USERS = 10_000;

interface StoredSession {
  readonly tokenVersion: number;
  readonly active: boolean;
}

export interface Sessions {
  /** Why this token's session is no longer valid, or undefined when it is. */
  check(claims: Claims): Promise<string | undefined>;
  /** The user's stored session changed (bumped version, deleted): forget the cached state and tell listeners. */
  changed(userId: string): void;
  /** Called with the user's id after `changed` (realtime disconnects their sockets). */
  onChanged(listener: (userId: string) => void): () => void;
}

export interface SessionOptions {
  readonly cacheMs?: number;
  readonly now?: () => number;
}

export function createSessions(prisma: PrismaClient, { cacheMs = SESSION_CACHE_MS, now = Date.now }: SessionOptions = {}): Sessions {
  const cache = new Map<string, { readonly stored: Promise<StoredSession | null>; readonly expiresAt: number }>();
  const listeners = new Set<(userId: string) => void>();

  const stored = (userId: string): Promise<StoredSession | null> => {
    const hit = cache.get(userId);
    if (hit && hit.expiresAt > now()) return hit.stored;
    if (cache.size >= MAX_CACHED_USERS) cache.clear();
    const read = prisma.user.findUnique({ where: { id: userId }, select: { tokenVersion: true, active: true } });
    cache.set(userId, { stored: read, expiresAt: now() + cacheMs });
    // A failed read is not remembered: the next request asks again.
    read.catch(() => {
      if (cache.get(userId)?.stored === read) cache.delete(userId);
    });
    return read;
  };

  return {
    async check(claims) {
      const user = await stored(claims.sub);
      if (!user) return 'this account no longer exists: log in again';
      if (!user.active) return 'this account is disabled';
      if (user.tokenVersion !== (claims.tokenVersion ?? 0)) return 'this session was ended (password, role or agencies changed): log in again';
      return undefined;
    },
    changed(userId) {
      cache.delete(userId);
      for (const listener of listeners) listener(userId);
    },
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The user fields whose change ends the user's sessions (they are what a token's claims say). */
export const SESSION_FIELDS = ['password', 'role', 'agencyIds', 'technicianId', 'active'] as const;

/** Prisma update data bumping the version when a session field is in the patch. */
export function bumpIfSessionChanged(patch: Record<string, unknown>): { tokenVersion?: { increment: number } } {
  return SESSION_FIELDS.some((field) => patch[field] !== undefined) ? { tokenVersion: { increment: 1 } } : {};
}
