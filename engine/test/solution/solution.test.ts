import { describe, expect, it } from 'vitest';
import { compareObjectives, Solution } from '../../src/solution/solution.ts';
import { compile, lineMatrix } from '../support/fixtures.ts';

const problem = compile({
  vehicles: [
    { id: 1, start_index: 0, end_index: 0, costs: { fixed: 100 } },
    { id: 2, start_index: 0, end_index: 0 },
  ],
  jobs: [
    { id: 1, location_index: 1, priority: 3 },
    { id: 2, location_index: 2 },
    { id: 3, location_index: 3, priority: 1 },
  ],
  matrices: { car: { durations: lineMatrix([0, 10, 20, 30]) } },
});

describe('compareObjectives', () => {
  it('ranks by unserved priority, then unserved jobs, then cost', () => {
    const o = (unservedPriority: number, unserved: number, cost: number) => ({ unservedPriority, unserved, cost });
    expect(compareObjectives(o(0, 5, 1e9), o(1, 0, 0))).toBeLessThan(0);
    expect(compareObjectives(o(2, 1, 1e9), o(2, 2, 0))).toBeLessThan(0);
    expect(compareObjectives(o(2, 1, 10), o(2, 1, 11))).toBeLessThan(0);
    expect(compareObjectives(o(2, 1, 10), o(2, 1, 10))).toBe(0);
    expect(compareObjectives(o(1, 0, 0), o(0, 5, 1e9))).toBeGreaterThan(0);
  });
});

describe('Solution', () => {
  it('starts with every job unassigned and every route empty', () => {
    const s = new Solution(problem);
    expect(s.routes.length).toBe(2);
    expect([...s.routeOf]).toEqual([-1, -1, -1]);
    expect(s.objective()).toEqual({ unservedPriority: 4, unserved: 3, cost: 0 });
    expect(s.unassignedJobs()).toEqual([0, 1, 2]);
    expect(s.usedRoutes()).toBe(0);
  });

  it('tracks jobs through insert, setJobs and removeRange, with the fixed cost of used routes', () => {
    const s = new Solution(problem);
    s.insert(0, 1, 0);
    s.insert(0, 0, 0);
    expect(s.routes[0]!.jobs).toEqual([0, 1]);
    expect(s.objective()).toEqual({ unservedPriority: 1, unserved: 1, cost: 140 }); // 100 + 0 → 10 → 20 → 0
    s.setJobs(1, [2]);
    expect([...s.routeOf]).toEqual([0, 0, 1]);
    expect(s.objective().cost).toBe(200);
    expect(s.usedRoutes()).toBe(2);
    // setJobs replaces a route: its former jobs become unassigned.
    s.setJobs(0, [1]);
    expect([...s.routeOf]).toEqual([-1, 0, 1]);
    expect(s.removeRange(1, 0, 1)).toEqual([2]);
    expect([...s.routeOf]).toEqual([-1, 0, -1]);
  });

  it('restores a snapshot, caches included', () => {
    const s = new Solution(problem);
    s.setJobs(0, [0, 2]);
    s.setJobs(1, [1]);
    const snapshot = s.snapshot();
    const cost = s.objective().cost;
    s.setJobs(0, []);
    s.setJobs(1, [2, 1, 0]);
    s.restore(snapshot);
    expect(s.routes.map((r) => r.jobs)).toEqual([[0, 2], [1]]);
    expect([...s.routeOf]).toEqual([0, 1, 0]);
    expect(s.objective().cost).toBe(cost);
    // The snapshot is a copy: later changes do not alter it.
    s.setJobs(1, []);
    expect(snapshot).toEqual([[0, 2], [1]]);
  });
});
