import { describe, expect, it } from 'vitest';
import { planFieldService } from '../../src/field-service/plan.ts';
import { replanFromNow, withPublishedPlan } from '../../src/field-service/replan.ts';
import type { FieldServicePlan, FieldServiceProblem, RealtimeState, Visit } from '../../src/field-service/types.ts';
import { Rng } from '../../src/rng.ts';
import { checkFieldServicePlan } from '../support/check-field-service-plan.ts';
import { at, H, place, problem, shift, tech, visit } from './fixtures.ts';

function day(seed: number) {
  const rng = new Rng(seed);
  const technicians = ['a', 'b', 'c'].map((id) =>
    tech(id, { home: place(rng.int(40) - 20, rng.int(40) - 20), shifts: [shift(0, 8, 17, [12, 14, 0.75])], maxOvertime: H }),
  );
  const visits = Array.from({ length: 12 }, (_, k) =>
    visit(`v${k}`, {
      location: place(rng.int(40) - 20, rng.int(40) - 20),
      duration: 1800 + rng.int(3) * 900,
      ...(k === 11 ? { pin: { mode: 'technician_and_time' as const, technician: 'c', start: at(0, 15) } } : {}),
    }),
  );
  const p = problem({ technicians, visits });
  return { p, plan: planFieldService(p, { seed, maxIterations: 200 }), rng };
}

/** At `now`: visits the plan had finished are done, the one under way started, the next one en route for one technician. */
function factsAt(p: FieldServiceProblem, plan: FieldServicePlan, now: number): FieldServiceProblem {
  const status = new Map<string, Partial<Visit>>();
  plan.tours.forEach((tour, n) => {
    tour.stops.forEach((s, k) => {
      if (s.end <= now) status.set(s.visit, { status: 'done', progress: { technician: tour.technician, since: s.end } });
      else if (s.start <= now) status.set(s.visit, { status: 'started', progress: { technician: tour.technician, since: s.start } });
      else if (n === 0 && k > 0 && tour.stops[k - 1]!.end <= now && !status.has(s.visit)) {
        status.set(s.visit, { status: 'en_route', progress: { technician: tour.technician, since: tour.stops[k - 1]!.end } });
      }
    });
  });
  return { ...p, visits: p.visits.map((v) => ({ ...v, ...(status.get(v.id) ?? {}) })) };
}

describe('replanFromNow', () => {
  it('keeps every fact in place, drops done visits, plans nothing before now (several days under way)', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { p, plan, rng } = day(seed);
      const now = at(0, 10 + rng.int(4));
      const facts = factsAt(p, plan, now);
      const state: RealtimeState = { now, positions: [{ technician: 'a', location: place(0, 0) }] };
      const next = replanFromNow(facts, plan, state, { seed, maxIterations: 200 });
      expect(checkFieldServicePlan(facts, next, state)).toEqual([]);
      for (const v of facts.visits) {
        if (v.status === 'started' || v.status === 'en_route') {
          const tour = next.tours.find((t) => t.stops.some((s) => s.visit === v.id));
          expect(tour?.technician).toBe(v.progress?.technician);
          const stop = tour?.stops.find((s) => s.visit === v.id);
          expect(stop?.fixed).toBe(true);
          if (v.status === 'started') expect(stop?.start).toBe(v.progress?.since);
        }
        if (v.status === 'done') expect(next.tours.some((t) => t.stops.some((s) => s.visit === v.id))).toBe(false);
      }
    }
  });

  it('keeps pinned visits pinned', () => {
    const { p, plan } = day(2);
    const next = replanFromNow(p, plan, { now: at(0, 9) }, { maxIterations: 200 });
    const tour = next.tours.find((t) => t.stops.some((s) => s.visit === 'v11'));
    expect(tour?.technician).toBe('c');
    expect(tour?.stops.find((s) => s.visit === 'v11')?.start).toBe(at(0, 15));
  });

  it('is non-disruptive: with nothing new, visits keep their technician', () => {
    const { p, plan } = day(3);
    const next = replanFromNow(p, plan, { now: at(0, 8) }, { maxIterations: 200 });
    const before = new Map(plan.tours.flatMap((t) => t.stops.map((s) => [s.visit, t.technician] as const)));
    const kept = next.tours.flatMap((t) => t.stops.filter((s) => before.get(s.visit) === t.technician));
    expect(kept.length).toBe(before.size);
    expect(next.cost.planChanges).toBe(0);
  });

  it('starts the day under way from the technician’s reported position', () => {
    const p = problem({ technicians: [tech('a')], visits: [visit('v', { location: place(10, 0) })] });
    const plan = planFieldService(p, { maxIterations: 50 });
    const where = place(9, 0);
    const next = replanFromNow(p, plan, { now: at(0, 11), positions: [{ technician: 'a', location: where }] }, { maxIterations: 50 });
    expect(next.tours[0]!.start).toEqual({ location: where, time: at(0, 11) });
    expect(next.tours[0]!.stops[0]!.arrival).toBe(at(0, 11) + next.tours[0]!.stops[0]!.travelTime);
  });

  it('withPublishedPlan publishes the plan where a visit has no published assignment of its own', () => {
    const { p, plan } = day(4);
    const published = withPublishedPlan(p, plan);
    const served = plan.tours.flatMap((t) => t.stops.map((s) => s.visit));
    for (const id of served) expect(published.visits.find((v) => v.id === id)?.published).toBeDefined();
  });
});
