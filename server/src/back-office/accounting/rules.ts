// What each back-office event posts, as pure functions (table-tested):
//
//   invoice          VT  D 411 customer (total)   C 706 services, 707 parts (net), 44571x VAT per rate
//   credit note      VT  the same, sides swapped
//   payment          BQ  D 512 bank (531 cash)    C 411 customer            (a reversal swaps them)
//   stock movements  ST  D 37 stock              C 6037 variation          (value in; out swaps them)
//   claim submitted  OD  D 4098 supplier         C 7088 re-invoiced warranty work
//   claim credited   OD  D 401 supplier          C 4098 (up to the expected amount), C 7088 any excess
//   claim shortfall  OD  D 658                   C 4098 (what will not be recovered)
//
// Stock is valued at standard cost (the movement's unit cost); transfers
// between two depots of the company net to zero and post nothing.
import type { IsoDay } from '../days.ts';
import { ACCOUNTS, vatAccount } from './chart.ts';
import { buildEntry, UnbalancedEntryError, type Auxiliary, type EntryDraft, type Leg } from './entry.ts';

export type LineKind = 'labour' | 'travel' | 'part' | 'fee' | 'other';

export interface DocumentFacts {
  readonly id: string;
  readonly kind: 'invoice' | 'credit_note';
  readonly number: string;
  readonly issuedOn: IsoDay;
  readonly agencyId: string;
  readonly customer: Auxiliary;
  readonly lines: readonly { readonly kind: LineKind; readonly netCents: number }[];
  readonly vatBreakdown: readonly { readonly rateBp: number; readonly baseCents: number; readonly vatCents: number }[];
  readonly totalCents: number;
}

export function documentEntry(d: DocumentFacts): EntryDraft | null {
  // Revenue is a credit on an invoice, a debit on a credit note.
  const sign = d.kind === 'invoice' ? -1 : 1;
  const what = d.kind === 'invoice' ? 'Facture' : 'Avoir';
  const label = `${what} ${d.number} ${d.customer.label}`;
  const legs: Leg[] = [
    ...d.lines.map((l) => ({ account: l.kind === 'part' ? ACCOUNTS.goods : ACCOUNTS.services, label, amountCents: sign * l.netCents })),
    ...d.vatBreakdown.map((v) => ({ account: vatAccount(v.rateBp), label, amountCents: sign * v.vatCents })),
  ];
  const entry = buildEntry(
    { journal: 'VT', date: d.issuedOn, label, pieceRef: d.number, pieceDate: d.issuedOn, sourceKind: d.kind, sourceId: d.id, agencyId: d.agencyId },
    legs,
    { account: ACCOUNTS.customers, aux: d.customer, label },
  );
  // The customer's line must be the document's total: anything else means the
  // stored totals and lines disagree, and nothing should be posted.
  const customerLine = entry?.lines.find((l) => l.account === ACCOUNTS.customers.number);
  const posted = customerLine ? customerLine.debitCents - customerLine.creditCents : 0;
  if (posted !== -sign * d.totalCents)
    throw new UnbalancedEntryError(`${d.number}: lines and VAT add up to ${-sign * posted}, the document says ${d.totalCents}`);
  return entry;
}

export interface PaymentFacts {
  readonly id: string;
  readonly invoiceNumber: string;
  readonly receivedOn: IsoDay;
  readonly agencyId: string;
  readonly customer: Auxiliary;
  readonly amountCents: number;
  readonly method: 'transfer' | 'card' | 'cheque' | 'cash' | 'direct_debit';
  readonly reference: string | null;
}

export function paymentEntry(p: PaymentFacts): EntryDraft | null {
  const label = `${p.amountCents < 0 ? 'Remboursement' : 'Règlement'} ${p.invoiceNumber} ${p.customer.label}`;
  return buildEntry(
    {
      journal: 'BQ',
      date: p.receivedOn,
      label,
      pieceRef: p.reference ?? p.invoiceNumber,
      pieceDate: p.receivedOn,
      sourceKind: 'payment',
      sourceId: p.id,
      agencyId: p.agencyId,
    },
    [{ account: p.method === 'cash' ? ACCOUNTS.cash : ACCOUNTS.bank, label, amountCents: p.amountCents }],
    { account: ACCOUNTS.customers, aux: p.customer, label },
  );
}

