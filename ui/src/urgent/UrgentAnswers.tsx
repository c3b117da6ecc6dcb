// The server's answer to an urgent draft: who can take it (assign), why each
// other technician cannot, and — when the day is full — what a dispatcher does
// next: a free slot on a coming day, overtime (confirmed), a lower-priority
// visit that gives way (confirmed), a neighbouring agency's technician. Or
// save it to the queue on purpose. "Retour" goes back to the form as it was:
// nothing was created while looking.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UrgentAnswer, UrgentCommitAnswer, UrgentDecision, UrgentDraft } from '../api/endpoints.ts';
import { formatSignedDuration } from '../geo/time.ts';
import { describeError } from '../state/describe-error.ts';
import { useBoard, useController } from '../state/context.tsx';
import { DecisionDone, UnavailableList, UrgentAlternatives, useAnswerFormat } from './Alternatives.tsx';
import { RankingStatus } from './RankingStatus.tsx';

type Answer = UrgentAnswer;

export function UrgentAnswers({ draft, label, onBack, onDone }: { draft: UrgentDraft; label: string; onBack: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const controller = useController();
  const date = useBoard((s) => s.date);
  const agencies = useBoard((s) => s.agencies);
  const timezone = agencies.find((a) => a.id === draft.agencyId)?.timezone ?? 'Europe/Paris';
  const [answer, setAnswer] = useState<Answer | null | 'failed'>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ answer: UrgentCommitAnswer; name: string } | null>(null);

  useEffect(() => {
    let live = true;
    setAnswer(null);
    controller.api
      .rankUrgent(draft, date)
      .then((a) => live && setAnswer(a))
      .catch(() => live && setAnswer('failed'));
    return () => {
      live = false;
    };
  }, [draft, date, controller, attempt]);

  const { time, day } = useAnswerFormat(timezone);

  const decide = async (decision: UrgentDecision, name: string) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await controller.api.commitUrgent(draft, decision);
      setDone({ answer: saved, name });
      // Saved to the queue: the day read again (the board's feed carries plan changes, not a new request), so it waits there at once.
      if (saved.status === 'requested') void controller.queueChanged();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="urgent-answers">
        <DecisionDone saved={done.answer} name={done.name} onDone={onDone} />
      </div>
    );
  }

  const ready = answer && answer !== 'failed' ? answer : null;
  const full = ready !== null && ready.candidates.every((c) => c.pushedOut.length > 0);
  const hasAlternatives = ready !== null && ready.slots.length + ready.overtime.length + ready.bumps.length + ready.neighbours.length > 0;
  const disabled = busy;

  return (
    <div className="urgent-answers" aria-busy={answer === null || busy}>
      <h2 className="panel-title">{t('urgent.candidatesFor', { label })}</h2>
      <RankingStatus answer={answer} onRetry={() => setAttempt((n) => n + 1)} />
      {ready && ready.travelTimes === 'estimated' && <p className="hint">{t('urgent.estimatedTimes')}</p>}
      {ready && ready.candidates.length === 0 && (
        <p className="hint" role="status">
          {t('urgent.nobody', { day: day(ready.day) })} {hasAlternatives ? t('urgent.nobodyButAlternatives') : t('urgent.nobodyAtAll')}
        </p>
      )}

      {ready && ready.candidates.length > 0 && (
        <section aria-labelledby="urgent-candidates">
          <h3 id="urgent-candidates" className="section-title">
            {t('urgent.canGo')}
          </h3>
          <ol className="candidate-list">
            {ready.candidates.map((c, index) => (
              <li key={c.technicianId} className="candidate" data-technician-id={c.technicianId}>
                <span className="rank" aria-hidden="true">
                  {index + 1}
                </span>
                <div className="candidate-body">
                  <strong>{c.technicianName}</strong>
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
                <button
                  type="button"
                  className="button primary small"
                  disabled={disabled}
                  onClick={() => void decide({ kind: 'assign', technicianId: c.technicianId, day: ready.day, position: c.position }, c.technicianName)}
                >
                  {t('urgent.assign')}
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}

      {ready && full && <UrgentAlternatives answer={ready} timezone={timezone} busy={busy} onDecide={(decision, name) => void decide(decision, name)} />}

      {ready && <UnavailableList answer={ready} timezone={timezone} />}

      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={disabled || answer === null} onClick={() => void decide({ kind: 'queue', day: date }, '')}>
          {t('urgent.saveToQueue')}
        </button>
        <button type="button" className="link" disabled={busy} onClick={onBack}>
          {t('common.back')}
        </button>
      </div>
    </div>
  );
}
