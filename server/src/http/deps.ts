// What the HTTP layer needs from the rest of the server. Everything beyond the
// database is optional, so tests (and a server without realtime or jobs) can
// build the app with less.
import type { Router } from 'express';
import type { LoginCounters } from '../auth/rate-limit.ts';
import type { Config } from '../config.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import type { ApiRegistry } from './registry.ts';

export interface HealthProbe {
  /** Where jobs run; `ok` false when the queue backend does not answer. */
  queue(): Promise<{ kind: 'redis' | 'in-process'; ok: boolean }>;
  /** What else is degraded (Redis for realtime or the queue unreachable), one sentence each; empty when all is well. */
  problems?(): readonly string[];
}

export interface AppDeps {
  /** trustProxy: absent → false (no proxy's headers believed). */
  readonly config: Pick<Config, 'authSecret' | 'redisUrl'> & Partial<Pick<Config, 'trustProxy'>>;
  readonly prisma: PrismaClient;
  readonly dbKind: 'pglite' | 'postgresql';
  /** The realtime side: interventions and positions are handed to it. */
  readonly broadcaster?: (Pick<Broadcaster, 'positions' | 'interventionChanged'> & Partial<Pick<Broadcaster, 'assignmentPushed'>>) | undefined;
  readonly health?: HealthProbe | undefined;
  /** Session revocation (auth/sessions.ts); shared with realtime so a revoked user's sockets are closed. Default: the app's own. */
  readonly sessions?: Sessions | undefined;
  /** Other modules' routes (planning), declared on the app's registry: validated, authorized and in the OpenAPI document. */
  readonly routes?: ReadonlyArray<(api: ApiRegistry) => void> | undefined;
  /** Other modules' plain routers, mounted under /api for logged-in users. */
  readonly routers?: readonly Router[] | undefined;
  /** Served after the API (the web UI); never sees /api paths. */
  readonly ui?: Router | undefined;
  /** Where login attempts are counted: Redis when given (shared by every process), else this process's memory. */
  readonly loginCounters?: LoginCounters | undefined;
  /** Login attempts per IP and email (failed ones only) per window. */
  readonly loginRateLimit?: { readonly windowMs: number; readonly max: number } | undefined;
  /** Positions are written in batches this often (ms). */
  readonly positionFlushMs?: number | undefined;
  readonly log?: ((message: string, error?: unknown) => void) | undefined;
}
