import { describe, expect, it } from 'vitest';
import { sectorOf, sectorStanding, visitSectors } from '../../src/field-service/sectors.ts';
import type { Sector } from '../../src/field-service/types.ts';
import { place, square, visit } from './fixtures.ts';

describe('sectors', () => {
  const ring = (w: number, s: number, e: number, n: number) => square('x', w, s, e, n).geometry.coordinates[0]!;
  const donut: Sector = { id: 'donut', geometry: { type: 'Polygon', coordinates: [ring(-10, -10, 10, 10), ring(-2, -2, 2, 2)] } };
  const islands: Sector = { id: 'islands', geometry: { type: 'MultiPolygon', coordinates: [[ring(20, 0, 30, 10)], [ring(40, 0, 50, 10)]] } };

  it('finds a point’s sector, holes and multipolygons included', () => {
    expect(sectorOf(place(5, 5), [donut, islands])).toBe('donut');
    expect(sectorOf(place(0, 0), [donut, islands])).toBeUndefined();
    expect(sectorOf(place(45, 5), [donut, islands])).toBe('islands');
  });

  it('lets a visit name its sector, and ranks a technician’s standing', () => {
    expect(visitSectors([visit('v', { location: place(45, 5), sector: 'donut' })], [donut, islands])).toEqual(['donut']);
    expect(sectorStanding('s', ['s'], [])).toBe('home');
    expect(sectorStanding('s', ['t'], ['s'])).toBe('secondary');
    expect(sectorStanding('s', ['t'], [])).toBe('outside');
    expect(sectorStanding(undefined, [], [])).toBe('home');
  });
});
