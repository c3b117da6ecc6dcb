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
    onHand: 0,
    reserved: 0,
    customerOrders: 0,
    supplierOrders: 0,
    projected: 0,
    lowest: { quantity: 0, on: '2026-03-01' },
    timeline: [],
    partId: 'p',
    partReference: 'P',
    partName: 'P',
    depotId: 'd',
    depotName: 'D',
    agencyId: 'a',
    minQuantity: null,
    maxQuantity: null,
    unitCostCents: 100,
    preferredSupplierId: 's1',
    ...over,
  });

  it('lists parts falling below their minimum and suggests ordering up to the maximum, per supplier', () => {
    const result = shortages([
      level({ partId: 'a', lowest: { quantity: 1, on: '2026-03-04' }, projected: 1, minQuantity: 2, maxQuantity: 10 }),
      level({ partId: 'b', lowest: { quantity: 3, on: '2026-03-01' }, minQuantity: 2, maxQuantity: 10 }),
      level({ partId: 'c', lowest: { quantity: -2, on: '2026-03-05' }, preferredSupplierId: 's2' }),
      level({ partId: 'd', lowest: { quantity: 0, on: '2026-03-01' }, minQuantity: 4 }),
    ]);
    expect(result.shortages.map((s) => [s.partId, s.suggestedQuantity])).toEqual([
      ['a', 9],
      ['c', 2],
      ['d', 4],
    ]);
    expect(result.suggestions.map((s) => [s.supplierId, s.lines.map((l) => l.partId), s.estimatedCostCents])).toEqual([
      ['s1', ['a', 'd'], 1_300],
      ['s2', ['c'], 200],
    ]);
  });

  it('counts supplier orders arriving after the lowest point, so the order does not overshoot the maximum', () => {
    // 3 on hand, 2 reserved on the 2nd (lowest: 1, under the minimum 4), 8 due on the 5th: 9, max 12.
    const [short] = shortages([
      level({
        lowest: { quantity: 1, on: '2026-03-02' },
        projected: 9,
        minQuantity: 4,
        maxQuantity: 12,
        timeline: [
          { on: '2026-03-02', quantity: 1 },
          { on: '2026-03-05', quantity: 9 },
        ],
      }),
    ]).shortages;
    expect(short!.suggestedQuantity).toBe(3); // 12 − 9: the lowest point becomes 4, the minimum, and the stock tops at 12
  });

  it('orders what the minimum needs even when stock coming later would then exceed the maximum', () => {
    const [short] = shortages([
      level({
        lowest: { quantity: 0, on: '2026-03-02' },
        projected: 10,
        minQuantity: 3,
        maxQuantity: 10,
        timeline: [
          { on: '2026-03-02', quantity: 0 },
          { on: '2026-03-05', quantity: 10 },
        ],
      }),
    ]).shortages;
    expect(short!.suggestedQuantity).toBe(3);
  });
});
