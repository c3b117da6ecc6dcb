// A journal entry is built from legs (signed: positive = debit) plus one
// counterpart account that takes the opposite of their sum. An entry built
// this way balances by construction; `buildEntry` still checks it, and the
// database checks it again at commit (deferred constraint trigger).
import type { IsoDay } from '../days.ts';
import type { Account, Journal } from './chart.ts';

export interface Auxiliary {
  /** The customer's or supplier's account number in the sub-ledger. */
  readonly number: string;
  readonly label: string;
}

export interface Leg {
  readonly account: Account;
  readonly aux?: Auxiliary | null | undefined;
  readonly label: string;
  /** Positive = debit, negative = credit. */
  readonly amountCents: number;
}

export interface EntryLine {
  readonly account: string;
  readonly accountLabel: string;
  readonly auxAccount: string | null;
  readonly auxLabel: string | null;
  readonly label: string;
  readonly debitCents: number;
  readonly creditCents: number;
}

export interface EntryDraft {
  readonly journal: Journal;
  readonly date: IsoDay;
  readonly label: string;
  readonly pieceRef: string;
  readonly pieceDate: IsoDay;
  readonly sourceKind: string;
  readonly sourceId: string;
  readonly agencyId: string | null;
  readonly lines: readonly EntryLine[];
}

export class UnbalancedEntryError extends Error {
  override readonly name = 'UnbalancedEntryError';
}

export type EntryHeader = Omit<EntryDraft, 'lines'>;

/**
 * The entry: legs of the same account (and auxiliary) merged, zero legs
 * dropped, the counterpart appended for the balance. Null when nothing is
 * left to post (a transfer between two depots, a zero-valued movement).
 */
export function buildEntry(header: EntryHeader, legs: readonly Leg[], counterpart: Omit<Leg, 'amountCents'>): EntryDraft | null {
  const merged = new Map<string, Leg>();
  for (const leg of legs) {
    if (!Number.isSafeInteger(leg.amountCents)) throw new UnbalancedEntryError(`${leg.account.number}: ${leg.amountCents} is not a whole number of cents`);
    const key = `${leg.account.number}|${leg.aux?.number ?? ''}|${leg.label}`;
    const before = merged.get(key);
    merged.set(key, before ? { ...before, amountCents: before.amountCents + leg.amountCents } : leg);
  }
  const kept = [...merged.values()].filter((l) => l.amountCents !== 0);
  if (kept.length === 0) return null;
  const balance = kept.reduce((sum, l) => sum + l.amountCents, 0);
  const all = balance === 0 ? kept : [...kept, { ...counterpart, amountCents: -balance }];
  const lines = all.map(toLine);
  assertBalanced(lines);
  return { ...header, lines };
}

export function assertBalanced(lines: readonly EntryLine[]): void {
  const debit = lines.reduce((s, l) => s + l.debitCents, 0);
  const credit = lines.reduce((s, l) => s + l.creditCents, 0);
  if (lines.length < 2 || debit !== credit) throw new UnbalancedEntryError(`entry with ${lines.length} line(s) has debit ${debit} and credit ${credit}`);
}

function toLine(l: Leg): EntryLine {
  return {
    account: l.account.number,
    accountLabel: l.account.label,
    auxAccount: l.aux?.number ?? null,
    auxLabel: l.aux?.label ?? null,
    label: l.label,
    debitCents: l.amountCents > 0 ? l.amountCents : 0,
    creditCents: l.amountCents < 0 ? -l.amountCents : 0,
  };
}
