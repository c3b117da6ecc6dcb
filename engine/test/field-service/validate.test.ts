import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { parseFieldServiceProblem, parseRealtimeState } from '../../src/field-service/validate.ts';
import { at, place, problem, shift, square, tech, visit } from './fixtures.ts';

function errorOf(raw: unknown): string {
  try {
    parseFieldServiceProblem(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
}

const base = () =>
  problem({
    sectors: [square('north', -10, 0, 10, 10)],
    technicians: [tech('a', { sectors: ['north'] }), tech('b')],
    visits: [visit('v1'), visit('v2'), visit('v3'), visit('v4')],
  });

describe('parseFieldServiceProblem', () => {
  it('accepts a valid problem and strips unknown keys', () => {
    const p = parseFieldServiceProblem({ ...base(), extra: 1 });
    expect(p.visits).toHaveLength(4);
    expect((p as unknown as Record<string, unknown>).extra).toBeUndefined();
  });

  it('names the window whose start is after its end', () => {
    const p = base();
    const visits = [...p.visits];
    visits[3] = visit('v4', { windows: [[36000, 32400]] });
    expect(errorOf({ ...p, visits })).toBe('visits[3].windows[0]: start 36000 is after end 32400');
  });

  it('refuses a horizon beyond 14 days', () => {
    expect(errorOf({ ...base(), horizon: { days: 15 } })).toBe('horizon.days: must be an integer from 1 to 14, got 15');
  });

  it('refuses duplicate ids, unknown technicians and sectors', () => {
    const p = base();
    expect(errorOf({ ...p, visits: [visit('x'), visit('x')] })).toMatch(/^visits\[1\]\.id: duplicate id "x"/);
    expect(errorOf({ ...p, visits: [visit('x', { requiredTechnicians: ['zz'] })] })).toBe('visits[0].requiredTechnicians[0]: no technician has id "zz"');
    expect(errorOf({ ...p, technicians: [tech('a', { sectors: ['nowhere'] })] })).toBe('technicians[0].sectors[0]: no sector has id "nowhere"');
  });

  it('checks pins, statuses and day ranges against the horizon', () => {
    const p = base();
    expect(errorOf({ ...p, visits: [visit('x', { pin: { mode: 'technician' } })] })).toBe('visits[0].pin.technician: is required for mode "technician"');
    expect(errorOf({ ...p, visits: [visit('x', { pin: { mode: 'time', start: at(3, 9) } })] })).toMatch(/^visits\[0\]\.pin\.start: .* after the horizon's end/);
    expect(errorOf({ ...p, visits: [visit('x', { status: 'started' })] })).toMatch(/^visits\[0\]\.progress: is required/);
    expect(errorOf({ ...p, visits: [visit('x', { earliestDay: 0, latestDay: 3 })] })).toMatch(/^visits\[0\]\.latestDay: 3 is beyond/);
  });

  it('checks shifts: order, overlap and lunch', () => {
    expect(errorOf({ ...base(), technicians: [tech('a', { shifts: [{ start: at(0, 17), end: at(0, 8) }] })] })).toMatch(
      /^technicians\[0\]\.shifts\[0\]: start .* is not before end/,
    );
    expect(errorOf({ ...base(), technicians: [tech('a', { shifts: [shift(0, 8, 12), shift(0, 11, 17)] })] })).toBe(
      'technicians[0].shifts[1]: overlaps technicians[0].shifts[0]',
    );
    expect(
      errorOf({ ...base(), technicians: [tech('a', { shifts: [{ ...shift(0), lunch: { window: [at(0, 12), at(0, 12.5)], duration: 3600 } }] })] }),
    ).toMatch(/^technicians\[0\]\.shifts\[0\]\.lunch: duration 3600 does not fit/);
  });

  it('checks sector polygons', () => {
    const open = { id: 's', geometry: { type: 'Polygon', coordinates: [[place(0, 0), place(1, 0), place(1, 1), place(0, 1)]] } };
    expect(errorOf({ ...base(), sectors: [open] })).toMatch(/^sectors\[0\]\.geometry\.coordinates\[0\]: ring is not closed/);
  });

  it('refuses bad weights and a bad travel model', () => {
    expect(errorOf({ ...base(), weights: { travelPerHour: -1 } })).toMatch(/^weights\.travelPerHour: /);
    expect(errorOf({ ...base(), travel: { roadFactor: 0.5 } })).toMatch(/^travel\.roadFactor: must be at least 1/);
  });

  it('validates the real-time state', () => {
    expect(() => parseRealtimeState({ now: 100, positions: [{ technician: 'zz', location: place(0, 0) }] }, base())).toThrow(
      'state.positions[0].technician: no technician has id "zz"',
    );
  });
});
