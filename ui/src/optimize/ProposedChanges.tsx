// What an Optimize preview would change, technician by technician (issue 12:
// "Optimize is a black box"): the visits that come in (and from whom, or from
// the queue), change place in the tour or change time, and those that leave
// (to whom, or back to the queue), with the travel before and after; each
// technician's day can be accepted alone. The map draws the same proposal
// (ProposedTours.tsx).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PlanChanges, TechnicianChanges } from '../api/endpoints.ts';
import type { Technician } from '../api/types.ts';
import { technicianColor } from '../board/colors.ts';
import { formatDuration, formatSignedDuration } from '../geo/time.ts';
import { useBoard } from '../state/context.tsx';

type Stop = TechnicianChanges['stops'][number];
type Leaving = TechnicianChanges['leaving'][number];

export interface ProposedChangesProps {
  readonly changes: PlanChanges;
  readonly timezone: string;
  /** Accepting this technician's day alone; null while a decision is being taken. */
  readonly onAccept: ((technicianId: string) => void) | null;
  /** The technician whose day is being accepted now. */
  readonly accepting?: string | undefined;
}

export function ProposedChanges({ changes, timezone, onAccept, accepting }: ProposedChangesProps) {
  const { t } = useTranslation();
  const technicians = useBoard((s) => s.technicians);
  const byId = new Map(technicians.map((tech) => [tech.id, tech]));
  const name = (id: string | null | undefined) => {
    const tech = id ? byId.get(id) : undefined;
    return tech ? `${tech.firstName} ${tech.lastName}` : '—';
  };
  const shown = changes.technicians.filter((c) => c.changed || c.accepted);
  return (
    <section className="optimize-moves" aria-label={t('optimize.moves')}>
      <h3>{t('optimize.moves')}</h3>
      {shown.length === 0 && <p className="muted">{t('optimize.movesNone')}</p>}
      <ul className="optimize-techs">
        {shown.map((c) => (
          <TechnicianDay
            key={`${c.technicianId}@${c.day}`}
            changes={c}
            technician={byId.get(c.technicianId)}
            name={name}
            timezone={timezone}
            onAccept={onAccept}
            accepting={accepting === c.technicianId}
          />
        ))}
      </ul>
    </section>
  );
}

function TechnicianDay({
  changes,
  technician,
  name,
  timezone,
  onAccept,
  accepting,
}: {
  changes: TechnicianChanges;
  technician: Technician | undefined;
  name: (id: string | null | undefined) => string;
  timezone: string;
  onAccept: ((technicianId: string) => void) | null;
  accepting: boolean;
}) {
  const { t, i18n } = useTranslation();
  const clock = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: timezone });
  const moved = changes.stops.filter((s) => s.change !== 'same');
  const techName = name(changes.technicianId);
  const travelDelta = changes.travelSecondsAfter - changes.travelSecondsBefore;
  return (
    <li className={`optimize-tech${changes.accepted ? ' is-accepted' : ''}`} data-technician={changes.technicianId}>
      <div className="optimize-tech-head">
        <span className="swatch swatch-dot" style={{ background: technicianColor(technician) }} aria-hidden="true" />
        <strong>{techName}</strong>
        {changes.accepted && <span className="optimize-accepted-badge">{t('optimize.techAccepted')}</span>}
        <span className="muted optimize-travel">
          {t('optimize.travelChange', { before: formatDuration(changes.travelSecondsBefore), after: formatDuration(changes.travelSecondsAfter) })}
          {Math.abs(travelDelta) >= 60 && ` (${formatSignedDuration(travelDelta)})`}
        </span>
      </div>
      {!changes.accepted && (
        <ul className="optimize-stops">
          {moved.map((s) => (
            <li key={s.interventionId} className={`optimize-stop is-${s.change}`} data-change={s.change}>
              <span className="optimize-stop-when">{s.plannedStart ? clock.format(new Date(s.plannedStart)) : '—'}</span>
              <span className="optimize-stop-what">
                <VisitName stop={s} />
              </span>
              <span className="optimize-stop-how">{stopChangeText(t, s, name)}</span>
            </li>
          ))}
          {changes.leaving.map((l) => (
            <li key={l.interventionId} className="optimize-stop is-leaving" data-change="leaving">
              <span className="optimize-stop-when">—</span>
              <span className="optimize-stop-what">
                <VisitName stop={l} />
              </span>
              <span className="optimize-stop-how">{l.to ? t('optimize.leavingTo', { to: name(l.to) }) : t('optimize.leavingQueue')}</span>
            </li>
          ))}
        </ul>
      )}
      {!changes.accepted && changes.leaving.some((l) => l.to !== null) && <p className="muted small">{t('optimize.leavingNote')}</p>}
      {!changes.accepted && onAccept && (
        <button type="button" className="button small" onClick={() => onAccept(changes.technicianId)} disabled={accepting}>
          {accepting ? t('optimize.acceptingTech') : t('optimize.acceptTech', { name: techName })}
        </button>
      )}
    </li>
  );
}

function VisitName({ stop }: { stop: Stop | Leaving }) {
  const { t } = useTranslation();
  // Named as on the timeline (customer · town), with the job's number when it has one.
  return (
    <>
      <span>{stop.place || (stop.reference ? t('optimize.visit', { reference: stop.reference }) : t('optimize.visitNoReference'))}</span>
      {stop.place && stop.reference && <span className="muted"> — {t('optimize.visit', { reference: stop.reference })}</span>}
    </>
  );
}

function stopChangeText(t: TFunction, s: Stop, name: (id: string | null | undefined) => string): string {
  switch (s.change) {
    case 'in':
      return `${t('optimize.stopIn')}, ${s.from ? t('optimize.stopInFrom', { from: name(s.from) }) : t('optimize.stopInQueue')}`;
    case 'reordered':
      return s.shiftSeconds && Math.abs(s.shiftSeconds) >= 60
        ? `${t('optimize.stopReordered')}, ${t('optimize.stopShifted', { shift: formatSignedDuration(s.shiftSeconds) })}`
        : t('optimize.stopReordered');
    case 'shifted':
      return t('optimize.stopShifted', { shift: formatSignedDuration(s.shiftSeconds ?? 0) });
    default:
      return '';
  }
}
