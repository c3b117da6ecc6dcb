// The board's "Nouvelle intervention" entry: a button beside the side panel's
// tabs opening the form in a modal dialog (the page behind is inert, Escape
// or "Annuler" closes it, the focus returns to the button). On save the board
// reloads its day, shows the queue with the new visit selected, and says so.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoard, useController } from '../state/context.tsx';
import { NewInterventionForm, type Created, type WorkPreset } from './NewInterventionForm.tsx';
import './work.css';

/** `preset`: opened from an equipment (the back office's warranty lookup), its customer, site and equipment chosen already. */
export function NewInterventionButton({ preset }: { preset?: WorkPreset | undefined } = {}) {
  const { t, i18n } = useTranslation();
  const controller = useController();
  const date = useBoard((s) => s.date);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
      // Keep Tab inside the dialog.
      if (e.key === 'Tab' && dialog.current) {
        const focusable = dialog.current.querySelectorAll<HTMLElement>('input, select, textarea, button, [tabindex]:not([tabindex="-1"])');
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last?.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first?.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const created = (c: Created) => {
    close();
    void controller.workCreated(c.id);
    controller.notify(
      'success',
      c.earliestDate > date ? 'work.createdOtherDay' : 'work.created',
      { customer: c.customer, date: formatDay(c.earliestDate, i18n.language) },
      'queue',
    );
  };

  return (
    <div className="work-entry">
      <button ref={button} type="button" className="button small primary work-open" onClick={() => setOpen(true)} aria-haspopup="dialog">
        + {t('work.open')}
      </button>
      {open && (
        <div className="work-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
          <div ref={dialog} className="work-dialog" role="dialog" aria-modal="true" aria-labelledby="work-title">
            <header className="work-dialog-head">
              <h2 id="work-title" className="panel-title">
                {t('work.title')}
              </h2>
              <button type="button" className="button subtle small" onClick={close} aria-label={t('work.close')}>
                ✕
              </button>
            </header>
            <NewInterventionForm onCreated={created} onCancel={close} preset={preset} />
          </div>
        </div>
      )}
    </div>
  );
}

function formatDay(day: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}
