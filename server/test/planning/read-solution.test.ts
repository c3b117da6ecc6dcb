// Engine output → tour rows, through a real solve of a tiny day.
import { describe, expect, it } from 'vitest';
import { solve } from '../../../engine/src/index.ts';
import { buildPlanningProblem } from '../../src/planning/build-problem.ts';
import { readSolution, withoutVehicles } from '../../src/planning/read-solution.ts';
import { BEFORE, DAY, GARDANNE, intervention, MARSEILLE, PERTUIS, records, SALON } from './fixtures.ts';

function plan(recs: ReturnType<typeof records>, now = BEFORE) {
  const problem = buildPlanningProblem(recs, { now });
  const output = problem.vehicles.length === 0 ? withoutVehicles(problem) : solve(problem.input, { seed: 1, maxIterations: 200 });
  if (output.code !== 0) throw new Error(output.error);
  return { problem, output, plan: readSolution(problem, output) };
}

describe('readSolution', () => {
  it('gives each skilled visit to a technician who has the level, with instants and travel legs', () => {
    const { plan: p } = plan(
      records({
        interventions: [
          intervention('hvac-3', { requiredSkills: [{ skillId: 'hvac', minLevel: 3 }], location: PERTUIS }),
          intervention('pool', { requiredSkills: [{ skillId: 'pool', minLevel: 1 }], location: MARSEILLE }),
          intervention('morning', { location: SALON, timeWindows: [{ start: new Date('2026-03-02T07:00:00Z'), end: new Date('2026-03-02T08:00:00Z') }] }),
        ],
      }),
    );
    expect(p.unassigned).toEqual([]);
    const byTech = Object.fromEntries(p.tours.map((t) => [t.technicianId, t]));
    expect(byTech['tech-hvac']!.stops.map((s) => s.interventionId)).toContain('hvac-3');
    expect(byTech['tech-pool']!.stops.map((s) => s.interventionId)).toContain('pool');
    for (const tour of p.tours) {
      expect(tour.day).toBe(DAY);
      expect(tour.stops.map((s) => s.sequence)).toEqual(tour.stops.map((_, k) => k));
      let travel = 0;
      for (const s of tour.stops) {
        expect(s.plannedStart!.getTime()).toBeGreaterThanOrEqual(s.plannedArrival!.getTime());
        expect(s.plannedEnd!.getTime() - s.plannedStart!.getTime()).toBe(3_600_000);
        expect(s.plannedStart!.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-03-02T07:00:00Z'));
        travel += s.travelSeconds!;
      }
      expect(travel).toBeLessThanOrEqual(tour.kpis.travelSeconds); // the rest is the way home
      expect(tour.kpis.stops).toBe(tour.stops.length);
    }
    const morning = p.tours.flatMap((t) => t.stops).find((s) => s.interventionId === 'morning')!;
    expect(morning.plannedStart!.getTime()).toBeLessThanOrEqual(Date.parse('2026-03-02T08:00:00Z'));
    expect(p.summary.planned).toBe(3);
  });

  it('keeps fixed visits first and marks what did not fit as capacity', () => {
    const stop = (sequence: number) => ({ tourId: 't', technicianId: 'tech-hvac', day: DAY, sequence, plannedStart: null, plannedEnd: null });
    const now = new Date('2026-03-02T14:00:00Z'); // 15:00 local: two hours left
    const { plan: p } = plan(
      records({
        technicians: [records().technicians[0]!],
        interventions: [
          intervention('done', { status: 'done', location: GARDANNE, actualEnd: new Date('2026-03-02T13:00:00Z'), stop: stop(0) }),
          intervention('a', { durationMinutes: 90, priority: 90 }),
          intervention('b', { durationMinutes: 90, priority: 10 }),
        ],
      }),
      now,
    );
    expect(p.tours[0]!.stops.map((s) => [s.interventionId, s.planned])).toEqual([
      ['done', false],
      ['a', true],
    ]);
    expect(p.tours[0]!.stops[1]!.plannedStart!.getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(p.unassigned).toEqual([{ interventionId: 'b', reason: 'capacity' }]);
  });

  it('lists an existing tour with nothing left as an empty tour, so its stops get removed', () => {
    const { plan: p } = plan(records({ technicians: [], tours: [{ id: 'old', technicianId: 'gone', day: DAY, version: 3, stops: [] }] }));
    expect(p.tours).toEqual([expect.objectContaining({ technicianId: 'gone', day: DAY, stops: [] })]);
  });
});
