import { describe, expect, it } from 'vitest';
import { solve } from '../../engine/src/index.ts';
import type { Input, SolvedOutput } from '../../engine/src/types.ts';
import { generateDay } from './generate-day.ts';
import { measureSolution } from './solution-metrics.ts';

/** Three places on a line: home 0, job 1 at 100 s, job 2 at 250 s from home. */
const input: Input = {
  vehicles: [{ id: 7, start_index: 0, end_index: 0, breaks: [{ id: 1, service: 600 }] }],
  jobs: [
    { id: 1, location_index: 1, service: 300, priority: 40 },
    { id: 2, location_index: 2, service: 300, priority: 5 },
    { id: 3, location_index: 2, service: 300, priority: 90 },
  ],
  matrices: {
    car: {
      durations: [
        [0, 100, 250],
        [100, 0, 150],
        [250, 150, 0],
      ],
    },
  },
};

const step = (type: 'start' | 'job' | 'break' | 'end', arrival: number, duration: number, id?: number, service = 0) => ({
  type,
  id,
  arrival,
  duration,
  setup: 0,
  service,
  waiting_time: 0,
  distance: 0,
});

/** What VROOM writes for this problem: no `load`, `delivery` or `pickup`, since the problem has no amounts. */
const vroomLike = {
  code: 0,
  summary: { cost: 500, routes: 1, unassigned: 1, setup: 0, service: 1200, duration: 500, waiting_time: 0, priority: 45, distance: 0 },
  unassigned: [{ id: 3, type: 'job' }],
  routes: [
    {
      vehicle: 7,
      cost: 500,
      setup: 0,
      service: 1200,
      duration: 500,
      waiting_time: 0,
      priority: 45,
      distance: 0,
      steps: [step('start', 0, 0), step('job', 100, 100, 1, 300), step('break', 400, 100, 1, 600), step('job', 1150, 250, 2, 300), step('end', 1700, 500)],
    },
  ],
};

describe('scale benchmark solution metrics', () => {
  it("recomputes served priority, visits and travel from the instance, the break adding no leg, and reads VROOM's output without amounts", () => {
    expect(measureSolution(input, vroomLike)).toEqual({ servedPriority: 45, visits: 2, travel: 500, violations: [] });
  });

  it("ignores the solver's summary and reports an infeasible route through the checker", () => {
    const lying = structuredClone(vroomLike);
    lying.summary.priority = 135; // claims job 3 too
    lying.routes[0].steps[3].arrival = 500; // job 2 reached 100 s too early to have driven there
    const metrics = measureSolution(input, lying);
    expect(metrics.servedPriority).toBe(45);
    expect(metrics.violations.length).toBeGreaterThan(0);
  });

  it('scores an error output as nothing served, with the reason', () => {
    expect(measureSolution(input, { code: 2, error: 'vehicles[0]: bad' })).toEqual({
      servedPriority: 0,
      visits: 0,
      travel: 0,
      violations: ['no solution: code 2, vehicles[0]: bad'],
    });
  });

  it("agrees with the engine's own travel on a generated day, with and without the matrix", () => {
    for (const travel of ['matrix', 'coordinates'] as const) {
      const day = generateDay({ technicians: 3, visits: 25, seed: 2, travel });
      const output = solve(day, { seed: 1, maxIterations: 50 }) as SolvedOutput;
      const metrics = measureSolution(day, output);
      expect(metrics.violations).toEqual([]);
      expect(metrics.travel).toBe(output.summary.duration);
      expect(metrics.visits).toBe(25 - output.unassigned.length);
      expect(metrics.servedPriority).toBe(output.summary.priority);
    }
  });
});
