import { describe, expect, it } from 'vitest';
import { workPeriods } from '../../src/field-service/periods.ts';
import { buildTravelTable, fieldServiceLocations } from '../../src/field-service/travel.ts';
import type { FieldServiceProblem, RealtimeState } from '../../src/field-service/types.ts';
import { at, H, place, problem, shift, tech, visit } from './fixtures.ts';

function periods(p: FieldServiceProblem, state?: RealtimeState) {
  const table = buildTravelTable(fieldServiceLocations(p, state), p.travel);
  return { table, periods: workPeriods(p, table, state ? { state } : {}) };
}

describe('workPeriods', () => {
  it('removes absences and places the lunch in the piece where it fits', () => {
    const p = problem({ technicians: [tech('a', { shifts: [shift(0, 8, 17, [12, 14, 1])], absences: [{ start: at(0, 8), end: at(0, 12.5) }] })] });
    const [only] = periods(p).periods;
    expect(only).toMatchObject({ start: at(0, 12.5), end: at(0, 17), lunch: { earliest: at(0, 12.5), latest: at(0, 13), duration: H } });
  });

  it('drops what is over at now and starts the current piece at now from the reported position', () => {
    const p = problem({ horizon: { days: 2 }, technicians: [tech('a', { shifts: [shift(0, 8, 12), shift(0, 13, 17), shift(1)] })] });
    const where = place(3, 3);
    const list = periods(p, { now: at(0, 14), positions: [{ technician: 'a', location: where }] }).periods;
    expect(list.map((x) => [x.shift, x.start])).toEqual([
      [1, at(0, 14)],
      [2, at(1, 8)],
    ]);
    expect(list[0]!.startLocation).toEqual(where);
    expect(list[1]!.startLocation).toEqual(p.technicians[0]!.home);
  });

  it('drops a lunch already taken or no longer possible', () => {
    const p = problem({ technicians: [tech('a', { shifts: [shift(0, 8, 17, [12, 14, 1])] })] });
    expect(periods(p, { now: at(0, 12.5), lunchTaken: ['a'] }).periods[0]!.lunch).toBeNull();
    expect(periods(p, { now: at(0, 13.5) }).periods[0]!.lunch).toBeNull();
    expect(periods(p, { now: at(0, 12.5) }).periods[0]!.lunch).toEqual({ earliest: at(0, 12.5), latest: at(0, 13), duration: H });
  });

  it('puts facts first: started, then en route, the period starting after them', () => {
    const p = problem({
      technicians: [tech('a')],
      visits: [
        visit('next', { location: place(5, 0), duration: H, status: 'en_route', progress: { technician: 'a', since: at(0, 10) } }),
        visit('here', { location: place(2, 0), duration: H, status: 'started', progress: { technician: 'a', since: at(0, 9.5) } }),
      ],
    });
    const { periods: list, table } = periods(p, { now: at(0, 10) });
    const only = list[0]!;
    expect(only.fixed.map((f) => p.visits[f.visit]!.id)).toEqual(['here', 'next']);
    const leg = table.time(table.index(place(2, 0)), table.index(place(5, 0)));
    expect(only.fixed[0]).toMatchObject({ start: at(0, 9.5), end: at(0, 10.5) });
    expect(only.fixed[1]).toMatchObject({ arrival: at(0, 10.5) + leg, travelTime: leg });
    expect(only.start).toBe(at(0, 11.5) + leg);
    expect(only.startLocation).toEqual(place(5, 0));
  });

  it('a started visit overrunning its duration ends no earlier than now', () => {
    const p = problem({
      technicians: [tech('a')],
      visits: [visit('long', { duration: H, status: 'started', progress: { technician: 'a', since: at(0, 9) } })],
    });
    expect(periods(p, { now: at(0, 10.5) }).periods[0]!.fixed[0]!.end).toBe(at(0, 10.5));
  });
});
