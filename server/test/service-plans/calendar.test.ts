import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isDay, isoWeekday } from '../../src/service-plans/calendar.ts';
import { localDay, localMinuteOfDay, zonedInstant } from '../../src/service-plans/zoned-time.ts';

describe('addMonths clamps to the end of the month, as PostgreSQL does', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-28', 6, '2027-05-28'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-12-01', 12, '2027-12-01'],
    ['2026-02-28', 12, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-01-10', -13, '2024-12-10'],
    ['2026-05-20', 0, '2026-05-20'],
  ])('%s + %i months = %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-28', 2, '2026-03-30'], // across the spring DST change, still whole days
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
  ])('%s + %i days = %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it('counts days between, weekdays, and validates', () => {
    expect(daysBetween('2026-11-28', '2027-11-28')).toBe(365);
    expect(daysBetween('2026-11-28', '2026-11-01')).toBe(-27);
    expect(isoWeekday('2026-11-28')).toBe(6); // Saturday
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-1-01')).toBe(false);
    expect(() => addDays('tomorrow', 1)).toThrow(/calendar day/);
  });
});

describe('zoned time in Europe/Paris', () => {
  const tz = 'Europe/Paris';
  it('maps local minutes to instants in winter (+1) and summer (+2)', () => {
    expect(zonedInstant('2026-11-28', 8 * 60, tz).toISOString()).toBe('2026-11-28T07:00:00.000Z');
    expect(zonedInstant('2026-07-14', 8 * 60, tz).toISOString()).toBe('2026-07-14T06:00:00.000Z');
    // 02:30 does not exist on 29 March 2026: resolves one hour later.
    expect(zonedInstant('2026-03-29', 150, tz).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedInstant('2026-10-25', 12 * 60, tz).toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });

  it('reads the local day and minute of an instant', () => {
    expect(localDay(new Date('2026-11-28T23:30:00Z'), tz)).toBe('2026-11-29');
    expect(localDay(new Date('2026-11-28T22:59:00Z'), tz)).toBe('2026-11-28');
    expect(localMinuteOfDay(new Date('2026-06-01T06:15:30Z'), tz)).toBe(8 * 60 + 15.5);
  });
});
