// What a dispatcher does next when nobody fits the day (issue 12), shared by a
// new urgent request's answers (UrgentAnswers.tsx, a draft) and a visit taken
// from the queue (QueueCandidates.tsx, the stored intervention): a free slot on
// a coming day, overtime (confirmed), a lower-priority visit that gives way
// (confirmed), a neighbouring agency's technician; why each other technician
// cannot; and what was saved. The caller decides how a choice is applied.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UrgentAnswer, UrgentCommitAnswer, UrgentDecision } from '../api/endpoints.ts';
import { formatDuration, formatSignedDuration } from '../geo/time.ts';
import { describeReason } from './reasons.ts';

export type AssignDecision = Extract<UrgentDecision, { kind: 'assign' }>;

/** A decision waiting for the dispatcher's confirmation (forcing overtime, bumping a visit). */
interface Pending {
  readonly decision: AssignDecision;
  readonly name: string;
  readonly question: string;
  readonly confirm: string;
}

/** Hours and days as the board's agency reads them. */
export function useAnswerFormat(timezone: string) {
  const { i18n } = useTranslation();
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: timezone }).format(new Date(iso));
  const day = (d: string) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`));
  return { time, day };
}

/** The alternatives of a full day (nothing when the answer has none); `onDecide` applies one, confirmed first when it costs overtime or a visit. */
export function UrgentAlternatives({
  answer,
  timezone,
  busy,
  onDecide,
}: {
  answer: UrgentAnswer;
  timezone: string;
  busy: boolean;
  onDecide: (decision: AssignDecision, name: string) => void;
}) {
  const { t } = useTranslation();
  const { time, day } = useAnswerFormat(timezone);
  const [pending, setPending] = useState<Pending | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), [pending]);
  const disabled = busy || pending !== null;

  return (
    <>
      {answer.slots.length > 0 && (
        <section aria-labelledby="urgent-slots">
          <h3 id="urgent-slots" className="section-title">
            {t('urgent.slotsTitle')}
          </h3>
          <ul className="candidate-list">
            {answer.slots.map((s) => (
              <li key={s.day} className="candidate alternative">
                <div className="candidate-body">
                  <strong>{t('urgent.slot', { day: day(s.day), from: time(s.windowStart), to: time(s.windowEnd) })}</strong>
                  <span>{t('urgent.slotWith', { name: s.technicianName, time: time(s.eta) })}</span>
                </div>
                <button
                  type="button"
                  className="button small"
                  disabled={disabled}
                  onClick={() => onDecide({ kind: 'assign', technicianId: s.technicianId, day: s.day }, s.technicianName)}
                >
                  {t('urgent.bookSlot')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {answer.overtime.length > 0 && (
        <section aria-labelledby="urgent-overtime">
          <h3 id="urgent-overtime" className="section-title">
            {t('urgent.overtimeTitle')}
          </h3>
          <ul className="candidate-list">
            {answer.overtime.map((o) => (
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
                      name: o.technicianName,
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

      {answer.bumps.length > 0 && (
        <section aria-labelledby="urgent-bumps">
          <h3 id="urgent-bumps" className="section-title">
            {t('urgent.bumpsTitle')}
          </h3>
          <ul className="candidate-list">
            {answer.bumps.map((b) => {
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
                        name: b.technicianName,
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

      {answer.neighbours.length > 0 && (
        <section aria-labelledby="urgent-neighbours">
          <h3 id="urgent-neighbours" className="section-title">
            {t('urgent.neighboursTitle')}
          </h3>
          <ul className="candidate-list">
            {answer.neighbours.map((n) => (
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
                  onClick={() => onDecide({ kind: 'assign', technicianId: n.technicianId, day: n.day, position: n.position }, n.technicianName)}
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
            <button type="button" className="button primary" ref={confirmRef} disabled={busy} onClick={() => onDecide(pending.decision, pending.name)}>
              {busy ? t('common.working') : pending.confirm}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => setPending(null)}>
              {t('urgent.cancel')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}

/** Every technician who cannot take it, with every reason that holds. */
export function UnavailableList({ answer, timezone }: { answer: UrgentAnswer; timezone: string }) {
  const { t, i18n } = useTranslation();
  if (answer.unavailable.length === 0) return null;
  const fmt = { t, language: i18n.language, timezone };
  return (
    <details className="unavailable" open={answer.candidates.length === 0}>
      <summary>{t('urgent.whyNot', { count: answer.unavailable.length })}</summary>
      <ul>
        {answer.unavailable.map((u) => (
          <li key={u.technicianId}>
            <strong>{u.technicianName}</strong>
            {t('urgent.reasonsAfterName')}
            {u.reasons.map((r) => describeReason(r, fmt)).join(t('urgent.reasonsJoin'))}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What was saved, focused so the keyboard and screen readers land on it. */
export function DecisionDone({ saved, name, onDone }: { saved: UrgentCommitAnswer; name: string; onDone: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="success" role="status" tabIndex={-1} ref={ref}>
      <p>{saved.status === 'assigned' ? t('urgent.assignedTo', { name }) : t('urgent.savedToQueue')}</p>
      {saved.overtimeMinutes > 0 && <p>{t('urgent.overtimeSaved', { duration: formatDuration(saved.overtimeMinutes * 60) })}</p>}
      {saved.bumped && <p>{saved.bumped.technicianId ? t('urgent.bumpedReassigned') : t('urgent.bumpedToQueue')}</p>}
      <button type="button" className="button" onClick={onDone}>
        {t('urgent.another')}
      </button>
    </div>
  );
}
