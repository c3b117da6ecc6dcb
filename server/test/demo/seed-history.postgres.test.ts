// The demo seeded in the evening (DEMO_DAY=auto, 18:30 in Paris) on a
// PostgreSQL server: today is the day under way and the next working days
// are booked; the past days' invoices, payments, credit notes and warranty
// claims are written through the back office (numbered, posted), as the
// Facturation and Garanties screens read them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { seedDemo, type SeedResult } from '../../src/demo/seed.ts';
import { CLAIM_STAGES } from '../../src/demo/build/days-around.ts';
import type { HistoryCounts } from '../../src/demo/history.ts';
import { invoiceBalance } from '../../src/back-office/billing/balance.ts';
import { checkPostgres, describeWithService } from '../support/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-12-08T17:30:00Z'); // Tuesday, 18:30 in Paris
const postgres = await checkPostgres();

describeWithService(postgres, 'the demo seeded at 18:30 (DEMO_DAY=auto) on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Database;
  let seeded: SeedResult;
  let history: HistoryCounts | null;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase({ databaseUrl: database.url, dataDir: '/nonexistent' });
    seeded = await seedDemo(db.prisma, { seed: 1, now: NOW });
    history = await seeded.writeHistory!();
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('seeds today as a day under way and the next four working days', async () => {
    expect(seeded.today).toBe('2026-12-08');
    expect(seeded.days).toEqual(['2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14']);
    const done = await db.prisma.intervention.findMany({ where: { status: 'done', actualStart: { gte: new Date('2026-12-08T00:00:00+01:00') } } });
    expect(done.length).toBeGreaterThanOrEqual(20);
    for (const i of done) expect(i.actualEnd!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    for (const day of seeded.days!.slice(1)) {
      expect(await db.prisma.intervention.count({ where: { earliestDate: new Date(`${day}T00:00:00Z`), status: 'requested' } }), day).toBeGreaterThanOrEqual(
        15,
      );
    }
  });

  it('writes invoices (paid and not), a credit note per agency and leaves recent visits to invoice', async () => {
    expect(history!.invoices).toBeGreaterThanOrEqual(15);
    const invoices = await db.prisma.billingDocument.findMany({ where: { kind: 'invoice' }, orderBy: { number: 'asc' } });
    expect(invoices.every((i) => i.status === 'issued' && /^F2026-\d{5}$/.test(i.number!))).toBe(true);
    // Numbered in date order, from 1, without a gap.
    expect(invoices.map((i) => i.number)).toEqual(invoices.map((_, k) => `F2026-${String(k + 1).padStart(5, '0')}`));
    const issued = invoices.map((i) => i.issuedOn!.getTime());
    expect(issued).toEqual([...issued].sort((a, b) => a - b));
    const statuses = await Promise.all(invoices.map((i) => invoiceBalance(db.prisma, i.id)));
    expect(statuses.filter((b) => b.status === 'paid').length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((b) => b.status === 'unpaid').length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((b) => b.status === 'credited').length).toBe(3);
    const notes = await db.prisma.billingDocument.findMany({ where: { kind: 'credit_note' } });
    expect(notes.map((n) => n.status)).toEqual(['issued', 'issued', 'issued']);
    const toInvoice = await db.prisma.intervention.count({
      where: { status: 'done', billingDocuments: { none: {} }, actualEnd: { lt: new Date('2026-12-08T00:00:00+01:00') } },
    });
    expect(toInvoice).toBeGreaterThanOrEqual(5);
  });

  it('has a supplier warranty claim at each stage, with the dates and references of its steps', async () => {
    const all = await db.prisma.warrantyClaim.findMany({ orderBy: { createdAt: 'asc' } });
    const agencies = [...new Set(all.map((c) => c.agencyId))];
    expect(agencies).toHaveLength(3);
    for (const agency of agencies)
      expect(
        all
          .filter((c) => c.agencyId === agency)
          .map((c) => c.status)
          .sort(),
      ).toEqual([...CLAIM_STAGES].sort());
    const claims = all.filter((c) => c.agencyId === agencies[0]);
    const by = new Map(claims.map((c) => [c.status, c]));
    expect(by.get('draft')!.submittedOn).toBeNull();
    expect(by.get('submitted')!.supplierReference).toMatch(/^RMA-/);
    expect(by.get('accepted')!.answeredOn).not.toBeNull();
    expect(by.get('refused')!.answeredOn).not.toBeNull();
    expect(by.get('credited')!.receivedCreditCents).toBe(by.get('credited')!.expectedCreditCents);
    expect(by.get('closed')!.receivedCreditCents).toBeLessThan(by.get('closed')!.expectedCreditCents);
    for (const c of claims) expect(c.interventionId && c.warrantyId && c.equipmentId).toBeTruthy();
  });
});
