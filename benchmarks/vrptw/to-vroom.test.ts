import { describe, expect, it } from 'vitest';
import type { SolvedOutput, Step } from '../../engine/src/types.ts';
import { INSTANCES_DIR } from './best-known.ts';
import { type Instance, readInstance } from './read-instance.ts';
import { SCALE, checkFeasibility, hierarchicalFixedCost, nodesOf, scaledTravel, solutionDistance, toVroom } from './to-vroom.ts';

/**
 * Depot at the origin, closing at 100; capacity 10, two vehicles.
 * Distances: depot–1 = 5, 1–2 = 5, depot–2 = 10, depot–3 = √2, 1–3 = √13, 2–3 = √74.
 */
const tiny: Instance = {
  name: 'tiny',
  vehicles: 2,
  capacity: 10,
  depot: { id: 0, x: 0, y: 0, demand: 0, ready: 0, due: 100, service: 0 },
  customers: [
    { id: 1, x: 3, y: 4, demand: 4, ready: 0, due: 5, service: 1 },
    { id: 2, x: 6, y: 8, demand: 3, ready: 20, due: 30, service: 2 },
    { id: 3, x: 1, y: 1, demand: 5, ready: 0, due: 50, service: 1 },
  ],
};

/** Only the fields the harness reads are meaningful. */
function output(routes: readonly (readonly [number, readonly number[]])[], unassigned: readonly number[] = []): SolvedOutput {
  const step = (type: Step['type'], id?: number): Step => ({
    type,
    arrival: 0,
    duration: 0,
    setup: 0,
    service: 0,
    waiting_time: 0,
    load: [0],
    distance: 0,
    ...(id === undefined ? {} : { id }),
  });
  const zero = { setup: 0, service: 0, duration: 0, waiting_time: 0, priority: 0, delivery: [0], pickup: [0], distance: 0 };
  return {
    code: 0,
    summary: { cost: 0, routes: routes.length, unassigned: unassigned.length, ...zero },
    unassigned: unassigned.map((id) => ({ id, type: 'job' as const })),
    routes: routes.map(([vehicle, jobs]) => ({
      vehicle,
      cost: 0,
      ...zero,
      steps: [step('start'), ...jobs.map((id) => step('job', id)), step('end')],
    })),
  };
}

describe('toVroom', () => {
  it('builds a square matrix over depot and customers for C101', () => {
    const c101 = readInstance(`${INSTANCES_DIR}solomon/C101.txt`);
    const input = toVroom(c101);
    const { durations, distances } = input.matrices?.car ?? {};
    expect(durations).toHaveLength(101);
    for (const row of durations ?? []) expect(row).toHaveLength(101);
    expect(distances).toBe(durations);
    // Depot (40, 50) to customer 1 (45, 68): √349 = 18.6815… → 18682.
    expect(durations?.[0][1]).toBe(18682);
    expect(durations?.[1][0]).toBe(18682);
    expect(durations?.[0][0]).toBe(0);
    expect(input.jobs).toHaveLength(100);
    expect(input.jobs?.[0]).toEqual({ id: 1, location_index: 1, service: 90_000, delivery: [10], time_windows: [[912_000, 967_000]] });
    expect(input.vehicles).toHaveLength(25);
    expect(input.vehicles[0]).toEqual({ id: 1, start_index: 0, end_index: 0, capacity: [200], time_window: [0, 1_236_000] });
  });

  it('rounds every scaled distance up, exactly (checked with integer arithmetic on C101)', () => {
    const nodes = nodesOf(readInstance(`${INSTANCES_DIR}solomon/C101.txt`));
    for (const a of nodes) {
      for (const b of nodes) {
        const k = BigInt(scaledTravel(a, b));
        const squared = BigInt((a.x - b.x) ** 2 + (a.y - b.y) ** 2) * BigInt(SCALE * SCALE);
        expect(k * k >= squared && (k === 0n || (k - 1n) * (k - 1n) < squared)).toBe(true);
      }
    }
  });

  it('converts the hand-made instance', () => {
    const input = toVroom(tiny);
    expect(input.matrices?.car?.durations).toEqual([
      [0, 5000, 10000, 1415],
      [5000, 0, 5000, 3606],
      [10000, 5000, 0, 8603],
      [1415, 3606, 8603, 0],
    ]);
    expect(input.jobs?.[1]).toEqual({ id: 2, location_index: 2, service: 2000, delivery: [3], time_windows: [[20000, 30000]] });
    expect(input.vehicles.map((vehicle) => vehicle.id)).toEqual([1, 2]);
    expect(input.vehicles[0].costs).toBeUndefined();
  });

  it('adds a fixed cost that dominates any travel for the hierarchical objective', () => {
    // 2 × 10000 (depot) + 5000 + 10000 + 8603 (customers' longest legs out) + 1.
    expect(hierarchicalFixedCost(tiny)).toBe(43604);
    const input = toVroom(tiny, { fixedCost: 43604 });
    for (const vehicle of input.vehicles) expect(vehicle.costs).toEqual({ fixed: 43604 });
  });
});

