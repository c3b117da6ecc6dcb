import { describe, expect, it } from 'vitest';
import { twoOptStar } from '../../../src/search/operators/two-opt-star.ts';
import type { Vehicle } from '../../../src/types.ts';
import { costWith, moveFixture } from '../../support/moves.ts';

const vehicles: Vehicle[] = [
  { id: 1, start_index: 0, end_index: 0 },
  { id: 2, start_index: 1, end_index: 1 },
];

describe('2-opt*', () => {
  // Both routes start near home and end near the other depot: exchanging their tails uncrosses them.
  const xs = [0, 100, 10, 90, 95, 5];
  const jobs = [
    { id: 1, location_index: 2 }, // 10
    { id: 2, location_index: 3 }, // 90
    { id: 3, location_index: 4 }, // 95
    { id: 4, location_index: 5 }, // 5
  ];

  it('exchanges the tails after u and from v', () => {
    const f = moveFixture(xs, vehicles, jobs, [
      [1, 2],
      [3, 4],
    ]);
    const move = twoOptStar.find(f.context, f.job(1), f.job(4));
    // 180 + 190 → (0 → 10 → 5 → 0 = 20) + (100 → 95 → 90 → 100 = 20).
    expect(move?.delta).toBe(-330);
    expect(move?.routes.map((r) => [r.route, f.ids(r.jobs)])).toEqual([
      [0, [1, 4]],
      [1, [3, 2]],
    ]);
    expect(costWith(f, move?.routes ?? []) - f.solution.objective().cost).toBe(move?.delta);
  });

  it('keeps directions: a tail is never reversed', () => {
    const f = moveFixture(xs, vehicles, jobs, [
      [1, 2],
      [3, 4],
    ]);
    for (const [u, v] of [
      [1, 3],
      [2, 3],
      [2, 4],
    ] as [number, number][]) {
      const move = twoOptStar.find(f.context, f.job(u), f.job(v));
      if (!move) continue;
      for (const r of move.routes) {
        const ids = f.ids(r.jobs);
        // Job 1 before job 2 and job 3 before job 4 whenever both are on one route.
        if (ids.includes(1) && ids.includes(2)) expect(ids.indexOf(1)).toBeLessThan(ids.indexOf(2));
        if (ids.includes(3) && ids.includes(4)) expect(ids.indexOf(3)).toBeLessThan(ids.indexOf(4));
      }
    }
  });

  it('refuses when a vehicle may not take the tail it would receive, and within one route', () => {
    const f = moveFixture(
      xs,
      [vehicles[0]!, { ...vehicles[1]!, skills: [] }],
      jobs.map((j) => (j.id === 2 ? { ...j, skills: [1] } : j)),
      [
        [1, 2],
        [3, 4],
      ],
    );
    expect(twoOptStar.find(f.context, f.job(1), f.job(4))).toBeNull();
    expect(twoOptStar.find(f.context, f.job(1), f.job(2))).toBeNull();
  });
});
