import { describe, expect, it } from 'vitest';
import { generateFieldServiceInstance } from '../../../../benchmarks/field-service/generate.ts';
import { capacityBound } from '../../../src/field-service/capacity/capacity-bound.ts';
import { planCapacity } from '../../../src/field-service/capacity/plan-capacity.ts';
import { buildContext } from '../../../src/field-service/context.ts';
import { EligibilityChecker } from '../../../src/field-service/eligibility.ts';
import { planFieldService } from '../../../src/field-service/plan.ts';
import type { FieldServicePlan, FieldServiceProblem } from '../../../src/field-service/types.ts';
import { checkFieldServicePlan } from '../../support/check-field-service-plan.ts';
import { FAST, H, at, place, problem, shift, tech, visit } from '../fixtures.ts';

/** Served priority recomputed from the tours, independently of the bound's code. */
function servedPriority(p: FieldServiceProblem, plan: FieldServicePlan): number {
  const priority = new Map(p.visits.map((v) => [v.id, v.priority ?? 0]));
  return plan.tours.flatMap((t) => t.stops).reduce((sum, s) => sum + (priority.get(s.visit) ?? 0), 0);
}

describe('capacity bound beside the plan', () => {
  it.each([
    { technicians: 4, visits: 60, days: 2, seed: 1 },
    { technicians: 3, visits: 90, days: 2, seed: 2 },
    { technicians: 6, visits: 50, days: 3, seed: 3, sectorRule: 'hard' as const },
    { technicians: 2, visits: 70, days: 1, seed: 4 },
  ])('is at least the served priority of the plan the engine finds ($technicians × $visits, $days days, seed $seed)', (options) => {
    const p = generateFieldServiceInstance(options);
    const plan = planFieldService(p, { seed: 1, maxIterations: 200 });
    expect(checkFieldServicePlan(p, plan)).toEqual([]);
    const bound = plan.bound;
    expect(bound).toBeDefined();
    if (!bound) return;
    expect(bound.planServedPriority).toBe(servedPriority(p, plan));
    expect(bound.servedPriority).toBeGreaterThanOrEqual(bound.planServedPriority);
    expect(bound.gapPercent).toBeCloseTo(((bound.servedPriority - bound.planServedPriority) / bound.servedPriority) * 100, 1);
    // The bound never exceeds what is there to serve.
    expect(bound.servedPriority).toBeLessThanOrEqual(p.visits.reduce((s, v) => s + (v.priority ?? 0), 0));
  });

  it('counts the hours of a short day: 2 h hold one visit of 1.5 h, not two', () => {
    const p = problem({
      technicians: [tech('a', { shifts: [shift(0, 8, 10)] })],
      visits: [
        visit('high', { location: place(1, 0), duration: 1.5 * H, priority: 80 }),
        visit('mid', { location: place(-1, 0), duration: 1.5 * H, priority: 50 }),
      ],
    });
    const plan = planFieldService(p, FAST);
    expect(plan.bound?.planServedPriority).toBe(80);
    // 80 for the first visit, and at most a third of the second's 50 in the half hour left.
    expect(plan.bound?.servedPriority).toBeGreaterThanOrEqual(80);
    expect(plan.bound?.servedPriority).toBeLessThan(80 + 50 / 3 + 0.01);
  });

  it('leaves out the priority of visits that need a skill nobody has', () => {
    const base = problem({
      horizon: { days: 2 },
      technicians: [tech('a', { skills: { hvac: 2 }, shifts: [shift(0), shift(1)] })],
      visits: [visit('v1', { skills: { hvac: 1 }, priority: 30 }), visit('v2', { location: place(2, 1), priority: 20 })],
    });
    const withGas = {
      ...base,
      visits: [
        ...base.visits,
        visit('gas1', { location: place(-1, 2), skills: { gas: 1 }, priority: 90 }),
        visit('gas2', { location: place(-2, 2), skills: { gas: 1 }, priority: 40 }),
        visit('hvac3', { location: place(-2, 3), skills: { hvac: 3 }, priority: 10 }),
      ],
    };
    const without = planCapacity(base).bound;
    const report = planCapacity(withGas).bound;
    expect(without.servedPriority).toBe(50);
    expect(report.servedPriority).toBe(50);
    expect(report.unservablePriority).toBe(140);
    expect(report.totalPriority).toBe(190);
    const plan = planFieldService(withGas, FAST);
    expect(plan.bound?.servedPriority).toBe(50);
    expect(plan.bound?.gapPercent).toBe(0);
  });

  it('says "no capacity for this skill" when the skilled technicians are full, and only then', () => {
    // Only `gas` holds gas, for 3 hours; `other` has a free day but no gas.
    const p = problem({
      technicians: [tech('gas', { skills: { gas: 1 }, shifts: [shift(0, 8, 11)] }), tech('other', { skills: { hvac: 1 } })],
      visits: [0, 1, 2, 3, 4].map((k) => visit(`g${k}`, { location: place(k, 1), duration: H, skills: { gas: 1 }, priority: 50 })),
    });
    const plan = planFieldService(p, FAST);
    expect(checkFieldServicePlan(p, plan)).toEqual([]);
    expect(plan.unassigned.length).toBeGreaterThanOrEqual(2);
    for (const u of plan.unassigned) {
      expect(u.reasons).toEqual(['day_capacity']);
      expect(u.noSkillCapacity).toBe(true);
      expect(u.detail).toContain('no capacity for gas ≥ 1 on day 0');
    }
    const report = planCapacity(p).bound;
    expect(report.shortClasses).toEqual([expect.objectContaining({ skills: { gas: 1 }, days: [0], priority: 50, visits: 5 })]);

    // Two visits whose windows allow one start between 9:00 and 9:05, far apart: the day has hours, the windows do not.
    const windows = problem({
      technicians: [tech('a')],
      visits: [
        visit('w1', { location: place(5, 0), windows: [[at(0, 9), at(0, 9) + 300]] }),
        visit('w2', { location: place(-5, 0), windows: [[at(0, 9), at(0, 9) + 300]] }),
      ],
    });
    const tight = planFieldService(windows, FAST);
    expect(tight.unassigned).toHaveLength(1);
    expect(tight.unassigned[0]!.reasons).toEqual(['day_capacity']);
    expect(tight.unassigned[0]!.noSkillCapacity).toBeUndefined();
  });

  it('is deterministic, and left out on request', () => {
    const p = generateFieldServiceInstance({ technicians: 3, visits: 60, days: 2, seed: 5 });
    expect(planCapacity(p)).toEqual(planCapacity(p));
    const a = planFieldService(p, { seed: 2, maxIterations: 100 });
    const b = planFieldService(p, { seed: 2, maxIterations: 100 });
    expect(a.bound).toEqual(b.bound);
    expect(planFieldService(p, { seed: 2, maxIterations: 100, bound: false }).bound).toBeUndefined();
  });
});

describe('capacity bound on a big horizon', () => {
  it('keeps one work bucket per class past the variable limit: a smaller LP, a bound no lower', () => {
    const p = generateFieldServiceInstance({ technicians: 3, visits: 80, days: 3, seed: 6 });
    const ctx = buildContext(p);
    const checker = new EligibilityChecker(ctx);
    const eligibility = new Map(p.visits.map((v, i) => [i, checker.check(v, ctx.visitSectors[i])] as const));
    const bucketed = capacityBound(ctx, eligibility).bound;
    const small = capacityBound(ctx, eligibility, { maxBucketedVariables: 10 }).bound;
    expect(small.model.variables).toBeLessThan(bucketed.model.variables);
    expect(small.model.visitClasses).toBe(bucketed.model.visitClasses);
    expect(small.servedPriority).toBeGreaterThanOrEqual(bucketed.servedPriority);
    expect(planFieldService(p, { seed: 1, maxIterations: 200 }).bound?.planServedPriority).toBeLessThanOrEqual(bucketed.servedPriority);
  });
});
