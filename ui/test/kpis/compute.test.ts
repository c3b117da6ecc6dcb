import { describe, expect, it } from 'vitest';
import { zonedInstant } from '@tournee/contracts/zoned-time';
import { computeKpis } from '../../src/kpis/compute.ts';
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
});
