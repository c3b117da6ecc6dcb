import { describe, expect, it } from 'vitest';
import { at, H, place, planChecked, problem, reasonsOf, shift, square, tech, visit } from './fixtures.ts';

describe('reasons for unassigned visits', () => {
  it('no_skill_level: nobody allowed has the level', () => {
    const plan = planChecked(problem({ technicians: [tech('a', { skills: { hvac: 1 } })], visits: [visit('v', { skills: { hvac: 2 } })] }));
    expect(reasonsOf(plan, 'v')).toEqual(['no_skill_level']);
    expect(plan.unassigned[0]!.detail).toContain('hvac ≥ 2');
    expect(plan.kpis.unassignedByReason.no_skill_level).toBe(1);
  });

  it('no_skill_level: the required technician lacks it, though someone else has it', () => {
    const plan = planChecked(
      problem({ technicians: [tech('a'), tech('b', { skills: { hvac: 3 } })], visits: [visit('v', { skills: { hvac: 2 }, requiredTechnicians: ['a'] })] }),
    );
    expect(reasonsOf(plan, 'v')).toEqual(['no_skill_level']);
  });

  it('no_shift_in_date_range: nobody works on the days it is due', () => {
    const plan = planChecked(
      problem({ horizon: { days: 3 }, technicians: [tech('a', { shifts: [shift(0)] })], visits: [visit('v', { earliestDay: 1, latestDay: 2 })] }),
    );
    expect(reasonsOf(plan, 'v')).toEqual(['no_shift_in_date_range']);
  });

  it('time_window_unreachable: its window is outside everyone’s hours', () => {
    const plan = planChecked(problem({ visits: [visit('v', { windows: [[20 * H, 21 * H]] })] }));
    expect(reasonsOf(plan, 'v')).toEqual(['time_window_unreachable']);
  });

  it('time_window_unreachable: too far to be back in time', () => {
    const plan = planChecked(problem({ technicians: [tech('a', { shifts: [shift(0, 8, 9)] })], visits: [visit('v', { location: place(60, 0) })] }));
    expect(reasonsOf(plan, 'v')).toEqual(['time_window_unreachable']);
  });

  it('sector_rule: under the hard rule nobody covers its sector', () => {
    const plan = planChecked(
      problem({
        sectors: [square('west', -50, -50, 0, 50), square('east', 0, -50, 50, 50)],
        sectorRule: 'hard',
        technicians: [tech('a', { sectors: ['west'] })],
        visits: [visit('v', { location: place(5, 0) })],
      }),
    );
    expect(reasonsOf(plan, 'v')).toEqual(['sector_rule']);
  });

  it('day_capacity: possible alone, but the day is full', () => {
    const plan = planChecked(
      problem({
        technicians: [tech('a', { shifts: [shift(0, 8, 12)] })],
        visits: [visit('v1', { duration: 3 * H, priority: 10 }), visit('v2', { duration: 3 * H })],
      }),
    );
    expect(reasonsOf(plan, 'v2')).toEqual(['day_capacity']);
  });

  it('reports every reason that alone rules the visit out', () => {
    const plan = planChecked(
      problem({ horizon: { days: 2 }, technicians: [tech('a', { shifts: [shift(0)] })], visits: [visit('v', { skills: { gas: 1 }, earliestDay: 1 })] }),
    );
    expect(reasonsOf(plan, 'v')).toEqual(['no_skill_level', 'no_shift_in_date_range']);
  });

  it('a pinned time in the past of the day under way is unreachable', () => {
    const plan = planChecked(problem({ visits: [visit('v', { pin: { mode: 'time', start: at(0, 9) } })] }), { state: { now: at(0, 10) } });
    expect(reasonsOf(plan, 'v')).toEqual(['time_window_unreachable']);
  });
});
