// A new webhook subscription: the ERP's URL, a description, the events it
// wants. The answer carries the signing secret, shown here once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../shared/client.ts';
import { Field, FormError } from '../shared/Field.tsx';
import { EVENT_TYPES, type EventType, type SubscriptionCreated, type WebhooksApi, eventLabelKey } from './api.ts';

export function SubscriptionForm({ api, onCreated }: { api: WebhooksApi; onCreated: (created: SubscriptionCreated) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<ReadonlySet<EventType>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  const toggle = (type: EventType) =>
    setEvents((current) => {
      const next = new Set(current);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.subscribe({ url: url.trim(), description: description.trim() || null, events: EVENT_TYPES.filter((type) => events.has(type)) });
      setUrl('');
      setDescription('');
      setEvents(new Set());
      onCreated(created);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const unnamed = error && Object.keys(errors).length === 0 ? errorMessage(error) : null;
  return (
    <form className="bo-form webhook-form" onSubmit={(e) => void submit(e)} aria-labelledby="webhook-form-title">
      <h2 id="webhook-form-title">{t('webhooks.form.title')}</h2>
      <Field label={t('webhooks.form.url')} error={errors.url} hint={t('webhooks.form.urlHint')}>
        <input type="url" required inputMode="url" placeholder="https://erp.example.fr/tournee" value={url} onChange={(e) => setUrl(e.target.value)} />
      </Field>
      <Field label={t('webhooks.form.description')} error={errors.description}>
        <input
          type="text"
          maxLength={200}
          placeholder={t('webhooks.form.descriptionPlaceholder')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <fieldset className="webhook-events">
        <legend>{t('webhooks.form.events')}</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="webhook-event">
            <input type="checkbox" checked={events.has(type)} onChange={() => toggle(type)} />
            <span>{t(eventLabelKey(type))}</span>
          </label>
        ))}
        {errors.events && (
          <small className="field-error" role="alert">
            {errors.events}
          </small>
        )}
      </fieldset>
      <FormError message={unnamed} />
      <div className="bo-actions">
        <button type="submit" className="button primary" disabled={busy || events.size === 0 || !url.trim()}>
          {t('webhooks.form.submit')}
        </button>
      </div>
    </form>
  );
}

/** The secret of the subscription just created: shown once, to copy into the ERP. */
export function SecretOnce({ created, onDone }: { created: SubscriptionCreated; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="bo-success webhook-secret" role="status" aria-labelledby="webhook-secret-title">
      <h2 id="webhook-secret-title">{t('webhooks.secret.title')}</h2>
      <p>{t('webhooks.secret.explain')}</p>
      <code className="webhook-secret-value" aria-label={t('webhooks.secret.label')}>
        {created.secret}
      </code>
      <div className="bo-actions">
        <button type="button" className="button small" onClick={() => void copy()}>
          {copied ? t('webhooks.secret.copied') : t('webhooks.secret.copy')}
        </button>
        <button type="button" className="button small primary" onClick={onDone}>
          {t('webhooks.secret.done')}
        </button>
      </div>
    </div>
  );
}
