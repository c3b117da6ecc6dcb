// The counters' units and the usual counters, without zod: the technician
// app's form imports them at run time (counters.ts holds the schemas).
/** The units a reading may be in: a counter keeps one unit for its whole life. */
export const COUNTER_UNITS = ['h', 'cycles', 'kWh', 'm3', 'km'] as const;
export type CounterUnit = (typeof COUNTER_UNITS)[number];

/**
 * The counters most equipment shows, with their unit. Other names are
 * accepted (a manufacturer's own counter) with the unit the first reading gave.
 */
export const KNOWN_COUNTERS = {
  operating_hours: 'h',
  start_cycles: 'cycles',
  compressor_hours: 'h',
  compressor_starts: 'cycles',
  burner_hours: 'h',
  burner_starts: 'cycles',
  energy_delivered: 'kWh',
  water_volume: 'm3',
} as const satisfies Record<string, CounterUnit>;
export type KnownCounter = keyof typeof KNOWN_COUNTERS;

export const unitOfKnownCounter = (counter: string): CounterUnit | null => (KNOWN_COUNTERS as Record<string, CounterUnit>)[counter] ?? null;

/** The largest value a meter shows (a 9-digit display). */
export const MAX_COUNTER_VALUE = 999_999_999;
