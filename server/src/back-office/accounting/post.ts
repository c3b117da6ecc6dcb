// Writes an entry in the caller's transaction, numbered without gaps per
// journal and fiscal year (calendar year), so the entry and the event that
// caused it commit or roll back together: the books never drift from the
// service records.
import type { Tx } from '../db.ts';
import { dateOf } from '../days.ts';
import { nextNumber } from '../counters.ts';
import type { EntryDraft } from './entry.ts';

export async function postEntry(tx: Tx, entry: EntryDraft | null): Promise<{ id: string; number: number } | null> {
  if (!entry) return null;
  const fiscalYear = Number(entry.date.slice(0, 4));
  const number = await nextNumber(tx, `JNL-${entry.journal}-${fiscalYear}`);
  const created = await tx.journalEntry.create({
    data: {
      journal: entry.journal,
      fiscalYear,
      number,
      date: dateOf(entry.date),
      label: entry.label.slice(0, 200),
      pieceRef: entry.pieceRef,
      pieceDate: dateOf(entry.pieceDate),
      sourceKind: entry.sourceKind,
      sourceId: entry.sourceId,
      agencyId: entry.agencyId,
      lines: { create: entry.lines.map((l, i) => ({ ...l, label: l.label.slice(0, 200), position: i + 1 })) },
    },
    select: { id: true, number: true },
  });
  return created;
}
