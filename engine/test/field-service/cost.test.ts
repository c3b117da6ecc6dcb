import { describe, expect, it } from 'vitest';
import { H, place, planChecked, problem, tech, visit } from './fixtures.ts';

describe('planCost', () => {
  it('breaks the objective into terms that add up, in the weights’ unit', () => {
    const p = problem({
      technicians: [tech('a', { hourlyCost: 30 })],
      visits: [visit('v', { location: place(10, 0), duration: H })],
      weights: { travelPerHour: 60, travelPerKm: 0.5, imbalance: 2 },
    });
    const plan = planChecked(p);
    const tour = plan.tours[0]!;
    const hours = tour.travelTime / 3600;
    const c = plan.cost;
    expect(c.travel).toBeCloseTo(60 * hours + (0.5 * tour.travelDistance) / 1000, 2);
    expect(c.labour).toBeCloseTo(30 * (hours + 1), 2);
    expect(c.imbalance).toBeCloseTo(2 * (hours + 1) ** 2, 2);
    expect(c.total).toBeCloseTo(c.travel + c.labour + c.overtime + c.slaLateness + c.sector + c.notUsualTechnician + c.imbalance + c.planChanges, 2);
  });
});
