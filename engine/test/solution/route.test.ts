import { describe, expect, it } from 'vitest';
import type { Problem, VehicleData } from '../../src/problem/model.ts';
import { Rng } from '../../src/rng.ts';
import { Route } from '../../src/solution/route.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';
import { randomInstance, randomOrder } from '../support/random-instance.ts';

function routeOf(problem: Problem, v: number, jobs: number[]): Route {
  const route = new Route(problem, problem.vehicles[v]!);
  route.jobs = jobs;
  route.update();
  return route;
}

describe('Route caches on a hand-made route', () => {
  // Depot 0; jobs on a line at 10, 30 (window [100, 150], setup 5) and 60 (same place as job 3).
  const problem = compile({
    vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [6], time_window: [0, 400], costs: { per_km: 1 } }],
    jobs: [
      { id: 1, location_index: 1, service: 5, delivery: [4] },
      { id: 2, location_index: 2, setup: 5, service: 10, time_windows: [[100, 150]], pickup: [3] },
      { id: 3, location_index: 3, setup: 7, service: 2, delivery: [1], pickup: [2] },
      { id: 4, location_index: 3, setup: 7, service: 2 },
    ],
    matrices: { car: { durations: lineMatrix([0, 10, 30, 60]), distances: lineMatrix([0, 100, 300, 600]) } },
  });
  const route = routeOf(problem, 0, [0, 1, 2, 3]);

  it('caches the earliest departures and cumulated travel, distance and cost', () => {
    // Job 1: 10 → 15. Job 2: 35, waits to 100, 5 + 10 → 115. Job 3: 145 + 7 + 2 → 154. Job 4 (same place): 154 + 2 → 156. End 216.
    expect([...route.dep.subarray(0, 4)]).toEqual([15, 115, 154, 156]);
    expect([...route.cumTravel.subarray(0, 4)]).toEqual([10, 30, 60, 60]);
    expect([...route.cumDistance.subarray(0, 4)]).toEqual([100, 300, 600, 600]);
    // 1 per second plus 1 per km: 60 s and 600 m to job 4 give 60.6.
    expect(route.cumCost[3]).toBeCloseTo(60.6, 9);
    expect([route.travel, route.distance]).toEqual([120, 1200]);
    expect(route.cost).toBeCloseTo(121.2, 9);
    expect(route.feasible).toBe(true);
  });

  it('caches the latest completion of each node that keeps the rest feasible', () => {
    // Back by 400: job 4 done by 340, started by 338 (same place: no setup), so job 3 done by 338;
    // job 3 starts by 329 (setup 7 + service 2), so job 2 done by 299.
    // Job 2 itself must start by 150 (its window), 20 s after job 1: job 1 done by 130.
    expect([...route.latestEnd.subarray(0, 4)]).toEqual([130, 299, 338, 340]);
    // Job 1 starts by 125 (5 s of service), 10 s from the depot.
    expect(route.latestDeparture).toBe(115);
  });

  it('caches loads after each node with prefix and suffix maxima', () => {
    expect([...route.startLoad]).toEqual([5]);
    expect([...route.cumDelivery.subarray(0, 4)]).toEqual([4, 4, 5, 5]);
    expect([...route.loadAfter.subarray(0, 4)]).toEqual([1, 4, 5, 5]);
    expect([...route.prefixMaxLoad.subarray(0, 4)]).toEqual([5, 5, 5, 5]);
    expect([...route.suffixMaxLoad.subarray(0, 4)]).toEqual([5, 5, 5, 5]);
  });

  it('reports infeasibility for windows and capacity', () => {
    // Job 4, job 3, job 1, then job 2 at 146 ≤ 150.
    expect(routeOf(problem, 0, [3, 2, 0, 1]).feasible).toBe(true);
    // Job 3, job 1, job 4, then job 2 at 213: its window is over.
    expect(routeOf(problem, 0, [2, 0, 3, 1]).feasible).toBe(false);
    // Picking up 3 before unloading 4: 7 > 6 on board.
    expect(routeOf(problem, 0, [1, 0]).feasible).toBe(false);
  });

  it('is free and always feasible when empty', () => {
    const empty = routeOf(problem, 0, []);
    expect([empty.cost, empty.size, empty.feasible, empty.latestDeparture]).toEqual([0, 0, true, 400]);
  });
});

/** A copy of `vehicle` that starts where node i is and only checks time: the rest of a route after node i. */
function restAfter(problem: Problem, vehicle: VehicleData, loc: number): VehicleData {
  return {
    ...vehicle,
    startLoc: loc,
    capacity: new Float64Array(problem.dimensions).fill(Number.POSITIVE_INFINITY),
    maxTasks: Number.POSITIVE_INFINITY,
    maxTravelTime: Number.POSITIVE_INFINITY,
    maxDistance: Number.POSITIVE_INFINITY,
  };
}

