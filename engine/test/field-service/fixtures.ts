import { expect } from 'vitest';
import { planFieldService, type FieldServicePlanOptions } from '../../src/field-service/plan.ts';
import type { FieldServicePlan, FieldServiceProblem, RealtimeState, Technician, Tour, Visit } from '../../src/field-service/types.ts';
import { checkFieldServicePlan } from '../support/check-field-service-plan.ts';

/** Small hand-checkable field-service problems around Lyon: 0.01° of latitude ≈ 1.1 km ≈ 104 s of driving. */
export const H = 3600;
export const D = 86_400;
export const CENTER: [number, number] = [4.85, 45.75];

/** A place `north` and `east` hundredths of a degree from the center. */
export function place(east: number, north: number): [number, number] {
  return [Math.round((CENTER[0] + east / 100) * 1e6) / 1e6, Math.round((CENTER[1] + north / 100) * 1e6) / 1e6];
}

export const at = (day: number, hours: number): number => day * D + Math.round(hours * H);

export function shift(day: number, from = 8, to = 17, lunch?: [number, number, number]): Technician['shifts'][number] {
  return {
    start: at(day, from),
    end: at(day, to),
    ...(lunch ? { lunch: { window: [at(day, lunch[0]), at(day, lunch[1])], duration: Math.round(lunch[2] * H) } } : {}),
  };
}

export function tech(id: string, over: Partial<Technician> = {}): Technician {
  return { id, home: CENTER, shifts: [shift(0)], ...over };
}

export function visit(id: string, over: Partial<Visit> = {}): Visit {
  return { id, location: place(1, 1), duration: 1800, ...over };
}

export function problem(over: Partial<FieldServiceProblem> = {}): FieldServiceProblem {
  return { horizon: { days: 1 }, technicians: [tech('a')], visits: [], ...over };
}

export const FAST: FieldServicePlanOptions = { seed: 1, maxIterations: 300 };

/** Plans and asserts the plan passes the independent hard-constraint checker. */
export function planChecked(p: FieldServiceProblem, options: FieldServicePlanOptions = FAST): FieldServicePlan {
  const plan = planFieldService(p, { ...FAST, ...options });
  expect(checkFieldServicePlan(p, plan, options.state as RealtimeState | undefined)).toEqual([]);
  return plan;
}

/** Technician serving a visit in a plan (undefined when unassigned). */
export function servedBy(plan: FieldServicePlan, visitId: string): string | undefined {
  return tourOf(plan, visitId)?.technician;
}

export function tourOf(plan: FieldServicePlan, visitId: string): Tour | undefined {
  return plan.tours.find((t) => t.stops.some((s) => s.visit === visitId));
}

export function stopOf(plan: FieldServicePlan, visitId: string) {
  return tourOf(plan, visitId)?.stops.find((s) => s.visit === visitId);
}

export function reasonsOf(plan: FieldServicePlan, visitId: string) {
  return plan.unassigned.find((u) => u.visit === visitId)?.reasons;
}

/** A square sector polygon [west, south] → [east, north] in the same hundredths as `place`. */
export function square(id: string, west: number, south: number, east: number, north: number) {
  const [x0, y0] = place(west, south);
  const [x1, y1] = place(east, north);
  return {
    id,
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ] as [number, number][],
      ],
    },
  };
}
