// Exports of the back office's lists as CSV or XLSX, in the import's columns.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_KINDS } from '@tournee/contracts/import';
import { useBoard } from '../../state/context.tsx';
import { errorMessage } from '../shared/client.ts';
import { downloadExport } from './api.ts';

type ExportKind = (typeof EXPORT_KINDS)[number];

export function ExportPanel({ agencyId }: { agencyId: string | null }) {
  const { t } = useTranslation();
  const token = useBoard((s) => s.session?.token ?? null);
  const [kind, setKind] = useState<ExportKind>('customers');
  const download = useMutation({ mutationFn: (format: 'csv' | 'xlsx') => downloadExport(token, kind, format, agencyId) });
  return (
    <section className="bo-panel import-export" aria-labelledby="export-title">
      <h2 id="export-title">{t('importer.export.title')}</h2>
      <p className="muted">{t('importer.export.hint')}</p>
      <div className="import-pick">
        <label className="field">
          <span>{t('importer.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as ExportKind)}>
            {EXPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`importer.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" disabled={download.isPending} onClick={() => download.mutate('csv')}>
          {t('importer.export.csv')}
        </button>
        <button type="button" className="button" disabled={download.isPending} onClick={() => download.mutate('xlsx')}>
          {t('importer.export.xlsx')}
        </button>
      </div>
      {download.error && (
        <p className="form-error" role="alert">
          {t('importer.export.failed', { message: errorMessage(download.error) })}
        </p>
      )}
    </section>
  );
}
