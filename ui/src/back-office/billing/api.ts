// The calls of the Quotes & invoices screen, each naming its route in the
// contracts' route table through the typed client (ui/src/api/client.ts);
// the record types come from the back office's contracts (types only).
import type { z } from 'zod';
import { allPages, createCallApi, routeUrl } from '../../api/client.ts';
import type { BackOfficeHttp } from '../shared/client.ts';

type Contracts = typeof import('@tournee/contracts/back-office');
export type Out<K extends keyof Contracts> = Contracts[K] extends z.ZodType ? z.output<Contracts[K]> : never;
export type In<K extends keyof Contracts> = Contracts[K] extends z.ZodType ? z.input<Contracts[K]> : never;

export type BillingDocument = Out<'BillingDocument'>;
export type BillingLine = Out<'BillingLine'>;
export type DocumentKind = Out<'DocumentKind'>;
export type DocumentStatus = Out<'DocumentStatus'>;
export type LineKind = Out<'LineKind'>;
export type DraftLine = In<'DraftLine'>;
export type LinesInput = In<'LinesInput'>;
export type FromInterventionInput = In<'FromInterventionInput'>;
export type CreditNoteInput = In<'CreditNoteInput'>;
export type PaymentInput = In<'PaymentInput'>;
export type PaymentMethod = PaymentInput['method'];
export type PaymentAnswer = Out<'PaymentAnswer'>;
export type Balance = Out<'Balance'>;
export type JournalEntry = Out<'JournalEntry'>;
export type Claim = Out<'Claim'>;
export type FaultCause = Out<'FaultCause'>;
export type VatRateBp = 2000 | 1000 | 550;

export const DOCUMENT_KINDS: readonly DocumentKind[] = ['quote', 'invoice', 'credit_note'];
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['draft', 'issued', 'accepted', 'declined'];
export const LINE_KINDS: readonly LineKind[] = ['labour', 'travel', 'part', 'fee', 'other'];
export const VAT_RATES: readonly VatRateBp[] = [2000, 1000, 550];
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['transfer', 'card', 'cheque', 'cash', 'direct_debit'];
export const FAULT_CAUSES: readonly FaultCause[] = ['defect', 'wear', 'misuse', 'external', 'unknown'];

export function billingApi(http: BackOfficeHttp) {
  const call = createCallApi(http);
  const doc = (id: string) => ({ params: { id } });
  return {
    documents: (q: { agencyId?: string | undefined; kind?: DocumentKind | undefined; status?: DocumentStatus | undefined; offset?: number }) =>
      call('GET /api/billing-documents', { query: { limit: 100, ...q } }),
    document: (id: string) => call('GET /api/billing-documents/:id', doc(id)),
    fromIntervention: (interventionId: string, input: FromInterventionInput) =>
      call('POST /api/interventions/:id/billing-documents', { params: { id: interventionId }, body: input }),
    replaceLines: (id: string, input: LinesInput) => call('PUT /api/billing-documents/:id/lines', { ...doc(id), body: input }),
    deleteDraft: (id: string) => call('DELETE /api/billing-documents/:id', doc(id)),
    issue: (id: string) => call('POST /api/billing-documents/:id/issue', doc(id)),
    decide: (id: string, accepted: boolean) => call('POST /api/billing-documents/:id/decision', { ...doc(id), body: { accepted } }),
    invoiceQuote: (id: string) => call('POST /api/billing-documents/:id/invoice', doc(id)),
    creditNote: (id: string, input: CreditNoteInput) => call('POST /api/billing-documents/:id/credit-notes', { ...doc(id), body: input }),
    pay: (id: string, input: PaymentInput) => call('POST /api/billing-documents/:id/payments', { ...doc(id), body: input }),
    claimsFromInvoice: (id: string) => call('POST /api/billing-documents/:id/warranty-claims', doc(id)),
    claimsOfInvoice: (id: string) => call('GET /api/warranty-claims', { query: { invoiceId: id, limit: 50 } }).then((p) => p.items),
    /** Visits that can be invoiced (done, or closed) — a quote can be drafted for any. */
    interventions: (agencyId: string, statuses: string) => allPages(call, 'GET /api/interventions', { agencyId, status: statuses }, 400),
    journal: (from: string, to: string, offset = 0) => call('GET /api/journal-entries', { query: { from, to, limit: 200, offset } }),
  };
}

export type BillingApi = ReturnType<typeof billingApi>;

export const fecUrl = (from: string, to: string): string => routeUrl('GET /api/accounting/fec', { query: { from, to } });
