import { describe, expect, it } from 'vitest';
import { jain } from '../../src/field-service/kpis.ts';
import { at, H, place, planChecked, problem, shift, tech, visit } from './fixtures.ts';

describe('kpis', () => {
  it('Jain’s index: 1 when even, 1/n when one does all', () => {
    expect(jain([2, 2, 2])).toBe(1);
    expect(jain([3, 0, 0])).toBe(0.333);
    expect(jain([])).toBe(1);
  });

  it('counts travel, service, SLA compliance (unassigned count as missed), reasons and utilisation', () => {
    const p = problem({
      technicians: [tech('a', { shifts: [shift(0, 8, 12)] })],
      visits: [
        visit('ok', { location: place(1, 0), duration: H, slaDeadline: at(0, 11) }),
        visit('never', { skills: { x: 1 }, slaDeadline: at(0, 11) }),
        visit('done', { status: 'done' }),
      ],
    });
    const plan = planChecked(p);
    const k = plan.kpis;
    expect(k).toMatchObject({ visits: 2, assigned: 1, unassigned: 1, serviceTime: H, sla: { withDeadline: 2, met: 1, compliance: 50 } });
    expect(k.travelTime).toBe(plan.tours[0]!.travelTime);
    expect(k.unassignedByReason.no_skill_level).toBe(1);
    expect(k.utilisation).toEqual([
      {
        technician: 'a',
        available: 4 * H,
        work: H + plan.tours[0]!.travelTime,
        utilisation: Math.round(((H + plan.tours[0]!.travelTime) / (4 * H)) * 1000) / 1000,
      },
    ]);
  });
});
