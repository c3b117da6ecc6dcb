// Stock movements: the only way stock changes. Each call records one batch
// (the lines of a receipt, both halves of a transfer, …) in one transaction:
// lock the level rows, refuse what would take a depot below zero (unless the
// depot allows it), insert the movements — the database trigger adds them to
// on hand — and post the batch's value to the ledger.
import { randomUUID } from 'node:crypto';
import type { StockMovementKind } from '../../generated/prisma/enums.ts';
import { postEntry } from '../accounting/post.ts';
import { stockEntry } from '../accounting/rules.ts';
import { booksDay } from '../days.ts';
import type { Tx } from '../db.ts';
import { conflict, invalid, notFound, type ErrorField } from '../errors.ts';
import { levelKey, lockLevels } from './locks.ts';

export interface MovementLine {
  readonly partId: string;
  readonly depotId: string;
  /** Signed change of on hand (never 0). */
  readonly quantity: number;
  readonly kind: StockMovementKind;
  /** Defaults to the part's standard cost. */
  readonly unitCostCents?: number | undefined;
  readonly interventionId?: string | null | undefined;
  readonly supplierOrderLineId?: string | null | undefined;
  readonly customerOrderLineId?: string | null | undefined;
  readonly equipmentId?: string | null | undefined;
  readonly reason?: string | null | undefined;
  /** Where the line came from in the request, for error paths (e.g. `lines[2]`). */
  readonly path?: string | undefined;
}

export interface MovementBatch {
  readonly lines: readonly MovementLine[];
  /** Ledger piece reference and label (French: the accountant reads them). */
  readonly pieceRef: string;
  readonly label: string;
  readonly occurredAt?: Date | undefined;
  readonly createdById?: string | null | undefined;
}

export interface RecordedBatch {
  readonly batchId: string;
  readonly movements: readonly { id: string; partId: string; depotId: string; kind: StockMovementKind; quantity: number; unitCostCents: number }[];
  /** On hand after the batch, per `partId|depotId`. */
  readonly onHand: ReadonlyMap<string, number>;
  readonly journalEntryId: string | null;
}

export async function recordMovements(tx: Tx, batch: MovementBatch): Promise<RecordedBatch> {
  if (batch.lines.length === 0) throw invalid('nothing to move', [{ path: 'lines', message: 'at least one line' }]);
  batch.lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity === 0) {
      throw invalid('quantities are whole numbers of units, not zero', [{ path: `${l.path ?? `lines[${i}]`}.quantity`, message: 'a non-zero whole number' }]);
    }
  });

  const partIds = [...new Set(batch.lines.map((l) => l.partId))];
  const parts = new Map((await tx.part.findMany({ where: { id: { in: partIds } }, select: { id: true, unitCostCents: true } })).map((p) => [p.id, p]));
  const depotIds = [...new Set(batch.lines.map((l) => l.depotId))];
  const depots = new Set((await tx.depot.findMany({ where: { id: { in: depotIds } }, select: { id: true } })).map((d) => d.id));
  batch.lines.forEach((l, i) => {
    if (!parts.has(l.partId)) throw notFound('part', `${l.path ?? `lines[${i}]`}.partId`);
    if (!depots.has(l.depotId)) throw notFound('depot', `${l.path ?? `lines[${i}]`}.depotId`);
  });

  const levels = await lockLevels(tx, batch.lines);
  const after = new Map([...levels].map(([k, v]) => [k, v.onHand]));
  for (const l of batch.lines) after.set(levelKey(l.partId, l.depotId), after.get(levelKey(l.partId, l.depotId))! + l.quantity);
  const short: ErrorField[] = [];
  batch.lines.forEach((l, i) => {
    const key = levelKey(l.partId, l.depotId);
    const level = levels.get(key)!;
    if (l.quantity < 0 && after.get(key)! < 0 && !level.allowNegative) {
      short.push({
        path: `${l.path ?? `lines[${i}]`}.quantity`,
        message: `only ${level.onHand} of part ${level.partReference} on hand in ${level.depotName}; ${-l.quantity} asked`,
      });
    }
  });
  if (short.length) throw conflict('not enough stock: no movement takes a depot below zero', short, 'stock_below_zero');

  const batchId = randomUUID();
  const occurredAt = batch.occurredAt ?? new Date();
  const rows = batch.lines.map((l) => ({
    partId: l.partId,
    depotId: l.depotId,
    kind: l.kind,
    quantity: l.quantity,
    unitCostCents: l.unitCostCents ?? parts.get(l.partId)!.unitCostCents,
    interventionId: l.interventionId ?? null,
    supplierOrderLineId: l.supplierOrderLineId ?? null,
    customerOrderLineId: l.customerOrderLineId ?? null,
    equipmentId: l.equipmentId ?? null,
    reason: l.reason ?? null,
    batchId,
    occurredAt,
    createdById: batch.createdById ?? null,
  }));
  const created = await tx.stockMovement.createManyAndReturn({
    data: rows,
    select: { id: true, partId: true, depotId: true, kind: true, quantity: true, unitCostCents: true },
  });
  const first = levels.get(levelKey(batch.lines[0]!.partId, batch.lines[0]!.depotId))!;
  const entry = await postEntry(
    tx,
    stockEntry({
      batchId,
      occurredOn: booksDay(occurredAt),
      agencyId: first.agencyId,
      pieceRef: batch.pieceRef,
      label: batch.label,
      movements: rows,
    }),
  );
  return { batchId, movements: created, onHand: after, journalEntryId: entry?.id ?? null };
}
