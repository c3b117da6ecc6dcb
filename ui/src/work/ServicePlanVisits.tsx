// The chosen site's service plans (its maintenance contracts' visits) in
// « Nouvelle intervention », each with « Créer la visite »: the plan's next due
// visit created at once by the server (POST /api/service-plans/:id/visit) with
// the plan's skills, duration, priority and due date, in the agency of the
// site. Nothing shows for a site without an active plan.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http.ts';
import { describeError } from '../state/describe-error.ts';
import type { ServicePlanRow } from './api.ts';
import { useWorkApi } from './use-work-api.ts';

export interface PlanVisitCreated {
  readonly id: string;
  readonly earliestDate: string | null;
}

export function ServicePlanVisits({ siteId, onCreated }: { siteId: string; onCreated: (created: PlanVisitCreated) => void }) {
  const { t, i18n } = useTranslation();
  const api = useWorkApi();
  const [plans, setPlans] = useState<readonly ServicePlanRow[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});

  useEffect(() => {
    let live = true;
    setPlans(null);
    setNotes({});
    api
      .sitePlans(siteId)
      .then((rows) => live && setPlans(rows))
      .catch(() => live && setPlans([]));
    return () => {
      live = false;
    };
  }, [api, siteId]);

  if (!plans || plans.length === 0) return null;

  const create = async (plan: ServicePlanRow) => {
    setBusy(plan.id);
    setNotes((n) => ({ ...n, [plan.id]: '' }));
    try {
      const created = await api.createPlanVisit(plan.id);
      onCreated({ id: created.id, earliestDate: created.earliestDate });
    } catch (error) {
      const exists = error instanceof ApiError && error.status === 409 && error.details.some((d) => d.message === 'visit exists already');
      setNotes((n) => ({ ...n, [plan.id]: exists ? t('work.plans.exists') : t('work.plans.failed', { error: describeError(error) }) }));
    } finally {
      setBusy(null);
    }
  };

  const day = (d: string) =>
    new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
  const due = (plan: ServicePlanRow) =>
    plan.nextDueOn
      ? t('work.plans.dueOn', { date: day(plan.nextDueOn) })
      : plan.trigger === 'usage_counter'
        ? t('work.plans.byCounter')
        : t('work.plans.dueUnknown');

  return (
    <section className="work-plans" aria-labelledby="work-plans-title">
      <h4 id="work-plans-title">{t('work.plans.title')}</h4>
      <ul>
        {plans.map((plan) => (
          <li key={plan.id} className="work-plan">
            <span className="work-plan-text">
              <strong>{plan.name}</strong>
              <span className="muted">
                {' '}
                · {due(plan)} · {t('work.plans.duration', { minutes: plan.estimatedDurationMinutes })}
              </span>
            </span>
            <button
              type="button"
              className="button small"
              disabled={busy !== null}
              onClick={() => void create(plan)}
              aria-label={t('work.plans.createFor', { plan: plan.name })}
            >
              {busy === plan.id ? t('work.plans.creating') : t('work.plans.create')}
            </button>
            {notes[plan.id] && (
              <small className="field-error work-plan-note" role="alert">
                {notes[plan.id]}
              </small>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
