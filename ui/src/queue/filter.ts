// Which interventions wait in the queue, and which of them the filters keep.
// Pure: tested without a browser.
import type { UnassignedReason, UnassignedVisit } from '../api/endpoints.ts';
import type { Intervention, InterventionView, TourView } from '../api/types.ts';

const WAITING: ReadonlySet<InterventionView['status']> = new Set(['requested', 'planned']);

export interface QueueItem {
  readonly view: InterventionView;
  /** The full record, once loaded (skills, problem, site, equipment). */
  readonly record: Intervention | null;
  readonly reason: UnassignedReason | null;
  /** The run's full answer for it (parts_unavailable: which parts, and from when). */
  readonly unassigned?: UnassignedVisit | null;
}

export interface QueueFilters {
  readonly search: string;
  readonly sectorId: string;
  readonly skillId: string;
  readonly reason: UnassignedReason | '';
  readonly urgentOnly: boolean;
}

export const NO_FILTERS: QueueFilters = { search: '', sectorId: '', skillId: '', reason: '', urgentOnly: false };

/** Interventions of the day on no tour, most pressing first. */
export function waitingInterventions(interventions: Readonly<Record<string, InterventionView>>, tours: Readonly<Record<string, TourView>>): InterventionView[] {
  const onTour = new Set<string>();
  for (const tour of Object.values(tours)) for (const stop of tour.stops) onTour.add(stop.interventionId);
  return Object.values(interventions)
    .filter((i) => !onTour.has(i.id) && WAITING.has(i.status))
    .sort((a, b) => b.priority - a.priority || deadline(a) - deadline(b) || a.label.localeCompare(b.label));
}

const deadline = (i: InterventionView): number => (i.slaDeadline ? Date.parse(i.slaDeadline) : Number.POSITIVE_INFINITY);

export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/**
 * `matches.siteIds` / `matches.equipmentIds`: what the server found for the
 * search text among sites (name, address) and equipment (serial number); the
 * label (customer and town) and the problem text are searched here.
 */
export function filterQueue(
  items: readonly QueueItem[],
  filters: QueueFilters,
  matches: { readonly siteIds: ReadonlySet<string>; readonly equipmentIds: ReadonlySet<string> } = { siteIds: new Set(), equipmentIds: new Set() },
): QueueItem[] {
  const needle = normalise(filters.search);
  return items.filter(({ view, record, reason }) => {
    if (filters.sectorId && view.sectorId !== filters.sectorId) return false;
    if (filters.reason && reason !== filters.reason) return false;
    if (filters.urgentOnly && view.priority < 80) return false;
    if (filters.skillId && !record?.requiredSkills.some((s) => s.skillId === filters.skillId)) return false;
    if (!needle) return true;
    if (normalise(view.label).includes(needle)) return true;
    if (record?.problemDescription && normalise(record.problemDescription).includes(needle)) return true;
    if (matches.siteIds.has(view.siteId)) return true;
    return Boolean(record?.equipmentId && matches.equipmentIds.has(record.equipmentId));
  });
}
