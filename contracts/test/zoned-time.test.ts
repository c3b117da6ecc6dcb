// Zone conversions, the one module the server (seeding, planning, service
// plans) and the board (timeline, day navigation) share.
import { describe, expect, it } from 'vitest';
import { localDay, localMinuteOfDay, minutesSinceLocalMidnight, utcOffsetMinutes, zonedInstant } from '../src/zoned-time.ts';

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

describe('the offset of a zone from UTC', () => {
  it('follows the daylight-saving changes, to the minute', () => {
    expect(utcOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(utcOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Europe/Paris')).toBe(120);
    // Paris springs forward at 01:00 UTC on 29 March 2026.
    expect(utcOffsetMinutes(new Date('2026-03-29T00:59:00Z'), 'Europe/Paris')).toBe(60);
    expect(utcOffsetMinutes(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe(120);
    // Zones an hour apart from Paris, or not whole hours from UTC.
    expect(utcOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'America/Martinique')).toBe(-240);
    expect(utcOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'Asia/Kathmandu')).toBe(345);
    expect(utcOffsetMinutes(new Date('2026-01-15T12:00:00Z'), 'UTC')).toBe(0);
  });
});

describe('minutes since the local midnight of a given day (the timeline)', () => {
  const tz = 'Europe/Paris';
  it('places an ISO instant or a Date on the day of the timeline', () => {
    expect(minutesSinceLocalMidnight('2026-11-28T07:30:00.000Z', '2026-11-28', tz)).toBe(8 * 60 + 30);
    expect(minutesSinceLocalMidnight(new Date('2026-07-14T06:00:00Z'), '2026-07-14', tz)).toBe(8 * 60);
  });

  it('is negative before the day and past 1440 after it', () => {
    expect(minutesSinceLocalMidnight('2026-11-27T22:00:00Z', '2026-11-28', tz)).toBe(-60);
    expect(minutesSinceLocalMidnight('2026-11-29T00:00:00Z', '2026-11-28', tz)).toBe(25 * 60);
  });

  it('counts elapsed minutes on a daylight-saving day', () => {
    // 29 March 2026: midnight is 23:00 UTC the day before, and 10:00 local is 08:00 UTC — 9 hours later.
    expect(minutesSinceLocalMidnight('2026-03-29T08:00:00Z', '2026-03-29', tz)).toBe(9 * 60);
  });

  it('inverts zonedInstant on an ordinary day', () => {
    for (const minute of [0, 7 * 60 + 45, 12 * 60, 23 * 60 + 59]) {
      expect(minutesSinceLocalMidnight(zonedInstant('2026-11-28', minute, tz), '2026-11-28', tz)).toBe(minute);
    }
  });

  it('reads the day in the zone, not the browser’s or the server’s', () => {
    // 23:30 UTC on 28 November is already the 29th in Paris, still the 28th in Martinique.
    const instant = new Date('2026-11-28T23:30:00Z');
    expect(localDay(instant, 'Europe/Paris')).toBe('2026-11-29');
    expect(localDay(instant, 'America/Martinique')).toBe('2026-11-28');
    expect(localMinuteOfDay(instant, 'America/Martinique')).toBe(19 * 60 + 30);
  });
});
