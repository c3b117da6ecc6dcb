// A small agency in the database for planning tests: two technicians (HVAC
// level 3 at Aix; pool and HVAC level 1 at Marseille), Monday–Friday 08:00–17:00,
// and `count` requested interventions around Aix on `day` (default DAY).
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { DAY } from './fixtures.ts';

export interface SeededAgency {
  readonly agencyId: string;
  readonly technicianIds: readonly [string, string];
  readonly interventionIds: readonly string[];
  readonly skillIds: { readonly hvac: string; readonly pool: string };
}

const PLACES: readonly [string, number, number][] = [
  ['Gardanne', 43.4548, 5.469],
  ['Pertuis', 43.6946, 5.5036],
  ['Trets', 43.4476, 5.6836],
  ['Vitrolles', 43.4603, 5.2486],
  ['Venelles', 43.5986, 5.4814],
  ['Bouc-Bel-Air', 43.4522, 5.4147],
  ['Rousset', 43.4828, 5.6197],
  ['Éguilles', 43.5689, 5.3561],
];

export async function seedAgency(prisma: PrismaClient, count = 6, tag = Math.random().toString(36).slice(2, 8), day: string = DAY): Promise<SeededAgency> {
  const agency = await prisma.agency.create({ data: { code: `AIX-${tag}`, name: 'Aix', lat: 43.5297, lon: 5.4474 } });
  const [hvac, pool] = await Promise.all([
    prisma.skill.create({ data: { code: `hvac-${tag}`, name: 'HVAC' } }),
    prisma.skill.create({ data: { code: `pool-${tag}`, name: 'Pool' } }),
  ]);
  const week = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 480, endMinute: 1020, breakMinutes: 60, breakStartMinute: 690, breakEndMinute: 900 }));
  const expert = await prisma.technician.create({
    data: {
      agencyId: agency.id,
      firstName: 'Camille',
      lastName: 'Martin',
      homeLat: 43.5297,
      homeLon: 5.4474,
      skills: { create: [{ skillId: hvac.id, level: 3 }] },
      shifts: { create: week },
    },
  });
  const poolTech = await prisma.technician.create({
    data: {
      agencyId: agency.id,
      firstName: 'Sacha',
      lastName: 'Durand',
      homeLat: 43.2965,
      homeLon: 5.3698,
      skills: {
        create: [
          { skillId: pool.id, level: 2 },
          { skillId: hvac.id, level: 1 },
        ],
      },
      shifts: { create: week },
    },
  });
  const customer = await prisma.customer.create({ data: { name: `Client ${tag}` } });
  const interventionIds: string[] = [];
  for (let k = 0; k < count; k++) {
    const [city, lat, lon] = PLACES[k % PLACES.length]!;
    const site = await prisma.site.create({ data: { customerId: customer.id, address: `${k + 1} rue de la Paix`, postcode: '13100', city, lat, lon } });
    const i = await prisma.intervention.create({
      data: {
        agencyId: agency.id,
        siteId: site.id,
        estimatedDurationMinutes: 45,
        earliestDate: new Date(`${day}T00:00:00Z`),
        latestDate: new Date(`${day}T00:00:00Z`),
        problemDescription: `Visite ${k + 1}`,
        ...(k === 0 ? { requiredSkills: { create: [{ skillId: hvac.id, minLevel: 3 }] } } : {}),
        ...(k === 1 ? { requiredSkills: { create: [{ skillId: pool.id, minLevel: 1 }] } } : {}),
      },
    });
    interventionIds.push(i.id);
  }
  return { agencyId: agency.id, technicianIds: [expert.id, poolTech.id], interventionIds, skillIds: { hvac: hvac.id, pool: pool.id } };
}
