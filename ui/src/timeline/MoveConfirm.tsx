// Asks before a costly drop is saved: overtime, a missed SLA, visits pushed
// out of the day, a visit the technician has already received. The list says
// what the move costs, as the engine timed it; Escape or "Ne pas déplacer"
// leaves the day as it was.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingMove } from './use-timeline-drag.ts';

export function MoveConfirm({ move, onAccept, onReject }: { readonly move: PendingMove; readonly onAccept: () => void; readonly onReject: () => void }) {
  const { t } = useTranslation();
  const reject = useRef<HTMLButtonElement | null>(null);
  // The safe answer has the focus: Enter pressed by habit does not save a costly move.
  useEffect(() => reject.current?.focus(), []);
  return (
    <div className="move-confirm-backdrop" onKeyDown={(e) => e.key === 'Escape' && onReject()}>
      <div className="move-confirm" role="alertdialog" aria-modal="true" aria-labelledby="move-confirm-title" aria-describedby="move-confirm-body">
        <h2 id="move-confirm-title">{t('timeline.confirm.title')}</h2>
        <div id="move-confirm-body">
          <p>{t('timeline.confirm.intro', { label: move.label, name: move.technicianName })}</p>
          <ul>
            {move.risks.map((r) => (
              <li key={r.key}>{t(`timeline.confirm.${r.key}`, r.values ?? {})}</li>
            ))}
          </ul>
        </div>
        <div className="move-confirm-actions">
          <button type="button" className="button" ref={reject} onClick={onReject}>
            {t('timeline.confirm.reject')}
          </button>
          <button type="button" className="button primary" onClick={onAccept}>
            {t('timeline.confirm.accept')}
          </button>
        </div>
      </div>
    </div>
  );
}
