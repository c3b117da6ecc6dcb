// The calls of the Quotes & invoices screen (server/src/http/routes/back-office/
// billing.ts and accounting.ts), typed by the server's contracts.
import type { z } from 'zod';
import type { Intervention, PageOf } from '../../api/types.ts';
import { allPages, enc, type Rest } from './rest.ts';

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

const doc = (id: string) => `/api/billing-documents/${enc(id)}`;

export function billingApi(rest: Rest) {
  return {
    documents: (q: { agencyId?: string | undefined; kind?: DocumentKind | undefined; status?: DocumentStatus | undefined; offset?: number }) =>
      rest.get<PageOf<BillingDocument>>('/api/billing-documents', { limit: 100, ...q }),
    document: (id: string) => rest.get<BillingDocument>(doc(id)),
    fromIntervention: (interventionId: string, input: FromInterventionInput) =>
      rest.post<BillingDocument>(`/api/interventions/${enc(interventionId)}/billing-documents`, input),
    replaceLines: (id: string, input: LinesInput) => rest.put<BillingDocument>(`${doc(id)}/lines`, input),
    deleteDraft: (id: string) => rest.delete<void>(doc(id)),
    issue: (id: string) => rest.post<BillingDocument>(`${doc(id)}/issue`),
    decide: (id: string, accepted: boolean) => rest.post<BillingDocument>(`${doc(id)}/decision`, { accepted }),
    invoiceQuote: (id: string) => rest.post<BillingDocument>(`${doc(id)}/invoice`),
    creditNote: (id: string, input: CreditNoteInput) => rest.post<BillingDocument>(`${doc(id)}/credit-notes`, input),
    pay: (id: string, input: PaymentInput) => rest.post<PaymentAnswer>(`${doc(id)}/payments`, input),
    claimsFromInvoice: (id: string) => rest.post<Claim[]>(`${doc(id)}/warranty-claims`),
    claimsOfInvoice: (id: string) => rest.get<PageOf<Claim>>('/api/warranty-claims', { invoiceId: id, limit: 50 }).then((p) => p.items),
    /** Visits that can be invoiced (done, or closed) — a quote can be drafted for any. */
    interventions: (agencyId: string, statuses: string) => allPages<Intervention>(rest, '/api/interventions', { agencyId, status: statuses }, 400),
    journal: (from: string, to: string, offset = 0) => rest.get<PageOf<JournalEntry>>('/api/journal-entries', { from, to, limit: 200, offset }),
  };
}

export type BillingApi = ReturnType<typeof billingApi>;

export const fecUrl = (from: string, to: string): string => `/api/accounting/fec?from=${from}&to=${to}`;
