// The day's visits in the order of the tour, with the ETA the planner
// computed and the status as the technician left it (even if not sent yet);
// on each card what is needed before opening it — the access notes, the
// equipment, the last visit — and the customer's phone and "Naviguer".
import { useTranslation } from 'react-i18next';
import { useTech, useTechController } from '../context.tsx';
import { categoryLabel } from '../equipment-labels.ts';
import { formatDate, formatNumber, formatTime } from '../format.ts';
import { useT } from '../i18n/index.ts';
import { dayVisits, localStatus } from '../sync/local-view.ts';
import { DayPicker } from './DayPicker.tsx';
import { CallLinks, NavigateLinks } from './VisitLinks.tsx';

export function TourList() {
  const t = useT();
  const { i18n } = useTranslation();
  const controller = useTechController();
  const portfolio = useTech((s) => s.portfolio);
  const queue = useTech((s) => s.queue);
  const day = useTech((s) => s.day);
  if (!portfolio) return <p className="empty">{t('tour.noPortfolio')}</p>;
  const tz = portfolio.technician.timezone;
  const visits = dayVisits(portfolio, day ?? portfolio.today);
  return (
    <section className="tour">
      <DayPicker />
      {visits.length === 0 && <p className="empty">{t('tour.noVisits')}</p>}
      <ol className="stops">
        {visits.map(({ stop, visit }, index) => {
          const status = localStatus(visit, queue);
          const waiting = queue.some((q) => q.state === 'pending' && 'interventionId' in q.action && q.action.interventionId === visit.id);
          const eta = stop.plannedArrival ?? stop.plannedStart;
          // The site's history comes newest first; the last visit is the last one done, not one still planned.
          const lastDone = visit.history.find((h) => h.status === 'done' || h.status === 'closed');
          return (
            <li key={visit.id} className="stop">
              <button type="button" className="stop-card" data-intervention-id={visit.id} onClick={() => controller.open(visit.id)}>
                <span className="stop-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="stop-body">
                  <span className="stop-top">
                    <strong>{visit.customer.name}</strong>
                    <span className={`chip status-${status}`} data-testid="status">
                      {t(`status.${status}`)}
                    </span>
                  </span>
                  <span className="muted">
                    {visit.site.address}, {visit.site.city}
                  </span>
                  <span className="stop-meta">
                    <span data-testid="eta">{eta ? t('tour.eta', { time: formatTime(eta, tz, i18n.language) }) : t('tour.noEta')}</span>
                    <span>{t('tour.duration', { minutes: visit.estimatedDurationMinutes })}</span>
                    {stop.travelMeters ? <span>{t('tour.travel', { km: formatNumber(Math.round(stop.travelMeters / 100) / 10, i18n.language) })}</span> : null}
                    {visit.priority >= 80 && <span className="chip urgent">{t('tour.urgent')}</span>}
                    {waiting && <span className="chip waiting">{t('tour.waiting')}</span>}
                  </span>
                  {visit.problemDescription && <span className="stop-problem">{visit.problemDescription}</span>}
                  {visit.site.accessNotes && (
                    <span className="stop-access">
                      <strong>{t('visit.access')} :</strong> {visit.site.accessNotes}
                    </span>
                  )}
                  {visit.equipment.length > 0 && (
                    <span className="stop-equipment">
                      {t('tour.equipment', {
                        count: visit.equipment.length,
                        names: visit.equipment.map((e) => [e.brand, e.model].filter(Boolean).join(' ') || categoryLabel(e.category, i18n.language)).join(', '),
                      })}
                    </span>
                  )}
                  {lastDone?.date && <span className="stop-history muted">{t('tour.lastVisit', { date: formatDate(lastDone.date, i18n.language) })}</span>}
                </span>
              </button>
              <div className="stop-actions">
                <CallLinks visit={visit} compact />
                <NavigateLinks visit={visit} />
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
