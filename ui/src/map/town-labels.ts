// Town names on the offline basemap, so a dispatcher knows where Pertuis is
// without a tile server. Bigger towns appear first when zoomed out; labels
// that would overlap an already placed one are skipped.
import type L from 'leaflet';
import type { BasemapTown } from '../../vite/basemap-plugin.ts';
import { CanvasOverlay, type Hit } from './canvas-overlay.ts';

export class TownLabels extends CanvasOverlay {
  constructor(private readonly towns: readonly BasemapTown[]) {
    // Above the intervention clusters (620): a town's name stays readable where visits gather around it.
    super('basemap-labels', 630);
  }

  protected draw(ctx: CanvasRenderingContext2D, map: L.Map): void {
    const zoom = map.getZoom();
    const minPopulation = zoom >= 10 ? 0 : zoom >= 9 ? 40_000 : zoom >= 8 ? 80_000 : zoom >= 7 ? 150_000 : 400_000;
    const size = map.getSize();
    const placed: { x0: number; y0: number; x1: number; y1: number }[] = [];
    ctx.font = '500 12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(247, 245, 240, 0.9)';
    for (const town of this.towns) {
      if (town.population < minPopulation) break; // sorted by population, largest first
      const p = map.latLngToContainerPoint([town.lat, town.lon]);
      if (p.x < -50 || p.y < -20 || p.x > size.x + 50 || p.y > size.y + 20) continue;
      const w = ctx.measureText(town.name).width;
      const box = { x0: p.x + 5, y0: p.y - 8, x1: p.x + 9 + w, y1: p.y + 8 };
      if (placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
      placed.push(box);
      ctx.fillStyle = '#6f6a60';
      ctx.beginPath();
      ctx.arc(p.x, p.y, 2.5, 0, Math.PI * 2);
      ctx.fill();
      ctx.strokeText(town.name, p.x + 7, p.y);
      ctx.fillStyle = '#4a463f';
      ctx.fillText(town.name, p.x + 7, p.y);
    }
  }

  hitTest(): Hit | null {
    return null;
  }

  activate(): void {}
}