describe('solutionDistance', () => {
  it('recomputes the distance in double precision', () => {
    // 0→1→2→0 = 5 + 5 + 10; 0→3→0 = 2√2.
    expect(
      solutionDistance(
        tiny,
        output([
          [1, [1, 2]],
          [2, [3]],
        ]),
      ),
    ).toBeCloseTo(20 + 2 * Math.SQRT2, 12);
    // 0→3→1→2→0 = √2 + √13 + 5 + 10.
    expect(solutionDistance(tiny, output([[1, [3, 1, 2]]]))).toBeCloseTo(Math.SQRT2 + Math.sqrt(13) + 15, 12);
    expect(solutionDistance(tiny, output([[1, []]], [1, 2, 3]))).toBe(0);
  });
});

describe('checkFeasibility', () => {
  it('accepts a feasible solution, including an arrival exactly at a due date', () => {
    // Vehicle 1 reaches 1 at 5 (its due date), leaves at 6, reaches 2 at 11, waits until 20, leaves at 22, is back at 32.
    expect(
      checkFeasibility(
        tiny,
        output([
          [1, [1, 2]],
          [2, [3]],
        ]),
      ),
    ).toEqual([]);
  });

  it('reports a missed time window', () => {
    // Vehicle 1 reaches 2 at 10, waits until 20, leaves at 22 and reaches 1 at 27 > 5.
    expect(
      checkFeasibility(
        tiny,
        output([
          [1, [2, 1]],
          [2, [3]],
        ]),
      ),
    ).toEqual(['vehicle 1: customer 1 reached at 27, after its due date 5']);
  });

  it('reports a time window missed by a fraction of a unit, with a capacity excess', () => {
    // 0→3→1: √2 + 1 + √13 = 6.0198… > 6.
    const late = { ...tiny, customers: tiny.customers.map((c) => (c.id === 1 ? { ...c, due: 6 } : c)) };
    const violations = checkFeasibility(late, output([[1, [3, 1, 2]]], []));
    expect(violations).toHaveLength(2);
    expect(violations[0]).toMatch(/^vehicle 1: customer 1 reached at 6\.019\d+, after its due date 6$/);
    expect(violations[1]).toBe('vehicle 1: load 12 exceeds capacity 10');
  });

  it("reports a late return after the depot's due date", () => {
    const early = { ...tiny, depot: { ...tiny.depot, due: 30 } };
    expect(
      checkFeasibility(
        early,
        output([
          [1, [1, 2]],
          [2, [3]],
        ]),
      ),
    ).toEqual(['vehicle 1: back at the depot at 32, after its due date 30']);
  });

  it('reports coverage and fleet errors but not unassigned jobs', () => {
    expect(checkFeasibility(tiny, output([[1, [1, 2]]], [3]))).toEqual([]);
    expect(checkFeasibility(tiny, output([[1, [1, 2]]]))).toEqual(['customer 3 neither served nor reported unassigned']);
    expect(
      checkFeasibility(
        tiny,
        output([
          [1, [1, 2]],
          [2, [3, 1]],
        ]),
      ),
    ).toContain('vehicle 2: customer 1 already served by vehicle 1');
    expect(
      checkFeasibility(
        tiny,
        output([
          [1, [1]],
          [2, [2]],
          [3, [3]],
        ]),
      ),
    ).toEqual(['3 routes with jobs for a fleet of 2 vehicles', 'route for unknown vehicle 3']);
    expect(
      checkFeasibility(
        tiny,
        output([
          [1, [1, 2, 9]],
          [2, [3]],
        ]),
      ),
    ).toEqual(['vehicle 1: unknown job 9']);
    expect(checkFeasibility(tiny, { code: 2, error: 'jobs[0]: bad' })).toEqual(['engine error 2: jobs[0]: bad']);
  });
});
