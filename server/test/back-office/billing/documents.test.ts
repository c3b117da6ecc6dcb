// Quotes, invoices, credit notes and payments on real PostgreSQL: the
// warranty split, VAT, gapless numbering under concurrency, immutability in
// code and in the database, what remains due.
import { expect, it } from 'vitest';
import { invoiceBalance } from '../../../src/back-office/billing/balance.ts';
import { createCreditNote } from '../../../src/back-office/billing/credit-notes.ts';
import { createDraft, deleteDraft, draftFromContract, draftFromIntervention, replaceLines } from '../../../src/back-office/billing/drafts.ts';
import { decideQuote, invoiceFromQuote, issueDocument } from '../../../src/back-office/billing/issue.ts';
import { recordPayment } from '../../../src/back-office/billing/payments.ts';
import { BackOfficeError } from '../../../src/back-office/errors.ts';
import { describeWithService } from '../../support/services.ts';
import { openPostgres, postgres, unbalancedEntries, useSeededDatabase } from '../support.ts';
import { day, doneRepairUnderWarranty } from './scenario.ts';

describeWithService(postgres, 'quotes, invoices, credit notes, payments [PostgreSQL]', () => {
  const h = useSeededDatabase(openPostgres);
  const march = (d: number) => new Date(`2026-03-${String(d).padStart(2, '0')}T10:00:00Z`);
  let invoiceId = '';

  it('invoices a visit with the warranty deducted and the supplier share kept', async () => {
    const { prisma, f } = h();
    const { intervention } = await doneRepairUnderWarranty(prisma, f, '2026-03-09');
    const draft = await draftFromIntervention(prisma, intervention.id, { kind: 'invoice', now: march(10) });
    expect(draft).toMatchObject({ kind: 'invoice', status: 'draft', number: null, coverageStatus: 'partly_covered' });
    expect(draft.coverageRule).toContain("parts 100 % (manufacturer's warranty until 2027-01-01, recovered from the supplier)");
    expect(draft.lines.map((l) => [l.kind, l.quantityMilli, l.grossCents, l.coveredCents, l.netCents, l.supplierShareCents, l.vatRateBp, l.vatRule])).toEqual([
      ['labour', 1_500, 9_750, 0, 9_750, 0, 1000, 'housing_renovation'],
      ['travel', 1_000, 4_500, 0, 4_500, 0, 1000, 'housing_renovation'],
      ['part', 2_000, 30_000, 30_000, 0, 30_000, 1000, 'housing_renovation'],
    ]);
    expect(draft).toMatchObject({
      grossCents: 44_250,
      coveredCents: 30_000,
      netCents: 14_250,
      vatCents: 1_425,
      totalCents: 15_675,
      supplierShareCents: 30_000,
    });
    expect(await prisma.interventionCoverage.findUnique({ where: { interventionId: intervention.id } })).toMatchObject({
      status: 'partly_covered',
      ruleCode: 'under_warranty',
      occasion: 'invoice',
      partsPercent: 100,
      supplierId: f.supplier.id,
    });

    const issued = await issueDocument(prisma, draft.id, { now: march(10) });
    expect(issued).toMatchObject({ status: 'issued', series: 'F2026', number: 'F2026-00001' });
    expect(issued.dueOn?.toISOString().slice(0, 10)).toBe('2026-04-09');
    const entry = await prisma.journalEntry.findUniqueOrThrow({
      where: { sourceKind_sourceId: { sourceKind: 'invoice', sourceId: draft.id } },
      include: { lines: true },
    });
    expect(Object.fromEntries(entry.lines.map((l) => [l.account, l.debitCents - l.creditCents]))).toEqual({ '411': 15_675, '706': -14_250, '4457110': -1_425 });
    invoiceId = draft.id;
  });

  it('never edits an issued invoice: refused in code and by the database', async () => {
    const { prisma } = h();
    await expect(replaceLines(prisma, invoiceId, [{ kind: 'other', description: 'x', quantity: 1, unitPriceCents: 1 }])).rejects.toMatchObject({
      code: 'conflict',
      reason: 'document_issued',
    });
    await expect(deleteDraft(prisma, invoiceId)).rejects.toMatchObject({ code: 'conflict' });
    const direct = await prisma.billingDocument.update({ where: { id: invoiceId }, data: { notes: 'changed' } }).catch((e: unknown) => e);
    expect(String((direct as Error).message)).toContain('tournee:document_issued');
    const line = await prisma.billingLine.findFirstOrThrow({ where: { documentId: invoiceId } });
    const lineEdit = await prisma.billingLine
      .update({ where: { id: line.id }, data: { netCents: 1, grossCents: 1, coveredCents: 0 } })
      .catch((e: unknown) => e);
    expect(String((lineEdit as Error).message)).toContain('tournee:document_issued');
    const removal = await prisma.billingDocument.delete({ where: { id: invoiceId } }).catch((e: unknown) => e);
    expect(String((removal as Error).message)).toContain('never deleted, only credited');
  });

  it('numbers concurrent issues without gaps or duplicates, and a failed issue uses no number', async () => {
    const { prisma, f } = h();
    const drafts = await Promise.all(
      Array.from({ length: 6 }, () =>
        createDraft(
          prisma,
          { kind: 'invoice', agencyId: f.agencyA.id, customerId: f.customer.id },
          [{ kind: 'other', description: 'Forfait', quantity: 1, unitPriceCents: 1_000 }],
          { now: march(11) },
        ),
      ),
    );
    const empty = await createDraft(prisma, { kind: 'invoice', agencyId: f.agencyA.id, customerId: f.customer.id }, [], { now: march(11) });
    const results = await Promise.allSettled([empty, ...drafts].map((d) => issueDocument(prisma, d.id, { now: march(11) })));
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { code: 'invalid' } });
    const numbers = results
      .slice(1)
      .map((r) => (r as PromiseFulfilledResult<{ number: string | null }>).value.number)
      .sort();
    expect(numbers).toEqual(['F2026-00002', 'F2026-00003', 'F2026-00004', 'F2026-00005', 'F2026-00006', 'F2026-00007']);
    await deleteDraft(prisma, empty.id);
  });

  it('credits an invoice in part, then the rest, and refuses crediting more', async () => {
    const { prisma } = h();
    const partial = await createCreditNote(prisma, invoiceId, {
      lines: [{ kind: 'labour', description: 'Geste commercial', netCents: 2_000, vatRateBp: 1000 }],
    });
    expect(partial).toMatchObject({ kind: 'credit_note', status: 'draft', netCents: 2_000, vatCents: 200, totalCents: 2_200, creditedInvoiceId: invoiceId });
    await expect(createCreditNote(prisma, invoiceId, { lines: [{ kind: 'labour', description: 'x', netCents: 100, vatRateBp: 2000 }] })).rejects.toMatchObject({
      code: 'invalid',
      fields: [{ path: 'lines[0].vatRateBp' }],
    });
    const issued = await issueDocument(prisma, partial.id, { now: march(12) });
    expect(issued.number).toBe('A2026-00001');
    expect(await invoiceBalance(prisma, invoiceId)).toEqual({
      totalCents: 15_675,
      creditedCents: 2_200,
      paidCents: 0,
      dueCents: 13_475,
      status: 'partially_paid',
    });
    await expect(createCreditNote(prisma, invoiceId)).rejects.toMatchObject({ code: 'conflict' }); // a full copy would be more than what is left
    const entry = await prisma.journalEntry.findUniqueOrThrow({
      where: { sourceKind_sourceId: { sourceKind: 'credit_note', sourceId: partial.id } },
      include: { lines: true },
    });
    expect(Object.fromEntries(entry.lines.map((l) => [l.account, l.debitCents - l.creditCents]))).toEqual({ '411': -2_200, '706': 2_000, '4457110': 200 });
  });

  it('records payments and what remains due, refusing to be paid more than is due', async () => {
    const { prisma } = h();
    const { balance } = await recordPayment(prisma, invoiceId, { amountCents: 10_000, receivedOn: '2026-03-20', method: 'transfer', reference: 'VIR-42' });
    expect(balance).toMatchObject({ paidCents: 10_000, dueCents: 3_475, status: 'partially_paid' });
    await expect(recordPayment(prisma, invoiceId, { amountCents: 3_476, receivedOn: '2026-03-21', method: 'card' })).rejects.toMatchObject({
      code: 'conflict',
      fields: [{ path: 'amountCents', message: 'at most 3475' }],
    });
    const [a, b] = await Promise.allSettled([
      recordPayment(prisma, invoiceId, { amountCents: 3_475, receivedOn: '2026-03-22', method: 'cheque' }),
      recordPayment(prisma, invoiceId, { amountCents: 3_475, receivedOn: '2026-03-22', method: 'cheque' }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect(await invoiceBalance(prisma, invoiceId)).toMatchObject({ dueCents: 0, status: 'paid' });
    const direct = await prisma.payment.deleteMany({ where: { invoiceId } }).catch((e: unknown) => e);
    expect(String((direct as Error).message)).toContain('tournee:append_only');
  });

  it('quotes a visit before it happens, then turns the accepted quote into an invoice', async () => {
    const { prisma, f } = h();
    const i = await prisma.intervention.create({
      data: {
        agencyId: f.agencyA.id,
        siteId: f.siteA.id,
        status: 'requested',
        estimatedDurationMinutes: 50,
        partsNeeded: { create: [{ partId: f.parts.heatPump.id, quantity: 1 }] },
      },
    });
    const quote = await draftFromIntervention(prisma, i.id, { kind: 'quote', now: march(13) });
    // 50 min → 1 h (started quarter hours); the heat pump makes it energy-efficiency work at 5.5 %.
    expect(quote.lines.map((l) => [l.kind, l.quantityMilli, l.netCents, l.vatRateBp])).toEqual([
      ['labour', 1_000, 6_500, 550],
      ['travel', 1_000, 4_500, 550],
      ['part', 1_000, 420_000, 550],
    ]);
    expect(quote.coverageStatus).toBe('not_covered');
    await expect(draftFromIntervention(prisma, i.id, { kind: 'invoice' })).rejects.toMatchObject({ code: 'conflict' });
    const issued = await issueDocument(prisma, quote.id, { now: march(13) });
    expect(issued.number).toBe('D2026-00001');
    expect(await prisma.journalEntry.count({ where: { sourceId: quote.id } })).toBe(0);
    await expect(invoiceFromQuote(prisma, quote.id)).rejects.toMatchObject({ code: 'conflict' });
    await decideQuote(prisma, quote.id, true);
    const invoice = await invoiceFromQuote(prisma, quote.id);
    expect(invoice).toMatchObject({ kind: 'invoice', status: 'draft', quoteId: quote.id, totalCents: quote.totalCents });
    expect(invoice.lines).toHaveLength(3);
    await expect(invoiceFromQuote(prisma, quote.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('invoices a contract period by period', async () => {
    const { prisma, f } = h();
    const contract = await prisma.contract.create({ data: { customerId: f.customer.id, reference: 'CT-2026-1', startsOn: day('2026-01-01') } });
    await prisma.servicePlan.create({
      data: { contractId: contract.id, siteId: f.siteA.id, name: 'Entretien annuel', trigger: 'frequency', frequencyMonths: 12, estimatedDurationMinutes: 60 },
    });
    await expect(draftFromContract(prisma, contract.id)).rejects.toBeInstanceOf(BackOfficeError);
    await prisma.contractTerms.create({
      data: { contractId: contract.id, agencyId: f.agencyA.id, feeCents: 18_000, periodMonths: 6, nextPeriodStart: day('2026-01-01') },
    });
    const first = await draftFromContract(prisma, contract.id, { now: march(14) });
    expect(first.periodStart?.toISOString().slice(0, 10)).toBe('2026-01-01');
    expect(first.periodEnd?.toISOString().slice(0, 10)).toBe('2026-06-30');
    expect(first.lines.map((l) => [l.kind, l.netCents, l.vatRateBp])).toEqual([['fee', 18_000, 1000]]);
    const second = await draftFromContract(prisma, contract.id, { now: march(14) });
    expect(second.periodStart?.toISOString().slice(0, 10)).toBe('2026-07-01');
    // Deleting the last draft gives its period back.
    await deleteDraft(prisma, second.id);
    expect((await prisma.contractTerms.findUniqueOrThrow({ where: { contractId: contract.id } })).nextPeriodStart.toISOString().slice(0, 10)).toBe(
      '2026-07-01',
    );
  });

  it('leaves every journal entry balanced', async () => {
    expect(await unbalancedEntries(h().prisma)).toEqual([]);
    expect(await h().prisma.journalEntry.count()).toBeGreaterThan(5);
  });
});
