import { describe, expect, it } from 'vitest';
import { earliestStart, latestStart } from '../../src/solution/time-windows.ts';

const tw = Float64Array.of(10, 20, 50, 60, 100, 100);

describe('earliestStart', () => {
  it('waits for the first window whose end is not passed', () => {
    expect(earliestStart(tw, 0)).toBe(10);
    expect(earliestStart(tw, 15)).toBe(15);
    expect(earliestStart(tw, 20)).toBe(20); // ends are inclusive
    expect(earliestStart(tw, 21)).toBe(50); // between windows: the next one
    expect(earliestStart(tw, 61)).toBe(100); // a zero-length window still counts
    expect(earliestStart(tw, 100)).toBe(100);
  });

  it('is NaN once every window has closed', () => {
    expect(earliestStart(tw, 100.5)).toBeNaN();
    expect(earliestStart(Float64Array.of(0, 5), 6)).toBeNaN();
  });

  it('never closes without windows ([0, +∞))', () => {
    expect(earliestStart(Float64Array.of(0, Infinity), 1e12)).toBe(1e12);
  });
});

describe('latestStart', () => {
  it('is the latest start in a window finishing by latestEnd', () => {
    expect(latestStart(tw, 0, 1000)).toBe(100);
    expect(latestStart(tw, 5, 80)).toBe(60); // the end of the second window
    expect(latestStart(tw, 5, 60)).toBe(55); // inside the second window
    expect(latestStart(tw, 5, 54)).toBe(20); // the second window is too late: the first one's end
    expect(latestStart(tw, 5, 17)).toBe(12);
  });

  it('is -∞ when even the first window cannot finish in time', () => {
    expect(latestStart(tw, 5, 14)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('agrees with earliestStart: every arrival up to it is feasible, any later one is not', () => {
    const disagreements: string[] = [];
    for (const duration of [0, 3, 12]) {
      for (let latestEnd = 0; latestEnd <= 130; latestEnd++) {
        const last = latestStart(tw, duration, latestEnd);
        for (let arrival = 0; arrival <= 120; arrival += 0.5) {
          const start = earliestStart(tw, arrival);
          const feasible = !Number.isNaN(start) && start + duration <= latestEnd;
          if (feasible !== arrival <= last) disagreements.push(`duration ${duration}, latestEnd ${latestEnd}, arrival ${arrival}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
