// Calendar days as strings: month and day arithmetic, weekdays, validation.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isDay, isoWeekday } from '../src/calendar.ts';

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
