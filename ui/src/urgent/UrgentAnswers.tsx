// The server's answer to an urgent draft: who can take it (assign), why each
// other technician cannot, and — when the day is full — what a dispatcher does
// next: a free slot on a coming day, overtime (confirmed), a lower-priority
// visit that gives way (confirmed), a neighbouring agency's technician. Or
// save it to the queue on purpose. "Retour" goes back to the form as it was:
// nothing was created while looking.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UrgentAnswer, UrgentCommitAnswer, UrgentDecision, UrgentDraft } from '../api/endpoints.ts';
import { formatDuration, formatSignedDuration } from '../geo/time.ts';
import { describeError } from '../state/describe-error.ts';
import { useBoard, useController } from '../state/context.tsx';
import { RankingStatus } from './RankingStatus.tsx';
import { describeReason } from './reasons.ts';

type Answer = UrgentAnswer;

/** A decision waiting for the dispatcher's confirmation (forcing overtime, bumping a visit). */
interface Pending {
  readonly decision: UrgentDecision;
  readonly question: string;
  readonly confirm: string;
}

export function UrgentAnswers({ draft, label, onBack, onDone }: { draft: UrgentDraft; label: string; onBack: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const controller = useController();
  const date = useBoard((s) => s.date);
  const agencies = useBoard((s) => s.agencies);
  const timezone = agencies.find((a) => a.id === draft.agencyId)?.timezone ?? 'Europe/Paris';
  const [answer, setAnswer] = useState<Answer | null | 'failed'>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ answer: UrgentCommitAnswer; name: string } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

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
  useEffect(() => confirmRef.current?.focus(), [pending]);
  useEffect(() => doneRef.current?.focus(), [done]);

  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(new Date(iso));
  const day = (d: string) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));

  const decide = async (decision: UrgentDecision, name: string) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await controller.api.commitUrgent(draft, decision);
      setPending(null);
      setDone({ answer: saved, name });
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="urgent-answers">
        <div className="success" role="status" tabIndex={-1} ref={doneRef}>
          <p>{done.answer.status === 'assigned' ? t('urgent.assignedTo', { name: done.name }) : t('urgent.savedToQueue')}</p>
          {done.answer.overtimeMinutes > 0 && <p>{t('urgent.overtimeSaved', { duration: formatDuration(done.answer.overtimeMinutes * 60) })}</p>}
          {done.answer.bumped && <p>{done.answer.bumped.technicianId ? t('urgent.bumpedReassigned') : t('urgent.bumpedToQueue')}</p>}
          <button type="button" className="button" onClick={onDone}>
            {t('urgent.another')}
          </button>
        </div>
      </div>
    );
  }

  const ready = answer && answer !== 'failed' ? answer : null;
  const fmt = { t, language: i18n.language, timezone };
  const full = ready !== null && ready.candidates.every((c) => c.pushedOut.length > 0);
  const hasAlternatives = ready !== null && ready.slots.length + ready.overtime.length + ready.bumps.length + ready.neighbours.length > 0;
  const disabled = busy || pending !== null;

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

      {ready && full && ready.slots.length > 0 && (
        <section aria-labelledby="urgent-slots">
          <h3 id="urgent-slots" className="section-title">
            {t('urgent.slotsTitle')}
          </h3>
          <ul className="candidate-list">
            {ready.slots.map((s) => (
              <li key={s.day} className="candidate alternative">
                <div className="candidate-body">
                  <strong>{t('urgent.slot', { day: day(s.day), from: time(s.windowStart), to: time(s.windowEnd) })}</strong>
                  <span>{t('urgent.slotWith', { name: s.technicianName, time: time(s.eta) })}</span>
                </div>
                <button
                  type="button"
                  className="button small"
                  disabled={disabled}
                  onClick={() => void decide({ kind: 'assign', technicianId: s.technicianId, day: s.day }, s.technicianName)}
                >
                  {t('urgent.bookSlot')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {ready && full && ready.overtime.length > 0 && (
        <section aria-labelledby="urgent-overtime">
          <h3 id="urgent-overtime" className="section-title">
            {t('urgent.overtimeTitle')}
          </h3>
          <ul className="candidate-list">
            {ready.overtime.map((o) => (
              <li key={o.technicianId} className="candidate alternative">
                <div className="candidate-body">
                  <strong>{o.technicianName}</strong>
                  <span>
                    {t('urgent.eta', { time: time(o.eta) })} · {t('urgent.endsAt', { time: time(o.plannedEnd) })}
                  </span>
                  <span className="chips">
                    <span className="chip warn">{t('urgent.overtimeBy', { duration: formatDuration(o.overtimeMinutes * 60) })}</span>
                    <span className="chip">{t('urgent.extraTravel', { duration: formatSignedDuration(o.addedTravelSeconds) })}</span>
                    {o.pushedOut > 0 && <span className="chip warn">{t('urgent.pushedOut', { count: o.pushedOut })}</span>}
                  </span>
                </div>
                <button
                  type="button"
                  className="button small"
                  disabled={disabled}
                  onClick={() =>
                    setPending({
                      decision: { kind: 'assign', technicianId: o.technicianId, day: o.day, position: o.position, force: true },
                      question: [
                        t('urgent.confirmOvertime', { name: o.technicianName, duration: formatDuration(o.overtimeMinutes * 60), time: time(o.plannedEnd) }),
                        o.pushedOut > 0 ? t('urgent.confirmPushed', { count: o.pushedOut }) : '',
                      ]
                        .filter(Boolean)
                        .join(' '),
                      confirm: t('urgent.confirmForce'),
                    })
                  }
                >
                  {t('urgent.force')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {ready && full && ready.bumps.length > 0 && (
        <section aria-labelledby="urgent-bumps">
          <h3 id="urgent-bumps" className="section-title">
            {t('urgent.bumpsTitle')}
          </h3>
          <ul className="candidate-list">
            {ready.bumps.map((b) => {
              const goesTo = b.bumpedTo
                ? t('urgent.bumpGoesTo', { name: b.bumpedTo.technicianName, time: time(b.bumpedTo.plannedStart) })
                : t('urgent.bumpGoesToQueue');
              return (
                <li key={b.bumped.interventionId} className="candidate alternative">
                  <div className="candidate-body">
                    <strong>{t('urgent.bumpWho', { name: b.technicianName, time: time(b.eta) })}</strong>
                    <span>
                      {t('urgent.bumpVisit', { label: b.bumped.label, priority: b.bumped.priority })}
                      {b.bumped.plannedStart ? ` · ${t('urgent.plannedAt', { time: time(b.bumped.plannedStart) })}` : ''}
                    </span>
                    <span className="muted">{goesTo}</span>
                  </div>
                  <button
                    type="button"
                    className="button small"
                    disabled={disabled}
                    onClick={() =>
                      setPending({
                        decision: {
                          kind: 'assign',
                          technicianId: b.technicianId,
                          day: b.day,
                          position: b.position,
                          bump: b.bumped.interventionId,
                          ...(b.bumpedTo ? { bumpedTo: b.bumpedTo.technicianId } : {}),
                        },
                        question: t('urgent.confirmBump', { name: b.technicianName, label: b.bumped.label, then: goesTo }),
                        confirm: t('urgent.confirmBumpAction'),
                      })
                    }
                  >
                    {t('urgent.bump')}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {ready && full && ready.neighbours.length > 0 && (
        <section aria-labelledby="urgent-neighbours">
          <h3 id="urgent-neighbours" className="section-title">
            {t('urgent.neighboursTitle')}
          </h3>
          <ul className="candidate-list">
            {ready.neighbours.map((n) => (
              <li key={n.technicianId} className="candidate alternative">
                <div className="candidate-body">
                  <strong>
                    {n.technicianName} <span className="muted">({n.agencyName})</span>
                  </strong>
                  <span>
                    {t('urgent.eta', { time: time(n.eta) })} · {t('urgent.extraTravel', { duration: formatSignedDuration(n.addedTravelSeconds) })}
                  </span>
                </div>
                <button
                  type="button"
                  className="button small"
                  disabled={disabled}
                  onClick={() => void decide({ kind: 'assign', technicianId: n.technicianId, day: n.day, position: n.position }, n.technicianName)}
                >
                  {t('urgent.assign')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {pending && (
        <div className="confirm" role="alertdialog" aria-labelledby="urgent-confirm-question">
          <p id="urgent-confirm-question">{pending.question}</p>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              ref={confirmRef}
              disabled={busy}
              onClick={() => void decide(pending.decision, nameOf(ready, pending.decision))}
            >
              {busy ? t('common.working') : pending.confirm}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setPending(null)}>
              {t('urgent.cancel')}
            </button>
          </div>
        </div>
      )}

      {ready && ready.unavailable.length > 0 && (
        <details className="unavailable" open={ready.candidates.length === 0}>
          <summary>{t('urgent.whyNot', { count: ready.unavailable.length })}</summary>
          <ul>
            {ready.unavailable.map((u) => (
              <li key={u.technicianId}>
                <strong>{u.technicianName}</strong>
                {t('urgent.reasonsAfterName')}
                {u.reasons.map((r) => describeReason(r, fmt)).join(t('urgent.reasonsJoin'))}
              </li>
            ))}
          </ul>
        </details>
      )}

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

/** The technician a decision names, as the answer calls them. */
function nameOf(answer: Answer | null, decision: UrgentDecision): string {
  if (!answer || decision.kind !== 'assign') return '';
  const all = [...answer.candidates, ...answer.slots, ...answer.overtime, ...answer.bumps, ...answer.neighbours];
  return all.find((o) => o.technicianId === decision.technicianId)?.technicianName ?? '';
}
