// A small two-agency company: enough to tell scopes apart.
//   agency A (Aix): dispatcherA; technicians t1 (user tech1) and t2 (user tech2)
//   agency B (Marseille): dispatcherB; technician t3
//   interventions: a1 assigned to t1, a2 assigned to t2 (both in A), b1 in B
import { hashPassword } from '../../src/auth/passwords.ts';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';

export const PASSWORD = 'correct horse battery';

export async function seedFixtures(prisma: PrismaClient) {
  const passwordHash = await hashPassword(PASSWORD);
  const region = await prisma.region.create({ data: { code: 'PACA', name: "Provence-Alpes-Côte d'Azur" } });
  const agencyA = await prisma.agency.create({ data: { code: 'AIX', name: 'Aix', regionId: region.id, lat: 43.53, lon: 5.45 } });
  const agencyB = await prisma.agency.create({ data: { code: 'MRS', name: 'Marseille', regionId: region.id, lat: 43.3, lon: 5.37 } });
  const skill = await prisma.skill.create({ data: { code: 'heat_pump', name: 'Pompe à chaleur' } });
  const tech = (agencyId: string, firstName: string) =>
    prisma.technician.create({ data: { agencyId, firstName, lastName: 'Test', skills: { create: [{ skillId: skill.id, level: 3 }] } } });
  const t1 = await tech(agencyA.id, 'Un');
  const t2 = await tech(agencyA.id, 'Deux');
  const t3 = await tech(agencyB.id, 'Trois');
  const user = (email: string, role: 'admin' | 'dispatcher' | 'technician', extra: Record<string, unknown> = {}) =>
    prisma.user.create({ data: { email, name: email.split('@')[0]!, role, passwordHash, ...extra } });
  const users = {
    admin: await user('admin@test.tournee.fr', 'admin'),
    dispatcherA: await user('dispatcher.a@test.tournee.fr', 'dispatcher', { agencies: { create: [{ agencyId: agencyA.id }] } }),
    dispatcherB: await user('dispatcher.b@test.tournee.fr', 'dispatcher', { agencies: { create: [{ agencyId: agencyB.id }] } }),
    tech1: await user('tech1@test.tournee.fr', 'technician', { technicianId: t1.id }),
    tech2: await user('tech2@test.tournee.fr', 'technician', { technicianId: t2.id }),
  };
  const customer = await prisma.customer.create({ data: { name: 'Mme Dupont', reference: 'C-001' } });
  const siteA = await prisma.site.create({
    data: { customerId: customer.id, address: '1 cours Mirabeau', postcode: '13100', city: 'Aix-en-Provence', lat: 43.527, lon: 5.447 },
  });
  const siteB = await prisma.site.create({
    data: { customerId: customer.id, address: '2 La Canebière', postcode: '13001', city: 'Marseille', lat: 43.297, lon: 5.38 },
  });
  const equipment = await prisma.equipment.create({ data: { siteId: siteA.id, category: 'heat_pump', brand: 'Atlantic' } });
  const intervention = (agencyId: string, siteId: string, technicianId: string | null, status: 'requested' | 'assigned' | 'dispatched') =>
    prisma.intervention.create({ data: { agencyId, siteId, technicianId, status, estimatedDurationMinutes: 60, problemDescription: 'Panne' } });
  const a1 = await intervention(agencyA.id, siteA.id, t1.id, 'dispatched');
  const a2 = await intervention(agencyA.id, siteA.id, t2.id, 'assigned');
  const b1 = await intervention(agencyB.id, siteB.id, t3.id, 'assigned');
  return {
    password: PASSWORD,
    region,
    agencyA,
    agencyB,
    skill,
    t1,
    t2,
    t3,
    users,
    customer,
    siteA,
    siteB,
    equipment,
    interventions: { a1, a2, b1 },
  };
}

export type Fixtures = Awaited<ReturnType<typeof seedFixtures>>;
