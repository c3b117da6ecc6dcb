// Records → VROOM input, checked by hand on tiny fixtures.
import { describe, expect, it } from 'vitest';
import { buildPlanningProblem } from '../../src/planning/build-problem.ts';
import { AIX, BEFORE, DAY, GARDANNE, intervention, MARSEILLE, NEXT_DAY, PERTUIS, records, technician } from './fixtures.ts';

const H = 3600;

describe('buildPlanningProblem: vehicles', () => {
  it('makes one vehicle per technician shift, in seconds after local midnight, with lunch and home', () => {
    const p = buildPlanningProblem(records(), { now: BEFORE });
    expect(p.origin.toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(p.vehicles.map((v) => [v.technicianId, v.day])).toEqual([
      ['tech-hvac', DAY],
      ['tech-pool', DAY],
    ]);
    const [hvac, pool] = p.input.vehicles;
    expect(hvac).toMatchObject({ start: AIX, end: AIX, time_window: [8 * H, 17 * H] });
    expect(hvac!.breaks).toEqual([{ id: 1, description: 'lunch', time_windows: [[11.5 * H, 14 * H]], service: H }]);
    expect(pool).toMatchObject({ start: MARSEILLE, end: MARSEILLE });
  });

  it('lets the break go anywhere in the shift when the shift gives no break window', () => {
    const tech = technician('t', { shifts: [{ weekday: 1, day: null, startMinute: 480, endMinute: 1020, breakMinutes: 45, breakWindow: null }] });
    const [vehicle] = buildPlanningProblem(records({ technicians: [tech] }), { now: BEFORE }).input.vehicles;
    expect(vehicle!.breaks).toEqual([{ id: 1, description: 'lunch', time_windows: [[8 * H, 17 * H - 45 * 60]], service: 45 * 60 }]);
  });

  it('trims absences, splits a shift around them, and drops what is too short', () => {
    const tech = technician('t', {
      absences: [
        { startsAt: new Date('2026-03-02T09:00:00Z'), endsAt: new Date('2026-03-02T10:00:00Z') }, // 10:00–11:00 local
        { startsAt: new Date('2026-03-02T15:45:00Z'), endsAt: new Date('2026-03-03T07:00:00Z') }, // from 16:45 local
      ],
    });
    const p = buildPlanningProblem(records({ technicians: [tech] }), { now: BEFORE });
    expect(p.input.vehicles.map((v) => v.time_window)).toEqual([
      [8 * H, 10 * H],
      [11 * H, 16.75 * H],
    ]);
    // Lunch goes on the piece that can hold it; the second piece restarts from home.
    expect(p.input.vehicles.map((v) => v.breaks?.length ?? 0)).toEqual([0, 1]);
    expect(buildPlanningProblem(records({ technicians: [technician('t', { absences: [{ startsAt: new Date('2026-03-01T00:00:00Z'), endsAt: new Date('2026-03-04T00:00:00Z') }] })] }), { now: BEFORE }).vehicles).toEqual([]);
  });

  it('lets a one-day shift replace the weekly ones and starts no earlier than now', () => {
    const tech = technician('t', { shifts: [...technician('t').shifts, { weekday: null, day: DAY, startMinute: 600, endMinute: 720, breakMinutes: 0, breakWindow: null }] });
    expect(buildPlanningProblem(records({ technicians: [tech] }), { now: BEFORE }).input.vehicles.map((v) => v.time_window)).toEqual([[10 * H, 12 * H]]);
    const now = new Date('2026-03-02T10:00:00Z'); // 11:00 local
    expect(buildPlanningProblem(records({ technicians: [technician('t')] }), { now }).input.vehicles[0]!.time_window).toEqual([11 * H, 17 * H]);
  });
});

describe('buildPlanningProblem: jobs', () => {
  it('maps skill levels to ids so that set inclusion means "level at least"', () => {
    const p = buildPlanningProblem(
      records({ interventions: [intervention('i1', { requiredSkills: [{ skillId: 'hvac', minLevel: 2 }] })] }),
      { now: BEFORE },
    );
    const [hvac, pool] = p.input.vehicles;
    const [job] = p.input.jobs!;
    const legend = p.skillLegend;
    expect(job!.skills!.map((id) => legend[id])).toEqual(['hvac>=2']);
    expect(hvac!.skills!.map((id) => legend[id])).toEqual(['hvac>=1', 'hvac>=2', 'hvac>=3']);
    expect(pool!.skills!.map((id) => legend[id]).sort()).toEqual(['hvac>=1', 'pool>=1', 'pool>=2']);
    expect(job).toMatchObject({ id: 1, description: 'i1', location: GARDANNE, service: 3600, priority: 50 });
    expect(job!.time_windows).toBeUndefined();
  });

  it('turns time windows and date ranges into windows in seconds, per eligible day', () => {
    const two = { days: [DAY, NEXT_DAY] };
    const p = buildPlanningProblem(
      records({
        ...two,
        interventions: [
          intervention('morning', { timeWindows: [{ start: new Date('2026-03-03T07:00:00Z'), end: new Date('2026-03-03T11:00:00Z') }] }),
          intervention('from-tuesday', { earliestDay: NEXT_DAY }),
          intervention('next-week', { earliestDay: '2026-03-09' }),
        ],
      }),
      { now: BEFORE },
    );
    expect(p.jobs.map((j) => j.interventionId)).toEqual(['morning', 'from-tuesday']);
    expect(p.input.jobs!.map((j) => j.time_windows)).toEqual([[[32 * H, 36 * H]], [[24 * H, 48 * H]]]);
    expect(p.excluded).toEqual([]); // next week's visit is simply not part of these days
  });

  it('explains what it leaves out before solving', () => {
    const p = buildPlanningProblem(
      records({
        interventions: [
          intervention('nowhere', { location: null }),
          intervention('expert', { requiredSkills: [{ skillId: 'hvac', minLevel: 5 }] }),
          intervention('sunday-only', { timeWindows: [{ start: new Date('2026-03-02T19:00:00Z'), end: new Date('2026-03-02T21:00:00Z') }] }),
          intervention('cancelled', { status: 'cancelled' }),
        ],
      }),
      { now: BEFORE },
    );
    expect(p.excluded).toEqual([
      { interventionId: 'nowhere', reason: 'no_location' },
      { interventionId: 'expert', reason: 'no_skill' },
      { interventionId: 'sunday-only', reason: 'no_shift' },
    ]);
    expect(p.jobs).toEqual([]);
  });

  it('pins pinned and dispatched visits to their technician (and day) with an id only those vehicles hold', () => {
    const p = buildPlanningProblem(
      records({
        days: [DAY, NEXT_DAY],
        interventions: [
          intervention('pinned', { pinned: true, technicianId: 'tech-pool', requiredSkills: [{ skillId: 'hvac', minLevel: 3 }] }),
          intervention('dispatched', {
            status: 'dispatched',
            technicianId: 'tech-hvac',
            stop: { tourId: 'tour', technicianId: 'tech-hvac', day: NEXT_DAY, sequence: 0, plannedStart: null, plannedEnd: null },
          }),
        ],
      }),
      { now: BEFORE },
    );
    const legend = p.skillLegend;
    const [pinned, dispatched] = p.input.jobs!;
    expect(pinned!.skills!.map((id) => legend[id])).toEqual(['pin:tech-pool']);
    expect(dispatched!.skills!.map((id) => legend[id])).toEqual([`pin:tech-hvac@${NEXT_DAY}`]);
    const holders = (id: number) => p.vehicles.filter((_, k) => p.input.vehicles[k]!.skills!.includes(id)).map((v) => `${v.technicianId}@${v.day}`);
    expect(holders(pinned!.skills![0]!)).toEqual([`tech-pool@${DAY}`, `tech-pool@${NEXT_DAY}`]);
    expect(holders(dispatched!.skills![0]!)).toEqual([`tech-hvac@${NEXT_DAY}`]);
    // Its current place is the warm start of that vehicle.
    expect(p.input.vehicles[1]!.steps).toEqual([{ type: 'job', id: 2 }]);
  });
});

describe('buildPlanningProblem: the day under way', () => {
  it('keeps done, on-site and en-route visits out of the engine and starts the vehicle after them', () => {
    const now = new Date('2026-03-02T09:30:00Z'); // 10:30 local
    const stop = (sequence: number) => ({ tourId: 'tour', technicianId: 'tech-hvac', day: DAY, sequence, plannedStart: null, plannedEnd: null });
    const p = buildPlanningProblem(
      records({
        interventions: [
          intervention('done', { status: 'done', location: PERTUIS, actualStart: new Date('2026-03-02T07:30:00Z'), actualEnd: new Date('2026-03-02T08:30:00Z'), stop: stop(0) }),
          // On site since 10:00 local for an hour: busy until 11:00, at Gardanne.
          intervention('on-site', { status: 'on_site', location: GARDANNE, actualStart: new Date('2026-03-02T09:00:00Z'), stop: stop(1) }),
          intervention('later', { status: 'planned', stop: stop(2) }),
        ],
      }),
      { now },
    );
    expect(p.jobs.map((j) => j.interventionId)).toEqual(['later']);
    expect(p.fixed.get(`tech-hvac@${DAY}`)).toEqual(['done', 'on-site']);
    expect(p.input.vehicles[0]).toMatchObject({ start: GARDANNE, end: AIX, time_window: [11 * H, 17 * H] });
    expect(p.input.vehicles[1]!.time_window).toEqual([10.5 * H, 17 * H]);
  });

  it('starts a technician who is free now from the last known position', () => {
    const now = new Date('2026-03-02T09:30:00Z');
    const p = buildPlanningProblem(records(), { now, positions: new Map([['tech-pool', PERTUIS]]) });
    expect(p.input.vehicles.map((v) => v.start)).toEqual([AIX, PERTUIS]);
  });
});

describe('buildPlanningProblem: parts', () => {
  const days = [DAY, NEXT_DAY];
  it('gives a visit whose parts only some technicians can get to their vehicles, from the day the parts are there', () => {
    const p = buildPlanningProblem(
      records({ days, interventions: [intervention('van'), intervention('later'), intervention('free')] }),
      {
        now: BEFORE,
        parts: new Map([
          ['van', { technicians: new Map([['tech-pool', null]]), availableFrom: null, missingParts: ['FAN'] }],
          ['later', { technicians: new Map([['tech-hvac', NEXT_DAY]]), availableFrom: NEXT_DAY, missingParts: ['VALVE'] }],
        ]),
      },
    );
    const vehicle = (technicianId: string, day: string) => p.vehicles.find((v) => v.technicianId === technicianId && v.day === day)!.id;
    const job = (id: string) => p.input.jobs!.find((j) => j.description === id)!;
    expect(job('van').allowed_vehicles).toEqual([vehicle('tech-pool', DAY), vehicle('tech-pool', NEXT_DAY)]);
    expect(job('later').allowed_vehicles).toEqual([vehicle('tech-hvac', NEXT_DAY)]);
    expect(job('free').allowed_vehicles).toBeUndefined();
    expect(p.excluded).toEqual([]);
  });

  it('leaves out a visit nobody can equip in time, saying when its parts come and which are short', () => {
    const p = buildPlanningProblem(
      records({ interventions: [intervention('none'), intervention('too-late', { latestDay: DAY }), intervention('unskilled', { requiredSkills: [{ skillId: 'pool', minLevel: 1 }] })] }),
      {
        now: BEFORE,
        parts: new Map([
          ['none', { technicians: new Map(), availableFrom: '2026-03-09', missingParts: ['FAN'] }],
          ['too-late', { technicians: new Map([['tech-hvac', NEXT_DAY]]), availableFrom: NEXT_DAY, missingParts: ['VALVE'] }],
          // Only the HVAC technician has the parts, but only the pool technician can do it.
          ['unskilled', { technicians: new Map([['tech-hvac', null]]), availableFrom: null, missingParts: ['PUMP'] }],
        ]),
      },
    );
    expect(p.jobs).toEqual([]);
    expect(p.excluded).toEqual([
      { interventionId: 'none', reason: 'parts_unavailable', availableFrom: '2026-03-09', missingParts: ['FAN'] },
      { interventionId: 'too-late', reason: 'parts_unavailable', availableFrom: NEXT_DAY, missingParts: ['VALVE'] },
      { interventionId: 'unskilled', reason: 'parts_unavailable', availableFrom: null, missingParts: ['PUMP'] },
    ]);
  });

  it('keeps a pinned visit with its technician whatever the stock says', () => {
    const pinned = intervention('pinned', { pinned: true, technicianId: 'tech-hvac' });
    const p = buildPlanningProblem(records({ interventions: [pinned] }), {
      now: BEFORE,
      parts: new Map([['pinned', { technicians: new Map(), availableFrom: null, missingParts: ['FAN'] }]]),
    });
    expect(p.jobs.map((j) => j.interventionId)).toEqual(['pinned']);
  });
});
