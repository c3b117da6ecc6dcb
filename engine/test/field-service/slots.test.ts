import { describe, expect, it } from 'vitest';
import { planFieldService } from '../../src/field-service/plan.ts';
import { proposeSlots } from '../../src/field-service/slots.ts';
import { at, D, H, place, problem, shift, tech, visit } from './fixtures.ts';
import { checkFieldServicePlan } from '../support/check-field-service-plan.ts';

const week = () =>
  problem({
    horizon: { days: 3 },
    technicians: [
      tech('a', { skills: { gas: 2 }, shifts: [0, 1, 2].map((d) => shift(d, 8, 17, [12, 14, 0.75])) }),
      tech('b', { home: place(20, 0), skills: { gas: 1 }, shifts: [0, 1, 2].map((d) => shift(d, 8, 17, [12, 14, 0.75])) }),
    ],
    visits: Array.from({ length: 10 }, (_, k) => visit(`v${k}`, { location: place(k * 2, k % 3), duration: H, earliestDay: k % 3, latestDay: k % 3 })),
  });

describe('proposeSlots', () => {
  it('proposes the best N slots, cheapest first, each window holding its expected arrival', () => {
    const p = week();
    const plan = planFieldService(p, { maxIterations: 200 });
    expect(checkFieldServicePlan(p, plan)).toEqual([]);
    const request = visit('call', { location: place(3, 1), duration: H });
    const slots = proposeSlots(p, plan, { visit: request, count: 4 });
    expect(slots.length).toBe(4);
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.cost).toBeGreaterThanOrEqual(slots[i - 1]!.cost);
    for (const s of slots) {
      expect(s.eta).toBeGreaterThanOrEqual(s.window[0]);
      expect(s.eta).toBeLessThanOrEqual(s.window[1]);
      expect(s.window[1] - s.window[0]).toBe(2 * H);
      expect(Math.floor(s.eta / D)).toBe(s.day);
    }
    const keys = slots.map((s) => `${s.day}@${s.window[0]}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('respects the visit’s days, skills and windows, and the call time', () => {
    const p = week();
    const plan = planFieldService(p, { maxIterations: 200 });
    const request = visit('call', { location: place(3, 1), skills: { gas: 2 }, earliestDay: 1, latestDay: 2, windows: [[13 * H, 17 * H]] });
    const slots = proposeSlots(p, plan, { visit: request, count: 10, state: { now: at(1, 14) } });
    expect(slots.length).toBeGreaterThan(0);
    for (const s of slots) {
      expect(s.technician).toBe('a');
      expect(s.day).toBeGreaterThanOrEqual(1);
      expect(s.eta).toBeGreaterThanOrEqual(at(1, 14));
      expect(s.eta % D).toBeGreaterThanOrEqual(13 * H);
    }
  });

  it('a booked slot can be planned: the visit with the slot as its window fits', () => {
    const p = week();
    const plan = planFieldService(p, { maxIterations: 200 });
    const slot = proposeSlots(p, plan, { visit: visit('call', { location: place(3, 1) }), count: 1 })[0]!;
    const booked = visit('call', {
      location: place(3, 1),
      earliestDay: slot.day,
      latestDay: slot.day,
      windows: [[slot.window[0] - slot.day * D, slot.window[1] - slot.day * D]],
    });
    const withBooking = { ...p, visits: [...p.visits, booked] };
    const replanned = planFieldService(withBooking, { maxIterations: 200 });
    expect(checkFieldServicePlan(withBooking, replanned)).toEqual([]);
    expect(replanned.tours.some((t) => t.stops.some((s) => s.visit === 'call'))).toBe(true);
  });
});
