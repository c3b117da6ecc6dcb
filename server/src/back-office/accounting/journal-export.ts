// The month's journal for the accounting package in place (issue 13): the
// ledger's entries of the month, each line translated through the company's
// chart-of-accounts mapping (mapping.ts), then laid out as CSV
// (journal-layout.ts).
//
// The ledger posts sales to 706 (services) and 707 (parts) without the line's
// kind or VAT rate; a company that books labour, travel and parts at each
// rate on accounts of their own needs both, so an invoice's or credit note's
// sales lines are split again from the document's lines (the issued document
// is immutable, and the entry was built from it: the split must add up to the
// posted amount, or the entry is exported as posted). Payments take the bank
// account of their method. Every entry is checked to balance after the
// mapping; every unmapped account is named, all at once, and nothing is
// exported until they are mapped.
import type { JournalLayout } from '@tournee/contracts/back-office';
import { JOURNALS, type Journal } from './chart.ts';
import { dateOf, dayOf, type IsoDay } from '../days.ts';
import type { Db } from '../db.ts';
import { BackOfficeError, conflict, type ErrorField } from '../errors.ts';
import { ecritureNum } from './fec.ts';
import { formatJournal, type JournalFile } from './journal-layout.ts';
import { loadMapping, resolveAccount, type MappingSettings } from './mapping.ts';

/** One line of the export, in the company's accounts. */
export interface ExportLine {
  readonly journal: string;
  readonly journalLabel: string;
  readonly date: IsoDay;
  readonly entryNumber: string;
  readonly account: string;
  readonly accountLabel: string;
  readonly auxAccount: string | null;
  readonly auxLabel: string | null;
  readonly pieceRef: string;
  readonly pieceDate: IsoDay;
  readonly label: string;
  readonly debitCents: number;
  readonly creditCents: number;
}

/** A ledger entry with what the mapping needs to know of its source. */
export interface LedgerEntry {
  readonly journal: string;
  readonly fiscalYear: number;
  readonly number: number;
  readonly date: IsoDay;
  readonly pieceRef: string;
  readonly pieceDate: IsoDay;
  readonly sourceKind: string;
  readonly lines: readonly {
    readonly account: string;
    readonly accountLabel: string;
    readonly auxAccount: string | null;
    readonly auxLabel: string | null;
    readonly label: string;
    readonly debitCents: number;
    readonly creditCents: number;
  }[];
  /** Invoice or credit note: the document's lines (net, kind, VAT rate). */
  readonly documentLines?: readonly { readonly kind: string; readonly netCents: number; readonly vatRateBp: number }[] | undefined;
  /** Payment: its method. */
  readonly paymentMethod?: string | undefined;
}

export class UnmappedAccountsError extends BackOfficeError {
  constructor(readonly keys: readonly { key: string; example: string }[]) {
    super(
      'invalid',
      `no account is mapped for ${keys.map((k) => k.key).join(', ')}: set them in the chart-of-accounts mapping before exporting`,
      keys.map((k) => ({ path: `mapping.${k.key}`, message: `unmapped (first met in ${k.example})` })),
      'unmapped_accounts',
    );
  }
}

/** The ledger's own accounts → mapping keys (VAT and sales are handled apart). */
const KEY_OF_ACCOUNT: Readonly<Record<string, string>> = {
  '411': 'customers',
  '512': 'bank',
  '531': 'cash',
  '37': 'stock',
  '6037': 'stock_variation',
  '401': 'suppliers',
  '4098': 'supplier_credits',
  '7088': 'warranty_income',
  '658': 'other_charges',
};
const VAT_RATE_OF_ACCOUNT: Readonly<Record<string, number>> = { '4457120': 2000, '4457110': 1000, '4457155': 550 };
const SALES_ACCOUNTS = new Set(['706', '707']);

/** The rate of a VAT line: by its account, or from its label ("TVA collectée 2.1 %") for a rate the default chart does not name. */
function vatRateOf(account: string, label: string): number | null {
  const known = VAT_RATE_OF_ACCOUNT[account];
  if (known !== undefined) return known;
  if (!account.startsWith('44571')) return null;
  const match = /([\d]+(?:[.,]\d+)?)\s*%/.exec(label);
  return match ? Math.round(Number(match[1]!.replace(',', '.')) * 100) : null;
}

type Signed = { key: string; amountCents: number; label: string; aux: { account: string | null; label: string | null } };

/** An entry's lines as mapping keys with signed amounts (debit positive), sales split by the document's kinds and rates. */
function keyedLines(e: LedgerEntry): Signed[] {
  const out: Signed[] = [];
  const sales = e.lines.filter((l) => SALES_ACCOUNTS.has(l.account));
  const salesTotal = sales.reduce((s, l) => s + l.debitCents - l.creditCents, 0);
  const doc = e.documentLines;
  const sign = salesTotal <= 0 ? -1 : 1;
  const docTotal = doc?.reduce((s, l) => s + l.netCents, 0) ?? null;
  // Split only when the document's lines add up to what was posted (they always should: the entry was built from them).
  const split = doc && sales.length > 0 && docTotal !== null && sign * docTotal === salesTotal;
  if (split) {
    const groups = new Map<string, number>();
    for (const l of doc) {
      const key = `sales.${['labour', 'travel', 'part', 'fee'].includes(l.kind) ? l.kind : 'other'}.${l.vatRateBp}`;
      groups.set(key, (groups.get(key) ?? 0) + sign * l.netCents);
    }
    for (const [key, amountCents] of groups) out.push({ key, amountCents, label: sales[0]!.label, aux: { account: null, label: null } });
  }
  for (const l of e.lines) {
    const amountCents = l.debitCents - l.creditCents;
    const aux = { account: l.auxAccount, label: l.auxLabel };
    if (SALES_ACCOUNTS.has(l.account)) {
      if (!split) out.push({ key: l.account === '707' ? 'sales.part' : 'sales.labour', amountCents, label: l.label, aux });
      continue;
    }
    const rate = vatRateOf(l.account, l.accountLabel);
    if (rate !== null) {
      out.push({ key: `vat.${rate}`, amountCents, label: l.label, aux });
      continue;
    }
    let key = KEY_OF_ACCOUNT[l.account] ?? `account:${l.account}`;
    if (key === 'bank' && e.paymentMethod && e.paymentMethod !== 'cash') key = `bank.${e.paymentMethod}`;
    out.push({ key, amountCents, label: l.label, aux });
  }
  return out.filter((l) => l.amountCents !== 0);
}

