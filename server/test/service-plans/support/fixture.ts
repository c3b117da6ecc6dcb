// A small company with one plan of each kind, due or not, for the service-plan
// tests: the cases are easy to check by hand against today = 2026-11-30.
import type { PrismaClient } from '../../../src/generated/prisma/client.ts';

export const TODAY = '2026-11-30';
const day = (d: string) => new Date(`${d}T00:00:00Z`);

export async function servicePlanFixture(prisma: PrismaClient) {
  const [gas, pool, electrical] = await Promise.all(['gas_boiler', 'pool', 'electrical'].map((code) => prisma.skill.create({ data: { code, name: code } })));
  const agency = await prisma.agency.create({ data: { code: 'AIX', name: 'Aix' } });
  const other = await prisma.agency.create({ data: { code: 'AVI', name: 'Avignon' } });
  const sector = await prisma.sector.create({ data: { agencyId: agency.id, code: 'AIX-C', name: 'Aix', polygon: { type: 'Polygon', coordinates: [] } } });
  const customer = await prisma.customer.create({ data: { name: 'Mme Fabre', phone: '04 65 71 00 01' } });
  const site = await prisma.site.create({
    data: { customerId: customer.id, sectorId: sector.id, address: '3 chemin des Cigales', postcode: '13100', city: 'Aix-en-Provence', lat: 43.53, lon: 5.45 },
  });
  const orphanSite = await prisma.site.create({ data: { customerId: customer.id, address: '1 rue du Moulin', postcode: '13100', city: 'Aix-en-Provence' } });
  const boiler = await prisma.equipment.create({ data: { siteId: site.id, category: 'gas_boiler', brand: 'Frisquet' } });
  const pump = await prisma.equipment.create({ data: { siteId: site.id, category: 'pool_filtration', counters: { operating_hours: 5900 } } });
  const contract = await prisma.contract.create({ data: { customerId: customer.id, reference: 'CT-1', startsOn: day('2024-01-01') } });
  const ended = await prisma.contract.create({
    data: { customerId: customer.id, reference: 'CT-0', status: 'ended', startsOn: day('2020-01-01'), endsOn: day('2023-12-31') },
  });

  const base = { contractId: contract.id, siteId: site.id, estimatedDurationMinutes: 60 };
  const plan = (data: Parameters<PrismaClient['servicePlan']['create']>[0]['data']) => prisma.servicePlan.create({ data });
  const boilerYearly = await plan({
    ...base,
    equipmentId: boiler.id,
    name: 'Entretien annuel chaudière gaz',
    trigger: 'frequency',
    frequencyMonths: 12,
    lastDoneOn: day('2025-11-10'),
    leadDays: 45,
    interventionKind: 'regulatory',
    requiredSkills: [{ skill: 'gas_boiler', minLevel: 2 }],
  });
  const poolSeason = await plan({
    ...base,
    equipmentId: pump.id,
    name: 'Mise en route et hivernage',
    trigger: 'fixed_dates',
    fixedDates: [day('2026-04-15'), day('2026-10-15'), day('2027-04-15')],
    lastDoneOn: day('2026-04-16'),
    leadDays: 21,
    requiredSkills: [{ skill: 'pool', minLevel: 2 }],
  });
  const pumpHours = await plan({
    ...base,
    equipmentId: pump.id,
    name: 'Révision pompe 2 000 h',
    trigger: 'usage_counter',
    counterName: 'operating_hours',
    counterInterval: 2000,
    lastDoneCounter: 4000,
    leadDays: 0,
    requiredSkills: [
      { skill: 'pool', minLevel: 2 },
      { skill: 'electrical', minLevel: 1 },
    ],
  });
  const notYet = await plan({
    ...base,
    equipmentId: boiler.id,
    name: 'Pas encore dû',
    trigger: 'frequency',
    frequencyMonths: 12,
    lastDoneOn: day('2026-06-01'),
  });
  const endedPlan = await plan({
    ...base,
    contractId: ended.id,
    name: 'Contrat terminé',
    trigger: 'frequency',
    frequencyMonths: 12,
    lastDoneOn: day('2022-01-01'),
  });
  const unknownSkill = await plan({
    ...base,
    name: 'Compétence inconnue',
    trigger: 'frequency',
    frequencyMonths: 12,
    lastDoneOn: day('2025-12-01'),
    requiredSkills: [{ skill: 'plumbing', minLevel: 1 }],
  });
  const noSector = await plan({
    ...base,
    siteId: orphanSite.id,
    name: 'Site sans secteur',
    trigger: 'frequency',
    frequencyMonths: 12,
    lastDoneOn: day('2025-12-01'),
  });

  return {
    skills: { gas, pool, electrical },
    agency,
    other,
    customer,
    site,
    boiler,
    pump,
    plans: { boilerYearly, poolSeason, pumpHours, notYet, endedPlan, unknownSkill, noSector },
  };
}
