// Plan indicators, before and after, on hand-made records: the same
// definitions for the stored tours and for a computed plan.
import { describe, expect, it } from 'vitest';
import { planIndicators, storedIndicators } from '../../src/planning/indicators.ts';
import type { Plan } from '../../src/planning/plan.ts';
import { DAY, intervention, records } from './fixtures.ts';

// Paris is UTC+1 on DAY: 08:00 local is 07:00Z.
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00Z`);

describe('plan indicators', () => {
  const visits = [
    intervention('a', {
      durationMinutes: 60,
      status: 'planned',
      technicianId: 'tech-hvac',
      stop: { tourId: 'tour-1', technicianId: 'tech-hvac', day: DAY, sequence: 0, plannedStart: at('07:30'), plannedEnd: at('08:30') },
    }),
    intervention('b', { durationMinutes: 30 }),
    intervention('done', { status: 'done', durationMinutes: 45, technicianId: 'tech-hvac' }),
  ];
  const base = records({
    interventions: visits,
    tours: [
      {
        id: 'tour-1',
        technicianId: 'tech-hvac',
        day: DAY,
        version: 1,
        stops: [{ id: 's0', interventionId: 'a', sequence: 0, version: 1 }],
        // 07:00 → 18:30 local: an hour before the shift and an hour and a half after it.
        kpis: { travelSeconds: 1_800, travelMeters: 30_000, start: at('06:00').toISOString(), end: at('17:30').toISOString() },
      },
    ],
  });
  const considered = {
    jobs: [
      { id: 1, interventionId: 'a' },
      { id: 2, interventionId: 'b' },
    ],
    excluded: [],
  };

  it('reads the stored plan: visits on a tour, travel, work, and time outside the shifts', () => {
    expect(storedIndicators(base, considered)).toEqual({
      planned: 1,
      unassigned: 1,
      travelSeconds: 1_800,
      travelMeters: 30_000,
      tours: 1,
      workSeconds: 1_800 + 3_600,
      overtimeSeconds: 2.5 * 3_600,
    });
  });

  it('reads a computed plan the same way', () => {
    const stop = (interventionId: string, sequence: number, start: string, end: string) => ({
      interventionId,
      sequence,
      planned: true,
      plannedArrival: at(start),
      plannedStart: at(start),
      plannedEnd: at(end),
      travelSeconds: 600,
      travelMeters: 10_000,
    });
    const plan: Plan = {
      tours: [
        {
          technicianId: 'tech-hvac',
          day: DAY,
          stops: [stop('a', 0, '07:30', '08:30'), stop('b', 1, '09:00', '09:30')],
          kpis: {
            stops: 2,
            travelSeconds: 2_400,
            travelMeters: 40_000,
            serviceSeconds: 5_400,
            waitingSeconds: 0,
            start: at('07:00').toISOString(),
            end: at('10:00').toISOString(),
          },
        },
        {
          technicianId: 'tech-pool',
          day: DAY,
          stops: [],
          kpis: { stops: 0, travelSeconds: 0, travelMeters: 0, serviceSeconds: 0, waitingSeconds: 0, start: null, end: null },
        },
      ],
      unassigned: [],
      summary: { planned: 2, unassigned: 0, cost: 2_400, travelSeconds: 2_400, travelMeters: 40_000, solvingMs: 1 },
    };
    expect(planIndicators(base, considered, plan)).toEqual({
      planned: 2,
      unassigned: 0,
      travelSeconds: 2_400,
      travelMeters: 40_000,
      tours: 1,
      workSeconds: 2_400 + 5_400,
      overtimeSeconds: 0,
    });
  });
});
