// Usage counters of the installed base (issue 13): meter readings — operating
// hours, start cycles… — entered by the technician on the visit sheet or
// pushed by an integration, which drive the usage-based service plans
// (`ServicePlanTrigger.usage_counter`). Shared by the server (validation,
// OpenAPI), the technician app (its form, offline) and the board.
import { z } from 'zod';
import { Id, Instant, Text } from './api/common.ts';
import { COUNTER_UNITS, MAX_COUNTER_VALUE, unitOfKnownCounter } from './counter-units.ts';

export * from './counter-units.ts';

/** A counter's key in `Equipment.counters`: lower-case words joined by `_`. */
export const CounterName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,59}$/, 'must be lower-case letters, digits and _ (e.g. operating_hours), at most 60 characters');

export const CounterReading = z.object({
  counter: CounterName,
  value: z.number().finite().min(0, 'a counter is never negative').max(MAX_COUNTER_VALUE, `at most ${MAX_COUNTER_VALUE}`),
  unit: z.enum(COUNTER_UNITS),
  /**
   * The meter was replaced or set back to zero: the value may be below the
   * last reading. Without it a lower value is refused (a typing error, most often).
   */
  reset: z.boolean().default(false),
});
export type CounterReading = z.infer<typeof CounterReading>;
export type CounterReadingInput = z.input<typeof CounterReading>;

const Readings = z
  .array(CounterReading)
  .min(1, 'at least one reading')
  .max(20)
  .superRefine((readings, ctx) => {
    const seen = new Set<string>();
    readings.forEach((r, i) => {
      if (seen.has(r.counter)) ctx.addIssue({ code: 'custom', path: [i, 'counter'], message: `${r.counter} is read twice` });
      seen.add(r.counter);
      const unit = unitOfKnownCounter(r.counter);
      if (unit && unit !== r.unit) ctx.addIssue({ code: 'custom', path: [i, 'unit'], message: `${r.counter} is counted in ${unit}, not ${r.unit}` });
    });
  });

/** `POST /api/equipment/:id/counter-readings` (and by the equipment's reference). */
export const CounterReadingsInput = z.object({
  readings: Readings,
  /** When the meter was read; now when absent (a future instant is taken as now). */
  readAt: Instant.optional(),
  /** The visit during which it was read, if any. */
  interventionId: Id.optional(),
  note: Text(500).optional(),
});
export type CounterReadingsInput = z.input<typeof CounterReadingsInput>;

export const ReferenceParams = z.object({ reference: z.string().trim().min(1).max(100) });

/** A visit a usage plan generated because a reading reached its threshold. */
export const CounterDueVisit = z.object({
  interventionId: Id,
  servicePlanId: Id,
  planName: z.string(),
  counter: z.string(),
  dueCounter: z.number(),
});
export type CounterDueVisit = z.infer<typeof CounterDueVisit>;

export const CounterReadingsAnswer = z.object({
  equipmentId: Id,
  /** The equipment event that records the readings. */
  eventId: Id,
  /** The same readings at the same instant were already recorded: nothing was written again. */
  duplicate: z.boolean(),
  /** Older than the equipment's last reading: kept in its history, the current counters unchanged. */
  late: z.boolean(),
  counters: z.record(z.string(), z.number()),
  countersReadAt: Instant.nullable(),
  dueVisits: z.array(CounterDueVisit),
});
export type CounterReadingsAnswer = z.infer<typeof CounterReadingsAnswer>;

/** The technician app's action (replicated from its outbox): readings taken on a visit. */
export const CounterReadingAction = z.object({
  kind: z.literal('counter_reading'),
  id: z.uuid(),
  createdAt: Instant,
  interventionId: Id,
  equipmentId: Id,
  readings: Readings,
  readAt: Instant,
});
export type CounterReadingAction = z.infer<typeof CounterReadingAction>;
