// The adapter between the planning records and the engine's field-service
// format, on hand-made records (no database): what the engine is given, and
// how its plan comes back as tours to store.
import { describe, expect, it } from 'vitest';
import { planFieldService } from '../../../engine/src/index.ts';
import { fromFieldServicePlan, toFieldServiceProblem } from '../../src/planning/to-field-service.ts';
import { BEFORE, DAY, GARDANNE, intervention, NEXT_DAY, PERTUIS, records, SALON, technician } from './fixtures.ts';

// Paris is UTC+1 on DAY: 08:00 local is 07:00Z, engine second 8 × 3600.
const H = 3600;
const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00Z`);

describe('records → field-service problem', () => {
  it('gives each technician the day’s shifts with lunch, skills with levels, and absences in engine seconds', () => {
    const r = records({
      technicians: [technician('tech-hvac', { skills: [{ skillId: 'hvac', level: 3 }], absences: [{ startsAt: at('12:00'), endsAt: at('16:00') }] })],
    });
    const { problem, state } = toFieldServiceProblem(r, { now: BEFORE });
    expect(state).toBeUndefined(); // the day has not begun: whole day
    expect(problem.horizon).toEqual({ days: 1, startDate: DAY });
    expect(problem.technicians).toEqual([
      {
        id: 'tech-hvac',
        home: [5.4474, 43.5297],
        skills: { hvac: 3 },
        shifts: [{ start: 8 * H, end: 17 * H, lunch: { window: [11.5 * H, 15 * H], duration: H } }],
        absences: [{ start: 13 * H, end: 17 * H }],
      },
    ]);
  });

  it('maps a visit’s dates, windows, skills and SLA; pins a pinned visit to its technician over the skill check; keeps its place as published', () => {
    const stop = { tourId: 't1', technicianId: 'tech-pool', day: DAY, sequence: 0, plannedStart: at('09:00'), plannedEnd: at('10:00') };
    const r = records({
      days: [DAY, NEXT_DAY],
      interventions: [
        intervention('windowed', {
          requiredSkills: [{ skillId: 'hvac', minLevel: 2 }],
          timeWindows: [{ start: at('12:00', NEXT_DAY), end: at('15:00', NEXT_DAY) }],
          slaDeadline: at('16:00', NEXT_DAY),
          priority: 120,
        }),
        intervention('pinned', { status: 'planned', pinned: true, technicianId: 'tech-pool', requiredSkills: [{ skillId: 'hvac', minLevel: 3 }], stop }),
      ],
    });
    const adapted = toFieldServiceProblem(r, { now: BEFORE });
    const [windowed, pinned] = adapted.problem.visits;
    expect(windowed).toMatchObject({
      id: 'windowed',
      duration: H,
      skills: { hvac: 2 },
      windows: [[13 * H, 16 * H]],
      earliestDay: 1,
      latestDay: 1,
      priority: 100,
      slaDeadline: 86_400 + 17 * H,
    });
    expect(pinned).toMatchObject({ id: 'pinned', pin: { mode: 'technician', technician: 'tech-pool' }, earliestDay: 0, latestDay: 0 });
    expect(pinned!.skills).toBeUndefined();
    expect(pinned!.published).toEqual({ technician: 'tech-pool', day: 0, start: 10 * H });
    expect(adapted.jobs.map((j) => j.interventionId)).toEqual(['windowed', 'pinned']);
  });

  it('leaves out before solving what the engine cannot be asked: no coordinates, no skilled technician, parts nobody can get', () => {
    const r = records({
      interventions: [
        intervention('nowhere', { location: null }),
        intervention('expert', { requiredSkills: [{ skillId: 'hvac', minLevel: 5 }] }),
        intervention('parts'),
        intervention('van-only'),
      ],
    });
    const parts = new Map([
      ['parts', { technicians: new Map(), availableFrom: NEXT_DAY, missingParts: ['P-1'] }],
      ['van-only', { technicians: new Map([['tech-pool', null]]), availableFrom: null, missingParts: [] }],
    ]);
    const adapted = toFieldServiceProblem(r, { now: BEFORE, parts });
    expect(adapted.excluded).toEqual([
      { interventionId: 'nowhere', reason: 'no_location' },
      { interventionId: 'expert', reason: 'no_skill' },
      { interventionId: 'parts', reason: 'parts_unavailable', availableFrom: NEXT_DAY, missingParts: ['P-1'] },
    ]);
    expect(adapted.problem.visits.find((v) => v.id === 'van-only')?.requiredTechnicians).toEqual(['tech-pool']);
  });

  it('gives the facts of the day to the engine as started or en route, and plans from now and the technicians’ positions', () => {
    const now = at('09:00'); // 10:00 local
    const r = records({
      interventions: [
        intervention('on-site', { status: 'on_site', technicianId: 'tech-hvac', actualStart: at('08:30') }),
        intervention('done', { status: 'done', technicianId: 'tech-hvac', actualStart: at('07:00'), actualEnd: at('08:00') }),
      ],
    });
    const adapted = toFieldServiceProblem(r, { now, positions: new Map([['tech-pool', SALON]]) });
    expect(adapted.state).toEqual({ now: 10 * H, positions: [{ technician: 'tech-pool', location: SALON }] });
    expect(adapted.problem.visits).toEqual([
      expect.objectContaining({ id: 'on-site', status: 'started', progress: { technician: 'tech-hvac', since: 9.5 * H } }),
    ]);
  });
});

describe('field-service plan → tours to store', () => {
  it('keeps the facts first, then the engine’s stops with their times, breaks and overtime; every technician-day gets a tour', () => {
    const now = at('09:00');
    const r = records({
      interventions: [
        intervention('done', { status: 'done', technicianId: 'tech-hvac', actualStart: at('07:00'), actualEnd: at('08:00'), location: PERTUIS }),
        intervention('a', { requiredSkills: [{ skillId: 'hvac', minLevel: 3 }] }),
        intervention('b', { location: PERTUIS, durationMinutes: 90 }),
      ],
    });
    const adapted = toFieldServiceProblem(r, { now });
    const plan = fromFieldServicePlan(r, adapted, planFieldService(adapted.problem, { seed: 1, maxIterations: 50, state: adapted.state }), 7);
    expect(plan.summary).toMatchObject({ planned: 2, unassigned: 0, solvingMs: 7 });
    expect(plan.tours.map((t) => t.technicianId)).toEqual(['tech-hvac', 'tech-pool']);
    const hvac = plan.tours[0]!;
    expect(hvac.stops[0]).toMatchObject({ interventionId: 'done', sequence: 0, planned: false, plannedStart: null });
    expect(hvac.stops.find((s) => s.interventionId === 'a')).toMatchObject({ planned: true });
    for (const t of plan.tours) {
      t.stops.forEach((s, k) => expect(s.sequence).toBe(k));
      for (const s of t.stops.filter((x) => x.planned)) {
        expect(s.plannedStart!.getTime()).toBeGreaterThanOrEqual(now.getTime());
        expect(s.plannedEnd!.getTime()).toBeGreaterThan(s.plannedStart!.getTime());
      }
      if (t.stops.some((s) => s.planned)) {
        expect(t.kpis.breaks).toHaveLength(1); // lunch between 11:30 and 15:00 local
        const lunch = t.kpis.breaks![0]!;
        expect(Date.parse(lunch.end) - Date.parse(lunch.start)).toBe(H * 1000);
        expect(t.kpis.overtimeSeconds).toBe(0);
      }
    }
  });

  it('reports the engine’s unassigned visits with the server’s reasons', () => {
    const r = records({
      technicians: [technician('tech-hvac', { shifts: [{ weekday: 1, day: null, startMinute: 480, endMinute: 600, breakMinutes: 0, breakWindow: null }] })],
      interventions: [intervention('long', { durationMinutes: 180, location: GARDANNE })],
    });
    const adapted = toFieldServiceProblem(r, { now: BEFORE });
    const plan = fromFieldServicePlan(r, adapted, planFieldService(adapted.problem, { seed: 1, maxIterations: 10 }));
    expect(plan.unassigned).toEqual([{ interventionId: 'long', reason: 'no_shift' }]);
  });
});
