// The delivery log: each event sent to each endpoint, its status, attempts,
// the endpoint's answer and how long it took, with "Renvoyer" (replay).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { DataTable, type Column } from '../shared/DataTable.tsx';
import { errorMessage } from '../shared/client.ts';
import { formatDateTime, formatQuantity } from '../shared/format.ts';
import { FormError } from '../shared/Field.tsx';
import { DELIVERY_STATUSES, endpointLabel, type Delivery, type DeliveryStatus, type Subscription, type WebhooksApi, eventLabelKey } from './api.ts';
import { webhookKeys } from './keys.ts';

const STATUS_CHIP: Record<DeliveryStatus, string> = { pending: 'chip warn', succeeded: 'chip ok', failed: 'chip failed' };

export function DeliveryLog({ api, subscriptions }: { api: WebhooksApi; subscriptions: readonly Subscription[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [subscriptionId, setSubscriptionId] = useState('');
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const filter = { subscriptionId: subscriptionId || undefined, status: status || undefined };
  // Pending deliveries move on by themselves (retries): read again every few seconds while some are pending.
  const deliveries = useQuery({
    queryKey: webhookKeys.deliveries(filter),
    queryFn: () => api.deliveries(filter),
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'pending') ? 3_000 : false),
  });
  const replay = useMutation({
    mutationFn: (id: string) => api.replay(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
  const endpointOf = (id: string) => {
    const s = subscriptions.find((x) => x.id === id);
    return s ? s.description || endpointLabel(s.url) : t('webhooks.log.deletedEndpoint');
  };

  const columns: Column<Delivery>[] = [
    // What and how it went first: on a phone the table scrolls, these stay in view.
    { key: 'event', header: t('webhooks.log.event'), cell: (d) => t(eventLabelKey(d.eventType)) },
    { key: 'status', header: t('webhooks.log.status'), cell: (d) => <span className={STATUS_CHIP[d.status]}>{t(`webhooks.status.${d.status}`)}</span> },
    { key: 'when', header: t('webhooks.log.when'), cell: (d) => formatDateTime(d.createdAt, i18n.language) },
    { key: 'endpoint', header: t('webhooks.log.endpoint'), cell: (d) => endpointOf(d.subscriptionId), className: 'webhook-endpoint' },
    { key: 'attempts', header: t('webhooks.log.attempts'), numeric: true, cell: (d) => formatQuantity(d.attempts, i18n.language) },
    { key: 'answer', header: t('webhooks.log.answer'), numeric: true, cell: (d) => (d.responseStatus === null ? '—' : String(d.responseStatus)) },
    {
      key: 'duration',
      header: t('webhooks.log.duration'),
      numeric: true,
      cell: (d) => (d.durationMs === null ? '—' : t('webhooks.log.ms', { value: formatQuantity(d.durationMs, i18n.language) })),
    },
    {
      key: 'detail',
      header: t('webhooks.log.detail'),
      cell: (d) =>
        d.status === 'pending' && d.nextAttemptAt
          ? t('webhooks.log.nextAttempt', { when: formatDateTime(d.nextAttemptAt, i18n.language) })
          : d.error
            ? describeError(d.error, t)
            : '—',
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('webhooks.log.actions')}</span>,
      cell: (d) => (
        <button
          type="button"
          className="button small"
          disabled={replay.isPending && replay.variables === d.id}
          onClick={() => replay.mutate(d.id)}
          aria-label={t('webhooks.log.replayOne', { event: t(eventLabelKey(d.eventType)), when: formatDateTime(d.createdAt, i18n.language) })}
        >
          {t('webhooks.log.replay')}
        </button>
      ),
    },
  ];

  return (
    <section className="bo-card webhook-log" aria-labelledby="webhook-log-title">
      <h2 id="webhook-log-title">{t('webhooks.log.title')}</h2>
      <div className="bo-toolbar">
        <label className="field">
          <span>{t('webhooks.log.filterEndpoint')}</span>
          <select value={subscriptionId} onChange={(e) => setSubscriptionId(e.target.value)}>
            <option value="">{t('webhooks.log.allEndpoints')}</option>
            {subscriptions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.description || endpointLabel(s.url)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('webhooks.log.filterStatus')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}>
            <option value="">{t('webhooks.log.allStatuses')}</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`webhooks.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button small" onClick={() => void deliveries.refetch()}>
          {t('webhooks.refresh')}
        </button>
      </div>
      <FormError message={deliveries.error ? errorMessage(deliveries.error) : replay.error ? errorMessage(replay.error) : null} />
      <DataTable
        caption={t('webhooks.log.caption', { count: deliveries.data?.total ?? 0 })}
        captionHidden
        columns={columns}
        rows={deliveries.data?.items ?? []}
        rowKey={(d) => d.id}
        empty={deliveries.isLoading ? t('webhooks.loading') : t('webhooks.log.empty')}
      />
    </section>
  );
}

/** The server's reason in words: "answered 500" → "a répondu 500", a refused or unreachable endpoint said so. */
function describeError(error: string, t: TFunction): string {
  const answered = /^answered (\d{3})$/.exec(error);
  if (answered) return t('webhooks.errors.answered', { status: answered[1] });
  if (error.startsWith('refused target')) return t('webhooks.errors.refused');
  if (error.startsWith('no answer within')) return t('webhooks.errors.timeout');
  if (error === 'the subscription is disabled') return t('webhooks.errors.disabled');
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up/.test(error)) return t('webhooks.errors.unreachable');
  return t('webhooks.errors.other');
}
