// Undoing an import as a whole: the records it created are deleted, the ones
// it updated get their previous values back — in one transaction. Refused
// (409) when records added since depend on what it created (a customer
// imported and its sites imported later): undo those first.
import type { Claims } from '../auth/tokens.ts';
import type { ImportChange, Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { SUMMARY_OMIT, type BatchSummary } from './batch-view.ts';
import { ImportConflictError } from './errors.ts';
import { KINDS } from './kinds/index.ts';
import { updateRecord, type KindDefinition } from './kinds/kind.ts';

const TX_OPTIONS = { timeout: 300_000, maxWait: 60_000 } as const;
/**
 * An import records its progress with every chunk of 500 lines; one that has
 * not moved for this long was stopped with its process (a crash, a deploy):
 * what it wrote (recorded chunk by chunk) can be undone like a finished import.
 */
export const STALLED_IMPORT_MS = 10 * 60_000;
const DELETE_CHUNK = 1000;

export async function undoBatch(prisma: PrismaClient, batchId: string, auth: Claims): Promise<BatchSummary> {
  const batch = await prisma.importBatch.findUnique({ where: { id: batchId }, omit: SUMMARY_OMIT });
  if (!batch) throw new ImportConflictError('no such import');
  const stalledBefore = new Date(Date.now() - STALLED_IMPORT_MS);
  const stalled = batch.status === 'importing' && batch.updatedAt < stalledBefore;
  if (batch.status !== 'imported' && !stalled) throw new ImportConflictError(`only an imported batch can be undone; this one is ${batch.status}`);
  const kind = KINDS[batch.kind];
  return prisma.$transaction(async (tx) => {
    // Claimed first, so two undos of the same batch cannot both run.
    const claimed = await tx.importBatch.updateMany({
      where: { id: batchId, OR: [{ status: 'imported' }, { status: 'importing', updatedAt: { lt: stalledBefore } }] },
      data: { status: 'undone', undoneAt: new Date(), undoneBy: auth.sub },
    });
    if (claimed.count === 0) throw new ImportConflictError('this import is being undone already');
    const changes = await tx.importChange.findMany({ where: { batchId } });
    const created = changes.filter((c) => c.action === 'created').map((c) => c.recordId);
    const blocker = created.length ? await kind.dependents(tx, created) : null;
    if (blocker) throw new ImportConflictError(blocker);
    await revertChanges(tx, kind, changes, auth);
    return tx.importBatch.findUniqueOrThrow({ where: { id: batchId }, omit: SUMMARY_OMIT });
  }, TX_OPTIONS);
}

/** Deletes what the changes created and restores what they updated (also used when an import fails half-way). */
export async function revertChanges(
  tx: Prisma.TransactionClient,
  kind: KindDefinition,
  changes: readonly ImportChange[],
  auth: Claims | null = null,
): Promise<void> {
  if (kind.custom) return kind.custom.revert(tx, changes, auth);
  const delegate = kind.delegate(tx);
  for (const change of changes) {
    if (change.action === 'updated' && change.before) await updateRecord(tx, kind, change.recordId, change.before as Record<string, unknown>);
  }
  const created = changes.filter((c) => c.action === 'created').map((c) => c.recordId);
  for (let i = 0; i < created.length; i += DELETE_CHUNK) await delegate.deleteMany({ where: { id: { in: created.slice(i, i + DELETE_CHUNK) } } });
}
