// What an invoice still owes: its total, less issued credit notes, less payments.
import type { Db, Tx } from '../db.ts';
import { notFound } from '../errors.ts';

export type PaymentStatus = 'unpaid' | 'partially_paid' | 'paid' | 'credited';

export interface InvoiceBalance {
  readonly totalCents: number;
  readonly creditedCents: number;
  readonly paidCents: number;
  readonly dueCents: number;
  readonly status: PaymentStatus;
}

export async function invoiceBalance(db: Db | Tx, invoiceId: string): Promise<InvoiceBalance> {
  const invoice = await db.billingDocument.findUnique({ where: { id: invoiceId }, select: { kind: true, totalCents: true } });
  if (!invoice || invoice.kind !== 'invoice') throw notFound('invoice');
  // One after the other: inside a transaction both would share one connection.
  const credits = await db.billingDocument.aggregate({ where: { creditedInvoiceId: invoiceId, status: 'issued' }, _sum: { totalCents: true } });
  const payments = await db.payment.aggregate({ where: { invoiceId }, _sum: { amountCents: true } });
  const creditedCents = credits._sum.totalCents ?? 0;
  const paidCents = payments._sum.amountCents ?? 0;
  const dueCents = invoice.totalCents - creditedCents - paidCents;
  const status: PaymentStatus =
    creditedCents >= invoice.totalCents ? 'credited' : dueCents <= 0 ? 'paid' : paidCents > 0 || creditedCents > 0 ? 'partially_paid' : 'unpaid';
  return { totalCents: invoice.totalCents, creditedCents, paidCents, dueCents, status };
}

/** How much of an invoice can still be credited (its total less issued credit notes). */
export async function creditableCents(db: Db | Tx, invoiceId: string): Promise<number> {
  const b = await invoiceBalance(db, invoiceId);
  return b.totalCents - b.creditedCents;
}
