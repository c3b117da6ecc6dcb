// Draft a quote or an invoice from a visit: the server prices labour, travel
// and parts, decides the warranty again and deducts it line by line.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Intervention } from '../../api/types.ts';
import { FAULT_CAUSES, type BillingApi, type BillingDocument, type FaultCause } from './api.ts';
import { formatDay } from './format.ts';
import { FieldError, FormError, FormField, useFormErrors } from './forms.tsx';
import { useRevealed } from './kit.tsx';

const FORM = 'new-document';
const BILLABLE = 'done,closed';
const QUOTABLE = 'requested,planned,assigned,dispatched,en_route,on_site,done,closed';

export function NewDocument({
  agencyId,
  api,
  onCreated,
  onCancel,
}: {
  agencyId: string;
  api: BillingApi;
  onCreated: (doc: BillingDocument) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<'invoice' | 'quote'>('invoice');
  const [visits, setVisits] = useState<Intervention[] | null>(null);
  const [interventionId, setInterventionId] = useState('');
  const [cause, setCause] = useState<FaultCause | ''>('');
  const [energyWork, setEnergyWork] = useState(false);
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, hasLocal } = useFormErrors();
  const ref = useRevealed<HTMLFormElement>(true);

  useEffect(() => {
    let live = true;
    setVisits(null);
    api
      .interventions(agencyId, kind === 'invoice' ? BILLABLE : QUOTABLE)
      .then((list) => live && setVisits([...list].sort((a, b) => (b.actualEnd ?? b.plannedStart ?? '').localeCompare(a.actualEnd ?? a.plannedStart ?? ''))))
      .catch((e: unknown) => {
        if (live) {
          setVisits([]);
          fail(e);
        }
      });
    return () => {
      live = false;
    };
  }, [api, agencyId, kind, fail]);

  const label = (i: Intervention) => {
    const when = formatDay(i.actualEnd ?? i.plannedStart ?? i.earliestDate, i18n.language);
    const what = i.problemDescription ?? i.report ?? i.id.slice(0, 8);
    return `${when} — ${t(`billing.new.visitStatus.${i.status === 'done' || i.status === 'closed' ? 'done' : 'open'}`)} — ${what}`;
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (hasLocal(interventionId ? {} : { interventionId: t('billing.new.pickVisit') })) return;
    clear();
    setBusy(true);
    try {
      const doc = await api.fromIntervention(interventionId, {
        kind,
        ...(cause ? { cause } : {}),
        ...(energyWork ? { energyWork } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      });
      onCreated(doc);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="bo-card" ref={ref} aria-labelledby={`${FORM}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${FORM}-title`}>{t('billing.new.title')}</h2>
      <FormError errors={errors} shown={['interventionId', 'kind', 'cause', 'energyWork', 'notes']} />
      <fieldset className="field">
        <legend>{t('billing.new.kind')}</legend>
        <div className="actions">
          {(['invoice', 'quote'] as const).map((k) => (
            <label key={k} className="field-check">
              <input type="radio" name={`${FORM}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{t(`billing.kind.${k}`)}</span>
            </label>
          ))}
        </div>
        <FieldError form={FORM} errors={errors} path="kind" />
      </fieldset>
      <FormField form={FORM} errors={errors} path="interventionId" label={kind === 'invoice' ? t('billing.new.visitDone') : t('billing.new.visit')}>
        <select value={interventionId} onChange={(e) => setInterventionId(e.target.value)} disabled={visits === null}>
          <option value="">{visits === null ? t('common.loading') : visits.length === 0 ? t('billing.new.noVisit') : t('billing.new.choose')}</option>
          {visits?.map((i) => (
            <option key={i.id} value={i.id}>
              {label(i)}
            </option>
          ))}
        </select>
      </FormField>
      <FormField form={FORM} errors={errors} path="cause" label={t('billing.new.cause')}>
        <select value={cause} onChange={(e) => setCause(e.target.value as FaultCause | '')}>
          <option value="">{t('billing.new.causeUnset')}</option>
          {FAULT_CAUSES.map((c) => (
            <option key={c} value={c}>
              {t(`billing.cause.${c}`)}
            </option>
          ))}
        </select>
      </FormField>
      <label className="field field-check">
        <input type="checkbox" checked={energyWork} onChange={(e) => setEnergyWork(e.target.checked)} />
        <span>{t('billing.new.energyWork')}</span>
      </label>
      <FieldError form={FORM} errors={errors} path="energyWork" />
      <FormField form={FORM} errors={errors} path="notes" label={t('billing.new.notes')}>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </FormField>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('common.working') : t('billing.new.submit')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('billing.cancel')}
        </button>
      </div>
    </form>
  );
}
