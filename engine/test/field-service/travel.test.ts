import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { buildTravelTable, fieldServiceLocations, haversineTravel } from '../../src/field-service/travel.ts';
import { coordinateLeg } from '../../src/problem/coordinate-travel.ts';
import { CENTER, place, problem, tech, visit } from './fixtures.ts';

describe('travel', () => {
  const p = problem({
    technicians: [tech('a'), tech('b', { home: place(5, 0) })],
    visits: [visit('v', { location: place(5, 0) }), visit('w', { location: place(1, 1) })],
  });

  it('lists each place once, positions and extra sites included', () => {
    const list = fieldServiceLocations(p, { now: 0, positions: [{ technician: 'a', location: place(9, 9) }] }, [visit('x', { location: place(7, 7) })]);
    expect(list).toEqual([CENTER, place(5, 0), place(1, 1), place(7, 7), place(9, 9)]);
  });

  it('the default model is the core’s coordinate travel, with configurable road factor and speed', () => {
    const m = haversineTravel().matrix([CENTER, place(5, 0)]);
    expect(m.durations[0]![1]).toBe(coordinateLeg(CENTER, place(5, 0)).duration);
    const slow = haversineTravel({ speedKmh: 25 }).matrix([CENTER, place(5, 0)]);
    expect(Math.abs(slow.durations[0]![1]! - 2 * m.durations[0]![1]!)).toBeLessThanOrEqual(1);
  });

  it('reads a provider’s matrix over any superset of places, in any order', () => {
    const places = fieldServiceLocations(p);
    const given = { locations: [place(9, 9), ...places].reverse(), durations: [] as number[][], distances: [] as number[][] };
    given.locations.forEach((_, i) => {
      given.durations.push(given.locations.map((__, j) => (i === j ? 0 : 100 * (i + 1) + j)));
      given.distances.push(given.locations.map((__, j) => (i === j ? 0 : 1000 + j)));
    });
    const table = buildTravelTable(places, undefined, given);
    const from = given.locations.findIndex((c) => c[0] === places[0]![0] && c[1] === places[0]![1]);
    const to = given.locations.findIndex((c) => c[0] === places[1]![0] && c[1] === places[1]![1]);
    expect(table.time(0, 1)).toBe(given.durations[from]![to]);
    expect(() => buildTravelTable([place(50, 50)], undefined, given)).toThrow(InputError);
  });
});
