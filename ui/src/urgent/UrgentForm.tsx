// The urgent request's form: site, problem, skills, priority, duration. Its
// values live in the panel (UrgentRequest.tsx), so coming back from the
// answers finds them as they were. Submitting ranks the draft; nothing is saved.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UrgentDraft } from '../api/endpoints.ts';
import { useBoard } from '../state/context.tsx';
import { CustomerSiteSearch } from '../work/CustomerSiteSearch.tsx';
import { type DraftForm, MAX_DURATION, MIN_DURATION, PRIORITIES, toDraft } from './draft.ts';

export function UrgentForm({ form, onChange, onRank }: { form: DraftForm; onChange: (form: DraftForm) => void; onRank: (draft: UrgentDraft) => void }) {
  const { t } = useTranslation();
  const skills = useBoard((s) => s.skills);
  const agencyId = useBoard((s) => s.agencyId);
  const [error, setError] = useState<string | null>(null);
  const { site, problem, required, priority, duration } = form;
  const set = (patch: Partial<DraftForm>) => onChange({ ...form, ...patch });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!agencyId) return setError(t('urgent.pickSite'));
    const checked = toDraft(form, agencyId);
    if ('problem' in checked) {
      return setError(checked.problem === 'duration' ? t('urgent.durationRange', { min: MIN_DURATION, max: MAX_DURATION }) : t(`urgent.${checked.problem}`));
    }
    setError(null);
    onRank(checked.draft);
  };

  return (
    <form className="form" onSubmit={submit} aria-labelledby="urgent-title" noValidate>
      <h2 id="urgent-title" className="panel-title">
        {t('urgent.title')}
      </h2>
      {site ? (
        <div className="field">
          <span>{t('urgent.site')}</span>
          <div className="picked">
            <span>
              {site.name ?? site.address}, {site.postcode} {site.city}
            </span>
            <button type="button" className="link" onClick={() => set({ site: null, query: '' })}>
              {t('urgent.change')}
            </button>
          </div>
        </div>
      ) : (
        // The board's customer/site search (ui/src/work): by name, phone, address or serial number, the agency's sites only, each once.
        <CustomerSiteSearch
          agencyId={agencyId}
          pick="site"
          label={t('urgent.site')}
          placeholder={t('urgent.sitePlaceholder')}
          onPick={(_, s) => s && set({ site: s, query: '' })}
        />
      )}
      <div className="field">
        <label htmlFor="urgent-problem">{t('urgent.problem')}</label>
        <textarea
          id="urgent-problem"
          rows={3}
          value={problem}
          onChange={(e) => set({ problem: e.target.value })}
          placeholder={t('urgent.problemPlaceholder')}
        />
      </div>
      <fieldset className="field">
        <legend>{t('urgent.skills')}</legend>
        <div className="skill-grid">
          {skills.map((s) => (
            <label key={s.id} className="field-check">
              <input
                type="checkbox"
                checked={required[s.id] !== undefined}
                onChange={(e) => {
                  const next = { ...required };
                  if (e.target.checked) next[s.id] = 1;
                  else delete next[s.id];
                  set({ required: next });
                }}
              />
              <span>{s.name}</span>
              {required[s.id] !== undefined && (
                <select
                  aria-label={t('urgent.level', { skill: s.name })}
                  value={required[s.id]}
                  onChange={(e) => set({ required: { ...required, [s.id]: Number(e.target.value) } })}
                >
                  {[1, 2, 3, 4, 5].map((l) => (
                    <option key={l} value={l}>
                      {t('urgent.levelValue', { level: l })}
                    </option>
                  ))}
                </select>
              )}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field-row">
        <label className="field">
          <span>{t('urgent.priority')}</span>
          <select value={priority} onChange={(e) => set({ priority: Number(e.target.value) })}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`urgent.priorityLevel.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('urgent.duration')}</span>
          <input type="number" min={MIN_DURATION} max={MAX_DURATION} step={15} value={duration} onChange={(e) => set({ duration: Number(e.target.value) })} />
        </label>
      </div>
      <p className="muted">{t('urgent.draftHint')}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary">
        {t('urgent.findCandidates')}
      </button>
    </form>
  );
}
