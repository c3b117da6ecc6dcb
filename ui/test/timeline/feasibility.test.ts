import { describe, expect, it } from 'vitest';
import { previewMove, type TargetDay } from '../../src/timeline/feasibility.ts';
import { travel } from '../../src/geo/travel.ts';

const aix = { lat: 43.53, lon: 5.45 };
const gardanne = { lat: 43.45, lon: 5.47 };
const pertuis = { lat: 43.69, lon: 5.5 };

const day: TargetDay = {
  technicianId: 't',
  home: aix,
  shift: { start: 480, end: 1020, breakMinutes: 60 },
  skills: [{ skillId: 'hp', level: 3 }],
  visits: [
    { interventionId: 'a', at: aix, start: 540, end: 600 },
    { interventionId: 'b', at: gardanne, start: 630, end: 690 },
  ],
};

describe('previewMove', () => {
  it('uses the engine rule: great circle × 1.3 at 50 km/h', () => {
    const { meters, seconds } = travel(aix, pertuis);
    expect(meters).toBeGreaterThan(18_000 * 1.3);
    expect(seconds).toBe(Math.round(meters / (50_000 / 3600)));
  });

  it('inserts by time, arrives after the previous visit and its travel, and counts extra travel', () => {
    const p = previewMove(day, { interventionId: 'x', at: pertuis, durationMinutes: 30 }, 605);
    expect(p.position).toBe(1);
    const leg = travel(aix, pertuis).seconds / 60;
    expect(p.arrival).toBeCloseTo(600 + leg, 5);
    expect(p.start).toBeCloseTo(Math.max(605, 600 + leg), 5);
    expect(p.extraTravelSeconds).toBe(travel(aix, pertuis).seconds + travel(pertuis, gardanne).seconds - travel(aix, gardanne).seconds);
    // Pertuis is ~20 min away: the 10:30 visit in Gardanne is pushed back.
    expect(p.delayedVisits).toBe(1);
    expect(p.verdict).toBe('warning');
  });

  it('is ok at the end of a free afternoon', () => {
    const p = previewMove(day, { interventionId: 'x', at: gardanne, durationMinutes: 60 }, 840);
    expect(p.position).toBe(2);
    expect(p.start).toBe(840);
    expect(p.verdict).toBe('ok');
    expect(p.problems).toEqual([]);
  });

  it('blocks a technician without the skill, and one without a shift', () => {
    const needsPool = { interventionId: 'x', at: gardanne, durationMinutes: 60, requiredSkills: [{ skillId: 'pool', minLevel: 1 }] };
    expect(previewMove(day, needsPool, 840)).toMatchObject({ verdict: 'blocked', problems: ['missing_skill'] });
    expect(previewMove({ ...day, shift: null }, { interventionId: 'x', at: gardanne, durationMinutes: 60 }, 840).problems).toContain('no_shift');
  });

  it('warns about overtime, a missed deadline and a start outside the windows', () => {
    const p = previewMove(day, { interventionId: 'x', at: pertuis, durationMinutes: 120, deadline: 900, windows: [{ start: 480, end: 720 }] }, 960);
    expect(p.problems).toEqual(['overtime', 'late_for_deadline', 'outside_window']);
    expect(p.overtimeMinutes).toBeGreaterThan(60);
    expect(p.verdict).toBe('warning');
  });
});
