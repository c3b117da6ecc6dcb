import { describe, expect, it } from 'vitest';
import { crossExchangeOperator } from '../../../src/search/operators/cross-exchange.ts';
import type { Vehicle } from '../../../src/types.ts';
import { costWith, moveFixture } from '../../support/moves.ts';

// Vehicle 1 at 0, vehicle 2 at 100: each serves jobs on the other's side.
const vehicles: Vehicle[] = [
  { id: 1, start_index: 0, end_index: 0 },
  { id: 2, start_index: 1, end_index: 1 },
];

describe('swap (cross-exchange 1-1)', () => {
  it('exchanges two jobs between routes', () => {
    const f = moveFixture(
      [0, 100, 95, 5],
      vehicles,
      [
        { id: 1, location_index: 2 },
        { id: 2, location_index: 3 },
      ],
      [[1], [2]],
    );
    const swap = crossExchangeOperator(1, 1);
    expect(swap.name).toBe('swap');
    const move = swap.find(f.context, f.job(1), f.job(2));
    // 190 + 190 → 10 + 10.
    expect(move?.delta).toBe(-360);
    expect(move?.routes.map((r) => [r.route, f.ids(r.jobs)])).toEqual([
      [0, [2]],
      [1, [1]],
    ]);
    expect(costWith(f, move?.routes ?? []) - f.solution.objective().cost).toBe(move?.delta);
  });

  it('never works inside one route and proposes nothing without a gain', () => {
    const f = moveFixture(
      [0, 100, 95, 5],
      vehicles,
      [
        { id: 1, location_index: 2 },
        { id: 2, location_index: 3 },
      ],
      [[2], [1]],
    );
    expect(crossExchangeOperator(1, 1).find(f.context, f.job(1), f.job(2))).toBeNull();
    const g = moveFixture(
      [0, 100, 95, 5],
      vehicles,
      [
        { id: 1, location_index: 2 },
        { id: 2, location_index: 3 },
      ],
      [[1, 2], []],
    );
    expect(crossExchangeOperator(1, 1).find(g.context, g.job(1), g.job(2))).toBeNull();
  });

  it('respects skills', () => {
    const f = moveFixture(
      [0, 100, 95, 5],
      [vehicles[0]!, { ...vehicles[1]!, skills: [] }],
      [
        { id: 1, location_index: 2, skills: [3] },
        { id: 2, location_index: 3 },
      ],
      [[1], [2]],
    );
    expect(crossExchangeOperator(1, 1).find(f.context, f.job(1), f.job(2))).toBeNull();
  });
});

describe('cross-exchange', () => {
  const jobs = [
    { id: 1, location_index: 2 }, // 95
    { id: 2, location_index: 3 }, // 97
    { id: 3, location_index: 4 }, // 5
    { id: 4, location_index: 5 }, // 3
  ];
  const xs = [0, 100, 95, 97, 5, 3];

  it('2-1: a string of two against one job', () => {
    const f = moveFixture(xs, vehicles, jobs.slice(0, 3), [[1, 2], [3]]);
    const move = crossExchangeOperator(2, 1).find(f.context, f.job(1), f.job(3));
    // 194 + 190 → 10 + 10.
    expect(move?.delta).toBe(-364);
    expect(move?.routes.map((r) => f.ids(r.jobs))).toEqual([[3], [1, 2]]);
  });

  it('1-2: one job against a string of two', () => {
    const f = moveFixture(xs, vehicles, jobs.slice(0, 3), [[1, 2], [3]]);
    const move = crossExchangeOperator(1, 2).find(f.context, f.job(3), f.job(1));
    expect(move?.delta).toBe(-364);
    expect(move?.routes.map((r) => [r.route, f.ids(r.jobs)])).toEqual([
      [1, [1, 2]],
      [0, [3]],
    ]);
  });

  it('2-2: two strings of two, each keeping its order', () => {
    const f = moveFixture(xs, vehicles, jobs, [
      [1, 2],
      [3, 4],
    ]);
    const move = crossExchangeOperator(2, 2).find(f.context, f.job(1), f.job(3));
    // 194 + 194 → (0 → 5 → 3 → 0 = 10) + (100 → 95 → 97 → 100 = 10).
    expect(move?.delta).toBe(-368);
    expect(move?.routes.map((r) => f.ids(r.jobs))).toEqual([
      [3, 4],
      [1, 2],
    ]);
    // Strings running past a route's end do not exist.
    expect(crossExchangeOperator(2, 2).find(f.context, f.job(2), f.job(3))).toBeNull();
  });
});
