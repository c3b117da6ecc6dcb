// A stored batch as the API answers it (without its file and report, which are large).
import type { ImportBatch } from '@tournee/contracts/import';
import type { ImportBatch as ImportBatchRecord } from '../generated/prisma/client.ts';

export type BatchSummary = Omit<ImportBatchRecord, 'file' | 'report'>;
export const SUMMARY_OMIT = { file: true, report: true } as const;

export function toImportBatch(b: BatchSummary): ImportBatch {
  return {
    id: b.id,
    kind: b.kind,
    status: b.status,
    fileName: b.fileName,
    format: b.format as 'csv' | 'xlsx',
    userName: b.userName,
    headers: b.headers as string[],
    mapping: b.mapping as Record<string, string | null>,
    rowCount: b.rowCount,
    processed: b.processed,
    created: b.created,
    updated: b.updated,
    unchanged: b.unchanged,
    refused: b.refused,
    error: b.error,
    dryRunAt: b.dryRunAt?.toISOString() ?? null,
    importedAt: b.importedAt?.toISOString() ?? null,
    undoneAt: b.undoneAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
  };
}
