// Visible notices for what arrives unasked: a pushed assignment (fades after
// a few seconds), a conflict found while replicating (stays until read —
// a push arriving at the same moment must not hide it). Small (two lines at
// most, above the tab bar) and closed with ×: they must not cover the screen
// the technician is working in (issue 12).
import { useEffect } from 'react';
import { useTech, useTechController } from '../context.tsx';
import type { ToastMessage } from '../tech-state.ts';
import { useT, type TechKey } from '../i18n/index.ts';

const PUSH_SHOWN_MS = 8_000;

export function Toast() {
  const toasts = useTech((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="tech-toasts">
      {toasts.map((toast) => (
        <OneToast key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function OneToast({ toast }: { toast: ToastMessage }) {
  const t = useT();
  const controller = useTechController();
  useEffect(() => {
    if (toast.kind !== 'push') return;
    const timer = setTimeout(() => controller.dismissToast(toast.id), PUSH_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast, controller]);
  const text =
    toast.kind === 'push'
      ? t('toast.push', { kind: t(`alerts.kind.${toast.detail}` as TechKey), text: toast.text })
      : t('toast.conflict', { text: toast.text });
  return (
    <div className={`tech-toast toast-${toast.kind}`} role={toast.kind === 'conflict' ? 'alert' : 'status'} data-testid="toast">
      <button type="button" className="toast-text" onClick={() => controller.setTab('alerts')}>
        {text}
      </button>
      <button
        type="button"
        className="toast-close"
        aria-label={t('toast.closeLabel')}
        title={t('toast.close')}
        onClick={() => controller.dismissToast(toast.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
