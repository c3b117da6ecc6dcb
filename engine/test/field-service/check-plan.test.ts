import { describe, expect, it } from 'vitest';
import type { FieldServicePlan, FieldServiceProblem, Tour } from '../../src/field-service/types.ts';
import { checkFieldServicePlan } from '../support/check-field-service-plan.ts';
import { at, H, place, planChecked, problem, shift, tech, visit } from './fixtures.ts';

/** The checker must catch what it claims to: each tampering of a feasible plan is reported. */
describe('checkFieldServicePlan', () => {
  const p: FieldServiceProblem = problem({
    technicians: [tech('a', { skills: { gas: 2 }, shifts: [shift(0, 8, 17, [12, 14, 1])] }), tech('b', { home: place(20, 0) })],
    visits: [
      visit('v1', { location: place(2, 0), duration: H, skills: { gas: 2 }, windows: [[8 * H, 12 * H]] }),
      visit('v2', { location: place(3, 1), duration: H, skills: { gas: 1 } }),
      visit('v3', { location: place(1, 2), duration: 3 * H, skills: { gas: 1 } }),
      visit('v4', { location: place(2, 2), duration: 2 * H, skills: { gas: 1 } }),
    ],
    weights: { imbalance: 0 },
  });
  const plan = planChecked(p);
  const tour = plan.tours[0]!;
  const edit = (change: (t: Tour) => Tour): FieldServicePlan => ({ ...plan, tours: [change(tour), ...plan.tours.slice(1)] });

  it('accepts the feasible plan', () => {
    expect(tour.technician).toBe('a');
    expect(checkFieldServicePlan(p, plan)).toEqual([]);
  });

  it('catches a skill level, a window, a duration, a lunch overlap, a missing visit and a double', () => {
    const v1 = tour.stops.findIndex((s) => s.visit === 'v1');
    const late = edit((t) => ({ ...t, stops: t.stops.map((s, i) => (i === v1 ? { ...s, start: at(0, 13), end: at(0, 14) } : s)) }));
    expect(checkFieldServicePlan(p, late).join('\n')).toMatch(/v1: starts at .* outside its daily windows/);
    const short = edit((t) => ({ ...t, stops: t.stops.map((s, i) => (i === v1 ? { ...s, end: s.end - 60 } : s)) }));
    expect(checkFieldServicePlan(p, short).join('\n')).toMatch(/v1: lasts/);
    const toB: FieldServicePlan = { ...plan, tours: plan.tours.map((t) => ({ ...t, technician: 'b' })) };
    expect(checkFieldServicePlan(p, toB).join('\n')).toMatch(/needs gas ≥ 2/);
    const overlap = edit((t) => ({ ...t, breaks: [{ start: t.stops[0]!.start, end: t.stops[0]!.start + H }] }));
    expect(checkFieldServicePlan(p, overlap).join('\n')).toMatch(/overlaps the visit|outside its window/);
    const dropped = edit((t) => ({ ...t, stops: t.stops.slice(1) }));
    expect(checkFieldServicePlan(p, dropped).join('\n')).toMatch(/neither served nor unassigned/);
    const twice: FieldServicePlan = { ...plan, tours: [...plan.tours, tour] };
    expect(checkFieldServicePlan(p, twice).join('\n')).toMatch(/served twice/);
  });

  it('catches work after the shift and a moved fact', () => {
    const long = edit((t) => ({ ...t, end: { ...t.end, time: at(0, 18) } }));
    expect(checkFieldServicePlan(p, long).join('\n')).toMatch(/after the shift's end/);
    const withFact: FieldServiceProblem = {
      ...p,
      visits: p.visits.map((v) =>
        v.id === tour.stops[0]!.visit ? { ...v, status: 'started' as const, progress: { technician: 'a', since: tour.stops[0]!.start - 60 } } : v,
      ),
    };
    const asFact = edit((t) => ({ ...t, stops: t.stops.map((s, i) => (i === 0 ? { ...s, fixed: true } : s)) }));
    expect(checkFieldServicePlan(withFact, asFact).join('\n')).toMatch(/started visit .* moved/);
  });
});
