// What the map's legend lists: every kind of mark the board map draws, in the
// colours it draws them with (board/colors.ts) — visits by status, the urgent
// ring and the clusters, technicians by activity, and the places: agencies,
// tours and sectors. Kept apart from MapControls.tsx so that "the legend is
// complete" is a test, not a hope.
import type { InterventionStatus } from '../api/types.ts';
import { ACTIVITY_COLORS, AGENCY_MARKER, STATUS_COLORS, type TechnicianActivity, URGENT_RING } from '../board/colors.ts';

/** How the entry's swatch is drawn (legend.css): a dot, a ringed dot, a line, a dashed area. */
export type Swatch =
  | { readonly kind: 'dot'; readonly fill: string }
  | { readonly kind: 'ring'; readonly fill: string; readonly ring: string }
  | { readonly kind: 'cluster' }
  | { readonly kind: 'line'; readonly color: string }
  | { readonly kind: 'area'; readonly color: string };

export interface LegendEntry {
  /** An i18n key of the board's dictionary. */
  readonly label: string;
  readonly swatch: Swatch;
}

export interface LegendSection {
  /** An i18n key: the section's heading. */
  readonly title: string;
  readonly entries: readonly LegendEntry[];
}

/** Every status a visit on the map can have, in the order of its life. */
export const MAP_STATUSES: readonly InterventionStatus[] = [
  'requested',
  'planned',
  'assigned',
  'dispatched',
  'en_route',
  'on_site',
  'done',
  'closed',
  'cancelled',
];
export const MAP_ACTIVITIES: readonly TechnicianActivity[] = ['on_site', 'en_route', 'available', 'off'];

/** A tour's line takes its technician's colour; the legend shows a neutral one with that caption. */
const SAMPLE_TOUR = '#1f77b4';
const SAMPLE_SECTOR = '#5c6bc0';

export function mapLegend(): readonly LegendSection[] {
  return [
    {
      title: 'map.legendInterventions',
      entries: [
        ...MAP_STATUSES.map((s): LegendEntry => ({ label: `status.${s}`, swatch: { kind: 'dot', fill: STATUS_COLORS[s] } })),
        { label: 'map.urgent', swatch: { kind: 'ring', fill: '#ffffff', ring: URGENT_RING } },
        { label: 'map.legendCluster', swatch: { kind: 'cluster' } },
      ],
    },
    {
      title: 'map.legendTechnicians',
      entries: [
        ...MAP_ACTIVITIES.map((a): LegendEntry => ({ label: `activity.${a}`, swatch: { kind: 'dot', fill: ACTIVITY_COLORS[a] } })),
        { label: 'map.legendTechnicianRing', swatch: { kind: 'ring', fill: ACTIVITY_COLORS.available, ring: SAMPLE_TOUR } },
      ],
    },
    {
      title: 'map.legendPlaces',
      entries: [
        { label: 'map.legendAgency', swatch: { kind: 'ring', fill: AGENCY_MARKER.fill, ring: AGENCY_MARKER.ring } },
        { label: 'map.legendTour', swatch: { kind: 'line', color: SAMPLE_TOUR } },
        { label: 'map.legendSector', swatch: { kind: 'area', color: SAMPLE_SECTOR } },
      ],
    },
  ];
}
