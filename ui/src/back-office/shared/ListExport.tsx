// « Exporter » on a back-office list (issue 13): the list with the filters the
// screen shows, as an Excel workbook or a CSV file (GET /api/list-exports/<list>).
// A small menu, usable by keyboard as the board's day export is: a button that
// opens it (aria-expanded), Tab reaches the choices, Escape or a click
// elsewhere closes it. One control may offer several lists (the billing
// screen's documents and payments), each a group of its two choices.
import { useCallback, useContext, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadError, downloadFile } from '../../api/download.ts';
import { ControllerContext } from '../../state/context.tsx';
import { useMenuDismiss } from './use-menu-dismiss.ts';
import './list-export.css';

export type ExportedList = 'billing-documents' | 'payments' | 'warranty-claims' | 'stock-movements' | 'supplier-orders' | 'shortages' | 'overdue-visits';
type Format = 'xlsx' | 'csv';

export interface ExportChoice {
  readonly list: ExportedList;
  /** The screen's filters; empty values are left out. */
  readonly query: Readonly<Record<string, string | number | boolean | null | undefined>>;
}

/** The export's URL: the list's path and the filters given. */
export function listExportUrl(choice: ExportChoice, format: Format): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(choice.query)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  query.set('format', format);
  return `/api/list-exports/${choice.list}?${query}`;
}

export function ListExport({ choices }: { choices: readonly ExportChoice[] }) {
  const { t } = useTranslation();
  // The session's token when the file is asked for (outside the board, as in the screens' unit tests: none).
  const controller = useContext(ControllerContext);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useMenuDismiss(open, close, root, toggle);

  // The menu is fixed below the button (a list's panel clips what overflows it), kept within the window's width:
  // a toolbar wraps on a phone, so the button may sit at either edge. Placed again when the page scrolls or resizes.
  useLayoutEffect(() => {
    if (!open) {
      setPosition(null);
      return;
    }
    const place = () => {
      if (!toggle.current || !menu.current) return;
      const box = toggle.current.getBoundingClientRect();
      const width = menu.current.offsetWidth;
      setPosition({ top: box.bottom + 4, left: Math.max(8, Math.min(box.left, window.innerWidth - width - 8)) });
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open]);

  const download = async (choice: ExportChoice, format: Format) => {
    setBusy(true);
    setFailed(null);
    try {
      const token = controller?.store.get().session?.token ?? null;
      await downloadFile(listExportUrl(choice, format), token, `${choice.list}.${format}`);
      setOpen(false);
    } catch (error) {
      setFailed(error instanceof DownloadError && error.status !== null ? t('listExport.failedStatus', { status: error.status }) : t('listExport.failed'));
    } finally {
      setBusy(false);
    }
  };

  const what = (list: ExportedList) => t(`listExport.lists.${list}`);
  return (
    <div className="list-export" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="button small list-export-toggle"
        aria-expanded={open}
        aria-controls={menuId}
        title={t('listExport.label', { what: choices.map((c) => what(c.list)).join(', ') })}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M8 1.5v8.5M4.5 6.5 8 10l3.5-3.5M2 12.5v2h12v-2" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
        {t('listExport.open')}
      </button>
      {open && (
        <div
          ref={menu}
          className="list-export-menu"
          id={menuId}
          style={position ? { top: position.top, left: position.left } : { visibility: 'hidden', top: 0, left: 0 }}
        >
          <p className="list-export-hint">{t('listExport.hint')}</p>
          {choices.map((choice) => (
            <div key={choice.list} className="list-export-group" role="group" aria-label={t('listExport.label', { what: what(choice.list) })}>
              {choices.length > 1 && <p className="list-export-title">{t('listExport.label', { what: what(choice.list) })}</p>}
              <button type="button" className="button" disabled={busy} onClick={() => void download(choice, 'xlsx')}>
                {t('listExport.xlsx')}
              </button>
              <button type="button" className="button" disabled={busy} onClick={() => void download(choice, 'csv')}>
                {t('listExport.csv')}
              </button>
            </div>
          ))}
          {failed && (
            <p className="form-error" role="alert">
              {failed}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
