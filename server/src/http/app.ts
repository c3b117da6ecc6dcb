// createApp: the Express application serving /api. The composition root
// (main.ts) hands it the database and the realtime and job modules; tests
// hand it just a database.
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { CALENDAR_DAY_FIELDS } from '@tournee/contracts/api';
import { componentLogger, logCallback } from '../logger.ts';
import { createSessions, type Sessions } from '../auth/sessions.ts';
import { authenticate, requireAuth } from './authenticate.ts';
import type { AppDeps } from './deps.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { securityHeaders } from './security-headers.ts';
import { createPositionWriter, type PositionWriter } from './position-writer.ts';
import { ApiRegistry } from './registry.ts';
import { authRoutes } from './routes/auth.ts';
import { backOfficeRoutes } from './routes/back-office/index.ts';
import { counterReadingRoutes } from './routes/counter-readings.ts';
import { overdueVisitRoutes } from './routes/overdue-visits.ts';
import { installedBaseRoutes } from './routes/installed-base.ts';
import { newWorkRoutes } from './routes/new-work.ts';
import { importRoutes } from './routes/import.ts';
import { dayExportRoutes } from './routes/day-export.ts';
import { listExportRoutes } from './routes/list-exports.ts';
import { planVisitRoutes } from './routes/plan-visit.ts';
import { interventionRoutes } from './routes/interventions.ts';
import { metaRoutes } from './routes/meta.ts';
import { organisationRoutes } from './routes/organisation.ts';
import { positionRoutes } from './routes/positions.ts';
import { serviceContractRoutes } from './routes/service-contracts.ts';
import { technicianCalendarRoutes } from './routes/technician-calendar.ts';
import { workforceRoutes } from './routes/workforce.ts';
import { erpSyncRoutes } from './routes/erp-sync.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { idempotency } from '../erp-sync/idempotency.ts';

export type { AppDeps } from './deps.ts';

export interface App {
  readonly app: Express;
  /** Every declared route (the OpenAPI document is built from them). */
  readonly registry: ApiRegistry;
  readonly positions: PositionWriter;
  /** Session revocation: the one the deps gave, or the app's own. */
  readonly sessions: Sessions;
  /** Writes buffered positions; call before closing the database. */
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const log = deps.log ?? logCallback(componentLogger('http'), 'error');
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy (TRUST_PROXY): req.ip is the client's (rate limits), req.secure follows X-Forwarded-Proto (the Secure cookie).
  app.set('trust proxy', deps.config.trustProxy ?? false);
  app.use(securityHeaders({ tileUrl: process.env.TILE_URL }));
  // Calendar days as YYYY-MM-DD (see CALENDAR_DAY_FIELDS); Dates arrive here already as ISO strings.
  app.set('json replacer', dayReplacer);
  // Large enough for a VROOM problem with its matrices (POST /api/optimization).
  app.use(express.json({ limit: '10mb' }));
  app.use(cookieParser());
  const sessions = deps.sessions ?? createSessions(deps.prisma);
  app.use('/api', authenticate(deps.config.authSecret, sessions));
  // Idempotency-Key on writes (ERP sync, issue 13): a retried request gets the first answer again.
  app.use('/api', idempotency(deps.prisma, { log }));

  const registry = new ApiRegistry();
  const positions = createPositionWriter(deps.prisma, { flushMs: deps.positionFlushMs, log });
  metaRoutes(registry, deps);
  authRoutes(registry, deps);
  organisationRoutes(registry, deps);
  workforceRoutes(registry, deps, sessions);
  technicianCalendarRoutes(registry, deps);
  installedBaseRoutes(registry, deps);
  counterReadingRoutes(registry, deps);
  overdueVisitRoutes(registry, deps);
  serviceContractRoutes(registry, deps);
  planVisitRoutes(registry, deps);
  interventionRoutes(registry, deps);
  newWorkRoutes(registry, deps);
  positionRoutes(registry, deps, positions);
  backOfficeRoutes(registry, deps);
  importRoutes(registry, deps);
  dayExportRoutes(registry, deps);
  listExportRoutes(registry, deps);
  erpSyncRoutes(registry, deps);
  webhookRoutes(registry, deps);
  for (const declare of deps.routes ?? []) declare(registry);
  app.use(registry.router);

  // Other modules' routers (planning) answer only logged-in users.
  for (const router of deps.routers ?? []) app.use('/api', requireAuth, router);

  app.use('/api', notFoundHandler);
  if (deps.ui) app.use(deps.ui);
  app.use(errorHandler(log));
  return { app, registry, positions, sessions, close: () => positions.close() };
}

function dayReplacer(this: unknown, key: string, value: unknown): unknown {
  if (!CALENDAR_DAY_FIELDS.has(key)) return value;
  const day = (v: unknown) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(v) ? v.slice(0, 10) : v;
  return Array.isArray(value) ? value.map(day) : day(value);
}
