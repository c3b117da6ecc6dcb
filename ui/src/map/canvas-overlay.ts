// A Leaflet layer that paints on one canvas covering the map. The technicians
// (500 moving markers) and the interventions (3,000 points, clustered) are
// drawn this way rather than as DOM markers: one canvas redraw per animation
// frame costs a few milliseconds where thousands of positioned elements would
// cost layout and style work on every move. Subclasses draw and hit-test;
// this class keeps the canvas aligned with the map and batches redraws into
// at most one per animation frame.
import L from 'leaflet';

export interface Hit {
  readonly id: string;
  /** Text for the hover tooltip. */
  readonly label: string;
}

export abstract class CanvasOverlay extends L.Layer {
  /** The benchmark's probe: how long each layer's paint took (ms). */
  static onPaint: ((layer: string, ms: number) => void) | null = null;

  protected lmap: L.Map | null = null;
  protected canvas: HTMLCanvasElement | null = null;
  protected ctx: CanvasRenderingContext2D | null = null;
  private frame = 0;
  private dpr = 1;

  constructor(
    private readonly paneName: string,
    private readonly zIndex: number,
  ) {
    super();
  }

  /** Paints the layer; `now` is performance.now() of the animation frame. */
  protected abstract draw(ctx: CanvasRenderingContext2D, map: L.Map, now: number): void;
  /** What is under a container point, if anything (see hit-router.ts). */
  abstract hitTest(point: L.Point): Hit | null;
  /** A click on something hit. */
  abstract activate(hit: Hit): void;
  /** After a draw: true to draw again on the next frame (animations). */
  protected afterDraw(_now: number): boolean {
    return false;
  }

  override onAdd(map: L.Map): this {
    this.lmap = map;
    const pane = map.getPane(this.paneName) ?? map.createPane(this.paneName);
    pane.style.zIndex = String(this.zIndex);
    // leaflet-zoom-hide: hidden during the zoom animation instead of drawn stretched.
    this.canvas = L.DomUtil.create('canvas', 'board-canvas leaflet-zoom-hide', pane);
    this.ctx = this.canvas.getContext('2d');
    map.on('move resize zoomend viewreset', this.reset, this);
    this.reset();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('move resize zoomend viewreset', this.reset, this);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.canvas?.remove();
    this.canvas = null;
    this.lmap = null;
    return this;
  }

  /** Asks for a redraw on the next animation frame (several asks, one draw). */
  redraw(): void {
    if (this.frame || !this.lmap) return;
    this.frame = requestAnimationFrame((now) => {
      this.frame = 0;
      this.paint(now);
    });
  }

  private reset(): void {
    const map = this.lmap;
    const canvas = this.canvas;
    if (!map || !canvas) return;
    const size = map.getSize();
    this.dpr = Math.min(2, window.devicePixelRatio || 1);
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    const w = Math.round(size.x * this.dpr);
    const h = Math.round(size.y * this.dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
    }
    this.viewChanged();
    // Moving the map must not leave the canvas one frame behind: paint now.
    this.paint(performance.now());
  }

  /** The view moved or zoomed: subclasses refresh caches tied to it. */
  protected viewChanged(): void {}

  private paint(now: number): void {
    const map = this.lmap;
    const ctx = this.ctx;
    if (!map || !ctx || !this.canvas) return;
    const started = CanvasOverlay.onPaint ? performance.now() : 0;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.draw(ctx, map, now);
    CanvasOverlay.onPaint?.(this.paneName, performance.now() - started);
    if (this.afterDraw(now)) this.redraw();
  }
}
