// What is selected (a technician or an intervention), over the map's corner.
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS } from './colors.ts';
import { formatDuration, formatMinute } from '../geo/time.ts';
import { useBoard, useController } from '../state/context.tsx';
import { awayBands } from '../timeline/layout.ts';

export function SelectionCard() {
  const { t, i18n } = useTranslation();
  const controller = useController();
  const interventionId = useBoard((s) => s.selectedInterventionId);
  const technicianId = useBoard((s) => s.selectedTechnicianId);
  const intervention = useBoard((s) => (interventionId ? s.plan?.interventions[interventionId] : undefined));
  const technician = useBoard((s) => s.technicians.find((x) => x.id === (intervention?.technicianId ?? technicianId)));
  const agencyId = useBoard((s) => s.agencyId);
  const tz = useBoard((s) => s.agencies.find((a) => a.id === agencyId)?.timezone ?? 'Europe/Paris');
  const date = useBoard((s) => s.date);
  const absences = useBoard((s) => (technician ? s.absences[technician.id] : undefined));
  if (!intervention && !technician) return null;
  // The technician's absences on the day shown, with their reason (the timeline draws them too).
  const away = awayBands(absences ?? [], date, tz).map((b) => {
    const reason = t(`timeline.away.${b.kind}`);
    return b.start === 0 && b.end === 24 * 60
      ? t('timeline.awayAllDay', { reason })
      : t('timeline.awayBetween', { reason, from: formatMinute(b.start), to: formatMinute(b.end) });
  });
  const time = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: tz }).format(new Date(iso)) : '—';
  return (
    <section className="selection-card" aria-label={t('selection.title')}>
      <button
        type="button"
        className="icon-button close"
        aria-label={t('common.close')}
        onClick={() => controller.select({ interventionId: null, technicianId: null })}
      >
        ×
      </button>
      {intervention && (
        <>
          <h2>{intervention.label}</h2>
          <p>
            <span className="status-dot" style={{ background: STATUS_COLORS[intervention.status] }} aria-hidden="true" /> {t(`status.${intervention.status}`)} ·{' '}
            {t('queue.priority', { value: intervention.priority })}
          </p>
          <p>
            {intervention.plannedStart && intervention.plannedEnd
              ? t('selection.planned', { from: time(intervention.plannedStart), to: time(intervention.plannedEnd) })
              : t('selection.notPlanned')}{' '}
            · {formatDuration(intervention.estimatedDurationMinutes * 60)}
          </p>
          {intervention.slaDeadline && <p>{t('selection.sla', { when: time(intervention.slaDeadline) })}</p>}
        </>
      )}
      {technician && (
        <p className="selection-tech">
          {intervention ? (
            t('selection.technician', { name: `${technician.firstName} ${technician.lastName}` })
          ) : (
            <strong>
              {technician.firstName} {technician.lastName}
            </strong>
          )}
          {!intervention && technician.phone && (
            <>
              {' '}
              · <a href={`tel:${technician.phone}`}>{technician.phone}</a>
            </>
          )}
        </p>
      )}
      {away.map((line) => (
        <p key={line} className="selection-away" data-testid="selection-away">
          {line}
        </p>
      ))}
      {intervention && !intervention.technicianId && (
        <button type="button" className="button small" onClick={() => controller.showPanel('queue')}>
          {t('selection.showInQueue')}
        </button>
      )}
    </section>
  );
}
