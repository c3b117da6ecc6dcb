// What a seeded demo database must look like, on either engine.
import { expect } from 'vitest';
import { verifyPassword } from '../../../src/auth/passwords.ts';
import { DEMO_PASSWORD } from '../../../src/demo/seed.ts';
import type { PrismaClient } from '../../../src/generated/prisma/client.ts';
import { generateDueVisits } from '../../../src/service-plans/generate.ts';
import { overdueVisits } from '../../../src/service-plans/overdue.ts';
import { partsAvailability, pickupDepotIds } from '../../../src/back-office/index.ts';
import { stockDrift } from '../../../src/back-office/stock/levels.ts';
import { loadProjections, shortages } from '../../../src/back-office/stock/projection.ts';

/** Bouches-du-Rhône, Vaucluse, Var and Alpes-de-Haute-Provence, loosely. */
export const PROVENCE_BBOX = { south: 42.95, north: 44.45, west: 4.2, east: 6.95 };

export async function expectSeededDemo(prisma: PrismaClient, today: string): Promise<void> {
  const [agencies, technicians, sites, customers, equipment, contracts, plans, users] = await Promise.all([
    prisma.agency.count(),
    prisma.technician.findMany({ include: { skills: true, shifts: true, sectors: true, user: true } }),
    prisma.site.findMany({ select: { lat: true, lon: true, sectorId: true } }),
    prisma.customer.count(),
    prisma.equipment.count(),
    prisma.contract.count(),
    prisma.servicePlan.groupBy({ by: ['trigger'], _count: true }),
    prisma.user.findMany({ include: { agencies: true } }),
  ]);
  expect(agencies).toBe(3);
  expect(technicians.length).toBeGreaterThanOrEqual(22);
  expect(sites.length).toBeGreaterThanOrEqual(350);
  expect(customers).toBeGreaterThanOrEqual(300);
  expect(equipment).toBeGreaterThanOrEqual(500);
  expect(contracts).toBeGreaterThanOrEqual(250);
  expect(plans.map((p) => p.trigger).sort()).toEqual(['fixed_dates', 'frequency', 'usage_counter']);

  for (const s of sites) {
    expect(s.lat! > PROVENCE_BBOX.south && s.lat! < PROVENCE_BBOX.north).toBe(true);
    expect(s.lon! > PROVENCE_BBOX.west && s.lon! < PROVENCE_BBOX.east).toBe(true);
    expect(s.sectorId).not.toBeNull();
  }
  for (const t of technicians) {
    expect(t.skills.length).toBeGreaterThanOrEqual(2);
    expect(t.shifts.filter((s) => s.weekday !== null).length).toBeGreaterThanOrEqual(4);
    expect(t.sectors.some((s) => s.primary)).toBe(true);
    expect(t.user?.role).toBe('technician');
  }

  const byEmail = new Map(users.map((u) => [u.email, u]));
  expect(byEmail.get('admin@demo.tournee.fr')?.role).toBe('admin');
  expect(byEmail.get('dispatcher@demo.tournee.fr')?.agencies).toHaveLength(3);
  expect(byEmail.get('dispatcher.aix@demo.tournee.fr')?.agencies).toHaveLength(1);
  expect(byEmail.get(`technicien${technicians.length}@demo.tournee.fr`)?.technicianId).toBeTruthy();
  const technicien1 = byEmail.get('technicien1@demo.tournee.fr')!;
  expect(await verifyPassword(technicien1.passwordHash, DEMO_PASSWORD)).toBe(true);
  expect(await verifyPassword(byEmail.get('admin@demo.tournee.fr')!.passwordHash, DEMO_PASSWORD)).toBe(true);
  expect(await verifyPassword(technicien1.passwordHash, 'tournee-demo!')).toBe(false);

  const todays = await prisma.intervention.count({ where: { earliestDate: new Date(`${today}T00:00:00Z`), latestDate: new Date(`${today}T00:00:00Z`) } });
  expect(todays).toBeGreaterThanOrEqual(60);

  // The service-plan machinery on the seeded data: the seed already generated
  // the horizon, so a second run creates nothing; some visits are overdue.
  const again = await generateDueVisits(prisma, { today, horizonDays: 30 });
  expect([again.created, again.skipped]).toEqual([0, []]);
  const overdue = await overdueVisits(prisma, { today });
  expect(overdue.length).toBeGreaterThan(5);
  expect(overdue.length).toBeLessThan(120);
  for (const o of overdue) expect(o.dueOn === null ? o.counterReading! >= o.dueCounter! : o.dueOn < today).toBe(true);

  await expectSeededBackOffice(prisma, today);
}

