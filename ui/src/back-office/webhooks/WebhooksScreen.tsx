// The back office's ERP webhooks screen (issue 13), the admin's: the
// endpoints subscribed (on/off, delete), a form to subscribe one (its
// signing secret shown once), and the delivery log with replay.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard } from '../../state/context.tsx';
import { DataTable, type Column } from '../shared/DataTable.tsx';
import { errorMessage, useBackOfficeHttp } from '../shared/client.ts';
import { FormError } from '../shared/Field.tsx';
import { formatDateTime } from '../shared/format.ts';
import { endpointLabel, webhooksApi, type Subscription, type SubscriptionCreated, eventLabelKey } from './api.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { webhookKeys } from './keys.ts';
import { SecretOnce, SubscriptionForm } from './SubscriptionForm.tsx';
import './webhooks.css';

export function WebhooksScreen() {
  const { t, i18n } = useTranslation();
  const role = useBoard((s) => s.session?.user.role);
  const http = useBackOfficeHttp();
  const api = useMemo(() => webhooksApi(http), [http]);
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<SubscriptionCreated | null>(null);
  const subscriptions = useQuery({ queryKey: webhookKeys.subscriptions(), queryFn: api.subscriptions, enabled: role === 'admin' });
  const changed = () => void queryClient.invalidateQueries({ queryKey: webhookKeys.all });
  const setActive = useMutation({ mutationFn: (s: Subscription) => api.setActive(s.id, !s.active), onSuccess: changed });
  const remove = useMutation({ mutationFn: (s: Subscription) => api.remove(s.id), onSuccess: changed });

  if (role !== 'admin')
    return (
      <section className="bo-screen webhooks-screen" aria-labelledby="webhooks-title">
        <h1 id="webhooks-title">{t('webhooks.title')}</h1>
        <p className="empty">{t('webhooks.adminOnly')}</p>
      </section>
    );

  const columns: Column<Subscription>[] = [
    {
      key: 'endpoint',
      header: t('webhooks.list.endpoint'),
      cell: (s) => (
        <>
          <strong>{s.description || endpointLabel(s.url)}</strong>
          {s.description && <div className="muted webhook-url">{s.url}</div>}
        </>
      ),
    },
    {
      key: 'events',
      header: t('webhooks.list.events'),
      cell: (s) => (
        <span className="chips">
          {s.events.map((type) => (
            <span key={type} className="chip">
              {t(eventLabelKey(type))}
            </span>
          ))}
        </span>
      ),
    },
    { key: 'since', header: t('webhooks.list.since'), cell: (s) => formatDateTime(s.createdAt, i18n.language), className: 'webhook-since' },
    {
      key: 'active',
      header: t('webhooks.list.active'),
      cell: (s) => (
        <label className="webhook-toggle">
          <input type="checkbox" checked={s.active} onChange={() => setActive.mutate(s)} />
          <span>{s.active ? t('webhooks.list.on') : t('webhooks.list.off')}</span>
        </label>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('webhooks.list.actions')}</span>,
      cell: (s) => (
        <button
          type="button"
          className="button small subtle"
          onClick={() => {
            if (window.confirm(t('webhooks.list.confirmDelete', { endpoint: s.description || endpointLabel(s.url) }))) remove.mutate(s);
          }}
        >
          {t('webhooks.list.delete')}
        </button>
      ),
    },
  ];

  const failure = subscriptions.error ?? setActive.error ?? remove.error;
  return (
    <section className="bo-screen webhooks-screen" aria-labelledby="webhooks-title">
      <header className="bo-header">
        <h1 id="webhooks-title">{t('webhooks.title')}</h1>
        <button type="button" className="button small" onClick={changed}>
          {t('webhooks.refresh')}
        </button>
      </header>
      <p className="bo-note">{t('webhooks.intro')}</p>
      <FormError message={failure ? errorMessage(failure) : null} />
      <div className="bo-split webhooks-top">
        <section className="bo-card" aria-labelledby="webhook-list-title">
          <h2 id="webhook-list-title">{t('webhooks.list.title')}</h2>
          <DataTable
            caption={t('webhooks.list.title')}
            captionHidden
            columns={columns}
            rows={subscriptions.data ?? []}
            rowKey={(s) => s.id}
            rowClassName={(s) => (s.active ? undefined : 'is-muted')}
            empty={subscriptions.isLoading ? t('webhooks.loading') : t('webhooks.list.empty')}
          />
        </section>
        <section className="bo-card">
          {created ? (
            <SecretOnce created={created} onDone={() => setCreated(null)} />
          ) : (
            <SubscriptionForm
              api={api}
              onCreated={(c) => {
                setCreated(c);
                changed();
              }}
            />
          )}
        </section>
      </div>
      <DeliveryLog api={api} subscriptions={subscriptions.data ?? []} />
    </section>
  );
}
