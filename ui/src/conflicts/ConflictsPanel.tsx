// "Conflits": technicians' actions replicated from the field that clashed
// with the office's record (issue 6: shown to both sides, neither side's data
// lost). Each one shows what the technician did (the device's payload, kept
// whole by the server) next to what the record says now, and can be marked
// handled with a note. The list is the selected agency's open conflicts
// (GET /api/replication/conflicts), kept current by socket.io `field:conflict`.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictDetail } from './conflict-detail.ts';
import { formatDuration } from '../geo/time.ts';
import type { OpenConflict } from '../state/board-state.ts';
import { useBoard, useController } from '../state/context.tsx';
import { type ConflictSides, describeConflict } from './describe.ts';

export function ConflictsPanel() {
  const { t } = useTranslation();
  const conflicts = useBoard((s) => s.conflicts);
  return (
    <div className="conflicts">
      <h2 className="panel-title">{t('conflicts.title')}</h2>
      <p className="muted">{t('conflicts.intro')}</p>
      {conflicts.length === 0 ? (
        <p className="empty">{t('conflicts.empty')}</p>
      ) : (
        <ul className="conflict-list" aria-label={t('conflicts.list')}>
          {conflicts.map((c) => (
            <ConflictItem key={c.actionId} conflict={c} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ConflictItem({ conflict }: { conflict: OpenConflict }) {
  const { t, i18n } = useTranslation();
  const controller = useController();
  const label = useBoard((s) => (conflict.interventionId ? s.plan?.interventions[conflict.interventionId]?.label : undefined));
  const timezone = useBoard((s) => s.agencies.find((a) => a.id === conflict.agencyId)?.timezone ?? 'Europe/Paris');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const when = new Intl.DateTimeFormat(i18n.language, { timeZone: timezone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const time = new Intl.DateTimeFormat(i18n.language, { timeZone: timezone, hour: '2-digit', minute: '2-digit' });
  const sides: ConflictSides = describeConflict(conflict, {
    dateTime: (iso) => safeFormat(when, iso),
    time: (iso) => safeFormat(time, iso),
    duration: (minutes) => formatDuration(minutes * 60),
    status: (status) => t(`status.${status as 'done'}`),
    requestStatus: (status) => t(`conflicts.requestStatus.${status}`),
  });
  const titleId = `conflict-${conflict.actionId}`;

  const resolve = async (e: React.FormEvent) => {
    e.preventDefault();
    const resolution = note.trim();
    if (!resolution) return setError(t('conflicts.needResolution'));
    setError(null);
    setSaving(true);
    const done = await controller.resolveConflict(conflict.actionId, resolution);
    // On success the item leaves the list (and this component with it).
    if (!done) setSaving(false);
  };

  return (
    <li className="conflict" data-action-id={conflict.actionId} aria-labelledby={titleId}>
      <div className="conflict-head">
        <strong id={titleId}>{conflict.technicianName}</strong>
        <span className="chip warn">{t(`conflicts.kind.${conflict.kind}`)}</span>
        <span className="muted">{t('conflicts.received', { when: safeFormat(when, conflict.receivedAt) })}</span>
      </div>
      <p className="conflict-visit">
        {conflict.interventionId ? (
          <button type="button" className="link-button" onClick={() => controller.select({ interventionId: conflict.interventionId })}>
            {t('conflicts.visitOf', { label: label ?? shortId(conflict.interventionId) })}
          </button>
        ) : (
          t('conflicts.noVisit')
        )}
        {' · '}
        <span className="chip reason-conflict">{t(`conflicts.reason.${conflict.reason}`)}</span>
      </p>
      <p className="conflict-message">{conflictDetail(t, i18n.language, conflict)}</p>
      <div className="conflict-sides">
        <section className="conflict-side is-field" aria-label={t('conflicts.technicianSide')}>
          <h4>{t('conflicts.technicianSide')}</h4>
          {sides.field === null ? (
            <p className="muted">{t('conflicts.did.loading')}</p>
          ) : (
            <ul>
              {sides.field.map((line, i) => (
                <li key={i}>{t(line.key as 'conflicts.did.note', line.values)}</li>
              ))}
            </ul>
          )}
          {sides.photo && <img className="conflict-photo" src={sides.photo} alt={t('conflicts.kind.photo')} />}
          {sides.raw && (
            <details>
              <summary>{t('conflicts.raw')}</summary>
              <pre>{sides.raw}</pre>
            </details>
          )}
        </section>
        <section className="conflict-side is-office" aria-label={t('conflicts.officeSide')}>
          <h4>{t('conflicts.officeSide')}</h4>
          <ul>
            {sides.office.map((line, i) => (
              <li key={i}>{t(line.key as 'conflicts.office.none', line.values)}</li>
            ))}
          </ul>
        </section>
      </div>
      <form className="conflict-resolve" onSubmit={(e) => void resolve(e)}>
        <label className="field">
          <span>{t('conflicts.resolution')}</span>
          <textarea
            rows={2}
            maxLength={1000}
            value={note}
            placeholder={t('conflicts.resolutionPlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary small" disabled={saving}>
          {saving ? t('conflicts.resolving') : t('conflicts.resolve')}
        </button>
      </form>
    </li>
  );
}

function safeFormat(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

const shortId = (id: string) => (id.length > 10 ? `${id.slice(0, 8)}…` : id);
