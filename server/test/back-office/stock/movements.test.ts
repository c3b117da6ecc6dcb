// Stock on real PostgreSQL: on hand equals the sum of the movements, a
// movement that would go negative is refused (in the application and, past
// it, by the database), transfers, counted inventories, and the race the
// issue names — two technicians consuming the last part at once.
import pg from 'pg';
import { expect, it } from 'vitest';
import { BackOfficeError } from '../../../src/back-office/errors.ts';
import { stockDrift } from '../../../src/back-office/stock/levels.ts';
import { adjustStock, consumeOnIntervention, receiveSupplierOrder, transferStock } from '../../../src/back-office/stock/operations.ts';
import { describeWithService } from '../../support/services.ts';
import { openPostgres, postgres, unbalancedEntries, useSeededDatabase } from '../support.ts';

describeWithService(postgres, 'stock movements [PostgreSQL]', () => {
  const h = useSeededDatabase(openPostgres);
  const onHand = async (partId: string, depotId: string) =>
    (await h().prisma.stockLevel.findUnique({ where: { partId_depotId: { partId, depotId } } }))?.onHand ?? 0;
  const receive = async (partId: string, depotId: string, quantity: number) => {
    const { prisma, f } = h();
    const order = await prisma.supplierOrder.create({
      data: {
        supplierId: f.supplier.id,
        depotId,
        reference: `PO-${Math.random().toString(36).slice(2, 10)}`,
        status: 'ordered',
        lines: { create: [{ partId, quantity, unitCostCents: 1_000 }] },
      },
      include: { lines: true },
    });
    return receiveSupplierOrder(prisma, order.id, [{ lineId: order.lines[0]!.id, quantity }]);
  };

  it('keeps on hand equal to the sum of the movements', async () => {
    const { prisma, f } = h();
    await receive(f.parts.fan.id, f.depots.centralA.id, 5);
    await transferStock(prisma, { fromDepotId: f.depots.centralA.id, toDepotId: f.depots.van1.id, lines: [{ partId: f.parts.fan.id, quantity: 2 }] });
    await consumeOnIntervention(prisma, { interventionId: f.interventions.a1.id, depotId: f.depots.van1.id, lines: [{ partId: f.parts.fan.id, quantity: 1 }] });
    await adjustStock(prisma, { depotId: f.depots.centralA.id, reason: 'comptage annuel', lines: [{ partId: f.parts.fan.id, countedQuantity: 2 }] });
    expect(await onHand(f.parts.fan.id, f.depots.centralA.id)).toBe(2);
    expect(await onHand(f.parts.fan.id, f.depots.van1.id)).toBe(1);
    const sums = await prisma.stockMovement.groupBy({ by: ['depotId'], where: { partId: f.parts.fan.id }, _sum: { quantity: true } });
    expect(Object.fromEntries(sums.map((s) => [s.depotId, s._sum.quantity]))).toEqual({ [f.depots.centralA.id]: 2, [f.depots.van1.id]: 1 });
    expect(await stockDrift(prisma)).toEqual([]);
    expect(await unbalancedEntries(prisma)).toEqual([]);
  });

  it('refuses a movement that would take a depot below zero, with the line and the quantity on hand', async () => {
    const { prisma, f } = h();
    await receive(f.parts.capacitor.id, f.depots.van2.id, 1);
    const error = await consumeOnIntervention(prisma, {
      interventionId: f.interventions.a2.id,
      depotId: f.depots.van2.id,
      lines: [{ partId: f.parts.capacitor.id, quantity: 2 }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackOfficeError);
    expect(error).toMatchObject({
      code: 'conflict',
      reason: 'stock_below_zero',
      fields: [{ path: 'lines[0].quantity', message: expect.stringContaining('only 1 of part CAP-35 on hand') }],
    });
    expect(await onHand(f.parts.capacitor.id, f.depots.van2.id)).toBe(1);
  });

  it('lets a depot that allows it go below zero', async () => {
    const { prisma, f } = h();
    await adjustStock(prisma, { depotId: f.depots.loose.id, reason: 'sortie avant réception', lines: [{ partId: f.parts.filter.id, quantity: -3 }] });
    expect(await onHand(f.parts.filter.id, f.depots.loose.id)).toBe(-3);
    expect(await stockDrift(prisma)).toEqual([]);
  });

  it('has the database refuse it too, and on hand cannot be written directly', async () => {
    const { prisma, f } = h();
    const direct = await prisma.stockMovement
      .create({
        data: { partId: f.parts.fan.id, depotId: f.depots.van2.id, kind: 'consumption', quantity: -1, unitCostCents: 8_000, batchId: 'x' },
      })
      .catch((e: unknown) => e);
    expect(String((direct as Error).message)).toContain('tournee:stock_below_zero');
    const write = await prisma.stockLevel
      .update({ where: { partId_depotId: { partId: f.parts.fan.id, depotId: f.depots.centralA.id } }, data: { onHand: 99 } })
      .catch((e: unknown) => e);
    expect(String((write as Error).message)).toContain('tournee:stock_level_read_only');
    const rewrite = await prisma.stockMovement.updateMany({ data: { quantity: 7 } }).catch((e: unknown) => e);
    expect(String((rewrite as Error).message)).toContain('tournee:append_only');
  });

  it('two technicians consuming the last part at once: one wins, the other gets a clear conflict, never negative', async () => {
    const { prisma, f } = h();
    // The last unit sits in a depot both can reach.
    await receive(f.parts.heatPump.id, f.depots.centralA.id, 1);
    for (let round = 0; round < 3; round++) {
      if (round > 0) await receive(f.parts.heatPump.id, f.depots.centralA.id, 1);
      const results = await Promise.allSettled([
        consumeOnIntervention(prisma, {
          interventionId: f.interventions.a1.id,
          depotId: f.depots.centralA.id,
          lines: [{ partId: f.parts.heatPump.id, quantity: 1 }],
        }),
        consumeOnIntervention(prisma, {
          interventionId: f.interventions.a2.id,
          depotId: f.depots.centralA.id,
          lines: [{ partId: f.parts.heatPump.id, quantity: 1 }],
        }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(BackOfficeError);
      expect(lost.reason).toMatchObject({ code: 'conflict', reason: 'stock_below_zero' });
      expect(await onHand(f.parts.heatPump.id, f.depots.centralA.id)).toBe(0);
    }
    const consumed = await prisma.stockMovement.count({ where: { partId: f.parts.heatPump.id, kind: 'consumption' } });
    expect(consumed).toBe(3);
    expect(await stockDrift(prisma)).toEqual([]);
    expect(await unbalancedEntries(prisma)).toEqual([]);
  });

  it('keeps stock from going negative in the database itself, when two raw transactions race for the last unit', async () => {
    const { f, url } = h();
    await receive(f.parts.filter.id, f.depots.van1.id, 1);
    const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all(clients.map((c) => c.connect()));
    try {
      await Promise.all(clients.map((c) => c.query('BEGIN')));
      const insert = (c: pg.Client, id: string) =>
        c.query(
          `INSERT INTO stock_movements (id, part_id, depot_id, kind, quantity, unit_cost_cents, batch_id) VALUES ($1, $2, $3, 'consumption', -1, 300, $1)`,
          [id, f.parts.filter.id, f.depots.van1.id],
        );
      await insert(clients[0]!, 'race-a');
      // The second waits on the level row the first one updated…
      const second = insert(clients[1]!, 'race-b').then(
        () => 'inserted',
        (e: Error) => e.message,
      );
      await new Promise((r) => setTimeout(r, 200));
      await clients[0]!.query('COMMIT');
      // …then sees the committed zero and is refused.
      expect(await second).toContain('tournee:stock_below_zero');
      await clients[1]!.query('ROLLBACK');
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(await onHand(f.parts.filter.id, f.depots.van1.id)).toBe(0);
  });

  it('values movements in the stock journal: receipts debit 37, consumptions credit it, transfers post nothing', async () => {
    const { prisma } = h();
    const entries = await prisma.journalEntry.findMany({ where: { journal: 'ST' }, include: { lines: true }, orderBy: { number: 'asc' } });
    const receipt = entries.find((e) => e.label.startsWith('Réception'))!;
    expect(receipt.lines.find((l) => l.account === '37')!.debitCents).toBe(5 * 8_000);
    expect(receipt.lines.find((l) => l.account === '6037')!.creditCents).toBe(5 * 8_000);
    const consumption = entries.find((e) => e.label.startsWith('Consommation'))!;
    expect(consumption.lines.find((l) => l.account === '37')!.creditCents).toBe(8_000);
    expect(entries.some((e) => e.label.startsWith('Transfert'))).toBe(false);
    expect(entries.map((e) => e.number)).toEqual(entries.map((_, i) => i + 1));
  });
});
