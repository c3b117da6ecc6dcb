// The visit sheet: what the technician needs on site, readable offline —
// the problem, the customer and site (call, navigate, access), the equipment (as sold / as
// maintained, warranty, history), past interventions, documents — and the
// work itself: en route → on site → report and close.
import { useTranslation } from 'react-i18next';
import { checkTransition } from '@tournee/contracts/lifecycle';
import type { EquipmentSheet, VisitSheet } from '@tournee/contracts/replication';
import { useTech, useTechController } from '../context.tsx';
import { categoryLabel, configKeyLabel, configValueLabel } from '../equipment-labels.ts';
import { formatDate, formatDateTime, formatTime } from '../format.ts';
import { useT, type TechKey } from '../i18n/index.ts';
import { ReportForm } from '../report/ReportForm.tsx';
import { localStatus } from '../sync/local-view.ts';
import { CounterReadings } from './CounterReadings.tsx';
import { StartVisit } from './StartVisit.tsx';
import { CallLinks, NavigateLinks } from './VisitLinks.tsx';

export function VisitSheetScreen({ visitId }: { visitId: string }) {
  const t = useT();
  const { i18n } = useTranslation();
  const controller = useTechController();
  const visit = useTech((s) => s.portfolio?.visits.find((v) => v.id === visitId));
  const queue = useTech((s) => s.queue);
  const tz = useTech((s) => s.portfolio?.technician.timezone ?? 'Europe/Paris');
  const back = (
    <button type="button" className="link back" onClick={() => controller.open(null)}>
      ← {t('visit.back')}
    </button>
  );
  if (!visit) return <article className="visit">{back}</article>;
  const status = localStatus(visit, queue);
  const lang = i18n.language;
  return (
    <article className="visit" data-intervention-id={visit.id}>
      {back}
      <header className="visit-head">
        <h1>{visit.customer.name}</h1>
        <span className={`chip status-${status}`} data-testid="visit-status">
          {t(`status.${status}`)}
        </span>
        {visit.plannedStart && visit.plannedEnd && (
          <p className="muted">{t('visit.planned', { start: formatTime(visit.plannedStart, tz, lang), end: formatTime(visit.plannedEnd, tz, lang) })}</p>
        )}
        {visit.slaDeadline && <p className="sla">{t('visit.sla', { time: formatDateTime(visit.slaDeadline, tz, lang) })}</p>}
      </header>

      <section className="tech-card">
        <h2>{t('visit.problem')}</h2>
        <p className="problem">{visit.problemDescription ?? t('visit.noProblem')}</p>
      </section>

      <Work visit={visit} status={status} />

      <section className="tech-card">
        <h2>
          {t('visit.customer')} · {t('visit.site')}
        </h2>
        <p>
          {visit.site.name && (
            <>
              <strong>{visit.site.name}</strong>
              <br />
            </>
          )}
          {visit.site.address}, {visit.site.postcode} {visit.site.city}
        </p>
        <CallLinks visit={visit} />
        {visit.site.contactName && !visit.site.contactPhone && (
          <p>
            {t('visit.contact')} : {visit.site.contactName}
          </p>
        )}
        <NavigateLinks visit={visit} />
        {visit.site.accessNotes && (
          <p className="access-notes">
            <strong>{t('visit.access')} :</strong> {visit.site.accessNotes}
          </p>
        )}
      </section>

      <section className="tech-card">
        <h2>{t('visit.equipment')}</h2>
        {visit.equipment.length === 0 && <p className="muted">{t('visit.noEquipment')}</p>}
        {visit.equipment.map((e) => (
          <Equipment key={e.id} equipment={e} />
        ))}
      </section>
      {/* Meters are read on site (counter readings drive the usage-based service plans). */}
      {status === 'on_site' && <CounterReadings visit={visit} />}

      <section className="tech-card">
        <h2>{t('visit.history')}</h2>
        {visit.history.length === 0 ? (
          <p className="muted">{t('visit.noHistory')}</p>
        ) : (
          <ul className="history">
            {visit.history.map((h) => (
              <li key={h.id}>
                <strong>{h.date ? formatDate(h.date, lang) : ''}</strong> — {h.problemDescription ?? h.kind}
                {h.report && <p className="muted">{h.report}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <Documents visit={visit} />
    </article>
  );
}

function Work({ visit, status }: { visit: VisitSheet; status: VisitSheet['status'] }) {
  const t = useT();
  const controller = useTechController();
  let body: React.ReactNode;
  // The shared lifecycle: a visit of the technician's planned, assigned or dispatched may be set off on.
  if (checkTransition({ from: status, to: 'en_route', role: 'technician', hasTechnician: true }).ok) {
    body = <StartVisit visit={visit} />;
  } else if (status === 'en_route') {
    body = (
      <button type="button" className="btn primary wide" onClick={() => void controller.move(visit.id, 'on_site', t('work.labels.onSite'))}>
        {t('work.onSite')}
      </button>
    );
  } else if (status === 'on_site') {
    body = <ReportForm visit={visit} />;
  } else if (status === 'done' || status === 'closed') {
    body = (
      <>
        <p className="ok">{t('work.finished')}</p>
        {(visit.fieldReport?.workDone ?? visit.report) && <p>{visit.fieldReport?.workDone ?? visit.report}</p>}
      </>
    );
  } else if (status === 'cancelled') {
    body = <p className="warn">{t('work.cancelled', { reason: visit.cancelReason ?? '' })}</p>;
  } else {
    body = <p className="muted">{t('work.notDispatched')}</p>;
  }
  return (
    <section className="tech-card work" aria-label={t('work.title')}>
      <h2>{t('work.title')}</h2>
      {body}
    </section>
  );
}

function Equipment({ equipment: e }: { equipment: EquipmentSheet }) {
  const t = useT();
  const { i18n } = useTranslation();
  const keys = [...new Set([...Object.keys(e.asSold), ...Object.keys(e.asMaintained)])].sort();
  const w = e.warranty;
  const warranty = w.status === 'none' ? t('visit.warranty.none') : t(`visit.warranty.${w.status}`, { date: formatDate(w.endsOn, i18n.language) });
  const kind = w.kind && ['manufacturer', 'ours', 'extended'].includes(w.kind) ? ` (${t(`visit.warranty.kind.${w.kind}` as TechKey)})` : '';
  return (
    <div className={e.concerned ? 'equipment concerned' : 'equipment'} data-equipment-id={e.id}>
      <h3>
        {[e.brand, e.model].filter(Boolean).join(' ') || categoryLabel(e.category, i18n.language)}{' '}
        <small className="muted">{categoryLabel(e.category, i18n.language)}</small>
      </h3>
      {e.concerned && <span className="chip">{t('visit.concerned')}</span>}
      <p className="muted">
        {e.serialNumber && <>{t('visit.serial', { serial: e.serialNumber })} · </>}
        {e.installedOn && t('visit.installedOn', { date: formatDate(e.installedOn, i18n.language) })}
      </p>
      <p className={`warranty warranty-${w.status}`} data-testid="warranty">
        {warranty}
        {kind}
      </p>
      {keys.length === 0 ? (
        <p className="muted">{t('visit.noConfiguration')}</p>
      ) : (
        <table className="config">
          <caption>{t('visit.configuration')}</caption>
          <thead>
            <tr>
              <th>{t('visit.parameter')}</th>
              <th>{t('visit.asSold')}</th>
              <th>{t('visit.asMaintained')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const sold = configValueLabel(e.asSold[k], i18n.language);
              const kept = configValueLabel(e.asMaintained[k], i18n.language);
              return (
                <tr key={k} className={sold !== kept ? 'changed' : undefined}>
                  <th scope="row">{configKeyLabel(k, i18n.language)}</th>
                  <td>{sold}</td>
                  <td data-key={k}>{kept}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {e.events.length > 0 && (
        <details>
          <summary>
            {t('visit.events')} ({e.events.length})
          </summary>
          <ul className="history">
            {e.events.map((ev, i) => (
              <li key={i}>
                <strong>{formatDate(ev.occurredAt, i18n.language)}</strong> — {ev.summary}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Documents({ visit }: { visit: VisitSheet }) {
  const t = useT();
  const online = useTech((s) => s.online);
  return (
    <section className="tech-card">
      <h2>{t('visit.documents')}</h2>
      {visit.documents.length === 0 ? (
        <p className="muted">{t('visit.noDocuments')}</p>
      ) : (
        <ul className="documents">
          {visit.documents.map((d) => (
            <li key={d.id}>
              {online ? (
                <a href={d.url} target="_blank" rel="noreferrer">
                  {d.fileName}
                </a>
              ) : (
                <span>{d.fileName}</span>
              )}
              <small className="muted">
                {' '}
                {t('report.photoSize', { kb: Math.max(1, Math.round(d.sizeBytes / 1024)) })}
                {online ? '' : ` · ${t('visit.documentOffline')}`}
              </small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
