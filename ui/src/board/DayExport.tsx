// « Exporter la journée »: the board's day (the agency and date shown) as an
// Excel workbook or a CSV file, in the columns an import of interventions reads
// (GET /api/day-export). A small menu beside the day, usable by keyboard: a
// button that opens it (aria-expanded), Tab reaches the two choices, Escape or
// a click elsewhere closes it.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadError, downloadFile } from '../api/download.ts';
import { useMenuDismiss } from '../back-office/shared/use-menu-dismiss.ts';
import { useBoard } from '../state/context.tsx';
import './day-export.css';

type Format = 'xlsx' | 'csv';

export function DayExport() {
  const { t, i18n } = useTranslation();
  const token = useBoard((s) => s.session?.token ?? null);
  const agencyId = useBoard((s) => s.agencyId);
  const date = useBoard((s) => s.date);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useMenuDismiss(open, close, root, toggle);

  if (!agencyId) return null;

  const download = async (format: Format) => {
    setBusy(true);
    setFailed(null);
    try {
      const query = new URLSearchParams({ agencyId, date, format });
      await downloadFile(`/api/day-export?${query}`, token, `journee-${date}.${format}`);
      setOpen(false);
    } catch (error) {
      setFailed(error instanceof DownloadError && error.status !== null ? t('dayExport.failedStatus', { status: error.status }) : t('dayExport.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="day-export" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="button subtle day-export-toggle"
        aria-label={t('dayExport.open')}
        title={t('dayExport.open')}
        aria-expanded={open}
        aria-controls="day-export-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M8 1.5v8.5M4.5 6.5 8 10l3.5-3.5M2 12.5v2h12v-2" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
        <span className="day-export-label">{t('dayExport.short')}</span>
      </button>
      {open && (
        <div className="day-export-menu" id="day-export-menu" role="group" aria-label={t('dayExport.open')}>
          <p className="day-export-title">
            {t('dayExport.title', {
              date: new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
                new Date(`${date}T12:00:00Z`),
              ),
            })}
          </p>
          <button type="button" className="button" disabled={busy} onClick={() => void download('xlsx')}>
            {t('dayExport.xlsx')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void download('csv')}>
            {t('dayExport.csv')}
          </button>
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
