// What made a service-plan visit due, and how late it is, in the UI's
// language: « Prévue le 03/11/2026 » and « 12 jours », or for a usage plan
// « Compteur Heures de fonctionnement : 5 120 h ≥ 5 000 h » and « +120 h ».
// Pure: `t` is i18next's, `lang` its language.
import type { TFunction } from 'i18next';
import { formatDay, locale } from '../shared/format.ts';
import type { OverdueVisit } from './api.ts';

type Reason = Pick<OverdueVisit, 'trigger' | 'dueOn' | 'daysOverdue' | 'counterName' | 'counterUnit' | 'counterReading' | 'dueCounter'>;

const KNOWN_COUNTERS = new Set([
  'operating_hours',
  'start_cycles',
  'compressor_hours',
  'compressor_starts',
  'burner_hours',
  'burner_starts',
  'energy_delivered',
  'water_volume',
]);
const KNOWN_UNITS = new Set(['h', 'cycles', 'kWh', 'm3', 'km']);

/** A counter's name in words: the usual ones translated, a manufacturer's own humanised ("max_flow" → "Max flow"). */
export function counterLabel(name: string, t: TFunction): string {
  if (KNOWN_COUNTERS.has(name)) return t(`counters.name.${name}` as never);
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function withUnit(value: number, unit: string | null, t: TFunction, lang: string): string {
  const n = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(value);
  if (!unit) return n;
  return `${n} ${KNOWN_UNITS.has(unit) ? t(`counters.unit.${unit}` as never) : unit}`;
}

/** Why the visit is due. */
export function dueReason(v: Reason, t: TFunction, lang: string): string {
  if (v.trigger === 'usage_counter' && v.counterName && v.counterReading !== null && v.dueCounter !== null)
    return t('counters.dueBecause', {
      counter: counterLabel(v.counterName, t),
      reading: withUnit(v.counterReading, v.counterUnit, t, lang),
      threshold: withUnit(v.dueCounter, v.counterUnit, t, lang),
    });
  return t('overdue.dueOn', { day: formatDay(v.dueOn, lang) });
}

/** How late: days past the due day, or how far the counter went past its threshold. */
export function lateness(v: Reason, t: TFunction, lang: string): string {
  if (v.trigger === 'usage_counter' && v.counterReading !== null && v.dueCounter !== null)
    return `+${withUnit(Math.max(0, v.counterReading - v.dueCounter), v.counterUnit, t, lang)}`;
  if (v.daysOverdue === null) return '—';
  return t('overdue.days', { count: v.daysOverdue });
}
