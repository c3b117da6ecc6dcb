// Documents as the server answers them (contracts/src/back-office/billing.ts).
import type { BillingDocument, BillingLine } from '../../../src/back-office/billing/api.ts';

const T = { createdAt: '2026-03-10T09:00:00.000Z', updatedAt: '2026-03-10T09:00:00.000Z' };

export const line = (over: Partial<BillingLine> = {}): BillingLine => ({
  id: 'l1', position: 1, kind: 'labour', description: "Main-d'œuvre (1,50 h)", partId: null,
  quantityMilli: 1500, unitPriceCents: 6500, grossCents: 9750, coveragePercent: 0, coveredCents: 0, netCents: 9750,
  vatRateBp: 1000, vatRule: 'housing_renovation', warrantyId: null, contractId: null, supplierId: null, supplierShareCents: 0,
  ...over,
});

export const documentOf = (over: Partial<BillingDocument> = {}): BillingDocument => ({
  id: 'd-draft', kind: 'invoice', status: 'draft', series: null, number: null,
  agencyId: 'ag-aix', customerId: 'c1', siteId: 's1', interventionId: 'i-done', contractId: null,
  creditedInvoiceId: null, quoteId: null, periodStart: null, periodEnd: null,
  issuedOn: null, dueOn: null, validUntil: null, customerName: 'Camping des Pins', customerReference: null,
  vatContext: { premises: 'housing' }, coverageStatus: 'partly_covered', coverageRule: 'Pièces sous garantie constructeur',
  grossCents: 29750, coveredCents: 20000, netCents: 9750 + 0, vatCents: 975, totalCents: 10725, supplierShareCents: 20000,
  vatBreakdown: [{ rateBp: 1000, baseCents: 9750, vatCents: 975 }],
  notes: null,
  lines: [
    line(),
    line({ id: 'l2', position: 2, kind: 'part', description: 'Compresseur', partId: 'p1', quantityMilli: 1000, unitPriceCents: 20000, grossCents: 20000, coveragePercent: 100, coveredCents: 20000, netCents: 0, supplierId: 'sup-1', supplierShareCents: 20000, warrantyId: 'w1' }),
  ],
  ...T,
  ...over,
});

export const issuedInvoice = (over: Partial<BillingDocument> = {}): BillingDocument => documentOf({
  id: 'd-issued', status: 'issued', series: 'F2026', number: 'F2026-00007', issuedOn: '2026-03-10', dueOn: '2026-04-09',
  payments: [], balance: { totalCents: 10725, creditedCents: 0, paidCents: 0, dueCents: 10725, status: 'unpaid' },
  ...over,
});
