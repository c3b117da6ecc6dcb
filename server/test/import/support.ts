// Helpers for the import tests: upload raw bytes, run with ?wait=true, build workbooks.
import ExcelJS from 'exceljs';
import type { Harness } from '../http/harness.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function upload(h: Harness, token: string, kind: string, fileName: string, bytes: Uint8Array | string, type = 'text/csv') {
  const res = await fetch(`${h.url}/api/imports?kind=${kind}&fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: typeof bytes === 'string' ? bytes : Buffer.from(bytes),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function runMode(h: Harness, token: string, id: string, mode: 'dry-run' | 'import', mapping: Record<string, string | null>) {
  return h.call('POST', `/api/imports/${id}/${mode}?wait=true`, { token, body: { mapping } });
}

/** Upload, then dry run or import with the proposed mapping. */
export async function uploadAndRun(
  h: Harness,
  token: string,
  kind: string,
  fileName: string,
  bytes: Uint8Array | string,
  mode: 'dry-run' | 'import',
  type?: string,
) {
  const up = await upload(h, token, kind, fileName, bytes, type);
  if (up.status !== 201) throw new Error(`upload ${up.status} ${JSON.stringify(up.body)}`);
  const res = await runMode(h, token, up.body.batch.id, mode, up.body.proposedMapping);
  if (res.status !== 200) throw new Error(`${mode} ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function report(h: Harness, token: string, id: string, action?: string) {
  const res = await h.call('GET', `/api/imports/${id}/report?limit=200${action ? `&action=${action}` : ''}`, { token });
  return res.body.items as {
    line: number;
    action: string;
    reference: string | null;
    changed?: string[];
    errors?: { field: string; column: string | null; code: string }[];
  }[];
}

export async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Feuil1');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function download(h: Harness, token: string, path: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const res = await fetch(h.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}
