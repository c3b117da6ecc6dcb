// Reservations hold; the planner's availability check shares free stock in
// priority order and says when a supplier order will make a visit possible.
import { expect, it } from 'vitest';
import { BackOfficeError } from '../../../src/back-office/errors.ts';
import { consumeOnIntervention, receiveSupplierOrder } from '../../../src/back-office/stock/operations.ts';
import { loadProjections } from '../../../src/back-office/stock/projection.ts';
import { partsAvailability, pickupDepotIds, releaseReservations, reserveParts, setInterventionParts } from '../../../src/back-office/stock/reservations.ts';
import { describeWithService } from '../../support/services.ts';
import { openPostgres, postgres, useSeededDatabase } from '../support.ts';

describeWithService(postgres, 'reservations and availability [PostgreSQL]', () => {
  const h = useSeededDatabase(openPostgres);
  const newIntervention = async (technician: 't1' | 't2', priority = 50) => {
    const { prisma, f } = h();
    return prisma.intervention.create({
      data: { agencyId: f.agencyA.id, siteId: f.siteA.id, technicianId: f[technician].id, status: 'assigned', estimatedDurationMinutes: 60, priority },
    });
  };
  const stockUp = async (partId: string, depotId: string, quantity: number, status: 'ordered' | 'draft' = 'ordered', expectedOn?: string) => {
    const { prisma, f } = h();
    const order = await prisma.supplierOrder.create({
      data: {
        supplierId: f.supplier.id,
        depotId,
        reference: `PO-${Math.random().toString(36).slice(2, 10)}`,
        status,
        ...(expectedOn ? { expectedOn: new Date(`${expectedOn}T00:00:00Z`) } : {}),
        lines: { create: [{ partId, quantity, unitCostCents: 1_000 }] },
      },
      include: { lines: true },
    });
    if (!expectedOn) await receiveSupplierOrder(prisma, order.id, [{ lineId: order.lines[0]!.id, quantity }]);
    return order;
  };

  it('finds the depots a technician can reach: their van first, then the central depots', async () => {
    const { prisma, f } = h();
    expect(await pickupDepotIds(prisma, f.agencyA.id, f.t1.id)).toEqual([f.depots.van1.id, f.depots.centralA.id, f.depots.loose.id]);
    expect(await pickupDepotIds(prisma, f.agencyB.id, null)).toEqual([f.depots.centralB.id]);
  });

  it('reserves what a visit needs, and the reservation holds against a second visit', async () => {
    const { prisma, f } = h();
    await stockUp(f.parts.fan.id, f.depots.centralA.id, 1);
    const first = await newIntervention('t1');
    const second = await newIntervention('t2');
    await setInterventionParts(prisma, first.id, [{ partId: f.parts.fan.id, quantity: 1 }]);
    await setInterventionParts(prisma, second.id, [{ partId: f.parts.fan.id, quantity: 1 }]);
    const { reservations } = await reserveParts(prisma, first.id, [f.depots.van1.id, f.depots.centralA.id]);
    expect(reservations).toEqual([expect.objectContaining({ partId: f.parts.fan.id, depotId: f.depots.centralA.id, quantity: 1 })]);
    // Reserving again changes nothing: the visit already has its part.
    expect((await reserveParts(prisma, first.id, [f.depots.centralA.id])).reservations).toEqual([]);

    const refused = await reserveParts(prisma, second.id, [f.depots.van2.id, f.depots.centralA.id]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackOfficeError);
    expect(refused).toMatchObject({
      code: 'conflict',
      reason: 'parts_unavailable',
      fields: [{ path: 'parts[0]', message: expect.stringContaining('1 more needed') }],
    });

    const availability = await partsAvailability(prisma, [first.id, second.id], [f.depots.van1.id, f.depots.van2.id, f.depots.centralA.id]);
    expect(availability.get(first.id)).toMatchObject({ available: true, reason: null });
    expect(availability.get(second.id)).toMatchObject({
      available: false,
      reason: 'parts_unavailable',
      missing: [{ partId: f.parts.fan.id, needed: 1, available: 0 }],
      availableFrom: null,
    });

    // Consuming on the first visit consumes its reservation; releasing frees nothing more.
    await consumeOnIntervention(prisma, { interventionId: first.id, depotId: f.depots.centralA.id, lines: [{ partId: f.parts.fan.id, quantity: 1 }] });
    expect(await prisma.stockReservation.findMany({ where: { interventionId: first.id }, select: { status: true } })).toEqual([{ status: 'consumed' }]);
    expect(await releaseReservations(prisma, first.id)).toBe(0);
  });

  it('shares free stock between visits in the order given, and dates the supplier order that will cover the rest', async () => {
    const { prisma, f } = h();
    await stockUp(f.parts.capacitor.id, f.depots.van1.id, 2);
    await stockUp(f.parts.capacitor.id, f.depots.centralA.id, 3, 'ordered', '2026-12-10');
    await stockUp(f.parts.capacitor.id, f.depots.centralA.id, 5, 'ordered', '2026-12-20');
    const urgent = await newIntervention('t1', 90);
    const later = await newIntervention('t1', 20);
    const last = await newIntervention('t1', 10);
    await setInterventionParts(prisma, urgent.id, [{ partId: f.parts.capacitor.id, quantity: 2 }]);
    await setInterventionParts(prisma, later.id, [{ partId: f.parts.capacitor.id, quantity: 2 }]);
    await setInterventionParts(prisma, last.id, [{ partId: f.parts.capacitor.id, quantity: 4 }]);
    const depots = await pickupDepotIds(prisma, f.agencyA.id, f.t1.id);
    const a = await partsAvailability(prisma, [urgent.id, later.id, last.id], depots);
    expect(a.get(urgent.id)).toMatchObject({ available: true, missing: [] });
    expect(a.get(later.id)).toMatchObject({ available: false, availableFrom: '2026-12-10', missing: [{ needed: 2, available: 0 }] });
    expect(a.get(last.id)).toMatchObject({ available: false, availableFrom: '2026-12-20' });
    // A visit without parts is always available.
    expect((await partsAvailability(prisma, [f.interventions.b1.id], depots)).get(f.interventions.b1.id)).toMatchObject({ available: true });
  });

  it('projects stock with reservations and supplier orders by date', async () => {
    const { prisma, f } = h();
    const [p] = await loadProjections(prisma, { partId: f.parts.capacitor.id, depotId: f.depots.centralA.id, today: '2026-12-01', horizonDays: 30 });
    expect(p).toMatchObject({ onHand: 0, supplierOrders: 8, projected: 8, lowest: { quantity: 0 } });
  });

  it("releases the reservations beyond a visit's new needs", async () => {
    const { prisma, f } = h();
    await stockUp(f.parts.filter.id, f.depots.centralA.id, 4);
    const i = await newIntervention('t2');
    await setInterventionParts(prisma, i.id, [{ partId: f.parts.filter.id, quantity: 3 }]);
    await reserveParts(prisma, i.id, [f.depots.centralA.id]);
    await setInterventionParts(prisma, i.id, [{ partId: f.parts.filter.id, quantity: 1 }]);
    const active = await prisma.stockReservation.findMany({ where: { interventionId: i.id, status: 'active' } });
    expect(active.map((r) => r.quantity)).toEqual([1]);
  });
});