/** The back office of the demo: stock from movements only, some of it short, billing set up. */
export async function expectSeededBackOffice(prisma: PrismaClient, today: string): Promise<void> {
  const [agencies, technicians, depots, parts, suppliers, levels, movements] = await Promise.all([
    prisma.agency.findMany({ select: { id: true } }),
    prisma.technician.findMany({ select: { id: true, agencyId: true } }),
    prisma.depot.findMany(),
    prisma.part.count(),
    prisma.supplier.count(),
    prisma.stockLevel.findMany(),
    prisma.stockMovement.groupBy({ by: ['kind'], _count: true }),
  ]);
  expect(parts).toBeGreaterThanOrEqual(20);
  expect(suppliers).toBeGreaterThanOrEqual(3);
  for (const a of agencies) expect(depots.filter((d) => d.agencyId === a.id && d.kind === 'central')).toHaveLength(1);
  for (const t of technicians) expect(depots.filter((d) => d.technicianId === t.id && d.kind === 'van' && d.agencyId === t.agencyId)).toHaveLength(1);

  // On hand is the sum of the movements, never below zero; stock came in by receipts and went to the vans by transfers.
  expect(await stockDrift(prisma)).toEqual([]);
  expect(levels.filter((l) => l.onHand < 0)).toEqual([]);
  expect(levels.filter((l) => l.onHand > 0).length).toBeGreaterThan(100);
  expect(movements.map((m) => m.kind).sort()).toEqual(['receipt', 'transfer_in', 'transfer_out']);
  const receiptEntries = await prisma.journalEntry.count({ where: { pieceRef: { startsWith: 'CF-' } } });
  expect(receiptEntries).toBeGreaterThan(0);
  // Received quantities of the order lines are what the receipts brought in.
  const receipts = await prisma.stockMovement.groupBy({ by: ['supplierOrderLineId'], where: { kind: 'receipt' }, _sum: { quantity: true } });
  const orderLines = new Map((await prisma.supplierOrderLine.findMany()).map((l) => [l.id, l.receivedQuantity]));
  for (const r of receipts) expect(orderLines.get(r.supplierOrderLineId!)).toBe(r._sum.quantity);
  expect([...orderLines.values()].reduce((a, b) => a + b, 0)).toBe(receipts.reduce((a, r) => a + (r._sum.quantity ?? 0), 0));
  const vanStock = levels.filter((l) => l.onHand > 0 && depots.find((d) => d.id === l.depotId)?.kind === 'van');
  expect(vanStock.length).toBeGreaterThan(technicians.length);

  // Some parts are short: the shortage list suggests supplier orders; one short part is already on order.
  const projections = await loadProjections(prisma, { today, horizonDays: 30 });
  const short = shortages(projections);
  expect(short.shortages.length).toBeGreaterThan(3);
  expect(short.suggestions.length).toBeGreaterThan(0);
  expect(short.suggestions.every((s) => s.supplierId !== null && s.lines.length > 0)).toBe(true);
  const open = await prisma.supplierOrder.findMany({ where: { status: { in: ['ordered', 'partially_received'] } } });
  expect(open.length).toBeGreaterThanOrEqual(2 * agencies.length);
  for (const o of open) expect(o.expectedOn!.toISOString().slice(0, 10) > today).toBe(true);

  // Today's breakdowns need parts: most are available from the van or the central depot, a few are not.
  const needing = await prisma.intervention.findMany({
    where: { partsNeeded: { some: {} } },
    select: { id: true, agencyId: true },
    orderBy: { priority: 'desc' },
  });
  expect(needing.length).toBeGreaterThan(5);
  let unavailable = 0;
  let available = 0;
  for (const a of agencies) {
    const ids = needing.filter((i) => i.agencyId === a.id).map((i) => i.id);
    const answer = await partsAvailability(prisma, ids, await pickupDepotIds(prisma, a.id));
    const missing = [...answer.values()].filter((v) => !v.available);
    // Every agency has a visit waiting for a part (planned as `parts_unavailable`).
    expect(missing.length).toBeGreaterThan(0);
    for (const v of missing) expect(v.reason).toBe('parts_unavailable');
    unavailable += missing.length;
    available += answer.size - missing.length;
  }
  expect(unavailable).toBeGreaterThan(0);
  expect(available).toBeGreaterThan(unavailable);

  // Today's breakdowns carry their warranty verdict; some are covered by a manufacturer's warranty or a contract.
  const coverage = await prisma.interventionCoverage.findMany({ select: { status: true, occasion: true } });
  expect(coverage.length).toBeGreaterThan(5);
  expect(coverage.every((c) => c.occasion === 'request')).toBe(true);
  expect(new Set(coverage.map((c) => c.status)).size).toBeGreaterThan(1);
  expect(await prisma.warranty.count({ where: { kind: 'manufacturer', supplierId: { not: null } } })).toBeGreaterThan(20);

  // Billing: rates per agency, a VAT profile per site, fees on the contracts (some due now).
  expect(await prisma.billingSettings.count()).toBe(agencies.length);
  expect(await prisma.siteVatProfile.count()).toBe(await prisma.site.count());
  const terms = await prisma.contractTerms.findMany({ select: { nextPeriodStart: true, feeCents: true } });
  expect(terms.length).toBeGreaterThan(200);
  expect(terms.every((t) => t.feeCents > 0)).toBe(true);
  expect(terms.filter((t) => t.nextPeriodStart.toISOString().slice(0, 10) <= today).length).toBeGreaterThan(0);
}
