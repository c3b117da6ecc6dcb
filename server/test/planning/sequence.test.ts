// The order-keeping timer agrees with the engine's own route timing.
import { describe, expect, it } from 'vitest';
import { solve } from '../../../engine/src/index.ts';
import { timeSequence } from '../../src/planning/sequence.ts';
import { AIX, GARDANNE, PERTUIS, SALON } from './fixtures.ts';

describe('timeSequence', () => {
  it('gives the engine’s arrivals, starts and distances for the engine’s own order', () => {
    const jobs = [
      { id: 1, location: GARDANNE, service: 1800 },
      { id: 2, location: PERTUIS, service: 2700, time_windows: [[43200, 50400]] as [number, number][] },
      { id: 3, location: SALON, service: 900 },
    ];
    const output = solve({ vehicles: [{ id: 1, start: AIX, end: AIX, time_window: [28800, 64800] }], jobs }, { seed: 1, maxIterations: 100 });
    if (output.code !== 0) throw new Error(output.error);
    const steps = output.routes[0]!.steps;
    const order = steps.filter((s) => s.type === 'job').map((s) => jobs.find((j) => j.id === s.id)!);
    const timed = timeSequence(AIX, 28800, order.map((j) => ({ location: j.location, service: j.service, windows: j.time_windows ?? [] })), AIX);
    const engineJobs = steps.filter((s) => s.type === 'job');
    expect(timed.stops.map((s) => s.start)).toEqual(engineJobs.map((s) => s.arrival + s.waiting_time));
    expect(timed.travelSeconds).toBe(output.routes[0]!.duration);
    expect(timed.travelMeters).toBe(output.routes[0]!.distance);
    expect(timed.returnAt).toBe(steps.at(-1)!.arrival);
  });

  it('leaves later rather than wait at the first visit, and flags a missed window', () => {
    const timed = timeSequence(AIX, 28800, [
      { location: GARDANNE, service: 600, windows: [[36000, 39600]] },
      { location: PERTUIS, service: 600, windows: [[30000, 31000]] },
    ], null);
    expect(timed.stops[0]).toMatchObject({ arrival: 36000, start: 36000, late: false });
    expect(timed.departure).toBe(36000 - timed.stops[0]!.travelSeconds);
    expect(timed.stops[1]!.late).toBe(true);
    expect(timed.returnAt).toBeNull();
  });
});
