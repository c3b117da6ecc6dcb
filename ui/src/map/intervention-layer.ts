// Interventions on the map: a dot coloured by status, a red ring when urgent,
// the stop number inside when it sits on a tour (ringed with the tour's
// colour). Below zoom 11 nearby points merge into clusters (supercluster,
// rebuilt only when the plan changes) so 3,000 visits stay readable and cheap.
import L from 'leaflet';
import Supercluster, { type ClusterFeature, type ClusterProperties, type PointFeature } from 'supercluster';
import type { InterventionStatus } from '../api/types.ts';
import { STATUS_COLORS, URGENT_RING } from '../board/colors.ts';
import { CanvasOverlay, type Hit } from './canvas-overlay.ts';

export interface InterventionPoint {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly status: InterventionStatus;
  readonly urgent: boolean;
  /** 1-based stop number on its tour, or null when not on a tour. */
  readonly stop: number | null;
  readonly tourColor: string | null;
  readonly label: string;
}

interface PointProps {
  readonly index: number;
  urgent: number;
}
interface ClusterProps {
  urgent: number;
}

const CLUSTER_BELOW_ZOOM = 11;

export class InterventionLayer extends CanvasOverlay {
  private points: readonly InterventionPoint[] = [];
  private index: Supercluster<PointProps, ClusterProps> | null = null;
  private visible: ClusterFeature<ClusterProps>[] | PointFeature<PointProps>[] = [];
  private drawn: { kind: 'point' | 'cluster'; id: string; x: number; y: number; r: number; label: string; clusterId?: number; lat: number; lon: number }[] = [];
  private selected: string | null = null;
  private clusterLabel: (count: number, urgent: number) => string = (n) => String(n);

  constructor(private readonly onSelect: (interventionId: string) => void) {
    super('interventions', 620);
  }

  setPoints(points: readonly InterventionPoint[], selected: string | null, clusterLabel: (count: number, urgent: number) => string): void {
    this.clusterLabel = clusterLabel;
    this.selected = selected;
    if (points !== this.points) {
      this.points = points;
      const index = new Supercluster<PointProps, ClusterProps>({
        radius: 44,
        maxZoom: CLUSTER_BELOW_ZOOM - 1,
        minPoints: 3,
        map: (p) => ({ urgent: p.urgent }),
        reduce: (acc, p) => {
          acc.urgent += p.urgent;
        },
      });
      index.load(
        points.map((p, i) => ({
          type: 'Feature',
          properties: { index: i, urgent: p.urgent ? 1 : 0 },
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        })),
      );
      this.index = index;
      this.viewChanged();
    }
    this.redraw();
  }

  protected override viewChanged(): void {
    const map = this.lmap;
    if (!map || !this.index) return;
    const b = map.getBounds().pad(0.1);
    const zoom = Math.round(map.getZoom());
    this.visible = this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom) as typeof this.visible;
  }

  protected draw(ctx: CanvasRenderingContext2D, map: L.Map): void {
    const drawn: typeof this.drawn = [];
    const numbers = map.getZoom() >= 12;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const deferred: (() => void)[] = [];
    for (const f of this.visible) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const p = map.latLngToContainerPoint([lat, lon]);
      const props = f.properties as Partial<ClusterProperties> & (PointProps | ClusterProps);
      if (props.cluster) {
        const count = props.point_count ?? 0;
        const r = 12 + Math.min(16, Math.sqrt(count) * 1.6);
        ctx.beginPath();
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
        ctx.fillStyle = 'rgba(43, 62, 99, 0.82)';
        ctx.fill();
        ctx.lineWidth = 3;
        ctx.strokeStyle = props.urgent > 0 ? URGENT_RING : 'rgba(255,255,255,0.9)';
        ctx.stroke();
        ctx.fillStyle = '#fff';
        ctx.font = '700 12px system-ui, sans-serif';
        ctx.fillText(count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count), p.x, p.y + 0.5);
        drawn.push({
          kind: 'cluster',
          id: `c${props.cluster_id}`,
          x: p.x,
          y: p.y,
          r,
          label: this.clusterLabel(count, props.urgent),
          clusterId: props.cluster_id!,
          lat,
          lon,
        });
        continue;
      }
      const point = this.points[(props as PointProps).index]!;
      const r = numbers && point.stop !== null ? 9 : 6;
      const paint = () => {
        if (point.id === this.selected) {
          ctx.beginPath();
          ctx.arc(p.x, p.y, r + 7, 0, Math.PI * 2);
          ctx.fillStyle = 'rgba(20, 60, 160, 0.22)';
          ctx.fill();
        }
        ctx.beginPath();
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
        ctx.fillStyle = STATUS_COLORS[point.status];
        ctx.fill();
        ctx.lineWidth = 2;
        ctx.strokeStyle = point.tourColor ?? '#ffffff';
        ctx.stroke();
        if (point.urgent) {
          ctx.beginPath();
          ctx.arc(p.x, p.y, r + 3, 0, Math.PI * 2);
          ctx.lineWidth = 2;
          ctx.strokeStyle = URGENT_RING;
          ctx.stroke();
        }
        if (numbers && point.stop !== null) {
          ctx.fillStyle = '#fff';
          ctx.font = '700 10px system-ui, sans-serif';
          ctx.fillText(String(point.stop), p.x, p.y + 0.5);
        }
      };
      // Urgent and selected points are painted last, on top of their neighbours.
      if (point.urgent || point.id === this.selected) deferred.push(paint);
      else paint();
      drawn.push({ kind: 'point', id: point.id, x: p.x, y: p.y, r: r + 3, label: point.label, lat, lon });
    }
    for (const paint of deferred) paint();
    this.drawn = drawn;
  }

  hitTest(point: L.Point): Hit | null {
    for (let i = this.drawn.length - 1; i >= 0; i--) {
      const d = this.drawn[i]!;
      if (Math.hypot(d.x - point.x, d.y - point.y) <= d.r + 2) return { id: d.id, label: d.label };
    }
    return null;
  }

  activate(hit: Hit): void {
    const d = this.drawn.find((x) => x.id === hit.id);
    if (!d || !this.lmap) return;
    if (d.kind === 'cluster' && this.index && d.clusterId !== undefined) {
      const zoom = Math.min(this.index.getClusterExpansionZoom(d.clusterId), 16);
      this.lmap.flyTo([d.lat, d.lon], Math.max(zoom, this.lmap.getZoom() + 1), { duration: 0.4 });
    } else {
      this.onSelect(d.id);
    }
  }
}
