// « Exporter la journée »: the board's day (the agency and date shown) as an
// Excel workbook or a CSV file, in the columns an import of interventions reads
// (GET /api/day-export). A small menu beside the day, usable by keyboard: a
// button that opens it (aria-expanded), Tab reaches the two choices, Escape or
// a click elsewhere closes it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  if (!agencyId) return null;

  const download = async (format: Format) => {
    setBusy(true);
    setFailed(null);
    try {
      const query = new URLSearchParams({ agencyId, date, format });
      const response = await fetch(`/api/day-export?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!response.ok) throw new Error(String(response.status));
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `journee-${date}.${format}`;
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setOpen(false);
    } catch (error) {
      setFailed(error instanceof Error && /^\d+$/.test(error.message) ? t('dayExport.failedStatus', { status: error.message }) : t('dayExport.failed'));
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
