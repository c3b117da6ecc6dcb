// The engine's reasons for leaving a visit out, as the queue says them.
import type { TFunction } from 'i18next';
import type { UnassignedReason, UnassignedVisit } from '../api/endpoints.ts';

/** Every reason of the contract, in the order the filter lists them (a new one fails the type check below). */
export const REASONS = ['no_location', 'no_skill', 'no_shift', 'capacity', 'parts_unavailable'] as const satisfies readonly UnassignedReason[];
// Exhaustive: the contract's reasons are all listed.
const _all: Exclude<UnassignedReason, (typeof REASONS)[number]> extends never ? true : false = true;
void _all;

/**
 * "Pièces indisponibles — disponibles le 3 déc." for parts the supplier's
 * orders will cover, "… aucune commande en cours" when none does; the
 * reason's plain label otherwise.
 */
export function reasonLabel(t: TFunction, visit: Pick<UnassignedVisit, 'reason' | 'availableFrom'>, language: string): string {
  if (visit.reason !== 'parts_unavailable' || visit.availableFrom === undefined) return t(`reason.${visit.reason}`);
  if (visit.availableFrom === null) return t('reason.partsNoDate');
  return t('reason.partsFrom', { date: formatDay(visit.availableFrom, language) });
}

/** "3 déc." / "Dec 3" for a calendar day, whatever the browser's zone. */
export function formatDay(day: string, language: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
