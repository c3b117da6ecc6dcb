import { QueryClientProvider } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createBackOfficeQueryClient } from '../../../src/back-office/shared/query-client.ts';
import type { Delivery, Subscription } from '../../../src/back-office/webhooks/api.ts';
import { WebhooksScreen } from '../../../src/back-office/webhooks/WebhooksScreen.tsx';
import { fakeHttp, renderScreen } from '../billing/fake-http.tsx';

const T = { createdAt: '2026-12-08T09:30:00.000Z', updatedAt: '2026-12-08T09:30:00.000Z' };
const page = <X,>(items: X[]) => ({ items, total: items.length, limit: 100, offset: 0 });
const sage: Subscription = {
  id: 'sub-1',
  url: 'https://erp.example.fr/tournee',
  description: 'Sage 100 — siège',
  events: ['invoice.issued'],
  active: true,
  ...T,
};
const failed: Delivery = {
  id: 'del-1',
  subscriptionId: 'sub-1',
  eventId: 'evt-1',
  eventType: 'invoice.issued',
  status: 'failed',
  attempts: 8,
  replays: 0,
  responseStatus: 503,
  durationMs: 1234,
  error: 'answered 503',
  lastAttemptAt: T.createdAt,
  nextAttemptAt: null,
  ...T,
};

const screenWith = (http: ReturnType<typeof fakeHttp>['http'], role: 'admin' | 'dispatcher') =>
  renderScreen(
    <QueryClientProvider client={createBackOfficeQueryClient()}>
      <WebhooksScreen />
    </QueryClientProvider>,
    http,
    'fr',
    role,
  );

describe('WebhooksScreen', () => {
  it('lists endpoints and deliveries in French, replays a failed delivery, and shows a new subscription’s secret once', async () => {
    let subscriptions = [sage];
    let delivery = failed;
    const { http, calls } = fakeHttp({
      'GET /api/webhooks/subscriptions': () => page(subscriptions),
      'GET /api/webhooks/deliveries': () => page([delivery]),
      'POST /api/webhooks/deliveries/:id/replay': () =>
        (delivery = { ...delivery, status: 'succeeded', replays: 1, attempts: 9, responseStatus: 200, error: null }),
      'POST /api/webhooks/subscriptions': ({ body }) => {
        const created = { ...sage, id: 'sub-2', url: body.url, description: body.description, events: body.events };
        subscriptions = [...subscriptions, created];
        return { ...created, secret: 'whsec_secret-shown-once' };
      },
    });
    await screenWith(http, 'admin');

    const endpoints = await screen.findByRole('table', { name: 'Points de réception' });
    await within(endpoints).findByText('Sage 100 — siège');
    expect(within(endpoints).getByText('Facture émise')).toBeTruthy();

    const log = screen.getByRole('region', { name: 'Journal des envois' });
    const row = (await within(log).findByText('Échec', { selector: 'td span' })).closest('tr')!;
    expect(row.textContent).toContain('Facture émise');
    expect(row.textContent).toContain('L’ERP a répondu 503');
    expect(row.textContent).not.toContain('answered');
    await userEvent.click(within(row).getByRole('button', { name: /^Renvoyer « Facture émise » du / }));
    await within(log).findByText('Livré', { selector: 'td span' });
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/webhooks/deliveries/del-1/replay')).toBe(true);

    const form = screen.getByRole('form', { name: 'Nouvel abonnement' });
    await userEvent.type(within(form).getByLabelText('Adresse de réception (URL)'), 'https://odoo.example.fr/hooks');
    await userEvent.click(within(form).getByLabelText('Intervention terminée (rapport)'));
    await userEvent.click(within(form).getByRole('button', { name: 'Créer l’abonnement' }));
    const secret = await screen.findByRole('status', { name: 'Secret de signature' });
    expect(secret.textContent).toContain('whsec_secret-shown-once');
    const posted = calls.find((c) => c.method === 'POST' && c.path === '/api/webhooks/subscriptions')!;
    expect(posted.body).toEqual({ url: 'https://odoo.example.fr/hooks', description: null, events: ['intervention.done'] });
    await userEvent.click(within(secret).getByRole('button', { name: 'C’est noté' }));
    await waitFor(() => expect(screen.queryByText('whsec_secret-shown-once')).toBeNull());
    await within(endpoints).findByText('odoo.example.fr/hooks');
  });

  it('tells a dispatcher the screen is the admin’s, and asks nothing of the server', async () => {
    const { http, calls } = fakeHttp({});
    await screenWith(http, 'dispatcher');
    await screen.findByText('Seul un administrateur gère les webhooks de l’ERP.');
    expect(calls.filter((c) => c.path.startsWith('/api/webhooks'))).toEqual([]);
  });
});
