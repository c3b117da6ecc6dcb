// Where a simulated technician is along a planned day.
import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../src/demo/geo.ts';
import { buildTimeline, driveMs, LEAD_IN_MS, positionAt, stopPhase, type StopPlan } from '../../src/demo/simulator/timeline.ts';

const home = { lat: 43.5283, lon: 5.44973 }; // Aix
const gardanne = { lat: 43.45491, lon: 5.46913 };
const fuveau = { lat: 43.45578, lon: 5.56149 };
const h = (hh: number, mm = 0) => Date.UTC(2026, 5, 15, hh - 2, mm); // Paris summer time

const plans: StopPlan[] = [
  { interventionId: 'a', location: gardanne, arrival: h(9), start: h(9), end: h(10), durationMinutes: 60, travelSeconds: 900 },
  { interventionId: 'b', location: fuveau, arrival: h(10, 30), start: h(10, 45), end: h(11, 45), durationMinutes: 60, travelSeconds: null },
];

describe('timeline', () => {
  const timeline = buildTimeline(home, plans)!;

  it('leaves home in time for the first arrival and comes back after the last stop', () => {
    expect(timeline.stops.map((s) => s.departure)).toEqual([h(8, 45), h(10, 30) - driveMs(gardanne, fuveau)]);
    expect(timeline.activeFrom).toBe(h(8, 45) - LEAD_IN_MS);
    expect(timeline.activeTo).toBe(h(11, 45) + driveMs(fuveau, home));
  });

  it.each([
    ['before the day', h(7), null],
    ['at home before leaving', h(8, 40), 'home'],
    ['on site', h(9, 30), 'gardanne'],
    ['waiting at the second stop before starting', h(10, 40), 'fuveau'],
  ] as const)('%s', (_label, t, where) => {
    const fix = positionAt(timeline, t);
    if (where === null) return expect(fix).toBeNull();
    const target = { home, gardanne, fuveau }[where];
    expect(distanceMeters(fix!, target)).toBeLessThan(1);
    expect(fix!.speed).toBe(0);
    expect(fix!.heading).toBeNull();
  });

  it('drives in between, heading for the stop at road speed', () => {
    const fix = positionAt(timeline, h(8, 52))!;
    expect(distanceMeters(fix, home)).toBeGreaterThan(500);
    expect(distanceMeters(fix, gardanne)).toBeGreaterThan(500);
    expect(fix.heading).toBeGreaterThan(150); // southwards
    expect(fix.heading).toBeLessThan(200);
    expect(fix.speed).toBeGreaterThan(5);
    const later = positionAt(timeline, h(8, 58))!;
    expect(distanceMeters(later, gardanne)).toBeLessThan(distanceMeters(fix, gardanne));
  });

  it('gives each stop its phase', () => {
    const [a] = timeline.stops;
    expect([h(8), h(8, 50), h(9, 10), h(10, 1)].map((t) => stopPhase(a!, t))).toEqual(['before', 'en_route', 'on_site', 'done']);
  });

  it('has nothing to follow without planned times', () => {
    expect(buildTimeline(home, [{ ...plans[0]!, arrival: null, start: null }])).toBeNull();
  });
});
