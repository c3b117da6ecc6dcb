import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { planFieldService } from '../../src/field-service/plan.ts';
import { at, H, D, place, planChecked, problem, reasonsOf, servedBy, shift, square, stopOf, tech, tourOf, visit } from './fixtures.ts';

/** Two technicians: `a` at the center, `b` 25 km east. Visits near the center go to `a` unless a rule says otherwise. */
const near = place(1, 0);
const a = (over = {}) => tech('a', over);
const b = (over = {}) => tech('b', { home: place(25, 0), ...over });
const quiet = { imbalance: 0 };

describe('planFieldService: hard constraints', () => {
  it('rejects a bad problem with the field path', () => {
    expect(() => planFieldService({ horizon: { days: 0 }, technicians: [], visits: [] })).toThrow(InputError);
  });

  it('plans nothing when there is nothing to plan', () => {
    const plan = planChecked(problem({ visits: [] }));
    expect(plan.tours).toEqual([]);
    expect(plan.kpis.balanceIndex).toBe(1);
  });

  it('skill levels: a visit needing hvac ≥ 2 goes to the technician at level 2, not the nearer one at level 1', () => {
    const p = problem({
      technicians: [a({ skills: { hvac: 1 } }), b({ skills: { hvac: 2 } })],
      visits: [visit('v', { location: near, skills: { hvac: 2 } })],
      weights: quiet,
    });
    expect(servedBy(planChecked(p), 'v')).toBe('b');
  });

  it('duration per skill level: the level-3 technician takes the shorter duration', () => {
    const v = visit('v', { location: near, duration: 3600, skills: { hvac: 1 }, durationByLevel: [{ skill: 'hvac', minLevel: 3, duration: 1800 }] });
    const fast = planChecked(problem({ technicians: [a({ skills: { hvac: 3 } })], visits: [v] }));
    const slow = planChecked(problem({ technicians: [a({ skills: { hvac: 2 } })], visits: [v] }));
    const length = (plan: typeof fast) => (stopOf(plan, 'v')?.end ?? 0) - (stopOf(plan, 'v')?.start ?? 0);
    expect(length(fast)).toBe(1800);
    expect(length(slow)).toBe(3600);
  });

  it('shifts: an afternoon visit goes to the technician who works the afternoon', () => {
    const p = problem({
      technicians: [a({ shifts: [shift(0, 8, 12)] }), b({ shifts: [shift(0, 13, 18)] })],
      visits: [visit('v', { location: near, windows: [[14 * H, 16 * H]] })],
      weights: quiet,
    });
    const plan = planChecked(p);
    expect(servedBy(plan, 'v')).toBe('b');
    expect(stopOf(plan, 'v')?.start).toBeGreaterThanOrEqual(at(0, 14));
  });

  it('split days: two shifts the same day are two tours', () => {
    const p = problem({
      technicians: [a({ shifts: [shift(0, 8, 12), shift(0, 14, 18)] })],
      visits: [visit('am', { location: near, windows: [[9 * H, 10 * H]] }), visit('pm', { location: near, windows: [[15 * H, 16 * H]] })],
    });
    const plan = planChecked(p);
    expect(tourOf(plan, 'am')?.shift).toBe(0);
    expect(tourOf(plan, 'pm')?.shift).toBe(1);
  });

  it('lunch break: a full day gets its lunch within the window, between visits', () => {
    const p = problem({
      technicians: [a({ shifts: [shift(0, 8, 18, [12, 14, 1])] })],
      visits: Array.from({ length: 6 }, (_, k) => visit(`v${k}`, { location: place(k, 1), duration: 3600 })),
    });
    const plan = planChecked(p);
    expect(plan.tours).toHaveLength(1);
    const lunch = plan.tours[0]!.breaks[0]!;
    expect(lunch.end - lunch.start).toBe(H);
    expect(lunch.start).toBeGreaterThanOrEqual(at(0, 12));
    expect(lunch.end).toBeLessThanOrEqual(at(0, 14));
  });

  it('absences: nobody works during one; a visit only possible then is unassigned', () => {
    const p = problem({
      technicians: [a({ absences: [{ start: at(0, 12), end: at(0, 17) }] })],
      visits: [visit('am', { location: near, windows: [[9 * H, 11 * H]] }), visit('pm', { location: near, windows: [[13 * H, 16 * H]] })],
    });
    const plan = planChecked(p);
    expect(servedBy(plan, 'am')).toBe('a');
    expect(reasonsOf(plan, 'pm')).toEqual(['time_window_unreachable']);
  });

  it('date range and daily windows: a visit due on days 1–2 between 9:00 and 10:00', () => {
    const p = problem({
      horizon: { days: 3 },
      technicians: [a({ shifts: [shift(0), shift(1), shift(2)] })],
      visits: [visit('v', { location: near, earliestDay: 1, latestDay: 2, windows: [[9 * H, 10 * H]] })],
    });
    const plan = planChecked(p);
    const stop = stopOf(plan, 'v');
    expect(tourOf(plan, 'v')?.day).toBeGreaterThanOrEqual(1);
    expect((stop?.start ?? 0) % D).toBeGreaterThanOrEqual(9 * H);
    expect((stop?.start ?? 0) % D).toBeLessThanOrEqual(10 * H);
  });

  it('hard sectors: a technician serves only visits in their own sectors', () => {
    const p = problem({
      sectors: [square('west', -50, -50, 0, 50), square('east', 0, -50, 50, 50)],
      sectorRule: 'hard',
      technicians: [a({ sectors: ['west'] }), b({ sectors: ['east'] })],
      visits: [visit('v', { location: place(1, 0) })],
      weights: quiet,
    });
    expect(servedBy(planChecked(p), 'v')).toBe('b');
  });

  it('secondary sectors count as own sectors under the hard rule', () => {
    const p = problem({
      sectors: [square('west', -50, -50, 0, 50), square('east', 0, -50, 50, 50)],
      sectorRule: 'hard',
      technicians: [a({ sectors: ['west'], secondarySectors: ['east'] }), b({ sectors: ['east'] })],
      visits: [visit('v', { location: place(1, 0) })],
      weights: { ...quiet, secondarySector: 0 },
    });
    expect(servedBy(planChecked(p), 'v')).toBe('a');
  });

  it('pinned to a technician, to a time, to both', () => {
    const p = problem({
      technicians: [a(), b()],
      visits: [
        visit('tech', { location: near, pin: { mode: 'technician', technician: 'b' } }),
        visit('time', { location: near, pin: { mode: 'time', start: at(0, 10.5) } }),
        visit('both', { location: place(2, 0), pin: { mode: 'technician_and_time', technician: 'b', start: at(0, 14) } }),
      ],
      weights: quiet,
    });
    const plan = planChecked(p);
    expect(servedBy(plan, 'tech')).toBe('b');
    expect(stopOf(plan, 'time')?.start).toBe(at(0, 10.5));
    expect(servedBy(plan, 'both')).toBe('b');
    expect(stopOf(plan, 'both')?.start).toBe(at(0, 14));
  });

  it('required and forbidden technicians', () => {
    const p = problem({
      technicians: [a(), b(), tech('c', { home: place(-25, 0) })],
      visits: [visit('req', { location: near, requiredTechnicians: ['c'] }), visit('forb', { location: near, forbiddenTechnicians: ['a'] })],
      weights: quiet,
    });
    const plan = planChecked(p);
    expect(servedBy(plan, 'req')).toBe('c');
    expect(servedBy(plan, 'forb')).not.toBe('a');
  });

  it('max overtime: a visit that needs overtime is served only when the technician may do it', () => {
    const long = visit('v', { location: near, duration: 2.5 * H });
    const none = planChecked(problem({ technicians: [a({ shifts: [shift(0, 8, 10)] })], visits: [long] }));
    expect(reasonsOf(none, 'v')).toEqual(['time_window_unreachable']);
    const some = planChecked(problem({ technicians: [a({ shifts: [shift(0, 8, 10)], maxOvertime: H })], visits: [long] }));
    expect(servedBy(some, 'v')).toBe('a');
    expect(some.tours[0]!.overtime).toBeGreaterThan(0);
    expect(some.kpis.overtime).toBe(some.tours[0]!.overtime);
  });

  it('priority: when the day is too short, the higher priority is served', () => {
    const p = problem({
      technicians: [a({ shifts: [shift(0, 8, 10)] })],
      visits: [visit('low', { location: place(1, 0), duration: 1.5 * H }), visit('high', { location: place(-1, 0), duration: 1.5 * H, priority: 80 })],
    });
    const plan = planChecked(p);
    expect(servedBy(plan, 'high')).toBe('a');
    expect(reasonsOf(plan, 'low')).toEqual(['day_capacity']);
  });

  it('facts: a started visit stays first at its time; done visits are left out', () => {
    const p = problem({
      technicians: [a(), b()],
      visits: [
        visit('started', { location: place(3, 0), duration: H, status: 'started', progress: { technician: 'b', since: at(0, 9) } }),
        visit('done', { location: place(2, 0), status: 'done', progress: { technician: 'a', since: at(0, 8.5) } }),
        visit('next', { location: place(3, 1) }),
      ],
      weights: quiet,
    });
    const plan = planChecked(p);
    const tour = tourOf(plan, 'started');
    expect(tour?.technician).toBe('b');
    expect(tour?.stops[0]).toMatchObject({ visit: 'started', start: at(0, 9), end: at(0, 10), fixed: true });
    expect(tourOf(plan, 'done')).toBeUndefined();
    expect(plan.unassigned.find((u) => u.visit === 'done')).toBeUndefined();
    // b is on site next door: the next visit is b's, after the started one.
    expect(servedBy(plan, 'next')).toBe('b');
    expect(stopOf(plan, 'next')?.start).toBeGreaterThanOrEqual(at(0, 10));
  });

  it('facts: an en-route visit is first, arriving after the travel from the start', () => {
    const p = problem({
      technicians: [a()],
      visits: [
        visit('enroute', { location: place(5, 0), status: 'en_route', progress: { technician: 'a', since: at(0, 8) } }),
        visit('other', { location: place(6, 0) }),
      ],
    });
    const plan = planChecked(p);
    const tour = plan.tours[0]!;
    expect(tour.stops.map((s) => s.visit)).toEqual(['enroute', 'other']);
    expect(tour.stops[0]!.fixed).toBe(true);
    expect(tour.stops[0]!.arrival).toBe(at(0, 8) + tour.stops[0]!.travelTime);
  });

  it('is deterministic for a seed', () => {
    const p = problem({
      technicians: [a(), b()],
      visits: Array.from({ length: 8 }, (_, k) => visit(`v${k}`, { location: place(k * 3, k % 3) })),
    });
    expect(planFieldService(p, { seed: 3, maxIterations: 200 })).toEqual(planFieldService(p, { seed: 3, maxIterations: 200 }));
  });
});

describe('the example', () => {
  it('engine/examples/plan.json plans feasibly', async () => {
    const { readFileSync } = await import('node:fs');
    const example = JSON.parse(readFileSync(new URL('../../examples/plan.json', import.meta.url), 'utf8'));
    const plan = planChecked(example);
    expect(plan.kpis.assigned).toBeGreaterThan(5);
    expect(plan.unassigned.map((u) => u.visit)).toEqual(['v-solar']);
  });
});
