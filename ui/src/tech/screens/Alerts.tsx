// What needs the technician's attention: assignments pushed to them, and the
// actions the server could not apply as recorded (with why, and what was done
// with what they entered: kept, sent to the dispatcher).
import { useTranslation } from 'react-i18next';
import type { ConflictResult } from '@tournee/contracts/replication';
import { useTech, useTechController } from '../context.tsx';
import { formatDateTime, formatDay, formatTime } from '../format.ts';
import { useT, type TechKey, type TechT } from '../i18n/index.ts';
import type { QueuedAction } from '../sync/types.ts';

export function Alerts() {
  const t = useT();
  const { i18n } = useTranslation();
  const controller = useTechController();
  const notices = useTech((s) => s.notices);
  const queue = useTech((s) => s.queue);
  const tz = useTech((s) => s.portfolio?.technician.timezone ?? 'Europe/Paris');
  const toHandle = queue.filter((q) => q.state === 'conflict' || q.state === 'rejected');
  const waiting = queue.filter((q) => q.state === 'pending');
  return (
    <section className="alerts">
      <section className="tech-card" data-testid="conflicts">
        <h2>{t('alerts.conflicts')}</h2>
        {toHandle.length === 0 && <p className="muted">{t('alerts.noConflicts')}</p>}
        <ul className="conflicts">
          {toHandle.map((q) => (
            <li key={q.seq} className="conflict" data-reason={q.result?.status === 'conflict' ? q.result.reason : 'rejected'}>
              <strong>{q.label}</strong>
              <p>{explain(t, q, i18n.language)}</p>
              <div className="row">
                {canEdit(q) && (
                  <button type="button" className="btn" onClick={() => void controller.reopen(q.seq!)}>
                    {t('alerts.edit')}
                  </button>
                )}
                {canRetry(q) && (
                  <button type="button" className="btn" onClick={() => void controller.retry(q.seq!)}>
                    {t('alerts.retry')}
                  </button>
                )}
                <button type="button" className="btn" onClick={() => void controller.dismiss(q.seq!)}>
                  {t('alerts.dismiss')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>

      {waiting.length > 0 && (
        <section className="tech-card">
          <h2>{t('alerts.outbox')}</h2>
          <ul className="outbox">
            {waiting.map((q) => (
              <li key={q.seq}>
                {q.label} <small className="muted">{formatTime(q.recordedAt, tz, i18n.language)}</small>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="tech-card" data-testid="notices">
        <h2>{t('alerts.notices')}</h2>
        {notices.length === 0 && <p className="muted">{t('alerts.noNotices')}</p>}
        <ul className="notices">
          {notices.map((n) => (
            <li key={n.sequence} data-sequence={n.sequence} className={n.seen ? 'notice' : 'notice unseen'}>
              <button type="button" className="link" onClick={() => controller.open(n.assignment.interventionId)}>
                <strong>{t(`alerts.kind.${n.assignment.kind}`)}</strong> — {n.assignment.summary}
              </button>
              <small className="muted"> {formatDateTime(n.receivedAt, tz, i18n.language)}</small>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

/** The visit is no longer the technician's: sending again would only conflict again. */
const GONE = new Set(['reassigned', 'unassigned', 'cancelled']);
const reasonOf = (q: QueuedAction) => (q.result?.status === 'conflict' ? q.result.reason : 'rejected');

/** A report refused for what it says (a part the van lacks, a refused field) can be corrected. */
const canEdit = (q: QueuedAction) => q.action.kind === 'complete' && !GONE.has(reasonOf(q));
/** Worth sending again once the cause is gone (stock delivered, a dependency sent); a kept backorder is not. */
const canRetry = (q: QueuedAction) => !GONE.has(reasonOf(q)) && !(q.result?.status === 'conflict' && q.result.current.requestStatus);

function explain(t: TechT, q: QueuedAction, language: string): string {
  const r = q.result;
  if (!r || r.status === 'applied') return '';
  if (r.status === 'rejected') return t('alerts.reason.rejected', { error: [r.error, ...r.details.map((d) => d.message)].join(' — ') });
  const c: ConflictResult = { ...r, id: q.action.id };
  const shortage = c.current.shortage;
  const text = t(`alerts.reason.${c.reason}` as TechKey, {
    status: c.current.visit ? t(`status.${c.current.visit.status}`) : '',
    reference: shortage?.reference,
    name: shortage?.name,
    onHand: shortage?.onHand,
    requested: shortage?.requested,
    day: c.current.plannedDay ? formatDay(c.current.plannedDay, language) : '',
  });
  return c.current.requestStatus === 'backordered' ? `${text} ${t('alerts.backordered')}` : text;
}
