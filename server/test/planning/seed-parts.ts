// Parts for a seeded agency (seed-agency.ts): a supplier, three parts, the
// agency's central depot and a van per technician, and helpers to put stock
// in a depot, order parts from the supplier and say what a visit needs.
import { adjustStock } from '../../src/back-office/stock/operations.ts';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import type { SeededAgency } from './seed-agency.ts';

export async function seedParts(prisma: PrismaClient, seeded: SeededAgency) {
  const tag = Math.random().toString(36).slice(2, 8);
  const supplier = await prisma.supplier.create({ data: { code: `SUP-${tag}`, name: 'Fournisseur' } });
  const part = (reference: string) =>
    prisma.part.create({ data: { reference: `${reference}-${tag}`, name: reference, unitCostCents: 1_000, unitPriceCents: 2_000 } });
  const depot = (code: string, kind: 'central' | 'van', technicianId: string | null = null) =>
    prisma.depot.create({ data: { agencyId: seeded.agencyId, code: `${code}-${tag}`, name: code, kind, technicianId } });
  const [expert, poolTech] = seeded.technicianIds;
  const parts = { fan: await part('FAN'), valve: await part('VALVE'), filter: await part('FILTER') };
  const depots = { central: await depot('CENTRAL', 'central'), vanExpert: await depot('VAN-E', 'van', expert), vanPool: await depot('VAN-P', 'van', poolTech) };
  const stock = (depotId: string, partId: string, quantity: number) => adjustStock(prisma, { depotId, lines: [{ partId, quantity }], reason: 'test stock' });
  const order = (depotId: string, partId: string, quantity: number, expectedOn: string) =>
    prisma.supplierOrder.create({
      data: {
        supplierId: supplier.id,
        depotId,
        reference: `PO-${tag}-${Math.random().toString(36).slice(2, 6)}`,
        status: 'ordered',
        expectedOn: new Date(`${expectedOn}T00:00:00Z`),
        lines: { create: [{ partId, quantity, unitCostCents: 1_000 }] },
      },
    });
  const needs = (interventionId: string, partId: string, quantity = 1) => prisma.interventionPart.create({ data: { interventionId, partId, quantity } });
  return { parts, depots, stock, order, needs };
}