export interface StockBatchFacts {
  readonly batchId: string;
  readonly occurredOn: IsoDay;
  readonly agencyId: string | null;
  readonly pieceRef: string;
  readonly label: string;
  readonly movements: readonly { readonly quantity: number; readonly unitCostCents: number }[];
}

export function stockEntry(b: StockBatchFacts): EntryDraft | null {
  const value = b.movements.reduce((sum, m) => sum + m.quantity * m.unitCostCents, 0);
  return buildEntry(
    {
      journal: 'ST',
      date: b.occurredOn,
      label: b.label,
      pieceRef: b.pieceRef,
      pieceDate: b.occurredOn,
      sourceKind: 'stock',
      sourceId: b.batchId,
      agencyId: b.agencyId,
    },
    [{ account: ACCOUNTS.stock, label: b.label, amountCents: value }],
    { account: ACCOUNTS.stockVariation, label: b.label },
  );
}

export interface ClaimFacts {
  readonly id: string;
  readonly reference: string;
  readonly agencyId: string;
  readonly supplier: Auxiliary;
  readonly expectedCreditCents: number;
  readonly receivedCreditCents: number;
}

type ClaimEvent = { readonly kind: 'submitted' | 'credited' | 'written_off'; readonly on: IsoDay; readonly pieceRef?: string | null };

export function claimEntry(c: ClaimFacts, event: ClaimEvent): EntryDraft | null {
  const header = (label: string) => ({
    journal: 'OD' as const,
    date: event.on,
    label,
    pieceRef: event.pieceRef ?? c.reference,
    pieceDate: event.on,
    sourceKind: `claim_${event.kind}`,
    sourceId: c.id,
    agencyId: c.agencyId,
  });
  switch (event.kind) {
    case 'submitted': {
      const label = `Garantie ${c.reference} avoir à recevoir ${c.supplier.label}`;
      return buildEntry(header(label), [{ account: ACCOUNTS.supplierCreditsToReceive, aux: c.supplier, label, amountCents: c.expectedCreditCents }], {
        account: ACCOUNTS.otherIncome,
        label,
      });
    }
    case 'credited': {
      const label = `Garantie ${c.reference} avoir reçu ${c.supplier.label}`;
      const settled = Math.min(c.receivedCreditCents, c.expectedCreditCents);
      return buildEntry(
        header(label),
        [
          { account: ACCOUNTS.supplierCreditsToReceive, aux: c.supplier, label, amountCents: -settled },
          { account: ACCOUNTS.otherIncome, label, amountCents: -(c.receivedCreditCents - settled) },
        ],
        { account: ACCOUNTS.suppliers, aux: c.supplier, label },
      );
    }
    case 'written_off': {
      const label = `Garantie ${c.reference} non recouvrée ${c.supplier.label}`;
      const lost = Math.max(0, c.expectedCreditCents - c.receivedCreditCents);
      return buildEntry(header(label), [{ account: ACCOUNTS.supplierCreditsToReceive, aux: c.supplier, label, amountCents: -lost }], {
        account: ACCOUNTS.otherCharges,
        label,
      });
    }
  }
}

/** Sub-ledger accounts: the customer's reference when it has one. */
export const customerAux = (c: { id: string; reference: string | null; name: string }): Auxiliary => ({
  number: c.reference ?? `C${c.id.replace(/-/g, '').slice(-10).toUpperCase()}`,
  label: c.name,
});
export const supplierAux = (s: { code: string; accountNumber: string | null; name: string }): Auxiliary => ({
  number: s.accountNumber ?? s.code,
  label: s.name,
});