describe('Route caches agree with re-scheduling (random instances)', () => {
  it('dep, cumulated travel and loads match scheduleRoute; latestEnd and latestDeparture are tight', () => {
    const failures: string[] = [];
    let checkedNodes = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const rng = new Rng(seed);
      const problem = compile(randomInstance(rng, { metric: seed % 2 === 0, noSkills: true, setup: true }));
      for (let trial = 0; trial < 6; trial++) {
        const v = rng.int(problem.vehicles.length);
        const vehicle = problem.vehicles[v]!;
        const jobs = randomOrder(rng, problem.jobs.length).slice(0, rng.between(1, problem.jobs.length));
        const route = routeOf(problem, v, jobs.slice());
        const reference = scheduleRoute(problem, vehicle, jobs);
        const fail = (what: string) => failures.push(`seed ${seed}, vehicle ${v}, [${jobs}]: ${what}`);
        if (route.feasible !== reference.ok) fail(`feasible ${route.feasible}`);
        if (!reference.ok) continue;
        const s = reference.schedule;
        if (Math.abs(route.cost - s.cost) > 1e-6) fail(`cost ${route.cost}, expected ${s.cost}`);
        if (route.travel !== s.travel || route.distance !== s.distance) fail('travel or distance');
        const dims = problem.dimensions;
        if (![...route.startLoad].every((x, d) => x === s.startLoad[d])) fail('start load');
        const prefix = [...s.startLoad];
        for (let i = 0; i < jobs.length; i++) {
          const step = s.steps[i]!;
          if (route.dep[i] !== step.arrival + step.waiting + step.setup + step.service) fail(`dep[${i}] ${route.dep[i]}`);
          if (route.cumTravel[i] !== step.travel) fail(`cumTravel[${i}]`);
          if (route.cumDistance[i] !== step.distance) fail(`cumDistance[${i}]`);
          for (let d = 0; d < dims; d++) {
            prefix[d] = Math.max(prefix[d]!, step.load[d]!);
            const suffix = Math.max(...s.steps.slice(i).map((x) => x.load[d]!));
            if (route.loadAfter[i * dims + d] !== step.load[d]) fail(`loadAfter[${i}]`);
            if (route.prefixMaxLoad[i * dims + d] !== prefix[d]) fail(`prefixMaxLoad[${i}]`);
            if (route.suffixMaxLoad[i * dims + d] !== suffix) fail(`suffixMaxLoad[${i}]`);
          }
          // latestEnd[i]: the rest of the route is feasible when node i completes then, not a second later.
          const rest = restAfter(problem, vehicle, problem.jobs[jobs[i]!]!.loc);
          const after = jobs.slice(i + 1);
          const latest = route.latestEnd[i]!;
          if (latest < route.dep[i]!) fail(`latestEnd[${i}] ${latest} before dep ${route.dep[i]}`);
          // After the last node only the drive to the end remains (an empty sequence is an unused vehicle: always fine).
          const feasibleFrom = (departure: number): boolean =>
            after.length > 0
              ? scheduleRoute(problem, rest, after, departure).ok
              : departure + (rest.endLoc >= 0 ? rest.travel.durations.data[rest.startLoc * rest.travel.durations.size + rest.endLoc]! : 0) <= rest.twEnd;
          if (latest === Number.POSITIVE_INFINITY) {
            if (!feasibleFrom(1e9)) fail(`latestEnd[${i}] is +∞ but the rest has a deadline`);
          } else {
            if (!feasibleFrom(latest)) fail(`latestEnd[${i}] ${latest} is too late`);
            if (feasibleFrom(latest + 1)) fail(`latestEnd[${i}] ${latest} is not the latest`);
          }
          checkedNodes++;
        }
        // Leaving at latestDeparture is still feasible, a second later is not (when there is a start to leave).
        if (vehicle.startLoc >= 0 && route.latestDeparture < Number.POSITIVE_INFINITY) {
          if (!scheduleRoute(problem, vehicle, jobs, route.latestDeparture).ok) fail(`latestDeparture ${route.latestDeparture} too late`);
          if (scheduleRoute(problem, vehicle, jobs, route.latestDeparture + 1).ok) fail(`latestDeparture ${route.latestDeparture} not the latest`);
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(checkedNodes).toBeGreaterThan(300);
  });

  it('agrees on feasibility and cost with scheduleRoute for vehicles with breaks', () => {
    let feasible = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const rng = new Rng(1000 + seed);
      const problem = compile(randomInstance(rng, { breaks: true, noSkills: true }));
      for (let trial = 0; trial < 5; trial++) {
        const v = rng.int(problem.vehicles.length);
        const jobs = randomOrder(rng, problem.jobs.length).slice(0, rng.between(1, problem.jobs.length));
        const route = routeOf(problem, v, jobs.slice());
        const reference = scheduleRoute(problem, problem.vehicles[v]!, jobs);
        expect(route.feasible).toBe(reference.ok);
        if (reference.ok) {
          feasible++;
          expect(route.cost).toBeCloseTo(reference.schedule.cost, 6);
        }
      }
    }
    expect(feasible).toBeGreaterThan(50);
  });
});
