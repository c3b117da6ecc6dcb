// An urgent request: describe it (site, problem, skills, priority), see the
// technicians who could take it ranked by arrival and by what it costs their
// day, and assign it — the technician's app receives it at once. The same
// candidate list serves "find a technician" for a visit from the queue.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '../api/types.ts';
import type { InsertionAnswer, InsertionCandidate } from '../api/endpoints.ts';
import { formatSignedDuration } from '../geo/time.ts';
import { describeError } from '../state/describe-error.ts';
import { useBoard, useController } from '../state/context.tsx';

interface Target {
  readonly id: string;
  readonly version: number;
  readonly label: string;
  readonly at: { lat: number; lon: number } | null;
  readonly durationMinutes: number;
  readonly requiredSkills: readonly { skillId: string; minLevel: number }[];
}

const PRIORITIES = [95, 80, 60] as const;

export function UrgentPanel({ interventionId, onDone }: { interventionId: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const controller = useController();
  const [target, setTarget] = useState<Target | null>(null);

  // Coming from the queue: the intervention exists, go straight to candidates.
  useEffect(() => {
    if (!interventionId) return setTarget(null);
    let live = true;
    void controller.interventionDetails(interventionId).then((full) => {
      const view = controller.store.get().plan?.interventions[interventionId];
      if (!live || !full) return;
      setTarget({
        id: full.id,
        version: view?.version ?? full.version,
        label: view?.label ?? full.id,
        at: view && view.lat !== null && view.lon !== null ? { lat: view.lat, lon: view.lon } : null,
        durationMinutes: full.estimatedDurationMinutes,
        requiredSkills: full.requiredSkills,
      });
    });
    return () => {
      live = false;
    };
  }, [interventionId, controller]);

  return (
    <div className="urgent">
      {target ? (
        <Candidates
          target={target}
          onBack={() => {
            setTarget(null);
            onDone();
          }}
        />
      ) : (
        <UrgentForm onCreated={setTarget} />
      )}
      {!target && interventionId && <p className="muted">{t('common.loading')}</p>}
    </div>
  );
}

function UrgentForm({ onCreated }: { onCreated: (target: Target) => void }) {
  const { t } = useTranslation();
  const controller = useController();
  const skills = useBoard((s) => s.skills);
  const agencyId = useBoard((s) => s.agencyId);
  const date = useBoard((s) => s.date);
  const [query, setQuery] = useState('');
  const [sites, setSites] = useState<Site[]>([]);
  const [site, setSite] = useState<Site | null>(null);
  const [problem, setProblem] = useState('');
  const [required, setRequired] = useState<Record<string, number>>({});
  const [priority, setPriority] = useState<number>(95);
  const [duration, setDuration] = useState(60);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (site || query.trim().length < 2) return setSites([]);
    const timer = setTimeout(
      () =>
        void controller.api
          .sites(query.trim())
          .then((found) => setSites(found.slice(0, 8)))
          .catch(() => setSites([])),
      250,
    );
    return () => clearTimeout(timer);
  }, [query, site, controller]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!agencyId || !site) return setError(t('urgent.pickSite'));
    if (!problem.trim()) return setError(t('urgent.describeProblem'));
    setBusy(true);
    setError(null);
    try {
      const requiredSkills = Object.entries(required).map(([skillId, minLevel]) => ({ skillId, minLevel }));
      const created = await controller.createUrgent({
        agencyId,
        siteId: site.id,
        kind: 'corrective',
        problemDescription: problem.trim(),
        priority,
        estimatedDurationMinutes: duration,
        requiredSkills,
        earliestDate: date,
        latestDate: date,
      });
      onCreated({
        id: created.id,
        version: created.version,
        label: `${site.name ?? site.address} — ${site.city}`,
        at: site.lat !== null && site.lon !== null ? { lat: site.lat, lon: site.lon } : null,
        durationMinutes: duration,
        requiredSkills,
      });
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} aria-labelledby="urgent-title" noValidate>
      <h2 id="urgent-title" className="panel-title">
        {t('urgent.title')}
      </h2>
      <div className="field">
        <label htmlFor="urgent-site">{t('urgent.site')}</label>
        {site ? (
          <div className="picked">
            <span>
              {site.name ?? site.address}, {site.postcode} {site.city}
            </span>
            <button
              type="button"
              className="link"
              onClick={() => {
                setSite(null);
                setQuery('');
              }}
            >
              {t('urgent.change')}
            </button>
          </div>
        ) : (
          <>
            <input
              id="urgent-site"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder={t('urgent.sitePlaceholder')}
              autoComplete="off"
              aria-describedby="urgent-site-hint"
            />
            <small id="urgent-site-hint" className="muted">
              {t('urgent.siteHint')}
            </small>
            {sites.length > 0 && (
              <ul className="suggestions" aria-label={t('urgent.sites')}>
                {sites.map((s) => (
                  <li key={s.id}>
                    <button type="button" onClick={() => setSite(s)}>
                      <strong>{s.name ?? s.address}</strong>{' '}
                      <span className="muted">
                        {s.address}, {s.postcode} {s.city}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <div className="field">
        <label htmlFor="urgent-problem">{t('urgent.problem')}</label>
        <textarea id="urgent-problem" rows={3} value={problem} onChange={(e) => setProblem(e.target.value)} placeholder={t('urgent.problemPlaceholder')} />
      </div>
      <fieldset className="field">
        <legend>{t('urgent.skills')}</legend>
        <div className="skill-grid">
          {skills.map((s) => (
            <label key={s.id} className="field-check">
              <input
                type="checkbox"
                checked={required[s.id] !== undefined}
                onChange={(e) =>
                  setRequired((r) => {
                    const next = { ...r };
                    if (e.target.checked) next[s.id] = 1;
                    else delete next[s.id];
                    return next;
                  })
                }
              />
              <span>{s.name}</span>
              {required[s.id] !== undefined && (
                <select
                  aria-label={t('urgent.level', { skill: s.name })}
                  value={required[s.id]}
                  onChange={(e) => setRequired((r) => ({ ...r, [s.id]: Number(e.target.value) }))}
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
          <select value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`urgent.priorityLevel.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('urgent.duration')}</span>
          <input type="number" min={15} max={480} step={15} value={duration} onChange={(e) => setDuration(Number(e.target.value))} />
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('common.working') : t('urgent.findCandidates')}
      </button>
    </form>
  );
}

function Candidates({ target, onBack }: { target: Target; onBack: () => void }) {
  const { t } = useTranslation();
  const controller = useController();
  const technicians = useBoard((s) => s.technicians);
  const agencyId = useBoard((s) => s.agencyId);
  const agencies = useBoard((s) => s.agencies);
  const timezone = agencies.find((a) => a.id === agencyId)?.timezone ?? 'Europe/Paris';
  // The server's engine ranks them (the same timing an assignment stores); the board does not guess.
  const [server, setServer] = useState<InsertionAnswer | null | 'failed'>(null);
  const [attempt, setAttempt] = useState(0);
  const [assigned, setAssigned] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setServer(null);
    void controller
      .candidates(target.id)
      .then((answer) => live && setServer(answer))
      .catch(() => live && setServer('failed'));
    return () => {
      live = false;
    };
  }, [target.id, controller, attempt]);

  const candidates = server && server !== 'failed' ? server.candidates : [];
  const name = (id: string) => {
    const tech = technicians.find((x) => x.id === id);
    return tech ? `${tech.firstName} ${tech.lastName}` : id;
  };
  const time = (iso: string) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(new Date(iso));

  const assign = async (c: InsertionCandidate) => {
    setBusy(c.technicianId);
    const ok = await controller.assignUrgent(target.id, target.version, c);
    setBusy(null);
    if (ok) setAssigned(c.technicianId);
  };

  return (
    <div className="candidates">
      <h2 className="panel-title">{t('urgent.candidatesFor', { label: target.label })}</h2>
      {server === null && (
        <p className="muted" aria-live="polite">
          {t('urgent.ranking')}
        </p>
      )}
      {server === 'failed' && (
        <p className="hint" role="alert">
          {t('urgent.rankingFailed')}{' '}
          <button type="button" className="link" onClick={() => setAttempt((n) => n + 1)}>
            {t('urgent.retry')}
          </button>
        </p>
      )}
      {server && server !== 'failed' && server.candidates.length === 0 && <p className="muted">{t('urgent.noCandidate')}</p>}
      {server && server !== 'failed' && server.travelTimes === 'estimated' && <p className="hint">{t('urgent.estimatedTimes')}</p>}
      {assigned ? (
        <div className="success" role="status">
          <p>{t('urgent.assignedTo', { name: name(assigned) })}</p>
          <button type="button" className="button" onClick={onBack}>
            {t('urgent.another')}
          </button>
        </div>
      ) : (
        <ol className="candidate-list">
          {candidates.map((c, index) => (
            <li key={c.technicianId} className="candidate" data-technician-id={c.technicianId}>
              <span className="rank" aria-hidden="true">
                {index + 1}
              </span>
              <div className="candidate-body">
                <strong>{name(c.technicianId)}</strong>
                <span>
                  {t('urgent.eta', { time: time(c.eta) })} · {t('urgent.extraTravel', { duration: formatSignedDuration(c.addedTravelSeconds) })}
                </span>
                <span className="muted">{c.delayed === 0 ? t('urgent.noDelay') : t('urgent.delayedCount', { count: c.delayed })}</span>
                {(c.pushedOut.length > 0 || c.slaMet != null) && (
                  <span className="chips">
                    {c.pushedOut.length > 0 ? <span className="chip warn">{t('urgent.pushedOut', { count: c.pushedOut.length })}</span> : null}
                    {c.slaMet === false && <span className="chip warn">{t('urgent.slaMissed')}</span>}
                    {c.slaMet === true && <span className="chip ok">{t('urgent.slaMet')}</span>}
                  </span>
                )}
              </div>
              <button type="button" className="button primary small" disabled={busy !== null} onClick={() => void assign(c)}>
                {busy === c.technicianId ? t('common.working') : t('urgent.assign')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {!assigned && (
        <button type="button" className="link" onClick={onBack}>
          {t('common.back')}
        </button>
      )}
    </div>
  );
}
