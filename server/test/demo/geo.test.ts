import { describe, expect, it } from 'vitest';
import { bearing, convexHull, distanceMeters, offset, pointInPolygon, ringArea, sectorPolygon } from '../../src/demo/geo.ts';

const aix = { lat: 43.5283, lon: 5.44973 };
const marseille = { lat: 43.29695, lon: 5.38107 };

describe('geo', () => {
  it('measures distances and bearings', () => {
    expect(distanceMeters(aix, marseille) / 1000).toBeCloseTo(26.3, 0);
    expect(bearing(aix, marseille)).toBeGreaterThan(180);
    expect(bearing(aix, marseille)).toBeLessThan(200);
    const east = offset(aix, 1000, 90);
    expect(distanceMeters(aix, east)).toBeCloseTo(1000, -1);
    expect(bearing(aix, east)).toBeCloseTo(90, 0);
  });

  it('hulls counter-clockwise without interior points', () => {
    const hull = convexHull([
      [0, 0],
      [2, 0],
      [1, 1],
      [2, 2],
      [0, 2],
      [1, 0],
    ]);
    expect(hull).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
    expect(ringArea([...hull, hull[0]!])).toBeGreaterThan(0);
  });

  it('draws a sector as a closed counter-clockwise GeoJSON polygon containing its towns and their surroundings', () => {
    const polygon = sectorPolygon([aix, marseille, { lat: 43.45491, lon: 5.46913 }], 2500);
    const ring = polygon.coordinates[0]!;
    expect(polygon.type).toBe('Polygon');
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ringArea(ring)).toBeGreaterThan(0);
    for (const town of [aix, marseille]) {
      for (let b = 0; b < 360; b += 30) expect(pointInPolygon(offset(town, 2300, b), polygon)).toBe(true);
    }
    expect(pointInPolygon({ lat: 43.95, lon: 4.81 }, polygon)).toBe(false); // Avignon
  });
});
