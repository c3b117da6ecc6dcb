// The recent imports (a dispatcher's own; an admin's, everyone's): file, kind, when, who, status and counts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../shared/client.ts';
import { formatDateTime } from '../shared/format.ts';
import type { ImportApi } from './api.ts';

export function ImportHistory({ api }: { api: ImportApi }) {
  const { t, i18n } = useTranslation();
  const batches = useQuery({ queryKey: ['imports', 'list'], queryFn: api.batches, refetchInterval: 5000 });
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const queryClient = useQueryClient();
  const undo = useMutation({
    mutationFn: (id: string) => api.undo(id),
    onSuccess: (b) => {
      queryClient.setQueryData(['imports', b.id], b);
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
  return (
    <section className="bo-panel import-history" aria-labelledby="import-history-title">
      <h2 id="import-history-title">{t('importer.history.title')}</h2>
      {batches.data?.length === 0 && <p className="muted">{t('importer.history.empty')}</p>}
      {undo.error && (
        <p className="form-error" role="alert">
          {t('importer.failed', { message: errorMessage(undo.error) })}
        </p>
      )}
      {Boolean(batches.data?.length) && (
        <table className="bo-table" aria-labelledby="import-history-title">
          <thead>
            <tr>
              <th scope="col">{t('importer.history.file')}</th>
              <th scope="col">{t('importer.history.kind')}</th>
              <th scope="col">{t('importer.history.when')}</th>
              <th scope="col">{t('importer.history.by')}</th>
              <th scope="col">{t('importer.history.status')}</th>
              <th scope="col" className="num">
                {t('importer.history.counts')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('importer.undo')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {batches.data!.map((b) => (
              <tr key={b.id}>
                <td>{b.fileName}</td>
                <td>{t(`importer.kinds.${b.kind}`)}</td>
                <td>{formatDateTime(b.importedAt ?? b.dryRunAt ?? b.createdAt, i18n.language)}</td>
                <td>{b.userName}</td>
                <td>
                  <span className={`import-status ${b.status}`}>{t(`importer.status.${b.status}`)}</span>
                </td>
                <td className="num">
                  {number(b.created)} / {number(b.updated)} / {number(b.refused)}
                </td>
                <td>
                  {b.status === 'imported' && (
                    <button
                      type="button"
                      className="button small danger"
                      aria-label={`${t('importer.undo')} — ${b.fileName}`}
                      disabled={undo.isPending}
                      onClick={() => window.confirm(t('importer.undoConfirm', { file: b.fileName })) && undo.mutate(b.id)}
                    >
                      {t('importer.history.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
