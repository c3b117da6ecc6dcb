// Payments against an issued invoice, each posted to the bank journal in the
// same transaction. The invoice row is locked so two payments recorded at
// once cannot both pass the "not more than is due" check.
import { postEntry } from '../accounting/post.ts';
import { customerAux, paymentEntry } from '../accounting/rules.ts';
import { dateOf, type IsoDay } from '../days.ts';
import { inTransaction, type Db } from '../db.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { invoiceBalance } from './balance.ts';

export interface PaymentInput {
  /** Negative to reverse a payment or refund the customer. */
  readonly amountCents: number;
  readonly receivedOn: IsoDay;
  readonly method: 'transfer' | 'card' | 'cheque' | 'cash' | 'direct_debit';
  readonly reference?: string | null | undefined;
}

export function recordPayment(prisma: Db, invoiceId: string, p: PaymentInput, actor: { userId?: string | undefined } = {}) {
  if (!Number.isSafeInteger(p.amountCents) || p.amountCents === 0)
    throw invalid('a payment is a non-zero number of cents', [{ path: 'amountCents', message: 'non-zero whole cents' }]);
  return inTransaction(prisma, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM billing_documents WHERE id = ${invoiceId} AND kind = 'invoice' FOR UPDATE`;
    if (rows.length === 0) throw notFound('invoice');
    const invoice = await tx.billingDocument.findUniqueOrThrow({ where: { id: invoiceId }, include: { customer: true } });
    if (invoice.status !== 'issued') throw conflict('payments are recorded against issued invoices');
    const before = await invoiceBalance(tx, invoiceId);
    if (p.amountCents > 0 && p.amountCents > before.dueCents) {
      throw conflict(`only ${before.dueCents} cents are due on ${invoice.number}`, [{ path: 'amountCents', message: `at most ${before.dueCents}` }]);
    }
    if (p.amountCents < 0 && -p.amountCents > before.paidCents) {
      throw conflict(`only ${before.paidCents} cents were paid on ${invoice.number}`, [{ path: 'amountCents', message: `at least ${-before.paidCents}` }]);
    }
    const payment = await tx.payment.create({
      data: {
        invoiceId,
        amountCents: p.amountCents,
        receivedOn: dateOf(p.receivedOn),
        method: p.method,
        reference: p.reference ?? null,
        createdById: actor.userId ?? null,
      },
    });
    await postEntry(
      tx,
      paymentEntry({
        id: payment.id,
        invoiceNumber: invoice.number!,
        receivedOn: p.receivedOn,
        agencyId: invoice.agencyId,
        customer: customerAux({ id: invoice.customer.id, reference: invoice.customerReference, name: invoice.customerName }),
        amountCents: p.amountCents,
        method: p.method,
        reference: p.reference ?? null,
      }),
    );
    return { payment, balance: await invoiceBalance(tx, invoiceId) };
  });
}
