import { describe, expect, it } from 'vitest';
import { zonedInstant } from '@tournee/contracts/zoned-time';
import { computeKpis, slaByHour, technicianLoads } from '../../src/kpis/compute.ts';
import { buildRows } from '../../src/timeline/layout.ts';
import { DAY, at, interventions, shifts, technicians, tours } from '../support/fixtures.ts';

const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.id, i]));

describe('computeKpis', () => {
  it('sums travel, counts unassigned, measures utilization and balance', () => {
    const rows = buildRows({ technicians, tours: byId(tours), interventions: byId(interventions), shifts, day: DAY, timezone: 'Europe/Paris' });
    const k = computeKpis(rows, byId(tours), byId(interventions));
    expect(k.travelSeconds).toBe(1800);
    expect(k.travelMeters).toBe(25000);
    expect(k.unassigned).toBe(1);
    expect(k.visits).toBe(2);
    // 120 min on site over two 480-min shifts (540 − 60 break).
    expect(k.utilization).toBeCloseTo(120 / 960, 5);
    // One technician works, the other does not: as uneven as it gets for two.
    expect(k.imbalance).toBeCloseTo(1, 5);
    expect(k.slaCompliance).toBeNull();
  });

  it('counts a planned start after the SLA deadline as missed', () => {
    const late = interventions.map((i) => (i.id === 'i-2' ? { ...i, slaDeadline: at('10:00') } : i));
    const rows = buildRows({ technicians, tours: byId(tours), interventions: byId(late), shifts, day: DAY, timezone: 'Europe/Paris' });
    const k = computeKpis(rows, byId(tours), byId(late));
    expect(k.slaCompliance).toBe(0);
    expect(k.slaMissed).toBe(1);
  });

  it('counts a visit left unplanned past its deadline that day as missed, not one due another day', () => {
    const rows = buildRows({ technicians, tours: byId(tours), interventions: byId(interventions), shifts, day: DAY, timezone: 'Europe/Paris' });
    const dayEnd = zonedInstant(DAY, 24 * 60, 'Europe/Paris').getTime();
    // i-3 (priority 90, due at 16:00) waits in the queue: the day cannot say "100 %".
    const k = computeKpis(rows, byId(tours), byId(interventions), dayEnd);
    expect([k.slaCompliance, k.slaMissed]).toEqual([0, 1]);
    const later = interventions.map((i) => (i.id === 'i-3' ? { ...i, slaDeadline: new Date(dayEnd + 3_600_000).toISOString() } : i));
    const k2 = computeKpis(rows, byId(tours), byId(later), dayEnd);
    expect([k2.slaCompliance, k2.slaMissed]).toEqual([null, 0]);
  });

  it('counts a P85 due at noon and left unplanned as missed, and one due tomorrow morning as at risk', () => {
    const dayEnd = zonedInstant(DAY, 24 * 60, 'Europe/Paris').getTime();
    const queued = [
      ...interventions,
      { ...interventions[2]!, id: 'i-4', priority: 85, slaDeadline: at('12:00') },
      { ...interventions[2]!, id: 'i-5', slaDeadline: new Date(dayEnd + 9 * 3_600_000).toISOString() },
    ];
    const rows = buildRows({ technicians, tours: byId(tours), interventions: byId(queued), shifts, day: DAY, timezone: 'Europe/Paris' });
    const k = computeKpis(rows, byId(tours), byId(queued), dayEnd);
    // i-3 (16:00) and i-4 (12:00) missed; i-5 at risk but not yet the day's to keep or miss.
    expect([k.slaCompliance, k.slaMissed, k.slaAtRisk]).toEqual([0, 2, 1]);
  });

  it('counts a planned start less than 30 minutes before the deadline as at risk, still kept', () => {
    const tight = interventions.map((i) => (i.id === 'i-2' ? { ...i, slaDeadline: at('10:45') } : i.id === 'i-1' ? { ...i, slaDeadline: at('12:00') } : i));
    const rows = buildRows({ technicians, tours: byId(tours), interventions: byId(tight), shifts, day: DAY, timezone: 'Europe/Paris' });
    const k = computeKpis(rows, byId(tours), byId(tight));
    expect([k.slaCompliance, k.slaMissed, k.slaAtRisk]).toEqual([1, 0, 1]);
  });
});

describe('technicianLoads', () => {
  it('gives each technician their minutes on site and on the road, their shift less the break, overtime and distance', () => {
    const rows = buildRows({ technicians, tours: byId(tours), interventions: byId(interventions), shifts, day: DAY, timezone: 'Europe/Paris' });
    const loads = technicianLoads(rows);
    const alice = loads.find((l) => l.technicianId === 't-alice')!;
    const bruno = loads.find((l) => l.technicianId === 't-bruno')!;
    expect(alice).toMatchObject({ name: 'Alice Martin', visits: 2, visitMinutes: 120, shiftMinutes: 480, overtimeMinutes: 0, travelMeters: 25000 });
    expect(alice.travelMinutes).toBeGreaterThan(0);
    expect(bruno).toMatchObject({ visits: 0, visitMinutes: 0, travelMinutes: 0, shiftMinutes: 480, travelMeters: 0 });
  });

  it('shows the minutes past the shift as overtime', () => {
    const late = tours.map((t) => ({
      ...t,
      stops: t.stops.map((s) => (s.interventionId === 'i-2' ? { ...s, plannedArrival: at('16:20'), plannedStart: at('16:30'), plannedEnd: at('17:45') } : s)),
    }));
    const moved = interventions.map((i) => (i.id === 'i-2' ? { ...i, plannedStart: at('16:30'), plannedEnd: at('17:45') } : i));
    const rows = buildRows({ technicians, tours: byId(late), interventions: byId(moved), shifts, day: DAY, timezone: 'Europe/Paris' });
    const alice = technicianLoads(rows).find((l) => l.technicianId === 't-alice')!;
    // The shift ends at 17:00; the last visit ends at 17:45 (and the way home after it, if any, counts too).
    expect(alice.overtimeMinutes).toBeGreaterThanOrEqual(45);
  });
});

describe('slaByHour', () => {
  it('puts each deadline of the day in its local hour, with where it stands, and earlier ones first', () => {
    const list = [
      ...interventions.map((i) => (i.id === 'i-2' ? { ...i, slaDeadline: at('10:45') } : i.id === 'i-1' ? { ...i, slaDeadline: at('12:00') } : i)),
      { ...interventions[2]!, id: 'i-4', slaDeadline: at('16:30') },
      { ...interventions[2]!, id: 'i-5', slaDeadline: '2026-03-09T15:00:00Z' },
      { ...interventions[2]!, id: 'i-6', slaDeadline: '2026-03-11T09:00:00Z' },
    ];
    expect(slaByHour(byId(tours), byId(list), DAY, 'Europe/Paris')).toEqual([
      { hour: -1, met: 0, atRisk: 0, missed: 1 },
      { hour: 10, met: 0, atRisk: 1, missed: 0 },
      { hour: 12, met: 1, atRisk: 0, missed: 0 },
      { hour: 16, met: 0, atRisk: 0, missed: 2 },
    ]);
  });
});
