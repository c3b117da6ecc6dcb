import { describe, expect, it } from 'vitest';
import { coordinateLeg, DEFAULT_COORDINATE_TRAVEL, greatCircleMeters } from '../../src/problem/coordinate-travel.ts';

describe('greatCircleMeters', () => {
  it('is zero between a point and itself and symmetric', () => {
    expect(greatCircleMeters([2.35, 48.85], [2.35, 48.85])).toBe(0);
    const a = [2.35, 48.85] as const;
    const b = [4.83, 45.76] as const;
    expect(greatCircleMeters(a, b)).toBeCloseTo(greatCircleMeters(b, a), 6);
  });

  it('gives 1/360 of the Earth circumference for one degree along a meridian', () => {
    // 2π × 6 371 008.8 m / 360 = 111 195.08 m
    expect(greatCircleMeters([0, 0], [0, 1])).toBeCloseTo(111_195.08, 1);
    // Along a parallel at 60°N a degree of longitude is about half as long.
    expect(greatCircleMeters([0, 60], [1, 60]) / greatCircleMeters([0, 0], [1, 0])).toBeCloseTo(0.5, 3);
  });

  it('matches the known Paris–Lyon distance (≈ 392 km as the crow flies)', () => {
    const km = greatCircleMeters([2.3522, 48.8566], [4.8357, 45.764]) / 1000;
    expect(km).toBeGreaterThan(390);
    expect(km).toBeLessThan(394);
  });
});

describe('coordinateLeg', () => {
  it('stretches by the road factor and drives at 50 km/h, rounding metres and seconds separately', () => {
    expect(DEFAULT_COORDINATE_TRAVEL).toEqual({ roadFactor: 1.3, speedKmh: 50 });
    const leg = coordinateLeg([0, 0], [0, 1]);
    const road = 111_195.0802 * 1.3; // 144 553.6 m
    expect(leg.distance).toBe(Math.round(road));
    expect(leg.duration).toBe(Math.round(road / (50 / 3.6))); // 10 408 s
  });

  it('accepts another model', () => {
    const leg = coordinateLeg([0, 0], [0, 1], { roadFactor: 1, speedKmh: 36 });
    expect(leg.distance).toBe(111_195);
    expect(leg.duration).toBe(11_120); // 10 m/s
  });
});
