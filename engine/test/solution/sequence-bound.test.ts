import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.ts';
import { costLowerBound, type Slice } from '../../src/solution/evaluate-slices.ts';
import { Route } from '../../src/solution/route.ts';
import { SequenceBound } from '../../src/solution/sequence-bound.ts';
import { compile } from '../support/fixtures.ts';
import { randomInstance, randomOrder } from '../support/random-instance.ts';

describe('SequenceBound', () => {
  it('sums exactly what costLowerBound sums for the same pieces (random instances, any vehicle, empty pieces included)', () => {
    const rng = new Rng(11);
    const bound = new SequenceBound();
    let compared = 0;
    for (let instance = 0; instance < 60; instance++) {
      const problem = compile(randomInstance(rng, { maxJobs: 9, maxVehicles: 3 }));
      const n = problem.jobs.length;
      // Two routes over a shuffle of the jobs (feasibility does not matter to a bound).
      const order = randomOrder(rng, n);
      const cut = rng.between(0, n);
      const routes = [order.slice(0, cut), order.slice(cut)].map((jobs, k) => {
        const route = new Route(problem, problem.vehicles[k % problem.vehicles.length]!);
        route.jobs = jobs;
        route.update();
        return route;
      });
      for (let trial = 0; trial < 20; trial++) {
        const pieces: Slice[] = [];
        for (let p = rng.between(0, 4); p > 0; p--) {
          const route = routes[rng.between(0, 1)]!;
          const from = rng.between(0, route.size);
          const to = rng.between(from, route.size);
          pieces.push({ route, from, to });
        }
        for (const vehicle of problem.vehicles) {
          bound.begin(problem, vehicle);
          for (const s of pieces) if (!('job' in s)) bound.piece(s.route, s.from, s.to);
          expect(bound.end()).toBe(costLowerBound(problem, vehicle, pieces));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
