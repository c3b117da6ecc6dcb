// Credit notes: the only way to undo an issued invoice, in full (its lines
// copied, coverage and VAT rates included) or in part (amounts at one of the
// invoice's VAT rates). Created as drafts, issued like invoices.
import type { Prisma } from '../../generated/prisma/client.ts';
import { inTransaction, type Db } from '../db.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { creditableCents } from './balance.ts';
import { DOCUMENT_INCLUDE } from './drafts.ts';
import { priceLine, totalsOf } from './totals.ts';

export interface PartialCredit {
  readonly kind: 'labour' | 'travel' | 'part' | 'fee' | 'other';
  readonly description: string;
  /** Net amount (before VAT) to credit. */
  readonly netCents: number;
  readonly vatRateBp: number;
}

export function createCreditNote(
  prisma: Db,
  invoiceId: string,
  options: { lines?: readonly PartialCredit[] | undefined; notes?: string | undefined; userId?: string | undefined } = {},
) {
  return inTransaction(prisma, async (tx) => {
    const invoice = await tx.billingDocument.findUnique({ where: { id: invoiceId }, include: { lines: { orderBy: { position: 'asc' } } } });
    if (!invoice || invoice.kind !== 'invoice') throw notFound('invoice');
    if (invoice.status !== 'issued') throw conflict('only an issued invoice is credited: edit or delete the draft instead');
    const rates = new Set((invoice.vatBreakdown as { rateBp: number }[]).map((r) => r.rateBp));
    const lines = options.lines
      ? options.lines.map((l, i) => {
          if (!rates.has(l.vatRateBp))
            throw invalid("a credit note uses the invoice's VAT rates", [
              { path: `lines[${i}].vatRateBp`, message: `the invoice has ${[...rates].join(', ')}` },
            ]);
          const p = priceLine({ kind: l.kind, quantityMilli: 1000, unitPriceCents: l.netCents, coveragePercent: 0, supplierId: null, vatRateBp: l.vatRateBp });
          return {
            position: i + 1,
            kind: l.kind,
            description: l.description,
            partId: null,
            quantityMilli: 1000,
            unitPriceCents: l.netCents,
            grossCents: p.grossCents,
            coveragePercent: 0,
            coveredCents: 0,
            netCents: p.netCents,
            vatRateBp: l.vatRateBp,
            vatRule: 'credited_invoice_rate',
            warrantyId: null,
            contractId: null,
            supplierId: null,
            supplierShareCents: 0,
          };
        })
      : invoice.lines.map(({ id: _id, documentId: _d, ...l }) => l);
    const totals = totalsOf(lines.map((l) => priceLine({ ...l })));
    if (totals.totalCents <= 0) throw invalid('a credit note credits a positive amount', [{ path: 'lines', message: 'nothing to credit' }]);
    const room = await creditableCents(tx, invoiceId);
    if (totals.totalCents > room)
      throw conflict(`the invoice has ${room} cents left to credit; this credit note would be ${totals.totalCents}`, [
        { path: 'lines', message: 'more than the invoice' },
      ]);
    return tx.billingDocument.create({
      data: {
        kind: 'credit_note',
        agencyId: invoice.agencyId,
        customerId: invoice.customerId,
        siteId: invoice.siteId,
        interventionId: invoice.interventionId,
        contractId: invoice.contractId,
        creditedInvoiceId: invoiceId,
        customerName: invoice.customerName,
        customerReference: invoice.customerReference,
        vatContext: invoice.vatContext as Prisma.InputJsonObject,
        coverageStatus: invoice.coverageStatus,
        coverageRule: invoice.coverageRule,
        notes: options.notes ?? `Avoir sur ${invoice.number}`,
        createdById: options.userId ?? null,
        grossCents: totals.grossCents,
        coveredCents: totals.coveredCents,
        netCents: totals.netCents,
        vatCents: totals.vatCents,
        totalCents: totals.totalCents,
        supplierShareCents: totals.supplierShareCents,
        vatBreakdown: totals.vatBreakdown as unknown as Prisma.InputJsonArray,
        lines: { create: lines },
      },
      include: DOCUMENT_INCLUDE,
    });
  });
}
