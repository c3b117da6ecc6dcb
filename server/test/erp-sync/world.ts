// One app on a fresh database with webhook delivery running and an ERP
// simulator listening, for the ERP sync and webhook tests.
import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../../src/http/app.ts';
import { createWebhookDelivery, type WebhookDelivery, type WebhookDeliveryOptions } from '../../src/webhooks/delivery.ts';
import { withInterventionEvents } from '../../src/webhooks/intervention-events.ts';
import { seedFixtures, type Fixtures } from '../http/fixtures.ts';
import { listen, request, TEST_SECRET, type Opened, type Response } from '../http/harness.ts';
import { startErpSimulator, type ErpSimulator } from './erp-simulator.ts';

export interface World {
  readonly opened: Opened;
  readonly app: App;
  readonly webhooks: WebhookDelivery;
  readonly fixtures: Fixtures;
  readonly erp: ErpSimulator;
  readonly token: Record<'admin' | 'dispatcherA' | 'dispatcherB' | 'tech1', string>;
  call<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response<T>>;
  close(): Promise<void>;
}

export async function startWorld(open: () => Promise<Opened>, redisUrl: string | undefined, overrides: Partial<WebhookDeliveryOptions> = {}): Promise<World> {
  const opened = await open();
  const prisma = opened.db.prisma;
  const fixtures = await seedFixtures(prisma);
  const webhooks = await createWebhookDelivery({
    prisma,
    redisUrl,
    queuePrefix: `tournee-test-${randomUUID()}`,
    attempts: 4,
    backoffMs: 50,
    timeoutMs: 2_000,
    // The simulator listens on 127.0.0.1, as an on-premises ERP on the company network would.
    allowPrivateNetworks: true,
    sweepMs: 0,
    log: () => {},
    ...overrides,
  });
  const broadcaster = withInterventionEvents(prisma, { interventionChanged: () => {}, positions: () => {} });
  const app = createApp({ config: { authSecret: TEST_SECRET, redisUrl: undefined }, prisma, dbKind: opened.db.kind, log: () => {}, broadcaster });
  const server = await listen(app);
  const erp = await startErpSimulator();
  const call: World['call'] = (method, path, options) => request(server.url, method, path, options);
  const token = {} as World['token'];
  for (const key of ['admin', 'dispatcherA', 'dispatcherB', 'tech1'] as const) {
    const res = await call('POST', '/api/auth/login', { body: { email: fixtures.users[key].email, password: fixtures.password } });
    token[key] = res.body.token;
  }
  return {
    opened,
    app,
    webhooks,
    fixtures,
    erp,
    token,
    call,
    close: async () => {
      await erp.close();
      await server.close();
      await webhooks.close();
      await app.close();
      await opened.cleanup();
    },
  };
}
