import { describe, expect, it } from 'vitest';
import { solve } from '../../src/index.ts';
import type { Input, SolvedOutput } from '../../src/types.ts';
import { checkSolution } from '../support/check-solution.ts';

// Four places on a line, 600 s apart: depot 0, then 1, 2, 3.
const line = (n: number) => Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => Math.abs(a - b) * 600));
const matrices = { car: { durations: line(4) } };

function solved(input: Input, seed = 1): SolvedOutput {
  const out = solve(input, { seed, maxIterations: 300 });
  if (out.code !== 0) throw new Error(out.error);
  expect(checkSolution(input, out)).toEqual([]);
  return out;
}

function jobsOf(out: SolvedOutput, vehicle: number): number[] {
  const route = out.routes.find((r) => r.vehicle === vehicle);
  return route ? route.steps.filter((s) => s.type === 'job').map((s) => s.id as number) : [];
}

describe('Tournée extensions of the VROOM input', () => {
  it('allowed_vehicles restricts who may serve a job', () => {
    const out = solved({
      matrices,
      vehicles: [
        { id: 1, start_index: 0, end_index: 0 },
        { id: 2, start_index: 0, end_index: 0, costs: { fixed: 100000 } },
      ],
      jobs: [{ id: 10, location_index: 1, allowed_vehicles: [2] }],
    });
    expect(jobsOf(out, 2)).toEqual([10]);
  });

  it('assignment_costs steer a job to the vehicle where it costs least', () => {
    const out = solved({
      matrices,
      vehicles: [
        { id: 1, start_index: 0, end_index: 0 },
        { id: 2, start_index: 0, end_index: 0 },
      ],
      jobs: [{ id: 10, location_index: 2, assignment_costs: { '1': 5000 } }],
    });
    expect(jobsOf(out, 2)).toEqual([10]);
    expect(out.summary.cost).toBe(2400);
  });

  it('service_by_vehicle changes the service time and so what fits in the day', () => {
    const out = solved({
      matrices,
      vehicles: [
        { id: 1, start_index: 0, end_index: 0, time_window: [0, 4000] },
        { id: 2, start_index: 0, end_index: 0, time_window: [0, 4000], costs: { fixed: 100000 } },
      ],
      jobs: [{ id: 10, location_index: 1, service: 3600, service_by_vehicle: { '2': 1800 } }],
    });
    expect(jobsOf(out, 2)).toEqual([10]);
    const step = out.routes[0]!.steps.find((s) => s.type === 'job');
    expect(step?.service).toBe(1800);
  });

  it('a soft deadline costs per hour late and makes its job go first', () => {
    const out = solved({
      matrices,
      vehicles: [{ id: 1, start_index: 0, end_index: 0 }],
      jobs: [
        { id: 10, location_index: 1, service: 3600 },
        { id: 30, location_index: 3, deadline: { at: 1800, cost_per_hour: 100000 } },
      ],
    });
    // Job 30 first (arrives at 1800, on time): 0→3→1→0 = 1800 + 1200 + 600.
    expect(jobsOf(out, 1)).toEqual([30, 10]);
    expect(out.summary.cost).toBe(3600);
  });

  it('overtime past the soft end of the day is paid for', () => {
    const out = solved({
      matrices,
      vehicles: [{ id: 1, start_index: 0, end_index: 0, overtime: { after: 3600, cost_per_hour: 7200 } }],
      jobs: [{ id: 10, location_index: 3, service: 1800 }],
    });
    // Back at 1800 + 1800 + 1800 = 5400: 1800 s of overtime at 2 per second.
    expect(out.summary.cost).toBe(3600 + 3600);
  });

  it('the workload term spreads jobs over vehicles', () => {
    const input = (weight: number): Input => ({
      matrices: {
        car: {
          durations: [
            [0, 0, 0],
            [0, 0, 0],
            [0, 0, 0],
          ],
        },
      },
      vehicles: [
        { id: 1, start_index: 0, end_index: 0, costs: { per_work_hour_squared: weight } },
        { id: 2, start_index: 0, end_index: 0, costs: { per_work_hour_squared: weight } },
      ],
      jobs: [
        { id: 10, location_index: 1, service: 3600 },
        { id: 11, location_index: 2, service: 3600 },
      ],
    });
    const balanced = solved(input(1000));
    expect(balanced.routes).toHaveLength(2);
    expect(balanced.summary.cost).toBe(2000);
  });

  it('rejects extension keys that name no vehicle', () => {
    const out = solve({
      matrices,
      vehicles: [{ id: 1, start_index: 0 }],
      jobs: [{ id: 10, location_index: 1, assignment_costs: { '7': 5 } }],
    });
    expect(out).toEqual({ code: 2, error: 'jobs[0].assignment_costs.7: no vehicle has id 7' });
  });
});
