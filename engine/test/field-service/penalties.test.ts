import { describe, expect, it } from 'vitest';
import { assignmentPenalty } from '../../src/field-service/penalties.ts';
import { DEFAULT_WEIGHTS, type ObjectiveWeights } from '../../src/field-service/types.ts';
import { at, H, place, planChecked, problem, servedBy, shift, square, stopOf, tech, visit } from './fixtures.ts';

/**
 * One test per penalty term: with the weight at 0 the plan does the cheap
 * thing in travel; with the weight high it does what the term asks for.
 * Every other soft term is switched off so that only the one under test acts.
 */
const OFF: Partial<ObjectiveWeights> = {
  overtimePerHour: 0,
  slaLatenessPerHour: 0,
  outsideSector: 0,
  secondarySector: 0,
  notUsualTechnician: 0,
  imbalance: 0,
  planChange: 0,
};
const near = place(1, 0);
const a = (over = {}) => tech('a', over);
/** 25 km east: about 20 minutes farther than `a` from anything near the center. */
const b = (over = {}) => tech('b', { home: place(25, 0), ...over });

describe('assignmentPenalty', () => {
  it('prices secondary and outside sectors by rule, the usual technician and plan changes', () => {
    const t = a({ sectors: ['n'], secondarySectors: ['s'] });
    const v = visit('v', { usualTechnicians: ['z'], published: { technician: 'a', day: 1, start: 0 } });
    expect(assignmentPenalty(DEFAULT_WEIGHTS, 'soft', v, 's', t, 0)).toEqual({ sector: 10, notUsual: 15, planChange: 50 });
    expect(assignmentPenalty(DEFAULT_WEIGHTS, 'soft', v, 'x', t, 1)).toEqual({ sector: 30, notUsual: 15, planChange: 0 });
    expect(assignmentPenalty(DEFAULT_WEIGHTS, 'off', v, 'x', t, 1).sector).toBe(0);
    expect(assignmentPenalty(DEFAULT_WEIGHTS, 'hard', v, 'n', t, 1).sector).toBe(0);
  });
});

describe('penalty terms change the plan the way they should', () => {
  it('travel: the nearer technician serves', () => {
    const p = problem({ technicians: [a(), b()], visits: [visit('v', { location: near })], weights: OFF });
    expect(servedBy(planChecked(p), 'v')).toBe('a');
  });

  it('technician hourly cost: an expensive technician loses the visit to a cheaper one farther away', () => {
    const p = (cost: number) =>
      problem({ technicians: [a({ hourlyCost: cost }), b()], visits: [visit('v', { location: near, duration: 2 * H })], weights: OFF });
    expect(servedBy(planChecked(p(0)), 'v')).toBe('a');
    expect(servedBy(planChecked(p(500)), 'v')).toBe('b');
  });

  it('overtime: paid overtime sends the visit to a technician with time left', () => {
    const p = (w: number) =>
      problem({
        technicians: [a({ shifts: [shift(0, 8, 10)], maxOvertime: 3 * H }), b()],
        visits: [visit('v', { location: near, duration: 2.5 * H })],
        weights: { ...OFF, overtimePerHour: w },
      });
    expect(servedBy(planChecked(p(0)), 'v')).toBe('a');
    expect(servedBy(planChecked(p(1000)), 'v')).toBe('b');
  });

  it('SLA lateness: the visit with a deadline comes first although the other order drives less', () => {
    // Start at the center, end 20 units west: east-then-west drives least; the western visit is due at 8:15.
    const p = (w: number) =>
      problem({
        technicians: [a({ shifts: [{ ...shift(0), endLocation: place(-20, 0) }] })],
        visits: [visit('east', { location: place(5, 0) }), visit('west', { location: place(-10, 0), slaDeadline: at(0, 8.25) })],
        weights: { ...OFF, slaLatenessPerHour: w },
      });
    const cheap = planChecked(p(0));
    expect(cheap.tours[0]!.stops.map((s) => s.visit)).toEqual(['east', 'west']);
    const urgent = planChecked(p(1000));
    expect(urgent.tours[0]!.stops.map((s) => s.visit)).toEqual(['west', 'east']);
    expect(stopOf(urgent, 'west')?.lateness).toBe(0);
    expect(urgent.kpis.sla).toEqual({ withDeadline: 1, met: 1, compliance: 100 });
  });

  it('outside sector (soft rule): the penalty sends the visit to the sector’s technician', () => {
    const p = (w: number) =>
      problem({
        sectors: [square('west', -50, -50, 0, 50), square('east', 0, -50, 50, 50)],
        sectorRule: 'soft',
        technicians: [a({ sectors: ['west'] }), b({ sectors: ['east'] })],
        visits: [visit('v', { location: near })],
        weights: { ...OFF, outsideSector: w },
      });
    expect(servedBy(planChecked(p(0)), 'v')).toBe('a');
    const kept = planChecked(p(1000));
    expect(servedBy(kept, 'v')).toBe('b');
    expect(kept.cost.sector).toBe(0);
  });

  it('secondary sector: the penalty prefers the technician whose home sector it is', () => {
    const p = (w: number) =>
      problem({
        sectors: [square('west', -50, -50, 0, 50), square('east', 0, -50, 50, 50)],
        sectorRule: 'soft',
        technicians: [a({ sectors: ['west'], secondarySectors: ['east'] }), b({ sectors: ['east'] })],
        visits: [visit('v', { location: near })],
        weights: { ...OFF, secondarySector: w },
      });
    expect(servedBy(planChecked(p(0)), 'v')).toBe('a');
    expect(servedBy(planChecked(p(1000)), 'v')).toBe('b');
  });

  it('usual technician: the penalty keeps the customer with their usual technician', () => {
    const p = (w: number) =>
      problem({ technicians: [a(), b()], visits: [visit('v', { location: near, usualTechnicians: ['b'] })], weights: { ...OFF, notUsualTechnician: w } });
    expect(servedBy(planChecked(p(0)), 'v')).toBe('a');
    const usual = planChecked(p(1000));
    expect(servedBy(usual, 'v')).toBe('b');
    expect(usual.cost.notUsualTechnician).toBe(0);
  });

  it('plan change: the penalty keeps a published assignment', () => {
    const p = (w: number) =>
      problem({
        technicians: [a(), b()],
        visits: [visit('v', { location: near, published: { technician: 'b', day: 0, start: at(0, 9) } })],
        weights: { ...OFF, planChange: w },
      });
    const moved = planChecked(p(0));
    expect(servedBy(moved, 'v')).toBe('a');
    const kept = planChecked(p(1000));
    expect(servedBy(kept, 'v')).toBe('b');
    expect(kept.cost.planChanges).toBe(0);
  });

  it('imbalance: the squared workload spreads visits across technicians', () => {
    const p = (w: number) =>
      problem({
        technicians: [a(), tech('b', { home: place(0, 1) })],
        visits: Array.from({ length: 6 }, (_, k) => visit(`v${k}`, { location: place(k - 3, 2), duration: H })),
        weights: { ...OFF, imbalance: w },
      });
    const count = (plan: ReturnType<typeof planChecked>) => plan.tours.map((t) => t.stops.length).sort();
    expect(count(planChecked(p(0)))).toEqual([6]);
    const spread = planChecked(p(50));
    expect(count(spread)).toEqual([3, 3]);
    expect(spread.kpis.balanceIndex).toBeGreaterThan(0.95);
  });
});
