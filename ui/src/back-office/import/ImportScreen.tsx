// The back office's Importer screen (issue 13): load a company's lists from
// CSV or Excel files (mapping, dry run, import with progress, undo), export
// them in the same columns, and the recent imports.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBackOfficeHttp } from '../shared/client.ts';
import { importApi } from './api.ts';
import { ExportPanel } from './ExportPanel.tsx';
import { ImportHistory } from './ImportHistory.tsx';
import { ImportWizard } from './ImportWizard.tsx';
import './import.css';

export function ImportScreen({ agencyId }: { agencyId: string | null }) {
  const { t } = useTranslation();
  const http = useBackOfficeHttp();
  const api = useMemo(() => importApi(http), [http]);
  return (
    <section className="bo-screen import-screen" aria-labelledby="import-title">
      <h1 id="import-title">{t('importer.title')}</h1>
      <p className="muted">{t('importer.intro')}</p>
      <div className="import-layout">
        <section className="bo-panel import-main" aria-label={t('importer.run')}>
          <ImportWizard api={api} />
        </section>
        <ExportPanel agencyId={agencyId} />
      </div>
      <ImportHistory api={api} />
    </section>
  );
}
