// Issuing: a draft gets the next number of its series (gapless: the counter
// row is locked in this transaction), its date, due date and, for invoices
// and credit notes, its journal entry. From then on the database refuses any
// change to it (trigger), and so does lockDraft here.
import type { BillingDocumentKind } from '../../generated/prisma/enums.ts';
import { postEntry } from '../accounting/post.ts';
import { customerAux, documentEntry, type LineKind } from '../accounting/rules.ts';
import { nextNumber } from '../counters.ts';
import { addDays, booksDay, dateOf, type IsoDay } from '../days.ts';
import { inTransaction, type Db } from '../db.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { creditableCents } from './balance.ts';
import { DOCUMENT_INCLUDE, lockDraft } from './drafts.ts';
import { ratesOf } from './settings.ts';
import { priceLine, totalsOf } from './totals.ts';

const PREFIX: Record<BillingDocumentKind, string> = { quote: 'D', invoice: 'F', credit_note: 'A' };

/** A series per kind and year: D2026 (devis), F2026 (factures), A2026 (avoirs). */
export const seriesOf = (kind: BillingDocumentKind, day: IsoDay): string => `${PREFIX[kind]}${day.slice(0, 4)}`;
export const formatNumber = (series: string, n: number): string => `${series}-${String(n).padStart(5, '0')}`;

export function issueDocument(prisma: Db, id: string, options: { now?: Date | undefined } = {}) {
  const now = options.now ?? new Date();
  return inTransaction(prisma, async (tx) => {
    const doc = await lockDraft(tx, id);
    const lines = await tx.billingLine.findMany({ where: { documentId: id }, orderBy: { position: 'asc' } });
    if (lines.length === 0) throw invalid('a document without lines is not issued', [{ path: 'lines', message: 'add at least one line' }]);
    // The stored totals must be what the lines say: the ledger posts these.
    const totals = totalsOf(lines.map((l) => priceLine({ ...l, supplierId: l.supplierId })));
    if (totals.totalCents !== doc.totalCents || totals.netCents !== doc.netCents)
      throw conflict("the draft's totals disagree with its lines: save its lines again");
    if (totals.totalCents < 0)
      throw invalid('a document totals a positive amount: credit an invoice instead', [{ path: 'lines', message: `total ${totals.totalCents}` }]);
    const issuedOn = booksDay(now);
    if (doc.kind === 'credit_note') {
      const invoiceRows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM billing_documents WHERE id = ${doc.creditedInvoiceId} FOR UPDATE`;
      if (invoiceRows.length === 0) throw notFound('credited invoice');
      const room = await creditableCents(tx, doc.creditedInvoiceId!);
      if (doc.totalCents > room)
        throw conflict(`the invoice has ${room} cents left to credit; this credit note is ${doc.totalCents}`, [
          { path: 'lines', message: 'more than the invoice still owes' },
        ]);
    }
    const series = seriesOf(doc.kind, issuedOn);
    const number = formatNumber(series, await nextNumber(tx, series));
    const rates = await ratesOf(tx, doc.agencyId);
    const issued = await tx.billingDocument.update({
      where: { id },
      data: {
        status: 'issued',
        series,
        number,
        issuedOn: dateOf(issuedOn),
        ...(doc.kind === 'invoice' ? { dueOn: dateOf(addDays(issuedOn, rates.paymentTermsDays)) } : {}),
        ...(doc.kind === 'quote' ? { validUntil: dateOf(addDays(issuedOn, rates.quoteValidityDays)) } : {}),
      },
      include: DOCUMENT_INCLUDE,
    });
    if (doc.kind !== 'quote') {
      const customer = await tx.customer.findUniqueOrThrow({ where: { id: doc.customerId } });
      await postEntry(
        tx,
        documentEntry({
          id,
          kind: doc.kind,
          number,
          issuedOn,
          agencyId: doc.agencyId,
          customer: customerAux({ id: customer.id, reference: doc.customerReference, name: doc.customerName }),
          lines: lines.map((l) => ({ kind: l.kind as LineKind, netCents: l.netCents })),
          vatBreakdown: totals.vatBreakdown,
          totalCents: totals.totalCents,
        }),
      );
    }
    return issued;
  });
}

export function decideQuote(prisma: Db, id: string, accepted: boolean) {
  return inTransaction(prisma, async (tx) => {
    const doc = await tx.billingDocument.findUnique({ where: { id } });
    if (!doc || doc.kind !== 'quote') throw notFound('quote');
    if (doc.status !== 'issued') throw conflict(`a ${doc.status} quote cannot be ${accepted ? 'accepted' : 'declined'}`);
    return tx.billingDocument.update({ where: { id }, data: { status: accepted ? 'accepted' : 'declined' }, include: DOCUMENT_INCLUDE });
  });
}

/** An accepted quote becomes a draft invoice with the same lines. */
export function invoiceFromQuote(prisma: Db, quoteId: string, actor: { userId?: string | undefined } = {}) {
  return inTransaction(prisma, async (tx) => {
    const quote = await tx.billingDocument.findUnique({
      where: { id: quoteId },
      include: { lines: { orderBy: { position: 'asc' } }, invoices: { select: { id: true } } },
    });
    if (!quote || quote.kind !== 'quote') throw notFound('quote');
    if (quote.status !== 'accepted') throw conflict(`only an accepted quote is invoiced; this one is ${quote.status}`);
    if (quote.invoices.length) throw conflict('this quote is already invoiced', [{ path: '', message: `invoice ${quote.invoices[0]!.id}` }]);
    const {
      id: _id,
      kind: _k,
      status: _s,
      series: _se,
      number: _n,
      issuedOn: _i,
      dueOn: _d,
      validUntil: _v,
      createdAt: _c,
      updatedAt: _u,
      lines,
      invoices: _inv,
      vatBreakdown,
      vatContext,
      ...header
    } = quote;
    return tx.billingDocument.create({
      data: {
        ...header,
        kind: 'invoice',
        quoteId,
        createdById: actor.userId ?? null,
        vatBreakdown: vatBreakdown as object,
        vatContext: vatContext as object,
        lines: { create: lines.map(({ id: _l, documentId: _doc, ...l }) => l) },
      },
      include: DOCUMENT_INCLUDE,
    });
  });
}
