// "Trouver un technicien" for a visit already in the queue: the intervention
// exists, so the server ranks it by its id and the chosen technician gets it
// (a version-checked assignment). When nobody fits the day, the same answer as
// a new urgent request's — why each technician cannot, a slot on a coming day,
// overtime, a visit to bump, a neighbouring agency (Alternatives.tsx) — and the
// choice is applied to THIS intervention (moved, never copied). New urgent
// requests go through UrgentRequest.tsx instead, as drafts.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InsertionAnswer, InsertionCandidate, UrgentAnswer, UrgentCommitAnswer } from '../api/endpoints.ts';
import { formatSignedDuration } from '../geo/time.ts';
import { describeError } from '../state/describe-error.ts';
import { useBoard, useController } from '../state/context.tsx';
import { type AssignDecision, DecisionDone, UnavailableList, UrgentAlternatives } from './Alternatives.tsx';
import { RankingStatus } from './RankingStatus.tsx';

export interface QueuedVisit {
  readonly id: string;
  readonly version: number;
  readonly label: string;
}

/** Loads the visit's board view, then ranks it. */
export function QueueCandidates({ interventionId, onDone }: { interventionId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const controller = useController();
  const [target, setTarget] = useState<QueuedVisit | null>(null);
  useEffect(() => {
    let live = true;
    setTarget(null);
    void controller.interventionDetails(interventionId).then((full) => {
      const view = controller.store.get().plan?.interventions[interventionId];
      if (!live || !full) return;
      setTarget({ id: full.id, version: view?.version ?? full.version, label: view?.label ?? '' });
    });
    return () => {
      live = false;
    };
  }, [interventionId, controller]);
  if (!target) return <p className="muted">{t('common.loading')}</p>;
  return <Candidates target={target} onBack={onDone} />;
}

function Candidates({ target, onBack }: { target: QueuedVisit; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const controller = useController();
  const technicians = useBoard((s) => s.technicians);
  const agencyId = useBoard((s) => s.agencyId);
  const agencies = useBoard((s) => s.agencies);
  const date = useBoard((s) => s.date);
  const timezone = agencies.find((a) => a.id === agencyId)?.timezone ?? 'Europe/Paris';
  // The server's engine ranks them (the same timing an assignment stores); the board does not guess.
  const [server, setServer] = useState<InsertionAnswer | null | 'failed'>(null);
  const [attempt, setAttempt] = useState(0);
  const [assigned, setAssigned] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // "Trouver un technicien" leaves the queue (its button is gone): the focus comes here, so the keyboard goes on from the candidates.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [target.id]);

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

  // Nobody fits without pushing a visit out: the urgent flow's answer for this visit, with what to do instead.
  const full = server !== null && server !== 'failed' && server.candidates.every((c) => c.pushedOut.length > 0);
  const [alternatives, setAlternatives] = useState<UrgentAnswer | null | 'failed'>(null);
  const [placing, setPlacing] = useState(false);
  const [placed, setPlaced] = useState<{ saved: UrgentCommitAnswer; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!full) return;
    let live = true;
    setAlternatives(null);
    controller.api
      .rankQueued(target.id, date)
      .then((a) => live && setAlternatives(a))
      .catch(() => live && setAlternatives('failed'));
    return () => {
      live = false;
    };
  }, [full, target.id, date, controller, attempt]);
  const place = async (decision: AssignDecision, who: string) => {
    setPlacing(true);
    setError(null);
    try {
      const saved = await controller.api.placeQueued(target.id, target.version, decision);
      setPlaced({ saved, name: who });
      void controller.queueChanged();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setPlacing(false);
    }
  };
  const richer = alternatives && alternatives !== 'failed' ? alternatives : null;

  const candidates = server && server !== 'failed' ? server.candidates : [];
  const name = (id: string) => {
    const tech = technicians.find((x) => x.id === id);
    return tech ? `${tech.firstName} ${tech.lastName}` : '';
  };
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(new Date(iso));

  const assign = async (c: InsertionCandidate) => {
    setBusy(c.technicianId);
    const ok = await controller.assignUrgent(target.id, target.version, c);
    setBusy(null);
    if (ok) setAssigned(c.technicianId);
  };

  return (
    <div className="candidates">
      <h2 className="panel-title" ref={heading} tabIndex={-1}>
        {t('urgent.candidatesFor', { label: target.label })}
      </h2>
      <RankingStatus answer={server} onRetry={() => setAttempt((n) => n + 1)} />
      {server && server !== 'failed' && server.candidates.length === 0 && <p className="muted">{t('urgent.noCandidate')}</p>}
      {server && server !== 'failed' && server.travelTimes === 'estimated' && <p className="hint">{t('urgent.estimatedTimes')}</p>}
      {placed && <DecisionDone saved={placed.saved} name={placed.name} onDone={onBack} />}
      {full && !assigned && !placed && alternatives === null && (
        <p className="muted" aria-live="polite">
          {t('urgent.ranking')}
        </p>
      )}
      {richer && !assigned && !placed && (
        <div className="urgent-answers">
          {richer.candidates.length === 0 && (
            <p className="hint" role="status">
              {t('urgent.nobodyButAlternatives')}
            </p>
          )}
          <UrgentAlternatives answer={richer} timezone={timezone} busy={placing} onDecide={(decision, who) => void place(decision, who)} />
          <UnavailableList answer={richer} timezone={timezone} />
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {server && server !== 'failed' && server.rejected.length > 0 && !assigned && !richer && !placed && (
        <details className="unavailable" open={server.candidates.length === 0}>
          <summary>{t('urgent.whyNot', { count: server.rejected.length })}</summary>
          <ul>
            {server.rejected.map((r) => (
              <li key={r.technicianId}>
                <strong>{name(r.technicianId)}</strong>
                {t('urgent.reasonsAfterName')}
                {t(`urgent.rejected.${r.reason}`)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {placed ? null : assigned ? (
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
      {!assigned && !placed && (
        <button type="button" className="link" onClick={onBack}>
          {t('common.back')}
        </button>
      )}
    </div>
  );
}
