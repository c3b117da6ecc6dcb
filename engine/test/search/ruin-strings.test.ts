import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/rng.ts';
import { DEFAULT_STRING_REMOVAL, ruinStrings } from '../../src/search/ruin-strings.ts';
import { scheduleRoute } from '../../src/solution/schedule.ts';
import { Solution } from '../../src/solution/solution.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

// Three vans, 12 jobs spread on a line; no constraints, so every subsequence is feasible.
const problem = compile({
  vehicles: [1, 2, 3].map((id) => ({ id, start_index: 0, end_index: 0 })),
  jobs: Array.from({ length: 12 }, (_, k) => ({ id: k + 1, location_index: k + 1 })),
  matrices: { car: { durations: lineMatrix([0, ...Array.from({ length: 12 }, (_, k) => 10 * (k + 1))]) } },
});

function filled(): Solution {
  const solution = new Solution(problem);
  solution.setJobs(0, [0, 1, 2, 3]);
  solution.setJobs(1, [4, 5, 6, 7]);
  solution.setJobs(2, [8, 9, 10, 11]);
  return solution;
}

/** Positions of `kept` in `original`, which must be increasing (a subsequence). */
function isSubsequence(kept: readonly number[], original: readonly number[]): boolean {
  let k = 0;
  for (const j of original) if (k < kept.length && kept[k] === j) k++;
  return k === kept.length;
}

describe('ruinStrings', () => {
  it('removes strings of jobs, unassigns them, and keeps the rest in order with fresh caches', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const solution = filled();
      const before = solution.snapshot();
      const touched = new Map<number, number[]>();
      const removed = ruinStrings(problem, solution, new Rng(seed), DEFAULT_STRING_REMOVAL, (r) => {
        if (!touched.has(r)) touched.set(r, solution.routes[r]!.jobs.slice());
      });
      expect(removed.length).toBeGreaterThan(0);
      expect(new Set(removed).size).toBe(removed.length);
      for (const j of removed) expect(solution.routeOf[j]).toBe(-1);
      solution.routes.forEach((route, r) => {
        expect(isSubsequence(route.jobs, before[r]!)).toBe(true);
        const lost = before[r]!.filter((j) => !route.jobs.includes(j));
        if (lost.length > 0) {
          // Every changed route was reported, as it was before the change.
          expect(touched.get(r)).toEqual(before[r]);
          for (const j of lost) expect(removed).toContain(j);
          // A string, or a split string: at most two runs of removed jobs.
          const runs = before[r]!.filter((j, i) => lost.includes(j) && (i === 0 || !lost.includes(before[r]![i - 1]!))).length;
          expect(runs).toBeLessThanOrEqual(2);
        }
        const reference = scheduleRoute(problem, route.vehicle, route.jobs);
        expect(reference.ok).toBe(true);
        if (reference.ok && route.jobs.length > 0) expect(route.cost).toBeCloseTo(reference.schedule.cost, 9);
        if (route.jobs.length === 0) expect(route.cost).toBe(0);
      });
    }
  });

  it('removes nothing from an empty solution', () => {
    const solution = new Solution(problem);
    expect(ruinStrings(problem, solution, new Rng(1), DEFAULT_STRING_REMOVAL, () => {})).toEqual([]);
  });

  it('is reproducible for a seed', () => {
    const run = () => ruinStrings(problem, filled(), new Rng(9), DEFAULT_STRING_REMOVAL, () => {});
    expect(run()).toEqual(run());
  });

  it('removes on average about what it is asked for', () => {
    let total = 0;
    for (let seed = 1; seed <= 200; seed++) {
      total += ruinStrings(problem, filled(), new Rng(seed), { averageRemoved: 3, maxStringLength: 4, splitRate: 0.5 }, () => {}).length;
    }
    const average = total / 200;
    expect(average).toBeGreaterThan(1.5);
    expect(average).toBeLessThan(6);
  });
});
