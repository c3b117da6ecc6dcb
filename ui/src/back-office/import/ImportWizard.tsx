// One import, step by step: choose the kind and the file (uploaded at once:
// the server proposes the mapping), adjust the mapping, dry run, import — with
// a progress bar while the server goes through the lines — and undo.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_KINDS } from '@tournee/contracts/import';
import { useBoard } from '../../state/context.tsx';
import { errorMessage } from '../shared/client.ts';
import { uploadFile, type ImportApi, type ImportBatch, type ImportKind, type ImportMapping, type ImportUpload } from './api.ts';
import { ImportReport } from './ImportReport.tsx';
import { MappingTable } from './MappingTable.tsx';

const RUNNING: readonly ImportBatch['status'][] = ['checking', 'importing'];

export function ImportWizard({ api }: { api: ImportApi }) {
  const { t, i18n } = useTranslation();
  const token = useBoard((s) => s.session?.token ?? null);
  const queryClient = useQueryClient();
  const ids = useId();
  const [kind, setKind] = useState<ImportKind>('customers');
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [fileKey, setFileKey] = useState(0);

  const batchId = upload?.batch.id;
  const batch = useQuery({
    queryKey: ['imports', batchId],
    queryFn: () => api.batch(batchId!),
    enabled: Boolean(batchId),
    initialData: upload?.batch,
    refetchInterval: (q) => (q.state.data && RUNNING.includes(q.state.data.status) ? 400 : false),
  });
  const current = batch.data;
  const running = current ? RUNNING.includes(current.status) : false;
  const status = current?.status;
  // The history follows the batch's own status (a run ends while the screen polls the batch, not the list).
  useEffect(() => {
    if (status) void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [status, queryClient]);
  const refresh = (b: ImportBatch) => {
    queryClient.setQueryData(['imports', b.id], b);
    void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  };

  const send = useMutation({
    mutationFn: (file: File) => uploadFile(token, kind, file),
    onSuccess: (u) => {
      setUpload(u);
      setMapping(u.proposedMapping);
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    },
  });
  const run = useMutation({ mutationFn: (mode: 'dry-run' | 'import') => api.run(batchId!, mode, mapping), onSuccess: refresh });
  const undo = useMutation({ mutationFn: () => api.undo(batchId!), onSuccess: refresh });
  const error = send.error ?? run.error ?? undo.error;

  const reset = () => {
    setUpload(null);
    setMapping({});
    send.reset();
    run.reset();
    undo.reset();
    setFileKey((k) => k + 1);
  };
  const percent = current && current.rowCount ? Math.round((current.processed / current.rowCount) * 100) : 0;
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const canRun = current && ['uploaded', 'checked', 'failed'].includes(current.status) && !running;

  return (
    <div className="import-wizard">
      <div className="import-pick">
        <label className="field">
          <span>{t('importer.kind')}</span>
          <select value={kind} disabled={Boolean(upload)} onChange={(e) => setKind(e.target.value as ImportKind)}>
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`importer.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <span id={`${ids}-file-label`}>{t('importer.file')}</span>
          {/* The browser's own file button speaks the browser's language: a label in ours opens it. */}
          <label htmlFor={`${ids}-file`} className={`button import-choose${upload || send.isPending ? ' is-disabled' : ''}`}>
            {upload ? upload.batch.fileName : t('importer.choose')}
          </label>
          <input
            key={fileKey}
            id={`${ids}-file`}
            className="import-file-input"
            aria-labelledby={`${ids}-file-label`}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={Boolean(upload) || send.isPending}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) send.mutate(file);
            }}
          />
        </div>
        {upload && (
          <button type="button" className="button" onClick={reset} disabled={running}>
            {t('importer.another')}
          </button>
        )}
      </div>
      {!upload && <p className="muted">{send.isPending ? t('importer.uploading') : t('importer.fileHint')}</p>}
      {error && (
        <p className="form-error" role="alert">
          {t('importer.failed', { message: errorMessage(error) })}
        </p>
      )}

      {upload && current && (
        <>
          <p className="import-file">
            <strong>{current.fileName}</strong> — {t('importer.rows', { count: current.rowCount, formatted: number(current.rowCount) })} ·{' '}
            <span className={`import-status ${current.status}`}>{t(`importer.status.${current.status}`)}</span>
          </p>
          <h3>{t('importer.mapping.title')}</h3>
          <p className="muted">{t('importer.mapping.hint')}</p>
          <MappingTable kind={kind} headers={current.headers} preview={upload.preview} mapping={mapping} disabled={!canRun} onChange={setMapping} />
          <div className="import-actions">
            <button type="button" className="button" disabled={!canRun || run.isPending} onClick={() => run.mutate('dry-run')}>
              {t('importer.dryRun')}
            </button>
            <button type="button" className="button primary" disabled={!canRun || run.isPending} onClick={() => run.mutate('import')}>
              {t('importer.run')}
            </button>
            {current.status === 'imported' && (
              <button
                type="button"
                className="button danger"
                disabled={undo.isPending}
                onClick={() => window.confirm(t('importer.undoConfirm', { file: current.fileName })) && undo.mutate()}
              >
                {t('importer.undo')}
              </button>
            )}
          </div>
          {running && (
            <div className="progress-block">
              <div
                className="progress"
                role="progressbar"
                aria-label={t(`importer.status.${current.status}`)}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
              >
                <span style={{ width: `${percent}%` }} />
              </div>
              <p className="muted">{t('importer.progress', { done: number(current.processed), total: number(current.rowCount) })}</p>
            </div>
          )}
          {current.status === 'failed' && current.error && (
            <p className="form-error" role="alert">
              {t('importer.failed', { message: current.error })}
            </p>
          )}
          {['checked', 'imported', 'undone'].includes(current.status) && <ImportReport api={api} batch={current} />}
        </>
      )}
    </div>
  );
}
