// Projected stock and the shortage list, on hand-checkable flows.
import { describe, expect, it } from 'vitest';
import { projectStock, shortages, type LevelProjection } from '../../../src/back-office/stock/projection.ts';

describe('projectStock', () => {
  const p = projectStock({
    onHand: 5,
    today: '2026-03-01',
    horizonEnd: '2026-03-31',
    flows: [
      { on: '2026-03-03', quantity: 2, kind: 'reservation', ref: 'i1' },
      { on: '2026-03-05', quantity: 4, kind: 'customer_order', ref: 'CO-1' },
      { on: '2026-03-10', quantity: 10, kind: 'supplier_order', ref: 'PO-1' },
      { on: '2026-02-20', quantity: 1, kind: 'customer_order', ref: 'CO-late' },
      { on: '2026-04-15', quantity: 50, kind: 'supplier_order', ref: 'PO-after-horizon' },
    ],
  });

  it('subtracts reservations and customer orders, adds supplier orders by date (late ones today, later ones not at all)', () => {
    expect(p).toMatchObject({ onHand: 5, reserved: 2, customerOrders: 5, supplierOrders: 10, projected: 8 });
    expect(p.timeline).toEqual([
      { on: '2026-03-01', quantity: 4 },
      { on: '2026-03-03', quantity: 2 },
      { on: '2026-03-05', quantity: -2 },
      { on: '2026-03-10', quantity: 8 },
    ]);
    expect(p.lowest).toEqual({ quantity: -2, on: '2026-03-05' });
  });
});

describe('shortages', () => {
  const level = (over: Partial<LevelProjection>): LevelProjection => ({
    onHand: 0, reserved: 0, customerOrders: 0, supplierOrders: 0, projected: 0, lowest: { quantity: 0, on: '2026-03-01' }, timeline: [],
    partId: 'p', partReference: 'P', partName: 'P', depotId: 'd', depotName: 'D', agencyId: 'a', minQuantity: null, maxQuantity: null,
    unitCostCents: 100, preferredSupplierId: 's1', ...over,
  });

  it('lists parts falling below their minimum and suggests ordering up to the maximum, per supplier', () => {
    const result = shortages([
      level({ partId: 'a', lowest: { quantity: 1, on: '2026-03-04' }, projected: 6, minQuantity: 2, maxQuantity: 10 }),
      level({ partId: 'b', lowest: { quantity: 3, on: '2026-03-01' }, minQuantity: 2, maxQuantity: 10 }),
      level({ partId: 'c', lowest: { quantity: -2, on: '2026-03-05' }, preferredSupplierId: 's2' }),
      level({ partId: 'd', lowest: { quantity: 0, on: '2026-03-01' }, minQuantity: 4 }),
    ]);
    expect(result.shortages.map((s) => [s.partId, s.suggestedQuantity])).toEqual([['a', 9], ['c', 2], ['d', 4]]);
    expect(result.suggestions.map((s) => [s.supplierId, s.lines.map((l) => l.partId), s.estimatedCostCents])).toEqual([
      ['s1', ['a', 'd'], 1_300],
      ['s2', ['c'], 200],
    ]);
  });
});
