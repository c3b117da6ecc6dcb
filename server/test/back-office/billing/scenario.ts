// A repair under the manufacturer's parts warranty, shared by the billing and
// accounting tests: a heat pump in old housing (10 % VAT), the visit done in
// 90 minutes with two fans consumed from the technician's van.
import { receiveSupplierOrder, consumeOnIntervention } from '../../../src/back-office/stock/operations.ts';
import type { PrismaClient } from '../../../src/generated/prisma/client.ts';
import type { BackOfficeFixtures } from '../support.ts';

export const day = (d: string) => new Date(`${d}T00:00:00Z`);

export async function doneRepairUnderWarranty(prisma: PrismaClient, f: BackOfficeFixtures, at: string) {
  await prisma.siteVatProfile.upsert({
    where: { siteId: f.siteA.id },
    create: { siteId: f.siteA.id, premises: 'housing', completedOn: day('2010-05-01') },
    update: {},
  });
  const equipment = await prisma.equipment.create({
    data: { siteId: f.siteA.id, category: 'heat_pump', brand: 'Atlantic', serialNumber: `SN-${Math.random().toString(36).slice(2, 8)}` },
  });
  await prisma.warranty.create({
    data: {
      equipmentId: equipment.id,
      kind: 'manufacturer',
      supplierId: f.supplier.id,
      startsOn: day('2025-01-01'),
      endsOn: day('2027-01-01'),
      labourPercent: 0,
      partsPercent: 100,
      travelPercent: 0,
    },
  });
  const now = new Date(`${at}T08:00:00Z`);
  const order = await prisma.supplierOrder.create({
    data: {
      supplierId: f.supplier.id,
      depotId: f.depots.van1.id,
      reference: `PO-${Math.random().toString(36).slice(2, 10)}`,
      status: 'ordered',
      lines: { create: [{ partId: f.parts.fan.id, quantity: 2, unitCostCents: 8_000 }] },
    },
    include: { lines: true },
  });
  await receiveSupplierOrder(prisma, order.id, [{ lineId: order.lines[0]!.id, quantity: 2 }], { now });
  const intervention = await prisma.intervention.create({
    data: {
      agencyId: f.agencyA.id,
      siteId: f.siteA.id,
      equipmentId: equipment.id,
      technicianId: f.t1.id,
      status: 'done',
      estimatedDurationMinutes: 60,
      actualStart: new Date(`${at}T09:00:00Z`),
      actualEnd: new Date(`${at}T10:30:00Z`),
    },
  });
  await consumeOnIntervention(prisma, { interventionId: intervention.id, depotId: f.depots.van1.id, lines: [{ partId: f.parts.fan.id, quantity: 2 }], now });
  return { equipment, intervention, now };
}
