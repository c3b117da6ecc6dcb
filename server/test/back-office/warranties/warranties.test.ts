// Warranties on real PostgreSQL: detection when the equipment is looked up,
// when a request is registered and when an item comes back; a repair that
// extends the warranty; the supplier claim chain with its ledger postings;
// the recoverable report; spent vs budget.
import { expect, it } from 'vitest';
import { issueDocument } from '../../../src/back-office/billing/issue.ts';
import { createDraft, draftFromIntervention } from '../../../src/back-office/billing/drafts.ts';
import { returnToStock } from '../../../src/back-office/stock/operations.ts';
import { budgetReport } from '../../../src/back-office/warranties/budgets.ts';
import { claimsFromInvoice, moveClaim, recoverableReport } from '../../../src/back-office/warranties/claims.ts';
import { detectWarranty, flagInterventionCoverage } from '../../../src/back-office/warranties/detect.ts';
import { extendWarrantyAfterRepair } from '../../../src/back-office/warranties/extend.ts';
import { describeWithService } from '../../support/services.ts';
import { openPostgres, postgres, unbalancedEntries, useSeededDatabase } from '../support.ts';
import { day, doneRepairUnderWarranty } from '../billing/scenario.ts';

describeWithService(postgres, 'warranties [PostgreSQL]', () => {
  const h = useSeededDatabase(openPostgres);

  it('detects a warranty when the equipment is looked up, even one known only by its end date', async () => {
    const { prisma, f } = h();
    await prisma.equipment.update({ where: { id: f.equipment.id }, data: { installedOn: day('2024-05-01'), warrantyEndsOn: day('2026-05-01') } });
    expect(await detectWarranty(prisma, f.equipment.id, '2026-04-30')).toMatchObject({ status: 'covered', ruleCode: 'under_warranty', endsOn: '2026-05-01' });
    expect(await detectWarranty(prisma, f.equipment.id, '2026-05-02')).toMatchObject({ status: 'not_covered', ruleCode: 'warranty_expired' });
  });

  it('flags a registered request, and looks the warranty up when an item comes back', async () => {
    const { prisma, f } = h();
    const request = await prisma.intervention.create({
      data: {
        agencyId: f.agencyA.id,
        siteId: f.siteA.id,
        equipmentId: f.equipment.id,
        estimatedDurationMinutes: 60,
        plannedStart: new Date('2026-04-15T08:00:00Z'),
      },
    });
    expect(await flagInterventionCoverage(prisma, request.id, { occasion: 'request' })).toMatchObject({ status: 'covered' });
    expect(await prisma.interventionCoverage.findUnique({ where: { interventionId: request.id } })).toMatchObject({
      status: 'covered',
      occasion: 'request',
      labourPercent: 100,
    });
    const misuse = await flagInterventionCoverage(prisma, request.id, { occasion: 'manual', cause: 'misuse' });
    expect(misuse).toMatchObject({ status: 'not_covered', ruleCode: 'excluded_cause' });
    const back = await returnToStock(prisma, {
      depotId: f.depots.centralA.id,
      equipmentId: f.equipment.id,
      lines: [{ partId: f.parts.fan.id, quantity: 1 }],
      reason: 'retour client',
      now: new Date('2026-04-20T09:00:00Z'),
    });
    expect(back.warranty).toMatchObject({ status: 'covered', endsOn: '2026-05-01' });
  });

  it('extends the warranty after a repair: new end date on the equipment, with its origin', async () => {
    const { prisma, f } = h();
    const repair = await prisma.intervention.create({
      data: {
        agencyId: f.agencyA.id,
        siteId: f.siteA.id,
        equipmentId: f.equipment.id,
        status: 'done',
        estimatedDurationMinutes: 60,
        actualStart: new Date('2026-04-28T08:00:00Z'),
        actualEnd: new Date('2026-04-28T10:00:00Z'),
      },
    });
    const result = await extendWarrantyAfterRepair(prisma, {
      equipmentId: f.equipment.id,
      interventionId: repair.id,
      months: 12,
      partsPercent: 100,
      labourPercent: 100,
      travelPercent: 0,
      authorId: f.users.dispatcherA.id,
    });
    expect(result).toMatchObject({ previousEndsOn: '2026-05-01', warrantyEndsOn: '2027-04-28' });
    expect(result.warranty).toMatchObject({ kind: 'ours', origin: 'repair', sourceInterventionId: repair.id });
    const equipment = await prisma.equipment.findUniqueOrThrow({ where: { id: f.equipment.id } });
    expect(equipment.warrantyEndsOn?.toISOString().slice(0, 10)).toBe('2027-04-28');
    const event = await prisma.equipmentEvent.findFirstOrThrow({ where: { equipmentId: f.equipment.id, kind: 'warranty_extended' } });
    expect(event.data).toMatchObject({ origin: 'repair', endsOn: '2027-04-28', previousEndsOn: '2026-05-01', warrantyId: result.warranty.id });
    // After the original end, our repair warranty answers (travel not covered).
    expect(await detectWarranty(prisma, f.equipment.id, '2026-09-01')).toMatchObject({
      status: 'partly_covered',
      shares: { travel: { percent: 0 }, parts: { warrantyId: result.warranty.id } },
    });
    await expect(extendWarrantyAfterRepair(prisma, { equipmentId: f.equipment.id, interventionId: repair.id, months: 0 })).rejects.toMatchObject({
      code: 'invalid',
    });
  });

  it('claims the supplier share of an invoice, follows the claim to its credit note, and reports what is left to recover', async () => {
    const { prisma, f } = h();
    const { intervention } = await doneRepairUnderWarranty(prisma, f, '2026-03-09');
    const draft = await draftFromIntervention(prisma, intervention.id, { kind: 'invoice', now: new Date('2026-03-10T10:00:00Z') });
    await issueDocument(prisma, draft.id, { now: new Date('2026-03-10T10:00:00Z') });
    const [claim, ...more] = await claimsFromInvoice(prisma, draft.id);
    expect(more).toEqual([]);
    expect(claim).toMatchObject({
      supplierId: f.supplier.id,
      kind: 'part',
      status: 'draft',
      expectedCreditCents: 30_000,
      interventionId: intervention.id,
      invoiceId: draft.id,
    });
    expect(await claimsFromInvoice(prisma, draft.id)).toEqual([]); // once per supplier
    expect((await recoverableReport(prisma)).rows).toEqual([
      expect.objectContaining({ supplierId: f.supplier.id, unclaimedCents: 30_000, outstandingCents: 0 }),
    ]);

    await moveClaim(prisma, claim!.id, { to: 'submitted', on: '2026-03-11', supplierReference: 'ATL-RMA-77' });
    await expect(moveClaim(prisma, claim!.id, { to: 'closed' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await recoverableReport(prisma)).rows[0]).toMatchObject({ outstandingCents: 30_000, unclaimedCents: 0 });
    await moveClaim(prisma, claim!.id, { to: 'accepted', on: '2026-03-15' });
    await expect(moveClaim(prisma, claim!.id, { to: 'credited' })).rejects.toMatchObject({ code: 'invalid', fields: [{ path: 'receivedCreditCents' }] });
    await moveClaim(prisma, claim!.id, { to: 'credited', on: '2026-03-25', receivedCreditCents: 25_000, creditNoteReference: 'AV-ATL-9' });
    expect((await recoverableReport(prisma)).rows[0]).toMatchObject({ outstandingCents: 0, shortfallCents: 5_000 });
    await moveClaim(prisma, claim!.id, { to: 'closed', on: '2026-03-31' });
    expect((await recoverableReport(prisma)).rows).toEqual([]);

    const entries = await prisma.journalEntry.findMany({ where: { sourceId: claim!.id }, include: { lines: true }, orderBy: { date: 'asc' } });
    expect(entries.map((e) => [e.sourceKind, Object.fromEntries(e.lines.map((l) => [l.account, l.debitCents - l.creditCents]))])).toEqual([
      ['claim_submitted', { '4098': 30_000, '7088': -30_000 }],
      ['claim_credited', { '401': 25_000, '4098': -25_000 }],
      ['claim_written_off', { '658': 5_000, '4098': -5_000 }],
    ]);
    expect(entries[1]!.lines.find((l) => l.account === '401')).toMatchObject({ auxAccount: '401ATL', auxLabel: 'Atlantic Distribution' });
  });

  it('compares what purchased warranties and contracts cost with their budgets', async () => {
    const { prisma, f } = h();
    const w = await prisma.warranty.create({
      data: {
        equipmentId: f.equipment.id,
        kind: 'extended',
        origin: 'purchase',
        reference: 'EXT-1',
        startsOn: day('2026-01-01'),
        endsOn: day('2028-12-31'),
        priceCents: 19_900,
        budgetCents: 10_000,
      },
    });
    const doc = await createDraft(
      prisma,
      { kind: 'invoice', agencyId: f.agencyA.id, customerId: f.customer.id },
      [{ kind: 'labour', description: 'Réparation', quantity: 1, unitPriceCents: 6_500, coveragePercent: 100, warrantyId: w.id }],
      { now: new Date('2026-05-05T10:00:00Z') },
    );
    await issueDocument(prisma, doc.id, { now: new Date('2026-05-05T10:00:00Z') });
    const rows = await budgetReport(prisma, 2026);
    expect(rows.find((r) => r.id === w.id)).toEqual({
      kind: 'warranty',
      id: w.id,
      label: 'EXT-1 Atlantic',
      budgetCents: 10_000,
      revenueCents: 19_900,
      spentCents: 6_500,
      usedPercent: 65,
    });
    expect(await unbalancedEntries(prisma)).toEqual([]);
  });
});
