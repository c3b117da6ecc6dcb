import { describe, expect, it } from 'vitest';
import { buildContext } from '../../src/field-service/context.ts';
import { COST_SCALE, compileFieldService } from '../../src/field-service/compile.ts';
import type { FieldServiceProblem } from '../../src/field-service/types.ts';
import { parseInput } from '../../src/input/validate.ts';
import type { Input } from '../../src/types.ts';
import { at, H, place, problem, shift, square, tech, visit } from './fixtures.ts';

function compile(p: FieldServiceProblem, state?: { now: number }) {
  const compiled = compileFieldService(buildContext(p, state ? { state } : {}));
  const input = compiled.input as Input;
  // Whatever we compile, the core accepts.
  expect(() => parseInput(input)).not.toThrow();
  return { compiled, input };
}

describe('compileFieldService', () => {
  it('one vehicle per technician shift, with its hours, places, lunch as a break and squared-workload cost', () => {
    const { input } = compile(
      problem({
        horizon: { days: 2 },
        technicians: [tech('a', { shifts: [shift(0, 8, 17, [12, 14, 0.75]), shift(1, 9, 18)], hourlyCost: 40 })],
        visits: [visit('v')],
      }),
    );
    expect(input.vehicles).toHaveLength(2);
    const v0 = input.vehicles[0]!;
    const v1 = input.vehicles[1]!;
    expect(v0.time_window).toEqual([at(0, 8), at(0, 17)]);
    expect(v0.breaks).toEqual([{ id: 1, description: 'lunch', time_windows: [[at(0, 12), at(0, 14) - 2700]], service: 2700 }]);
    expect(v1.breaks).toBeUndefined();
    expect(v0.costs).toEqual({ per_hour: (60 + 40) * COST_SCALE, per_km: 0, per_work_hour_squared: 5 * COST_SCALE });
  });

  it('absences cut a shift into two vehicles; overtime extends only the end of the shift', () => {
    const { input } = compile(
      problem({ technicians: [tech('a', { absences: [{ start: at(0, 11), end: at(0, 13) }], maxOvertime: H })], visits: [visit('v')] }),
    );
    expect(input.vehicles.map((v) => v.time_window)).toEqual([
      [at(0, 8), at(0, 11)],
      [at(0, 13), at(0, 18)],
    ]);
    expect(input.vehicles[0]!.overtime).toBeUndefined();
    expect(input.vehicles[1]!.overtime).toEqual({ after: at(0, 17), cost_per_hour: 90 * COST_SCALE });
  });

  it('skills with levels: a level-2 need requires skill@2, held by technicians at level 2 or more', () => {
    const { input } = compile(
      problem({ technicians: [tech('a', { skills: { hvac: 1 } }), tech('b', { skills: { hvac: 3 } })], visits: [visit('v', { skills: { hvac: 2 } })] }),
    );
    const [need] = input.jobs?.[0]!.skills ?? [];
    expect(input.vehicles[0]!.skills).not.toContain(need);
    expect(input.vehicles[1]!.skills).toContain(need);
  });

  it('duration per level becomes service_by_vehicle; SLA a deadline; daily windows span the date range', () => {
    const { input } = compile(
      problem({
        horizon: { days: 3 },
        technicians: [
          tech('a', { skills: { hvac: 3 }, shifts: [shift(0), shift(1), shift(2)] }),
          tech('b', { skills: { hvac: 1 }, shifts: [shift(0), shift(1), shift(2)] }),
        ],
        visits: [
          visit('v', {
            duration: H,
            durationByLevel: [{ skill: 'hvac', minLevel: 3, duration: 1800 }],
            slaDeadline: at(1, 12),
            earliestDay: 1,
            latestDay: 2,
            windows: [[8 * H, 12 * H]],
          }),
        ],
      }),
    );
    const job = input.jobs?.[0];
    // Vehicles 0–2 are a's days 0–2; day 0 is out of range.
    expect(job?.service_by_vehicle).toEqual({ 1: 1800, 2: 1800 });
    expect(job?.allowed_vehicles).toEqual([1, 2, 4, 5]);
    expect(job?.deadline).toEqual({ at: at(1, 12), cost_per_hour: 300 * COST_SCALE });
    expect(job?.time_windows).toEqual([
      [at(1, 8), at(1, 12)],
      [at(2, 8), at(2, 12)],
    ]);
  });

  it('sectors: hard → allowed_vehicles; soft → assignment costs; usual technician and plan change → assignment costs', () => {
    const sectors = [square('west', -50, -50, 0, 50), square('east', 0, -50, 50, 50)];
    const technicians = [tech('a', { sectors: ['west'] }), tech('b', { sectors: ['east'] }), tech('c', { secondarySectors: ['east'] })];
    const v = visit('v', { location: place(5, 0), usualTechnicians: ['b'], published: { technician: 'b', day: 0, start: at(0, 9) } });
    const hard = compile(problem({ sectors, sectorRule: 'hard', technicians, visits: [v] })).input.jobs?.[0];
    expect(hard?.allowed_vehicles).toEqual([1, 2]);
    const soft = compile(problem({ sectors, sectorRule: 'soft', technicians, visits: [v] })).input.jobs?.[0];
    expect(soft?.allowed_vehicles).toBeUndefined();
    expect(soft?.assignment_costs).toEqual({ 0: (30 + 15 + 50) * COST_SCALE, 2: (10 + 15 + 50) * COST_SCALE });
  });

  it('pins and technician rules narrow allowed vehicles and windows', () => {
    const { input } = compile(
      problem({
        technicians: [tech('a'), tech('b'), tech('c')],
        visits: [
          visit('pinned', { pin: { mode: 'technician_and_time', technician: 'b', start: at(0, 10) } }),
          visit('rules', { requiredTechnicians: ['a', 'c'], forbiddenTechnicians: ['c'] }),
        ],
      }),
    );
    expect(input.jobs?.[0]).toMatchObject({ allowed_vehicles: [1], time_windows: [[at(0, 10), at(0, 10)]] });
    expect(input.jobs?.[1]!.allowed_vehicles).toEqual([0]);
  });

  it('facts: done visits are left out; a started one moves its technician’s start after it, where it is', () => {
    const { input } = compile(
      problem({
        technicians: [tech('a')],
        visits: [
          visit('done', { status: 'done' }),
          visit('started', { location: place(4, 0), duration: H, status: 'started', progress: { technician: 'a', since: at(0, 9) } }),
          visit('todo'),
        ],
      }),
    );
    expect(input.jobs?.map((j) => j.description)).toEqual(['todo', 'anchor']);
    expect(input.vehicles[0]!.time_window?.[0]).toBe(at(0, 10));
    expect(input.vehicles[0]!.start).toEqual(place(4, 0));
  });

  it('visits nobody could do on their own are not given to the core', () => {
    const { compiled } = compile(problem({ visits: [visit('ok'), visit('never', { windows: [[20 * H, 21 * H]] })] }));
    expect(compiled.input?.jobs?.map((j) => j.description)).toEqual(['ok']);
    expect(compiled.eligibility.get(1)?.reachable).toEqual([]);
  });

  it('gives matrices to the core only when travel is not the core’s own model', () => {
    const own = compile(problem({ visits: [visit('v')] })).input;
    expect(own.matrices).toBeUndefined();
    const slower = compile(problem({ visits: [visit('v')], travel: { speedKmh: 30 } })).input;
    expect(slower.matrices?.car!.durations?.length).toBe(2);
  });
});
