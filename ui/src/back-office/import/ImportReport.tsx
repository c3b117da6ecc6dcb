// What a dry run would do or an import did: the totals, then the refused lines
// with the column and the reason, and the lines that change with their fields.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportApi, ImportBatch, LineAction } from './api.ts';
import { fieldLabel, reasonLabel } from './labels.ts';

const SHOWN = 200;

export function ImportReport({ api, batch }: { api: ImportApi; batch: ImportBatch }) {
  const { t, i18n } = useTranslation();
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const done = batch.status === 'imported' || batch.status === 'undone';
  const totals = [
    ['created', done ? t('importer.totals.createdDone') : t('importer.totals.created'), batch.created],
    ['updated', done ? t('importer.totals.updatedDone') : t('importer.totals.updated'), batch.updated],
    ['unchanged', t('importer.totals.unchanged'), batch.unchanged],
    ['refused', t('importer.totals.refused'), batch.refused],
  ] as const;
  return (
    <section className="import-report" aria-label={t('importer.report.refusedTitle')}>
      <p className="import-verdict" role="status">
        {batch.status === 'checked' ? t('importer.totals.dryRun') : batch.status === 'undone' ? t('importer.totals.undone') : t('importer.totals.imported')}
      </p>
      <dl className="import-totals">
        {totals.map(([key, label, value]) => (
          <div key={key} className={`import-total ${key}`} data-total={key}>
            <dt>{label}</dt>
            <dd>{number(value)}</dd>
          </div>
        ))}
      </dl>
      <Lines api={api} batch={batch} action="refuse" title={t('importer.report.refusedTitle')} total={batch.refused} />
      {batch.updated > 0 && <Lines api={api} batch={batch} action="update" title={t('importer.report.changedTitle')} total={batch.updated} />}
    </section>
  );
}

function Lines({ api, batch, action, title, total }: { api: ImportApi; batch: ImportBatch; action: LineAction; title: string; total: number }) {
  const { t, i18n } = useTranslation();
  const key = batch.status + (batch.dryRunAt ?? '') + (batch.importedAt ?? '');
  const lines = useQuery({ queryKey: ['imports', batch.id, 'report', action, key], queryFn: () => api.reportPage(batch.id, action, SHOWN) });
  if (total === 0) return action === 'refuse' ? <p className="muted">{t('importer.report.none')}</p> : null;
  return (
    <>
      <h3>{title}</h3>
      <table className="bo-table import-lines" data-lines={action}>
        <thead>
          <tr>
            <th scope="col">{t('importer.report.line')}</th>
            <th scope="col">{t('importer.report.reference')}</th>
            <th scope="col">{action === 'refuse' ? t('importer.report.reason') : t('importer.report.changed')}</th>
          </tr>
        </thead>
        <tbody>
          {(lines.data?.items ?? []).map((line) => (
            <tr key={line.line}>
              <td className="num">{new Intl.NumberFormat(i18n.language).format(line.line)}</td>
              <td>{line.reference ?? '—'}</td>
              <td>
                {action === 'refuse'
                  ? (line.errors ?? []).map((e, i) => (
                      <div key={i} title={e.message}>
                        <strong>{e.column ?? fieldLabel(t, e.field)}</strong> : {reasonLabel(t, e.code)}
                        {e.code === 'unknown_reference' && <span className="muted"> ({fieldLabel(t, e.field)})</span>}
                      </div>
                    ))
                  : (line.changed ?? []).map((f) => fieldLabel(t, f)).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > SHOWN && <p className="muted">{t('importer.report.more', { count: total - SHOWN })}</p>}
    </>
  );
}
