// Technicians on the map: one dot each, filled with what they are doing
// (on site, en route, available, off), ringed with their tour's colour, with a
// heading tick when moving. Positions glide between samples (PositionStore).
//
// Why tiles: without a GPU (as on this project's machines, and many office
// PCs' remote desktops) the browser copies and composites a changed canvas
// whole, ~6 MB for a full-screen one, on every frame it changes — that, not
// drawing 500 dots (~1 ms), is what costs. The layer is cut into 256 px
// canvases and a tile is repainted only when what it shows changed by half a
// pixel or more; a van at 50 km/h moves half a pixel a second at town zoom,
// so most frames touch a few tiles, or none.
import L from 'leaflet';
import { ACTIVITY_COLORS, type TechnicianActivity } from '../board/colors.ts';
import type { PositionStore, Track } from '../realtime/positions.ts';
import { CanvasOverlay, type Hit } from './canvas-overlay.ts';
import type { HitSource } from './hit-router.ts';

export interface TechnicianMeta {
  readonly name: string;
  readonly initials: string;
  readonly color: string;
  readonly activity: TechnicianActivity;
  readonly activityLabel: string;
}

const RADIUS = 7;
const HIT_RADIUS = 11;
const TILE = 256;
/** How far a marker reaches from its centre (halo, ring, heading tick). */
const REACH = RADIUS + 10;
const LABEL_FONT = '600 11px system-ui, sans-serif';

interface Marker {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly fill: string;
  readonly ring: string;
  readonly heading: number | null;
  readonly selected: boolean;
  readonly label: string | null;
  /** Right edge of what it paints (the label runs to the right). */
  readonly right: number;
}

interface Tile {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  readonly x: number;
  readonly y: number;
  /** What it shows, to compare with what it should show. */
  signature: string;
}

export class TechnicianLayer extends L.Layer implements HitSource {
  private lmap: L.Map | null = null;
  private container: HTMLDivElement | null = null;
  private tiles: Tile[] = [];
  private cols = 0;
  private dpr = 1;
  private frame = 0;
  private meta: ReadonlyMap<string, TechnicianMeta> = new Map();
  private selected: string | null = null;
  /** Markers as last painted (container pixels), for hit tests and change detection. */
  private drawn = new Map<string, Marker>();
  private unsubscribe: (() => void) | null = null;
  private labelWidths = new Map<string, number>();
  /** Samples that will move their marker visibly, waiting for its pixels to move (latency bookkeeping). */
  private awaitingPixels = new Map<string, { receivedAt: number; sentAt: number; x: number; y: number }>();

  constructor(
    private readonly positions: PositionStore,
    private readonly onSelect: (technicianId: string) => void,
  ) {
    super();
  }

  override onAdd(map: L.Map): this {
    this.lmap = map;
    const pane = map.getPane('technicians') ?? map.createPane('technicians');
    pane.style.zIndex = '640';
    this.container = L.DomUtil.create('div', 'board-tiles leaflet-zoom-hide', pane);
    map.on('move resize zoomend viewreset', this.reset, this);
    this.unsubscribe = this.positions.subscribe(() => this.redraw());
    this.reset();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('move resize zoomend viewreset', this.reset, this);
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.container?.remove();
    this.container = null;
    this.tiles = [];
    this.drawn.clear();
    this.lmap = null;
    return this;
  }

  setMeta(meta: ReadonlyMap<string, TechnicianMeta>, selected: string | null): void {
    this.meta = meta;
    this.selected = selected;
    this.redraw();
  }

  redraw(): void {
    if (this.frame || !this.lmap) return;
    this.frame = requestAnimationFrame((now) => {
      this.frame = 0;
      this.paint(now);
    });
  }

