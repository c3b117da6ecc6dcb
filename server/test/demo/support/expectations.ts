// What a seeded demo database must look like, on either engine.
import { expect } from 'vitest';
import { verifyPassword } from '../../../src/auth/passwords.ts';
import { DEMO_PASSWORD } from '../../../src/demo/seed.ts';
import type { PrismaClient } from '../../../src/generated/prisma/client.ts';
import { generateDueVisits } from '../../../src/service-plans/generate.ts';
import { overdueVisits } from '../../../src/service-plans/overdue.ts';

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
}
