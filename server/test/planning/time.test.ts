import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDay, localMinute, zonedInstant } from '../../src/planning/time.ts';

describe('zoned time', () => {
  it('turns local minutes into instants across DST changes', () => {
    expect(zonedInstant('2026-03-02', 480, 'Europe/Paris').toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(zonedInstant('2026-07-01', 480, 'Europe/Paris').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    // 29 March 2026: clocks go from 02:00 to 03:00 in Paris.
    expect(zonedInstant('2026-03-29', 0, 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(zonedInstant('2026-03-29', 600, 'Europe/Paris').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(zonedInstant('2026-03-02', 1440, 'Europe/Paris').toISOString()).toBe('2026-03-02T23:00:00.000Z');
  });

  it('reads the local day, minute and weekday of an instant', () => {
    expect(localDay(new Date('2026-03-01T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-02');
    expect(localMinute(new Date('2026-03-02T07:15:00Z'), 'Europe/Paris')).toBe(495);
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});