  /** The view moved: re-anchor the tiles and repaint them all. */
  private reset(): void {
    const map = this.lmap;
    const container = this.container;
    if (!map || !container) return;
    L.DomUtil.setPosition(container, map.containerPointToLayerPoint([0, 0]));
    const size = map.getSize();
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const cols = Math.ceil(size.x / TILE);
    const rows = Math.ceil(size.y / TILE);
    if (cols !== this.cols || rows * cols !== this.tiles.length || dpr !== this.dpr) {
      container.replaceChildren();
      this.tiles = [];
      this.cols = cols;
      this.dpr = dpr;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const canvas = L.DomUtil.create('canvas', 'board-tile', container);
          canvas.width = TILE * dpr;
          canvas.height = TILE * dpr;
          canvas.style.width = `${TILE}px`;
          canvas.style.height = `${TILE}px`;
          canvas.style.transform = `translate(${c * TILE}px, ${r * TILE}px)`;
          this.tiles.push({ canvas, ctx: canvas.getContext('2d')!, x: c * TILE, y: r * TILE, signature: '' });
        }
      }
    }
    for (const tile of this.tiles) tile.signature = '\u0000'; // every tile repaints
    this.paint(performance.now());
  }

  private paint(now: number): void {
    const map = this.lmap;
    if (!map || this.tiles.length === 0) return;
    const started = performance.now();
    const size = map.getSize();
    const labels = map.getZoom() >= 11;
    const markers: Marker[] = [];
    for (const track of this.positions.all()) {
      const m = this.marker(track, map, now, labels);
      if (m.right < -REACH || m.y < -REACH || m.x > size.x + REACH || m.y > size.y + REACH) continue;
      markers.push(m);
    }
    // Selected last: its halo and label on top of its neighbours.
    markers.sort((a, b) => Number(a.selected) - Number(b.selected));

    const perTile: Marker[][] = this.tiles.map(() => []);
    for (const m of markers) {
      const c0 = Math.max(0, Math.floor((m.x - REACH) / TILE));
      const c1 = Math.min(this.cols - 1, Math.floor((m.right + REACH) / TILE));
      const r0 = Math.max(0, Math.floor((m.y - REACH) / TILE));
      const r1 = Math.min(this.tiles.length / this.cols - 1, Math.floor((m.y + REACH) / TILE));
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) perTile[r * this.cols + c]!.push(m);
    }
    let painted = 0;
    this.tiles.forEach((tile, i) => {
      const list = perTile[i]!;
      const signature = list.map(signatureOf).join('|');
      if (signature === tile.signature) return;
      tile.signature = signature;
      this.paintTile(tile, list);
      painted++;
    });
    this.drawn = new Map(markers.map((m) => [m.id, m]));
    if (painted > 0) CanvasOverlay.onPaint?.('technicians', performance.now() - started);
    this.settle(map);
    if (this.positions.animating(now)) this.redraw();
  }

  private marker(track: Track, map: L.Map, now: number, labels: boolean): Marker {
    const [lat, lon] = this.positions.position(track, now);
    const p = map.latLngToContainerPoint([lat, lon]);
    const meta = this.meta.get(track.technicianId);
    const selected = track.technicianId === this.selected;
    const label = labels || selected ? (meta?.name ?? null) : null;
    return {
      id: track.technicianId,
      // Half-pixel steps: finer moves are invisible and would only cost repaints.
      x: Math.round(p.x * 2) / 2,
      y: Math.round(p.y * 2) / 2,
      fill: ACTIVITY_COLORS[meta?.activity ?? 'available'],
      ring: meta?.color ?? '#333',
      heading: (track.speed ?? 0) > 0.5 && track.heading !== null ? Math.round(track.heading / 5) * 5 : null,
      selected,
      label,
      right: p.x + (label ? RADIUS + 6 + this.labelWidth(label) : 0),
    };
  }

  private labelWidth(text: string): number {
    let w = this.labelWidths.get(text);
    if (w === undefined) {
      const ctx = this.tiles[0]!.ctx;
      ctx.font = LABEL_FONT;
      w = ctx.measureText(text).width + 4;
      this.labelWidths.set(text, w);
    }
    return w;
  }

  private paintTile(tile: Tile, markers: readonly Marker[]): void {
    const ctx = tile.ctx;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, -tile.x * this.dpr, -tile.y * this.dpr);
    ctx.clearRect(tile.x, tile.y, TILE, TILE);
    for (const m of markers) {
      if (m.selected) {
        ctx.beginPath();
        ctx.arc(m.x, m.y, RADIUS + 8, 0, Math.PI * 2);
        ctx.fillStyle = 'rgba(20, 60, 160, 0.18)';
        ctx.fill();
      }
      ctx.beginPath();
      ctx.arc(m.x, m.y, RADIUS, 0, Math.PI * 2);
      ctx.fillStyle = m.fill;
      ctx.fill();
      ctx.lineWidth = 3;
      ctx.strokeStyle = m.ring;
      ctx.stroke();
      if (m.heading !== null) {
        const a = ((m.heading - 90) * Math.PI) / 180;
        ctx.beginPath();
        ctx.moveTo(m.x + Math.cos(a) * (RADIUS + 2), m.y + Math.sin(a) * (RADIUS + 2));
        ctx.lineTo(m.x + Math.cos(a) * (RADIUS + 7), m.y + Math.sin(a) * (RADIUS + 7));
        ctx.strokeStyle = '#1b1f24';
        ctx.lineWidth = 2;
        ctx.stroke();
      }
      if (m.label) {
        ctx.font = LABEL_FONT;
        ctx.textBaseline = 'middle';
        ctx.lineWidth = 3;
        ctx.strokeStyle = 'rgba(255,255,255,0.95)';
        ctx.strokeText(m.label, m.x + RADIUS + 5, m.y);
        ctx.fillStyle = '#1b1f24';
        ctx.fillText(m.label, m.x + RADIUS + 5, m.y);
      }
    }
  }

  /**
   * Latency bookkeeping: every new sample is settled by the first frame that
   * draws its course; a sample that moves its marker 2 px or more is also
   * reported when the marker's pixels first move (half-pixel steps).
   */
  private settle(map: L.Map): void {
    const at = performance.now();
    for (const [id, wait] of this.awaitingPixels) {
      const m = this.drawn.get(id);
      if (!m) this.awaitingPixels.delete(id);
      else if (m.x !== wait.x || m.y !== wait.y) {
        this.positions.report('pixels', wait, at);
        this.awaitingPixels.delete(id);
      }
    }
    for (const track of this.positions.all()) {
      if (track.pendingSince === null) continue;
      const m = this.drawn.get(track.technicianId);
      const sample = this.positions.settle(track, at, m !== undefined);
      if (!m || !sample) continue;
      const target = map.latLngToContainerPoint([track.toLat, track.toLon]);
      const from = this.awaitingPixels.get(track.technicianId) ?? m;
      if (Math.hypot(target.x - m.x, target.y - m.y) >= 2) this.awaitingPixels.set(track.technicianId, { ...sample, x: from.x, y: from.y });
    }
  }

  hitTest(point: L.Point): Hit | null {
    let best: { id: string; d: number } | null = null;
    for (const m of this.drawn.values()) {
      const dist = Math.hypot(m.x - point.x, m.y - point.y);
      if (dist <= HIT_RADIUS && (!best || dist < best.d)) best = { id: m.id, d: dist };
    }
    if (!best) return null;
    const meta = this.meta.get(best.id);
    return { id: best.id, label: meta ? `${meta.name} — ${meta.activityLabel}` : best.id };
  }

  activate(hit: Hit): void {
    this.onSelect(hit.id);
  }
}

const signatureOf = (m: Marker): string => `${m.id},${m.x},${m.y},${m.fill},${m.ring},${m.heading},${m.selected ? 1 : 0},${m.label ?? ''}`;
