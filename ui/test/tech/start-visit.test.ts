// Which visits ask before "Je pars" (tech/screens/StartVisit.tsx): those
// planned for a later day in the agency's calendar.
import { describe, expect, it } from 'vitest';
import { laterDay } from '../../src/tech/screens/StartVisit.tsx';

describe('laterDay', () => {
  // 18:13 in Paris on 8 December 2026.
  const now = new Date('2026-12-08T17:13:00Z');

  it('names the later day of a visit planned tomorrow, in the agency’s calendar', () => {
    expect(laterDay('2026-12-09T08:00:00Z', 'Europe/Paris', now)).toBe('2026-12-09');
    // 23:30 UTC on the 8th is already the 9th in Paris.
    expect(laterDay('2026-12-08T23:30:00Z', 'Europe/Paris', now)).toBe('2026-12-09');
  });

  it('lets today’s, earlier and untimed visits start without asking', () => {
    expect(laterDay('2026-12-08T20:00:00Z', 'Europe/Paris', now)).toBeNull();
    expect(laterDay('2026-12-07T08:00:00Z', 'Europe/Paris', now)).toBeNull();
    expect(laterDay(null, 'Europe/Paris', now)).toBeNull();
  });
});
