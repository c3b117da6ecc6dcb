import { useTranslation } from 'react-i18next';
import { useBoard, useController } from '../state/context.tsx';

export function Notices() {
  const { t } = useTranslation();
  const controller = useController();
  const notices = useBoard((s) => s.notices);
  return (
    <div className="notices" aria-live="assertive" aria-relevant="additions">
      {notices.map((n) => (
        <div key={n.id} className={`notice is-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          {/* Keys come from the controller's closed set of notices. */}
          <span>{t(n.key as 'notice.moved', n.values ?? {})}</span>
          {n.panel && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                controller.showPanel(n.panel!);
                controller.dismiss(n.id);
              }}
            >
              {t('notice.open')}
            </button>
          )}
          {n.action === 'undo' && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                controller.dismiss(n.id);
                void controller.undo();
              }}
            >
              {t('notice.undo')}
            </button>
          )}
          <button type="button" className="icon-button" onClick={() => controller.dismiss(n.id)} aria-label={t('common.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
