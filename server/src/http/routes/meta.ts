// GET /api/health and GET /api/openapi.json: public, for load balancers,
// scripts and API clients.
import { z } from 'zod';
import { Health } from '@tournee/contracts/api';
import type { AppDeps } from '../deps.ts';
import { openApiDocument } from '../openapi.ts';
import type { ApiRegistry } from '../registry.ts';

const HEALTH_TIMEOUT_MS = 2_000;

export function metaRoutes(api: ApiRegistry, { prisma, dbKind, health, config }: AppDeps): void {
  api.publicRoute(
    {
      method: 'get',
      path: '/api/health',
      summary: 'Liveness and readiness',
      tag: 'Meta',
      response: Health,
      errors: [503],
      description:
        'Answers once migrations are applied. 503 with status "degraded" when the database, the queue backend or the realtime Redis does not answer, with the reasons.',
    },
    async ({ res }) => {
      const [dbOk, queue] = await Promise.all([
        withTimeout(
          prisma.$queryRaw`SELECT 1`.then(() => true),
          false,
        ),
        health
          ? withTimeout(health.queue(), { kind: config.redisUrl ? ('redis' as const) : ('in-process' as const), ok: false })
          : Promise.resolve({ kind: config.redisUrl ? ('redis' as const) : ('in-process' as const), ok: !config.redisUrl }),
      ]);
      const reasons = [...(dbOk ? [] : ['the database did not answer']), ...(health?.problems?.() ?? [])];
      if (!queue.ok && !reasons.some((r) => r.includes('job queue'))) reasons.push('the job queue did not answer');
      const ok = reasons.length === 0;
      res.status(ok ? 200 : 503);
      return { status: ok ? 'ok' : 'degraded', db: { kind: dbKind, ok: dbOk }, queue, ...(ok ? {} : { reasons }) };
    },
  );

  let document: Record<string, unknown> | undefined;
  api.publicRoute(
    { method: 'get', path: '/api/openapi.json', summary: 'This API as an OpenAPI 3.1 document', tag: 'Meta', response: z.record(z.string(), z.unknown()) },
    // Built on first request: by then every route is registered.
    () =>
      (document ??= openApiDocument(api.routes, {
        title: 'Tournée API',
        version: '0.1.0',
        description:
          'Field-service dispatch and planning. Log in with POST /api/auth/login, then send the token as Authorization: Bearer <token> (or rely on the session cookie).',
      })),
  );
}

function withTimeout<T>(promise: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([promise.catch(() => fallback), new Promise<T>((resolve) => setTimeout(() => resolve(fallback), HEALTH_TIMEOUT_MS).unref())]);
}
