// The Importer screen's server calls: batches, reports, runs and undo through
// the typed client (ui/src/api/client.ts); the upload (the file's bytes, not
// JSON) and the exports (files) with fetch and the session's token.
import type { z } from 'zod';
import { ApiError } from '../../api/http.ts';
import { createCallApi } from '../../api/client.ts';
import type { BackOfficeHttp } from '../shared/client.ts';

type Contracts = typeof import('@tournee/contracts/import');
type Out<K extends keyof Contracts> = Contracts[K] extends z.ZodType ? z.output<Contracts[K]> : never;

export type ImportBatch = Out<'ImportBatch'>;
export type ImportUpload = Out<'ImportUpload'>;
export type ImportLine = Out<'ImportLine'>;
export type ImportMapping = Record<string, string | null>;
export type ImportKind = ImportBatch['kind'];
export type LineAction = ImportLine['action'];

export function importApi(http: BackOfficeHttp) {
  const call = createCallApi(http);
  return {
    batches: () => call('GET /api/imports', { query: { limit: 20 } }).then((p) => p.items),
    batch: (id: string) => call('GET /api/imports/:id', { params: { id } }),
    reportPage: (id: string, action: LineAction | undefined, limit: number) =>
      call('GET /api/imports/:id/report', { params: { id }, query: { action, limit } }),
    run: (id: string, mode: 'dry-run' | 'import', mapping: ImportMapping) =>
      mode === 'dry-run'
        ? call('POST /api/imports/:id/dry-run', { params: { id }, body: { mapping } })
        : call('POST /api/imports/:id/import', { params: { id }, body: { mapping } }),
    undo: (id: string) => call('POST /api/imports/:id/undo', { params: { id } }),
  };
}
export type ImportApi = ReturnType<typeof importApi>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the file as it is (the server recognises CSV and XLSX from its bytes). */
export async function uploadFile(token: string | null, kind: ImportKind, file: File): Promise<ImportUpload> {
  const response = await fetch(`/api/imports?kind=${kind}&fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv' },
    body: file,
  });
  const json = (await response.json().catch(() => ({}))) as { error?: string; details?: ApiError['details'] };
  if (!response.ok) throw new ApiError(response.status, json.error ?? response.statusText, json.details ?? []);
  return json as unknown as ImportUpload;
}

/** The exports that follow the agency chosen at the top: the others are shared by all agencies. */
const AGENCY_SCOPED = new Set(['stockLevels', 'technicians', 'interventions']);

/** Downloads an export and hands it to the browser as a file. */
export async function downloadExport(token: string | null, kind: string, format: 'csv' | 'xlsx', agencyId: string | null): Promise<void> {
  const query = new URLSearchParams({ format, ...(AGENCY_SCOPED.has(kind) && agencyId ? { agencyId } : {}) });
  const response = await fetch(`/api/exports/${kind}?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const json = (await response.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(response.status, json.error ?? response.statusText);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${kind}.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
