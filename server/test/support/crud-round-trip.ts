// A dispatch-shaped round trip through Prisma: what the server does first
// with a database (agency → technician with skills → customer site → an
// intervention requiring a skill), then reads it back through relations.
import { expect } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';

export async function crudRoundTrip(prisma: PrismaClient): Promise<void> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const agency = await prisma.agency.create({
    data: { code: `LYO-${suffix}`, name: 'Lyon Est', lat: 45.75, lon: 4.85 },
  });
  const [heatPump, pool] = await Promise.all([
    prisma.skill.create({ data: { code: `heat_pump-${suffix}`, name: 'Pompe à chaleur' } }),
    prisma.skill.create({ data: { code: `pool-${suffix}`, name: 'Piscine' } }),
  ]);
  const technician = await prisma.technician.create({
    data: {
      agencyId: agency.id,
      firstName: 'Camille',
      lastName: 'Martin',
      homeLat: 45.76,
      homeLon: 4.83,
      skills: {
        create: [
          { skillId: heatPump.id, level: 4 },
          { skillId: pool.id, level: 2 },
        ],
      },
      shifts: { create: [{ weekday: 1, startMinute: 8 * 60, endMinute: 17 * 60, breakMinutes: 60 }] },
    },
  });
  const customer = await prisma.customer.create({
    data: {
      name: 'Mme Dupont',
      sites: { create: [{ address: '12 rue de la République', postcode: '69002', city: 'Lyon', lat: 45.76, lon: 4.836 }] },
    },
    include: { sites: true },
  });
  const site = customer.sites[0]!;
  const equipment = await prisma.equipment.create({
    data: { siteId: site.id, category: 'heat_pump', brand: 'Atlantic', model: 'Alféa Excellia', asSold: { power_kw: 11 } },
  });
  const slaDeadline = new Date('2026-01-15T17:00:00.000Z');
  const created = await prisma.intervention.create({
    data: {
      agencyId: agency.id,
      siteId: site.id,
      equipmentId: equipment.id,
      problemDescription: 'Plus de chauffage, code erreur E5',
      priority: 80,
      slaDeadline,
      timeWindows: [{ start: '2026-01-15T08:00:00.000Z', end: '2026-01-15T12:00:00.000Z' }],
      earliestDate: new Date('2026-01-14'),
      estimatedDurationMinutes: 90,
      requiredSkills: { create: [{ skillId: heatPump.id, minLevel: 3 }] },
    },
  });

  const read = await prisma.intervention.findUniqueOrThrow({
    where: { id: created.id },
    include: { site: true, equipment: true, requiredSkills: { include: { skill: true } } },
  });
  expect(read.status).toBe('requested');
  expect(read.version).toBe(1);
  expect(read.slaDeadline?.toISOString()).toBe(slaDeadline.toISOString());
  expect(read.earliestDate?.toISOString()).toBe('2026-01-14T00:00:00.000Z');
  expect(read.timeWindows).toEqual([{ start: '2026-01-15T08:00:00.000Z', end: '2026-01-15T12:00:00.000Z' }]);
  expect(read.site.postcode).toBe('69002');
  expect(read.equipment?.asSold).toEqual({ power_kw: 11 });
  expect(read.requiredSkills.map((s) => [s.skill.name, s.minLevel])).toEqual([['Pompe à chaleur', 3]]);

  const tech = await prisma.technician.findUniqueOrThrow({
    where: { id: technician.id },
    include: { skills: { include: { skill: true }, orderBy: { level: 'desc' } }, shifts: true, agency: true },
  });
  expect(tech.agency.code).toBe(agency.code);
  expect(tech.skills.map((s) => [s.skill.name, s.level])).toEqual([
    ['Pompe à chaleur', 4],
    ['Piscine', 2],
  ]);
  expect(tech.shifts).toHaveLength(1);

  // Optimistic concurrency as the server will use it: the update only lands
  // when the version the client read is still current.
  const assigned = await prisma.intervention.updateMany({
    where: { id: created.id, version: 1 },
    data: { technicianId: technician.id, status: 'assigned', version: { increment: 1 } },
  });
  const stale = await prisma.intervention.updateMany({
    where: { id: created.id, version: 1 },
    data: { status: 'cancelled', cancelReason: 'stale write' },
  });
  expect([assigned.count, stale.count]).toEqual([1, 0]);
  const after = await prisma.intervention.findUniqueOrThrow({ where: { id: created.id } });
  expect([after.status, after.version, after.technicianId]).toEqual(['assigned', 2, technician.id]);
}
