import { describe, expect, it } from 'vitest';
import { buildRows, shiftOf, visibleRange } from '../../src/timeline/layout.ts';
import { DAY, at, interventions, shifts, technicians, tours } from '../support/fixtures.ts';

const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.id, i]));

describe('timeline layout', () => {
  const rows = buildRows({ technicians, tours: byId(tours), interventions: byId(interventions), shifts, day: DAY, timezone: 'Europe/Paris' });

  it('places visits and travel in local minutes of the day', () => {
    const alice = rows[0]!;
    expect(alice.shift).toEqual({ start: 480, end: 1020, breakMinutes: 60 });
    const visits = alice.bars.filter((b) => b.kind === 'visit');
    expect(visits.map((v) => [v.start, v.end])).toEqual([
      [540, 600],
      [630, 690],
    ]);
    const travel = alice.bars.filter((b) => b.kind === 'travel');
    expect(travel.map((b) => [b.start, b.end])).toEqual([
      [520, 530],
      [600, 620],
    ]);
    expect(rows[1]!.bars.filter((b) => b.kind === 'visit')).toEqual([]);
  });

  it('puts the break in the free gap around midday', () => {
    const brk = rows[0]!.bars.find((b) => b.kind === 'break')!;
    expect(brk.start).toBeGreaterThanOrEqual(690);
    expect(brk.end - brk.start).toBe(60);
  });

  it('puts the break in the shift’s break window when it has one', () => {
    const windowed = { 't-alice': [{ ...shifts['t-alice']![0]!, breakStartMinute: 780, breakEndMinute: 840 }] };
    const [alice] = buildRows({ technicians, tours: byId(tours), interventions: byId(interventions), shifts: windowed, day: DAY, timezone: 'Europe/Paris' });
    const brk = alice!.bars.find((b) => b.kind === 'break')!;
    expect([brk.start, brk.end]).toEqual([780, 840]);
  });

  it('puts the break across a drive rather than over a visit when only the drive leaves room', () => {
    // Break window 11:00–13:00 (60 min): visits 9:00–10:00 and 12:30–13:30, 40 min of driving before the second:
    // clear of both, only 50 min; between the visits, 90.
    const windowed = { 't-alice': [{ ...shifts['t-alice']![0]!, breakStartMinute: 660, breakEndMinute: 780 }] };
    const busyTour = {
      ...tours[0]!,
      stops: tours[0]!.stops.map((stop, i) =>
        i === 1 ? { ...stop, plannedArrival: at('12:30'), plannedStart: at('12:30'), plannedEnd: at('13:30'), travelSeconds: 40 * 60 } : stop,
      ),
    };
    const moved = interventions.map((i) => (i.id === 'i-2' ? { ...i, plannedStart: at('12:30'), plannedEnd: at('13:30') } : i));
    const [alice] = buildRows({
      technicians,
      tours: { [busyTour.id]: busyTour },
      interventions: byId(moved),
      shifts: windowed,
      day: DAY,
      timezone: 'Europe/Paris',
    });
    const brk = alice!.bars.find((b) => b.kind === 'break')!;
    expect(alice!.bars.filter((b) => b.kind === 'visit').map((v) => [v.start, v.end])).toEqual([
      [540, 600],
      [750, 810],
    ]);
    for (const v of alice!.bars.filter((b) => b.kind === 'visit'))
      expect(brk.end <= v.start || brk.start >= v.end, `break ${brk.start}–${brk.end} over visit ${v.start}–${v.end}`).toBe(true);
  });

  it('shades overtime past the shift', () => {
    const late = { ...tours[0]!, kpis: { end: at('18:30') } };
    const [alice] = buildRows({ technicians, tours: { [late.id]: late }, interventions: byId(interventions), shifts, day: DAY, timezone: 'Europe/Paris' });
    expect(alice!.overtime).toEqual({ start: 1020, end: 1110 });
    expect(visibleRange([alice!]).to).toBe(19 * 60);
  });

  it('lets a one-day shift override the weekly one', () => {
    const list = [
      ...shifts['t-alice']!,
      {
        id: 'x',
        technicianId: 't-alice',
        weekday: null,
        date: DAY,
        startMinute: 600,
        endMinute: 720,
        breakMinutes: 0,
        breakStartMinute: null,
        breakEndMinute: null,
      },
    ];
    expect(shiftOf(list, DAY)).toEqual({ start: 600, end: 720, breakMinutes: 0 });
    expect(shiftOf(list, '2026-03-11')).toBeNull();
  });
  it('draws the break where the engine stored it with the tour, even over the usual lunch gap', () => {
    const stored = tours.map((t) => (t.technicianId === 't-alice' ? { ...t, kpis: { ...t.kpis, breaks: [{ start: at('14:00'), end: at('14:45') }] } } : t));
    const [alice] = buildRows({ technicians, tours: byId(stored), interventions: byId(interventions), shifts, day: DAY, timezone: 'Europe/Paris' });
    expect(alice!.bars.filter((b) => b.kind === 'break').map((b) => [b.start, b.end])).toEqual([[840, 885]]);
  });

  it('marks absences: part of the day keeps the hours, all of it takes them (and the lunch) away', () => {
    const absence = (startsAt: string, endsAt: string) => ({
      id: 'ab',
      technicianId: 't-bruno',
      kind: 'training' as const,
      startsAt,
      endsAt,
      note: null as string | null,
      createdAt: startsAt,
    });
    const build = (list: ReturnType<typeof absence>[]) =>
      buildRows({
        technicians,
        tours: byId(tours),
        interventions: byId(interventions),
        shifts,
        absences: { 't-bruno': list },
        day: DAY,
        timezone: 'Europe/Paris',
      })[1]!;
    const morning = build([absence(at('08:00'), at('12:00'))]);
    expect(morning).toMatchObject({ awayAllDay: false, away: [{ start: 480, end: 720, kind: 'training' }] });
    expect(morning.shift).not.toBeNull();
    // Two absences back to back cover the hours: away all day.
    const allDay = build([absence(at('07:00'), at('12:00')), absence(at('12:00'), at('18:00'))]);
    expect(allDay.awayAllDay).toBe(true);
    expect(allDay.shift).toBeNull();
    expect(allDay.bars.filter((b) => b.kind === 'break')).toEqual([]);
    // The same training entered twice is one band, with both notes.
    const twice = build([
      { ...absence(at('00:00'), at('23:59')), note: 'Habilitation' },
      { ...absence(at('00:00'), at('23:59')), note: 'Recyclage' },
    ]);
    expect(twice.away).toMatchObject([{ kind: 'training', note: 'Habilitation ; Recyclage' }]);
    // Clipped to the day shown.
    expect(build([absence('2026-03-09T00:00:00Z', '2026-03-12T00:00:00Z')]).away).toMatchObject([{ start: 0, end: 1440 }]);
  });
});
