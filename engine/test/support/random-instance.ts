import type { Rng } from '../../src/rng.ts';
import type { Break, Input, Job, TimeWindow, Vehicle } from '../../src/types.ts';

/**
 * Random small VRPTW instances for the consistency properties, drawn from the
 * engine's own seeded Rng so that a failure names a seed that reproduces it.
 */
export interface RandomInstanceOptions {
  readonly maxJobs?: number;
  readonly maxVehicles?: number;
  /** Give some vehicles breaks (with windows, service and sometimes max_load). */
  readonly breaks?: boolean;
  /** Give some jobs a setup time; several jobs share locations so setups are waived now and then. */
  readonly setup?: boolean;
  /**
   * Travel times and distances from points of a plane, so that the triangle
   * inequality holds (rounding is absorbed by the +1 of every leg) and
   * removing a job never lengthens a route. Otherwise random, non-metric matrices.
   */
  readonly metric?: boolean;
  /** Make every vehicle share vehicle 0's end, closing time, costs and speed (same timing key). */
  readonly sameTiming?: boolean;
  /** Drop skills, so that any vehicle may serve any job. */
  readonly noSkills?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function randomInstance(rng: Rng, options: RandomInstanceOptions = {}): Input {
  const locations = rng.between(3, 7);
  const points = Array.from({ length: locations }, () => [rng.between(0, 100), rng.between(0, 100)] as const);
  const durations = points.map((a, i) =>
    points.map((b, k) => {
      if (i === k) return 0;
      return options.metric ? Math.round(Math.hypot(a[0] - b[0], a[1] - b[1])) + 1 : rng.between(1, 120);
    }),
  );
  // Distances proportional to durations keep the triangle inequality of metric instances.
  const metresPerSecond = rng.between(5, 15);
  const distances = durations.map((row) => row.map((t) => (options.metric ? t * metresPerSecond : t * rng.between(5, 15))));

  const jobCount = rng.between(2, options.maxJobs ?? 7);
  const jobs: Mutable<Job>[] = [];
  for (let k = 0; k < jobCount; k++) {
    const job: Mutable<Job> = { id: 100 + k, location_index: rng.int(locations) };
    if (rng.next() < 0.5) job.service = rng.between(0, 30);
    if (options.setup !== false && rng.next() < 0.4) job.setup = rng.between(0, 20);
    if (rng.next() < 0.5) job.delivery = [rng.between(0, 4)];
    if (rng.next() < 0.5) job.pickup = [rng.between(0, 4)];
    if (rng.next() < 0.5) job.time_windows = randomWindows(rng, rng.between(1, 3));
    if (rng.next() < 0.2) job.priority = rng.between(0, 10);
    if (!options.noSkills && rng.next() < 0.2) job.skills = [rng.between(1, 2)];
    jobs.push(job);
  }

  const vehicleCount = rng.between(1, options.maxVehicles ?? 3);
  const vehicles: Mutable<Vehicle>[] = [];
  for (let k = 0; k < vehicleCount; k++) {
    const v: Mutable<Vehicle> = { id: k + 1 };
    const ends = rng.next();
    if (ends < 0.7) {
      v.start_index = rng.int(locations);
      v.end_index = rng.int(locations);
    } else if (ends < 0.85) {
      v.start_index = rng.int(locations);
    } else {
      v.end_index = rng.int(locations);
    }
    if (rng.next() < 0.6) v.capacity = [rng.between(2, 10)];
    if (rng.next() < 0.5) v.time_window = [0, rng.between(200, 800)];
    if (rng.next() < 0.3) v.max_tasks = rng.between(1, 4);
    if (rng.next() < 0.2) v.max_travel_time = rng.between(50, 400);
    if (rng.next() < 0.2) v.max_distance = rng.between(500, 4000);
    if (rng.next() < 0.2) v.speed_factor = [0.5, 1.5, 2][rng.int(3)];
    if (rng.next() < 0.3) v.costs = { fixed: rng.between(0, 100), per_hour: rng.between(1000, 5000), per_km: rng.between(0, 5) };
    if (!options.noSkills && rng.next() < 0.5) v.skills = [1, 2].filter(() => rng.next() < 0.7);
    if (options.breaks && rng.next() < 0.6) v.breaks = randomBreaks(rng);
    vehicles.push(v);
  }
  if (options.sameTiming) {
    const first = vehicles[0]!;
    for (const v of vehicles.slice(1)) {
      if (first.end_index === undefined) delete v.end_index;
      else v.end_index = first.end_index;
      if (v.start_index === undefined && v.end_index === undefined) v.start_index = rng.int(locations);
      v.time_window = first.time_window;
      v.costs = first.costs;
      v.speed_factor = first.speed_factor;
      v.breaks = first.breaks;
    }
  }

  // Validation wants every amount of the input to have the same number of dimensions.
  const hasAmounts = jobs.some((j) => j.delivery || j.pickup) || vehicles.some((v) => v.capacity || v.breaks?.some((b) => b.max_load));
  if (hasAmounts) {
    for (const j of jobs) {
      j.delivery ??= [0];
      j.pickup ??= [0];
    }
  }
  return { jobs, vehicles, matrices: { car: { durations, distances } } };
}

function randomWindows(rng: Rng, count: number): TimeWindow[] {
  const windows: TimeWindow[] = [];
  let t = rng.between(0, 150);
  for (let w = 0; w < count; w++) {
    const end = t + rng.between(0, 100);
    windows.push([t, end]);
    t = end + rng.between(1, 100);
  }
  return windows;
}

function randomBreaks(rng: Rng): Break[] {
  const start = rng.between(0, 300);
  const first: Mutable<Break> = { id: 1, service: rng.between(0, 40), time_windows: [[start, start + rng.between(0, 150)]] };
  if (rng.next() < 0.3) first.max_load = [rng.between(0, 6)];
  const breaks: Break[] = [first];
  if (rng.next() < 0.3) breaks.push({ id: 2, service: 10, time_windows: [[start + 200, start + 300]] });
  return breaks;
}

/** A random order of `n` job indices. */
export function randomOrder(rng: Rng, n: number): number[] {
  return rng.shuffle([...Array(n).keys()]);
}
