// The pure scheduling rules of service plans, one table per trigger.
import { describe, expect, it } from 'vitest';
import { isOverdue, planSchedule, type PlanFacts, type PlanVisit } from '../../src/service-plans/schedule.ts';

const TODAY = '2026-11-28';
const UNTIL = '2026-12-28'; // 30-day horizon

function plan(overrides: Partial<PlanFacts>): PlanFacts {
  return {
    trigger: 'frequency',
    fixedDates: [],
    frequencyMonths: 12,
    counterInterval: null,
    leadDays: 30,
    lastDoneOn: null,
    lastDoneCounter: null,
    contractStartsOn: '2020-01-01',
    contractEndsOn: null,
    counterReading: null,
    visits: [],
    ...overrides,
  };
}

const visit = (v: Partial<PlanVisit>): PlanVisit => ({ dueOn: null, dueCounter: null, status: 'requested', doneOn: null, ...v });

describe('frequency: every N months from the last done day', () => {
  it.each([
    // label, facts, next due, created due days
    ['yearly boiler service due in 3 weeks is created', { lastDoneOn: '2025-12-19' }, '2026-12-19', ['2026-12-19']],
    ['due in 2 months is not yet plannable', { lastDoneOn: '2026-01-28' }, '2027-01-28', []],
    ['overdue and never generated is created', { lastDoneOn: '2025-10-01' }, '2026-10-01', ['2026-10-01']],
    ['never done: counted from the contract start', { contractStartsOn: '2026-01-05' }, '2027-01-05', ['2027-01-05']],
    ['twice-yearly heat pump', { frequencyMonths: 6, lastDoneOn: '2026-06-10' }, '2026-12-10', ['2026-12-10']],
    ['month-end clamp', { frequencyMonths: 6, lastDoneOn: '2026-08-31' }, '2027-02-28', []],
    ['contract ended before the due day: nothing', { lastDoneOn: '2025-12-01', contractEndsOn: '2026-06-30' }, null, []],
  ] as const)('%s', (_label, facts, next, created) => {
    const s = planSchedule(plan(facts), TODAY, UNTIL);
    expect(s.next?.dueOn ?? null).toBe(next);
    expect(s.toCreate.map((o) => o.dueOn)).toEqual(created);
  });

  it('creates nothing when the occurrence exists, or an older visit is still open', () => {
    const facts = { lastDoneOn: '2025-12-19' };
    expect(planSchedule(plan({ ...facts, visits: [visit({ dueOn: '2026-12-19' })] }), TODAY, UNTIL).toCreate).toEqual([]);
    expect(planSchedule(plan({ ...facts, visits: [visit({ dueOn: '2025-12-19', status: 'assigned' })] }), TODAY, UNTIL).toCreate).toEqual([]);
  });

  it('a visit done later moves the next due day, and sets the plannable window', () => {
    const s = planSchedule(plan({ lastDoneOn: '2024-12-01', visits: [visit({ dueOn: '2025-12-01', status: 'done', doneOn: '2025-12-20' })] }), TODAY, UNTIL);
    expect(s.next).toEqual({ dueOn: '2026-12-20', dueCounter: null, earliestDate: '2026-11-20' });
    expect(s.toCreate).toHaveLength(1);
  });
});

describe('fixed dates: each listed day is an occurrence', () => {
  const pool = { trigger: 'fixed_dates' as const, frequencyMonths: null, fixedDates: ['2027-04-15', '2026-10-15', '2026-04-15', '2027-10-15'] };
  it.each([
    ['winterising not done: overdue, created; next spring not yet', { lastDoneOn: '2026-04-18' }, '2026-10-15', ['2026-10-15']],
    ['all past dates done: next is spring', { lastDoneOn: '2026-10-20' }, '2027-04-15', []],
    ['long horizon creates each date', { lastDoneOn: '2026-10-20' }, '2027-04-15', ['2027-04-15', '2027-10-15']],
    [
      'dates outside the contract are ignored',
      { lastDoneOn: null, contractStartsOn: '2026-06-01', contractEndsOn: '2027-06-01' },
      '2026-10-15',
      ['2026-10-15'],
    ],
  ] as const)('%s', (label, facts, next, created) => {
    const until = label.startsWith('long') ? '2027-12-31' : UNTIL;
    const s = planSchedule(plan({ ...pool, ...facts }), TODAY, until);
    expect(s.next?.dueOn ?? null).toBe(next);
    expect(s.toCreate.map((o) => o.dueOn)).toEqual(created);
  });

  it('a visit done early fulfils its date; an existing visit is not created again', () => {
    const done = visit({ dueOn: '2026-10-15', status: 'done', doneOn: '2026-10-10' });
    const s = planSchedule(plan({ ...pool, lastDoneOn: '2026-04-18', visits: [done] }), TODAY, '2027-12-31');
    expect(s.next?.dueOn).toBe('2027-04-15');
    const open = visit({ dueOn: '2026-10-15', status: 'planned' });
    expect(planSchedule(plan({ ...pool, lastDoneOn: '2026-04-18', visits: [open] }), TODAY, UNTIL).toCreate).toEqual([]);
  });
});

describe('usage counter: every interval from the reading at the last visit', () => {
  const pump = { trigger: 'usage_counter' as const, frequencyMonths: null, counterInterval: 2000 };
  it.each([
    ['far from the threshold', { lastDoneCounter: 4000, counterReading: 5000 }, 6000, false],
    ['within 10% of the threshold', { lastDoneCounter: 4000, counterReading: 5850 }, 6000, true],
    ['past the threshold', { lastDoneCounter: 4000, counterReading: 6400 }, 6000, true],
    ['never serviced: from zero', { counterReading: 2100 }, 2000, true],
    ['never read: nothing to create', { lastDoneCounter: 4000 }, 6000, false],
  ] as const)('%s', (_label, facts, threshold, creates) => {
    const s = planSchedule(plan({ ...pump, ...facts }), TODAY, UNTIL);
    expect(s.next).toEqual({ dueOn: null, dueCounter: threshold, earliestDate: TODAY });
    expect(s.toCreate.length).toBe(creates ? 1 : 0);
  });

  it('a done visit at its threshold moves the next one', () => {
    const s = planSchedule(
      plan({ ...pump, lastDoneCounter: 4000, counterReading: 6400, visits: [visit({ dueCounter: 6000, status: 'closed' })] }),
      TODAY,
      UNTIL,
    );
    expect(s.next?.dueCounter).toBe(8000);
    expect(s.toCreate).toEqual([]);
  });
});

describe('isOverdue', () => {
  it.each([
    [{ dueOn: '2026-11-27', dueCounter: null, earliestDate: '2026-10-28' }, null, true],
    [{ dueOn: '2026-11-28', dueCounter: null, earliestDate: '2026-10-29' }, null, false],
    [{ dueOn: null, dueCounter: 6000, earliestDate: TODAY }, 6000, true],
    [{ dueOn: null, dueCounter: 6000, earliestDate: TODAY }, 5999, false],
    [{ dueOn: null, dueCounter: 6000, earliestDate: TODAY }, null, false],
    [null, null, false],
  ] as const)('%j with reading %s → %s', (next, reading, expected) => {
    expect(isOverdue(next, TODAY, reading)).toBe(expected);
  });
});
