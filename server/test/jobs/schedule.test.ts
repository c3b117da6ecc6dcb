import { describe, expect, it } from 'vitest';
import { jobOptionsFromEnv } from '../../src/jobs/options.ts';
import { cronPattern, nextOccurrence } from '../../src/jobs/schedule.ts';

describe('overnight schedule', () => {
  it('finds the next 02:00 in the agency’s zone, across a DST change', () => {
    const s = { hour: 2, minute: 0 };
    expect(nextOccurrence(new Date('2026-03-02T12:00:00Z'), s, 'Europe/Paris').toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(nextOccurrence(new Date('2026-03-03T00:59:00Z'), s, 'Europe/Paris').toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(nextOccurrence(new Date('2026-07-01T12:00:00Z'), s, 'Europe/Paris').toISOString()).toBe('2026-07-02T00:00:00.000Z');
    expect(cronPattern({ hour: 2, minute: 30 })).toBe('30 2 * * *');
  });

  it('reads its settings from the environment', () => {
    expect(jobOptionsFromEnv({})).toEqual({});
    expect(jobOptionsFromEnv({ PLANNING_AT: 'off', JOBS_IN_PROCESS: 'false' })).toEqual({ overnight: null, runWorkers: false });
    expect(jobOptionsFromEnv({ PLANNING_AT: '03:15', PLANNING_DAYS: '2' }).overnight).toEqual({
      hour: 3,
      minute: 15,
      daysAhead: 1,
      dayCount: 2,
      timeLimitMs: 60_000,
    });
    expect(() => jobOptionsFromEnv({ PLANNING_AT: '25:00' })).toThrow(/PLANNING_AT/);
    expect(jobOptionsFromEnv({ SERVICE_PLANS_AT: 'off' })).toEqual({ servicePlans: null });
    expect(jobOptionsFromEnv({ SERVICE_PLANS_AT: '00:45' }).servicePlans).toEqual({ hour: 0, minute: 45, horizonDays: 30 });
    expect(jobOptionsFromEnv({ SERVICE_PLANS_HORIZON_DAYS: '60' }).servicePlans).toEqual({ hour: 1, minute: 30, horizonDays: 60 });
    expect(() => jobOptionsFromEnv({ SERVICE_PLANS_AT: '1h30' })).toThrow(/SERVICE_PLANS_AT/);
  });
});
