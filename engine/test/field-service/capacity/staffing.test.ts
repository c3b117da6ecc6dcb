import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { planCapacity } from '../../../src/field-service/capacity/plan-capacity.ts';
import { planFieldService } from '../../../src/field-service/plan.ts';
import type { FieldServiceProblem, Technician } from '../../../src/field-service/types.ts';
import { checkFieldServicePlan } from '../../support/check-field-service-plan.ts';
import { H, place, problem, shift, tech, visit } from '../fixtures.ts';

/** Two days of hvac and gas work around the center, more than the two technicians can do. */
function week(): FieldServiceProblem {
  const visits = [];
  for (let k = 0; k < 14; k++) {
    visits.push(visit(`h${k}`, { location: place((k % 5) * 2 - 4, Math.floor(k / 5) * 2 - 2), duration: H, skills: { hvac: 1 }, priority: 20 }));
  }
  for (let k = 0; k < 9; k++) {
    visits.push(
      visit(`g${k}`, { location: place((k % 3) * 3 - 3, (k % 4) - 2), duration: 1.5 * H, skills: { gas: 2 }, priority: 40, earliestDay: 1, latestDay: 1 }),
    );
  }
  const days = [shift(0, 8, 17, [12, 14, 1]), shift(1, 8, 17, [12, 14, 1])];
  return problem({
    horizon: { days: 2 },
    technicians: [tech('hv', { skills: { hvac: 2 }, shifts: days }), tech('gs', { skills: { gas: 2 }, shifts: days })],
    visits,
  });
}

describe('staffing what-if', () => {
  it('serves every visit when the problem is planned with that many technicians of each profile', () => {
    const p = week();
    const { staffing } = planCapacity(p);
    expect(staffing.unservable).toEqual([]);
    expect(staffing.hoursPerTechnicianDay).toBe(8);
    expect(staffing.technicianDays).toBeGreaterThanOrEqual(Math.ceil(staffing.fractionalTechnicianDays - 1e-9));
    // The work needs more than the two technicians' four days: the count says how many more.
    expect(staffing.technicianDays).toBeGreaterThan(4);

    // Staff each day exactly as the what-if says, with the problem's shift hours (8 h of work a day).
    const technicians: Technician[] = [];
    for (const d of staffing.byDay) {
      for (const need of d.profiles) {
        for (let k = 0; k < need.technicianDays; k++) {
          technicians.push(tech(`${Object.keys(need.skills).join('+')}-${d.day}-${k}`, { skills: need.skills, shifts: [shift(d.day, 8, 17, [12, 14, 1])] }));
        }
      }
    }
    const staffed = { ...p, technicians };
    const plan = planFieldService(staffed, { seed: 1, maxIterations: 2000 });
    expect(checkFieldServicePlan(staffed, plan)).toEqual([]);
    expect(plan.unassigned).toEqual([]);
  });

  it('counts gas on the only day gas is due, and names the profiles with their technicians', () => {
    const { staffing } = planCapacity(week());
    const gasDays = staffing.byDay.filter((d) => d.profiles.some((n) => 'gas' in n.skills));
    expect(gasDays.map((d) => d.day)).toEqual([1]);
    const gas = staffing.byProfile.find((n) => 'gas' in n.skills);
    expect(gas).toMatchObject({ skills: { gas: 2 }, technicians: ['gs'] });
    // 9 gas visits of 1.5 h need at least 13.5 h of work: two days of 8 h at most 85 % busy.
    expect(gas?.technicianDays).toBeGreaterThanOrEqual(2);
  });

  it('leaves out visits no profile can serve, and names them', () => {
    const p = week();
    const withOdd = { ...p, visits: [...p.visits, visit('odd', { skills: { welding: 1 }, priority: 90 })] };
    const { staffing, bound } = planCapacity(withOdd);
    expect(staffing.unservable).toEqual(['odd']);
    expect(staffing.technicianDays).toBe(planCapacity(p).staffing.technicianDays);
    expect(bound.unservablePriority).toBe(90);
  });

  it('is deterministic', () => {
    expect(planCapacity(week())).toEqual(planCapacity(week()));
  });

  it('refuses bad options, naming the field', () => {
    const p = week();
    expect(() => planCapacity(p, { utilisation: 1.5 })).toThrow(InputError);
    expect(() => planCapacity(p, { utilisation: 1.5 })).toThrow(/^utilisation: /);
    expect(() => planCapacity(p, { hoursPerTechnicianDay: 0 })).toThrow(/^hoursPerTechnicianDay: /);
    expect(() => planCapacity(p, { days: [0, 2] })).toThrow(/^days\[1\]: must be a day of the horizon/);
    expect(() => planCapacity({ ...p, horizon: { days: 0 } })).toThrow(/^horizon\.days/);
  });
});
