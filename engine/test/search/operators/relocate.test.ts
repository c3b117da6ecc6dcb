import { describe, expect, it } from 'vitest';
import { relocateOperator } from '../../../src/search/operators/relocate.ts';
import type { Vehicle } from '../../../src/types.ts';
import { costWith, moveFixture } from '../../support/moves.ts';

// Vehicle 1 lives at 0; vehicle 2 starts at 100 and ends at 80 (different ends break the ties of a line).
const vehicles: Vehicle[] = [
  { id: 1, start_index: 0, end_index: 0 },
  { id: 2, start_index: 1, end_index: 2 },
];

describe('relocate', () => {
  it('moves a job to the other route, next to its neighbour, on the better side', () => {
    // Job 1 at 85 is served from 0 (170 s); vehicle 2 passes by it on its way 100 → 90 → 80.
    const f = moveFixture(
      [0, 100, 80, 90, 85],
      vehicles,
      [
        { id: 1, location_index: 4 },
        { id: 2, location_index: 3 },
      ],
      [[1], [2]],
    );
    const move = relocateOperator(1).find(f.context, f.job(1), f.job(2));
    expect(move).not.toBeNull();
    // After job 2: 100 → 90 → 85 → 80 = 20, as much as vehicle 2 drove alone; before it would be 30.
    expect(move?.delta).toBe(-170);
    expect(move?.routes.map((r) => [r.route, f.ids(r.jobs)])).toEqual([
      [0, []],
      [1, [2, 1]],
    ]);
    expect(costWith(f, move?.routes ?? []) - f.solution.objective().cost).toBe(move?.delta);
  });

  it('moves a job inside its own route', () => {
    // 0 → 50 → 10 → 60 → 0 = 200; the job at 10 belongs before the one at 50: 120.
    const f = moveFixture(
      [0, 50, 10, 60],
      [{ id: 1, start_index: 0, end_index: 0 }],
      [
        { id: 1, location_index: 1 },
        { id: 2, location_index: 2 },
        { id: 3, location_index: 3 },
      ],
      [[1, 2, 3]],
    );
    const move = relocateOperator(1).find(f.context, f.job(2), f.job(1));
    expect(move?.delta).toBe(-80);
    expect(move?.routes.map((r) => f.ids(r.jobs))).toEqual([[2, 1, 3]]);
  });

  it('moves a string of 2 (or-opt-2) in its order', () => {
    const f = moveFixture(
      [0, 100, 80, 90, 87, 84],
      vehicles,
      [
        { id: 1, location_index: 4 },
        { id: 2, location_index: 5 },
        { id: 3, location_index: 3 },
      ],
      [[1, 2], [3]],
    );
    const move = relocateOperator(2).find(f.context, f.job(1), f.job(3));
    // 0 → 87 → 84 → 0 = 174 saved; 100 → 90 → 87 → 84 → 80 = 20, as before.
    expect(move?.delta).toBe(-174);
    expect(move?.routes.map((r) => f.ids(r.jobs))).toEqual([[], [3, 1, 2]]);
  });

  it('moves a string of 3 (or-opt-3)', () => {
    const f = moveFixture(
      [0, 100, 80, 90, 88, 86, 84],
      vehicles,
      [
        { id: 1, location_index: 4 },
        { id: 2, location_index: 5 },
        { id: 3, location_index: 6 },
        { id: 4, location_index: 3 },
      ],
      [[1, 2, 3], [4]],
    );
    const move = relocateOperator(3).find(f.context, f.job(1), f.job(4));
    expect(move?.delta).toBe(-176);
    expect(move?.routes.map((r) => f.ids(r.jobs))).toEqual([[], [4, 1, 2, 3]]);
    // A string longer than what follows u does not exist.
    expect(relocateOperator(3).find(f.context, f.job(2), f.job(4))).toBeNull();
  });

  it('proposes nothing when no move improves', () => {
    // Each job sits next to its own vehicle: job 1 at 5 on vehicle 1, job 2 at 90 on vehicle 2.
    const f = moveFixture(
      [0, 100, 80, 90, 5],
      vehicles,
      [
        { id: 1, location_index: 4 },
        { id: 2, location_index: 3 },
      ],
      [[1], [2]],
    );
    expect(relocateOperator(1).find(f.context, f.job(1), f.job(2))).toBeNull();
    expect(relocateOperator(1).find(f.context, f.job(2), f.job(1))).toBeNull();
  });

  it('proposes nothing the target vehicle may not serve (skills)', () => {
    // The gainful move of the first test, but vehicle 2 lacks skill 7.
    const f = moveFixture(
      [0, 100, 80, 90, 85],
      [{ ...vehicles[0]!, skills: [7] }, vehicles[1]!],
      [
        { id: 1, location_index: 4, skills: [7] },
        { id: 2, location_index: 3 },
      ],
      [[1], [2]],
    );
    expect(relocateOperator(1).find(f.context, f.job(1), f.job(2))).toBeNull();
  });

  it('proposes nothing that breaks a capacity', () => {
    const f = moveFixture(
      [0, 100, 80, 90, 85],
      [vehicles[0]!, { ...vehicles[1]!, capacity: [1] }],
      [
        { id: 1, location_index: 4, delivery: [1] },
        { id: 2, location_index: 3, delivery: [1] },
      ],
      [[1], [2]],
      {},
    );
    expect(relocateOperator(1).find(f.context, f.job(1), f.job(2))).toBeNull();
  });
});
