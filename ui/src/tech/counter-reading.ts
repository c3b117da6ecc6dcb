// The meter-reading form's logic, pure (table-tested in ui/test/tech): which
// counters to offer for a piece of equipment, the value as a technician types
// it ("5 120", "5120,5"), and the checks the server makes too — a counter never
// goes down unless the meter was replaced or zeroed, and keeps its unit — so
// that a typing error is caught on the device, offline, before it is queued.
import { COUNTER_UNITS, KNOWN_COUNTERS, MAX_COUNTER_VALUE, unitOfKnownCounter, type CounterUnit } from '@tournee/contracts/counter-units';

export interface CounterChoice {
  readonly counter: string;
  /** null: a counter of the manufacturer's own whose unit the technician picks. */
  readonly unit: CounterUnit | null;
  /** The last reading the device knows of (the portfolio), if any. */
  readonly last: number | null;
}

/** The equipment's counters first (they have a last reading), then the usual ones. */
export function counterChoices(counters: Readonly<Record<string, number>>): CounterChoice[] {
  const read = Object.keys(counters)
    .sort()
    .map((counter) => ({ counter, unit: unitOfKnownCounter(counter), last: counters[counter] ?? null }));
  const usual = Object.keys(KNOWN_COUNTERS)
    .filter((c) => !(c in counters))
    .map((counter) => ({ counter, unit: unitOfKnownCounter(counter), last: null }));
  return [...read, ...usual];
}

/** "5 120", "5 120,5", "5120.5" → 5120.5; null when it is not a number. */
export function parseReading(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

export type ReadingProblem = 'not_a_number' | 'too_large' | 'below_last' | 'unit_missing';

export interface ReadingCheck {
  readonly value: number | null;
  readonly problem: ReadingProblem | null;
}

export function checkReading(choice: CounterChoice, text: string, reset: boolean, unit: CounterUnit | null): ReadingCheck {
  const value = parseReading(text);
  if (value === null) return { value, problem: 'not_a_number' };
  if (value > MAX_COUNTER_VALUE) return { value, problem: 'too_large' };
  if ((choice.unit ?? unit) === null) return { value, problem: 'unit_missing' };
  if (!reset && choice.last !== null && value < choice.last) return { value, problem: 'below_last' };
  return { value, problem: null };
}

export const isCounterUnit = (value: string): value is CounterUnit => (COUNTER_UNITS as readonly string[]).includes(value);
