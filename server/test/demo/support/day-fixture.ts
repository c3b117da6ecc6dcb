// One technician's planned day (three stops around Aix on Monday 15 June
// 2026), with one stop fulfilling a boiler service plan: what the simulator
// follows.
import type { PrismaClient } from '../../../src/generated/prisma/client.ts';
import { zonedInstant } from '@tournee/contracts/zoned-time';

export const DAY = '2026-06-15';
/** Local time in Aix on DAY. */
export const at = (hh: number, mm = 0): Date => zonedInstant(DAY, hh * 60 + mm, 'Europe/Paris');

export async function dayFixture(prisma: PrismaClient) {
  const agency = await prisma.agency.create({ data: { code: 'AIX', name: 'Aix', lat: 43.49, lon: 5.38 } });
  const sector = await prisma.sector.create({ data: { agencyId: agency.id, code: 'AIX-E', name: 'Arc', polygon: { type: 'Polygon', coordinates: [] } } });
  const technician = await prisma.technician.create({
    data: {
      agencyId: agency.id,
      firstName: 'Marius',
      lastName: 'Fabre',
      homeLat: 43.5283,
      homeLon: 5.44973,
      sectors: { create: [{ sectorId: sector.id, primary: true }] },
    },
  });
  const customer = await prisma.customer.create({ data: { name: 'M. Roux' } });
  const places = [
    ['Gardanne', 43.45491, 5.46913],
    ['Fuveau', 43.45578, 5.56149],
    ['Trets', 43.44818, 5.68328],
  ] as const;
  const sites = await Promise.all(
    places.map(([city, lat, lon]) =>
      prisma.site.create({ data: { customerId: customer.id, sectorId: sector.id, address: '1 place de l’Église', postcode: '13000', city, lat, lon } }),
    ),
  );
  const contract = await prisma.contract.create({ data: { customerId: customer.id, reference: 'CT-SIM', startsOn: new Date('2024-01-01T00:00:00Z') } });
  const plan = await prisma.servicePlan.create({
    data: {
      contractId: contract.id,
      siteId: sites[0]!.id,
      name: 'Entretien annuel chaudière gaz',
      trigger: 'frequency',
      frequencyMonths: 12,
      estimatedDurationMinutes: 60,
      lastDoneOn: new Date('2025-06-20T00:00:00Z'),
      nextDueOn: new Date('2026-06-20T00:00:00Z'),
    },
  });
  const times = [
    [at(9), at(9), at(10), 900],
    [at(10, 30), at(10, 45), at(11, 45), null],
    [at(14), at(14), at(15), 1200],
  ] as const;
  const interventions = await Promise.all(
    sites.map((site, i) =>
      prisma.intervention.create({
        data: {
          // The last one as the planner leaves it: planned, with its technician.
          agencyId: agency.id,
          siteId: site.id,
          status: i === 2 ? 'planned' : 'assigned',
          technicianId: technician.id,
          estimatedDurationMinutes: 60,
          plannedStart: times[i]![1],
          plannedEnd: times[i]![2],
          ...(i === 0 ? { servicePlanId: plan.id, dueOn: new Date('2026-06-20T00:00:00Z'), contractId: contract.id } : {}),
        },
      }),
    ),
  );
  const tour = await prisma.tour.create({
    data: {
      agencyId: agency.id,
      technicianId: technician.id,
      date: new Date(`${DAY}T00:00:00Z`),
      status: 'published',
      stops: {
        create: interventions.map((intervention, i) => ({
          interventionId: intervention.id,
          sequence: i + 1,
          plannedArrival: times[i]![0],
          plannedStart: times[i]![1],
          plannedEnd: times[i]![2],
          travelSeconds: times[i]![3],
        })),
      },
    },
  });
  return { agency, sector, technician, sites, interventions, plan, tour };
}
