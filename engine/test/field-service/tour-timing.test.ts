import { describe, expect, it } from 'vitest';
import { Legs, StopPool, TourTimer, type TimingFrame } from '../../src/field-service/tour-timing.ts';
import { TravelTable } from '../../src/field-service/travel.ts';
import { parseInput } from '../../src/input/validate.ts';
import { compileProblem } from '../../src/problem/compile.ts';
import { Rng } from '../../src/rng.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import type { Input } from '../../src/types.ts';

/** A random day: L places on a line-ish matrix, jobs with one or two windows, a lunch break. */
function randomDay(rng: Rng, jobs: number) {
  const size = jobs + 1;
  const xy = Array.from({ length: size }, () => [rng.int(60), rng.int(60)]);
  const durations = xy.map((a) => xy.map((b) => 60 * (Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!))));
  const distances = durations.map((row) => row.map((d) => d * 14));
  const day0 = 8 * 3600;
  const windows = Array.from({ length: jobs }, () => {
    const a = day0 + rng.int(8) * 3600;
    const w: [number, number][] = [[a, a + 3600 * (1 + rng.int(3))]];
    if (rng.next() < 0.3) w.push([a + 5 * 3600, a + 6 * 3600]);
    return w;
  });
  const services = Array.from({ length: jobs }, () => 600 + rng.int(6) * 600);
  const lunch = { earliest: day0 + 3.5 * 3600, latest: day0 + 5.5 * 3600, duration: 2700 };
  const hardEnd = day0 + 10 * 3600 + rng.int(3) * 1800;
  const input: Input = {
    vehicles: [
      {
        id: 1,
        start_index: 0,
        end_index: 0,
        time_window: [day0, hardEnd],
        breaks: [{ id: 1, time_windows: [[lunch.earliest, lunch.latest]], service: lunch.duration }],
      },
    ],
    jobs: windows.map((w, j) => ({ id: j, location_index: j + 1, service: services[j], time_windows: w })),
    matrices: { car: { durations, distances } },
  };
  const table = TravelTable.of(
    xy.map((p) => [p[0], p[1]] as [number, number]),
    Float64Array.from(durations.flat()),
    Float64Array.from(distances.flat()),
  );
  const pool = new StopPool();
  windows.forEach((w, j) => pool.add(j + 1, services[j]!, Number.POSITIVE_INFINITY, w));
  const frame: TimingFrame = {
    originLoc: 0,
    originTime: day0,
    endLoc: 0,
    hardEnd,
    lunchEarliest: lunch.earliest,
    lunchLatest: lunch.latest,
    lunchDuration: lunch.duration,
  };
  return { input, table, pool, frame };
}

describe('TourTimer', () => {
  it('times sequences exactly as the core reference schedule does (lunch rule included)', () => {
    const rng = new Rng(7);
    let feasible = 0;
    for (let round = 0; round < 60; round++) {
      const { input, table, pool, frame } = randomDay(rng, 6);
      const core = compileProblem(parseInput(input));
      const timer = new TourTimer(new Legs(table), pool, 8);
      for (let s = 0; s < 20; s++) {
        const n = 1 + rng.int(6);
        const seq = rng.shuffle([0, 1, 2, 3, 4, 5]).slice(0, n);
        const ok = timer.run(frame, Int32Array.from(seq), n, false);
        const ref = scheduleRoute(core, core.vehicles[0]!, seq);
        expect(ok).toBe(ref.ok);
        if (!ref.ok) continue;
        feasible++;
        const jobs = ref.schedule.steps.filter((x) => x.kind === 'job');
        const brk = ref.schedule.steps.find((x) => x.kind === 'break');
        jobs.forEach((step, i) => {
          expect(timer.arrival[i]).toBe(step.arrival);
          expect(timer.start[i]).toBe(step.arrival + step.waiting);
        });
        expect(timer.endTime).toBe(ref.schedule.endTime);
        expect(timer.travel).toBe(ref.schedule.travel);
        expect(timer.distance).toBe(ref.schedule.distance);
        expect(timer.lunchStart).toBe(brk ? brk.arrival + brk.waiting : Number.NaN);
      }
    }
    expect(feasible).toBeGreaterThan(100);
  });

  it('pushes out a visit whose window has closed and, last first, visits that end the day too late', () => {
    const legs60 = [
      [0, 600, 600],
      [600, 0, 600],
      [600, 600, 0],
    ];
    const table = TravelTable.of(
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
      Float64Array.from(legs60.flat()),
      Float64Array.from(legs60.flat()),
    );
    const pool = new StopPool();
    const a = pool.add(1, 3600, Number.POSITIVE_INFINITY, [[0, 100_000]]);
    const b = pool.add(2, 3600, Number.POSITIVE_INFINITY, [[0, 1000]]);
    const timer = new TourTimer(new Legs(table), pool, 4);
    const frame: TimingFrame = { originLoc: 0, originTime: 0, endLoc: 0, hardEnd: 100_000, lunchEarliest: 0, lunchLatest: 0, lunchDuration: -1 };
    // b's window closes at 1000, long before a is done: b goes.
    expect(timer.run(frame, Int32Array.of(a, b), 2, true)).toBe(true);
    expect([...timer.served.slice(0, 2)]).toEqual([1, 0]);
    expect(timer.pushedOut).toBe(1);
    // Without push-out the same sequence is infeasible; keeping b makes it infeasible too.
    expect(timer.run(frame, Int32Array.of(a, b), 2, false)).toBe(false);
    expect(timer.run(frame, Int32Array.of(a, b), 2, true, 1)).toBe(false);
    // A day that must end by 5000: a then b' (open) does not fit; the last one goes.
    const c = pool.add(2, 3600, Number.POSITIVE_INFINITY, [[0, 100_000]]);
    expect(timer.run({ ...frame, hardEnd: 5000 }, Int32Array.of(a, c), 2, true)).toBe(true);
    expect([...timer.served.slice(0, 2)]).toEqual([1, 0]);
    expect(timer.endTime).toBe(600 + 3600 + 600);
  });
});