/** The entries in the company's accounts; throws UnmappedAccountsError naming every unmapped key, or a conflict for an unbalanced entry. */
export function mapEntries(entries: readonly LedgerEntry[], settings: Pick<MappingSettings, 'mapping' | 'customerAuxPrefix'>): ExportLine[] {
  const lines: ExportLine[] = [];
  const unmapped = new Map<string, string>();
  const unbalanced: ErrorField[] = [];
  for (const e of entries) {
    const entryNumber = ecritureNum(e);
    const keyed = keyedLines(e);
    const balance = keyed.reduce((s, l) => s + l.amountCents, 0);
    if (balance !== 0 || keyed.length < 2) unbalanced.push({ path: entryNumber, message: `debit and credit differ by ${balance} cents` });
    for (const l of keyed) {
      const original = l.key.startsWith('account:') ? e.lines.find((x) => `account:${x.account}` === l.key) : undefined;
      const mapped = original ? { account: original.account, label: original.accountLabel } : resolveAccount(settings, l.key);
      if (!mapped) {
        if (!unmapped.has(l.key)) unmapped.set(l.key, `${entryNumber} ${e.pieceRef}`);
        continue;
      }
      const customer = l.key === 'customers' && l.aux.account !== null;
      lines.push({
        journal: e.journal,
        journalLabel: JOURNALS[e.journal as Journal] ?? e.journal,
        date: e.date,
        entryNumber,
        account: mapped.account,
        accountLabel: mapped.label,
        auxAccount: l.aux.account === null ? null : customer ? `${settings.customerAuxPrefix}${l.aux.account}` : l.aux.account,
        auxLabel: l.aux.label,
        pieceRef: e.pieceRef,
        pieceDate: e.pieceDate,
        label: l.label,
        debitCents: l.amountCents > 0 ? l.amountCents : 0,
        creditCents: l.amountCents < 0 ? -l.amountCents : 0,
      });
    }
  }
  if (unmapped.size) throw new UnmappedAccountsError([...unmapped].map(([key, example]) => ({ key, example })));
  if (unbalanced.length)
    throw conflict(`${unbalanced.length} entr${unbalanced.length > 1 ? 'ies do' : 'y does'} not balance once mapped`, unbalanced, 'unbalanced_entry');
  return lines;
}

/** The first and last day of a month YYYY-MM. */
export function monthBounds(month: string): { from: IsoDay; to: IsoDay } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01` as IsoDay, to: `${month}-${String(last).padStart(2, '0')}` as IsoDay };
}

/** The month's ledger, mapped and laid out. */
export async function exportJournal(prisma: Db, month: string, layout: JournalLayout): Promise<JournalFile> {
  const { from, to } = monthBounds(month);
  const settings = await loadMapping(prisma);
  const rows = await prisma.journalEntry.findMany({
    where: { date: { gte: dateOf(from), lte: dateOf(to) } },
    include: { lines: { orderBy: { position: 'asc' } } },
    orderBy: [{ date: 'asc' }, { journal: 'asc' }, { number: 'asc' }],
  });
  const documentIds = rows.filter((r) => r.sourceKind === 'invoice' || r.sourceKind === 'credit_note').map((r) => r.sourceId);
  const paymentIds = rows.filter((r) => r.sourceKind === 'payment').map((r) => r.sourceId);
  const [documentLines, payments] = await Promise.all([
    documentIds.length
      ? prisma.billingLine.findMany({ where: { documentId: { in: documentIds } }, select: { documentId: true, kind: true, netCents: true, vatRateBp: true } })
      : [],
    paymentIds.length ? prisma.payment.findMany({ where: { id: { in: paymentIds } }, select: { id: true, method: true } }) : [],
  ]);
  const linesOf = new Map<string, { kind: string; netCents: number; vatRateBp: number }[]>();
  for (const l of documentLines) linesOf.set(l.documentId, [...(linesOf.get(l.documentId) ?? []), l]);
  const methodOf = new Map(payments.map((p) => [p.id, p.method as string]));
  const entries: LedgerEntry[] = rows.map((r) => ({
    journal: r.journal,
    fiscalYear: r.fiscalYear,
    number: r.number,
    date: dayOf(r.date),
    pieceRef: r.pieceRef,
    pieceDate: dayOf(r.pieceDate),
    sourceKind: r.sourceKind,
    lines: r.lines,
    documentLines: linesOf.get(r.sourceId),
    paymentMethod: r.sourceKind === 'payment' ? methodOf.get(r.sourceId) : undefined,
  }));
  return formatJournal(mapEntries(entries, settings), layout);
}
