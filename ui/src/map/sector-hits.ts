// Sector names on hover, found by point-in-polygon rather than by making the
// polygons interactive: an interactive Leaflet path swallows the map's mouse
// events, and the canvas markers drawn over it would stop answering.
import type L from 'leaflet';
import type { Sector } from '../api/types.ts';
import type { Hit } from './canvas-overlay.ts';
import type { HitSource } from './hit-router.ts';

type Ring = readonly (readonly number[])[];

export class SectorHits implements HitSource {
  private sectors: readonly Sector[] = [];
  private enabled = true;

  constructor(
    private readonly map: L.Map,
    private readonly label: (sector: Sector) => string,
  ) {}

  set(sectors: readonly Sector[], enabled: boolean): void {
    this.sectors = sectors;
    this.enabled = enabled;
  }

  hitTest(point: L.Point): Hit | null {
    if (!this.enabled) return null;
    const { lat, lng } = this.map.containerPointToLatLng(point);
    for (const sector of this.sectors) {
      const polygons = sector.polygon.type === 'Polygon' ? [sector.polygon.coordinates] : sector.polygon.coordinates;
      if (polygons.some((rings) => inPolygon(lng, lat, rings))) return { id: sector.id, label: this.label(sector) };
    }
    return null;
  }

  activate(): void {}
}

/** Even-odd rule over the outer ring and its holes. */
function inPolygon(x: number, y: number, rings: readonly Ring[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
