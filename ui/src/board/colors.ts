// One palette for the map, the timeline and the legends, so a status looks
// the same everywhere. Chosen for contrast on the light basemap and to stay
// distinguishable for the common colour-vision deficiencies (status is also
// always written out in lists and tooltips, never colour alone). Each is dark
// enough for the timeline's white text on it (WCAG AA, 4.5:1; the e2e axe run).
import type { InterventionStatus, InterventionView, Technician } from '../api/types.ts';

export const STATUS_COLORS: Readonly<Record<InterventionStatus, string>> = {
  requested: '#69758a',
  planned: '#3d70d6',
  assigned: '#2a3f8f',
  dispatched: '#6b4fbb',
  en_route: '#b06000',
  on_site: '#0e8284',
  done: '#2e8540',
  closed: '#55574a',
  cancelled: '#b3261e',
};

/** Priority 80+ is what the urgent form creates: drawn with a red ring. */
export const URGENT_PRIORITY = 80;
export const isUrgent = (i: Pick<InterventionView, 'priority'>): boolean => i.priority >= URGENT_PRIORITY;
/** The ring around an urgent visit and a cluster holding one. */
export const URGENT_RING = '#d93025';

const TOUR_PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#bcbd22',
  '#393b79',
  '#637939',
  '#843c39',
  '#7b4173',
  '#3182bd',
  '#e6550d',
  '#31a354',
];

/** The technician's own colour when set, else a stable one from the palette. */
export function technicianColor(t: Pick<Technician, 'id' | 'color'> | undefined, index = 0): string {
  if (t?.color) return t.color;
  if (!t) return TOUR_PALETTE[index % TOUR_PALETTE.length]!;
  let h = 0;
  for (let i = 0; i < t.id.length; i++) h = (h * 31 + t.id.charCodeAt(i)) >>> 0;
  return TOUR_PALETTE[h % TOUR_PALETTE.length]!;
}

export type TechnicianActivity = 'on_site' | 'en_route' | 'available' | 'off';

/**
 * What a technician is doing, as the fill of their dot. A palette of its own, apart from the visits' statuses: a grey
 * dot meant both "Demandée" (a visit) and "Hors service" (a technician) before (issue 12); a test keeps every colour of
 * the two palettes far enough from every other (test/map/legend.test.ts).
 */
export const ACTIVITY_COLORS: Readonly<Record<TechnicianActivity, string>> = {
  on_site: '#d81b60',
  en_route: '#00acc1',
  available: '#7cb342',
  off: '#263238',
};

/** The agencies' markers (a yellow disc ringed in black), in the map and its legend. */
export const AGENCY_MARKER = { fill: '#ffd54f', ring: '#1b1f24' } as const;

/** A technician's state, as their interventions of the day say it. */
export function activityOf(technicianId: string, interventions: Iterable<InterventionView>, lastSeenMs: number | null, now: number): TechnicianActivity {
  let state: TechnicianActivity = lastSeenMs !== null && now - lastSeenMs < 10 * 60_000 ? 'available' : 'off';
  for (const i of interventions) {
    if (i.technicianId !== technicianId) continue;
    if (i.status === 'on_site') return 'on_site';
    if (i.status === 'en_route') state = 'en_route';
  }
  return state;
}
