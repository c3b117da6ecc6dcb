// Recording meter readings on a piece of equipment, from the technician's
// visit sheet (replication action `counter_reading`) or from an integration
// (`POST /api/equipment/:id/counter-readings`). One transaction:
//
//   1. the equipment's row is locked, so two readings of the same meter are
//      judged one after the other against the latest value;
//   2. each reading is checked: a counter keeps its unit, and never goes down
//      unless the reading states a reset (meter replaced or zeroed);
//   3. an `equipment_events` row of kind `counter_reading` keeps the readings
//      (the history), and `Equipment.counters` takes the new values — unless
//      the reading is older than the last one (a device that was offline):
//      then it is history only;
//   4. the equipment's usage-based service plans generate their due visit
//      when a counter reaches the next threshold (service-plans/generate.ts,
//      idempotent on (plan, due counter)).
//
// The same readings at the same instant a second time write nothing (an
// integration retrying after a time-out): the first event is answered.
import { unitOfKnownCounter, type CounterDueVisit, type CounterReading } from '@tournee/contracts/counters';
import { localDay } from '@tournee/contracts/zoned-time';
import { conflict, invalid, notFound, type ErrorField } from '../back-office/errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { generateDueVisits } from '../service-plans/generate.ts';
import { DEFAULT_TIME_ZONE } from '../service-plans/plan-facts.ts';

export type Tx = Prisma.TransactionClient;

export interface ReadingsToRecord {
  readonly equipmentId: string;
  readonly readings: readonly CounterReading[];
  readonly readAt: Date;
  readonly interventionId?: string | null | undefined;
  readonly authorId?: string | null | undefined;
  readonly note?: string | null | undefined;
  /** Where it came from, kept on the event: the visit sheet or the API. */
  readonly source: 'technician' | 'api';
  readonly now: Date;
}

export interface RecordedReadings {
  readonly equipmentId: string;
  readonly eventId: string;
  readonly duplicate: boolean;
  readonly late: boolean;
  readonly counters: Record<string, number>;
  readonly countersReadAt: Date | null;
  readonly dueVisits: CounterDueVisit[];
}

/** What a counter_reading event keeps in `data`. */
export interface ReadingEventData {
  readonly readings: readonly { counter: string; value: number; unit: string; reset: boolean; previous: number | null }[];
  readonly source: 'technician' | 'api';
  readonly late: boolean;
  readonly note?: string;
}

const numbers = (json: Prisma.JsonValue): Record<string, number> => {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return {};
  return Object.fromEntries(Object.entries(json).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
};

const sameReadings = (stored: Prisma.JsonValue, readings: readonly CounterReading[]): boolean => {
  const data = stored as { readings?: { counter: string; value: number; unit: string; reset: boolean }[] } | null;
  const key = (list: readonly { counter: string; value: number; unit: string; reset: boolean }[]) =>
    JSON.stringify([...list].map((r) => [r.counter, r.value, r.unit, r.reset]).sort());
  return Array.isArray(data?.readings) && key(data.readings) === key(readings);
};

/** "5 120 h": the summary line of the event, in the office's language. */
const shown = (r: CounterReading): string => `${r.counter} ${r.value.toLocaleString('fr-FR')} ${r.unit}${r.reset ? ' (remise à zéro)' : ''}`;

export async function recordReadingsIn(tx: Tx, input: ReadingsToRecord): Promise<RecordedReadings> {
  const readAt = new Date(Math.min(input.readAt.getTime(), input.now.getTime()));
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM equipment WHERE id = ${input.equipmentId} FOR UPDATE`;
  if (locked.length === 0) throw notFound('equipment', 'equipmentId');
  const equipment = await tx.equipment.findUniqueOrThrow({
    where: { id: input.equipmentId },
    select: {
      id: true,
      active: true,
      counters: true,
      countersReadAt: true,
      site: { select: { sector: { select: { agency: { select: { timezone: true } } } } } },
    },
  });

  const sameInstant = await tx.equipmentEvent.findMany({
    where: { equipmentId: equipment.id, kind: 'counter_reading', occurredAt: readAt },
    select: { id: true, data: true },
  });
  const first = sameInstant.find((e) => sameReadings(e.data, input.readings));
  if (first) {
    return {
      equipmentId: equipment.id,
      eventId: first.id,
      duplicate: true,
      late: Boolean((first.data as { late?: boolean } | null)?.late),
      counters: numbers(equipment.counters),
      countersReadAt: equipment.countersReadAt,
      dueVisits: [],
    };
  }
  if (!equipment.active)
    throw conflict('this equipment is no longer in service: its counters are not read any more', [{ path: 'equipmentId', message: 'inactive' }]);

  const current = numbers(equipment.counters);
  const late = equipment.countersReadAt !== null && readAt < equipment.countersReadAt;
  const units = await lastUnits(tx, equipment.id, input.readings);
  const problems: ErrorField[] = [];
  input.readings.forEach((r, i) => {
    const unit = unitOfKnownCounter(r.counter) ?? units.get(r.counter);
    if (unit && unit !== r.unit) problems.push({ path: `readings[${i}].unit`, message: `${r.counter} is counted in ${unit}, not ${r.unit}` });
    const before = current[r.counter];
    if (!late && !r.reset && before !== undefined && r.value < before)
      problems.push({
        path: `readings[${i}].value`,
        message: `${r.value} is below the last reading ${before}: a counter never goes down — state a reset if the meter was replaced or zeroed`,
      });
  });
  if (problems.length) throw invalid(`the readings cannot be recorded: ${problems.map((p) => p.message).join('; ')}`, problems);

  const data: ReadingEventData = {
    readings: input.readings.map((r) => ({ counter: r.counter, value: r.value, unit: r.unit, reset: r.reset, previous: current[r.counter] ?? null })),
    source: input.source,
    late,
    ...(input.note ? { note: input.note } : {}),
  };
  const event = await tx.equipmentEvent.create({
    data: {
      equipmentId: equipment.id,
      interventionId: input.interventionId ?? null,
      authorId: input.authorId ?? null,
      kind: 'counter_reading',
      occurredAt: readAt,
      summary: `Relevé de compteurs : ${input.readings.map(shown).join(', ')}`.slice(0, 500),
      data: data as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  if (late) {
    return { equipmentId: equipment.id, eventId: event.id, duplicate: false, late, counters: current, countersReadAt: equipment.countersReadAt, dueVisits: [] };
  }

  const counters = { ...current, ...Object.fromEntries(input.readings.map((r) => [r.counter, r.value])) };
  await tx.equipment.update({ where: { id: equipment.id }, data: { counters, countersReadAt: readAt } });
  const timeZone = equipment.site.sector?.agency.timezone ?? DEFAULT_TIME_ZONE;
  const generated = await generateDueVisits(
    tx,
    { today: localDay(input.now, timeZone), horizonDays: 0, equipmentIds: [equipment.id] },
    { inTransaction: true },
  );
  const dueVisits = generated.createdIds.length
    ? await tx.intervention.findMany({
        where: { id: { in: generated.createdIds }, dueCounter: { not: null } },
        select: { id: true, dueCounter: true, servicePlan: { select: { id: true, name: true, counterName: true } } },
        orderBy: { id: 'asc' },
      })
    : [];
  return {
    equipmentId: equipment.id,
    eventId: event.id,
    duplicate: false,
    late,
    counters,
    countersReadAt: readAt,
    dueVisits: dueVisits.map((v) => ({
      interventionId: v.id,
      servicePlanId: v.servicePlan!.id,
      planName: v.servicePlan!.name,
      counter: v.servicePlan!.counterName ?? '',
      dueCounter: v.dueCounter!,
    })),
  };
}

/** The unit each counter was last read in (for counters the product does not know). */
async function lastUnits(tx: Tx, equipmentId: string, readings: readonly CounterReading[]): Promise<Map<string, string>> {
  const wanted = new Set(readings.filter((r) => unitOfKnownCounter(r.counter) === null).map((r) => r.counter));
  const units = new Map<string, string>();
  if (wanted.size === 0) return units;
  const events = await tx.equipmentEvent.findMany({
    where: { equipmentId, kind: 'counter_reading' },
    orderBy: { occurredAt: 'desc' },
    take: 200,
    select: { data: true },
  });
  for (const e of events) {
    for (const r of (e.data as { readings?: { counter?: unknown; unit?: unknown }[] } | null)?.readings ?? []) {
      if (typeof r.counter === 'string' && typeof r.unit === 'string' && wanted.has(r.counter) && !units.has(r.counter)) units.set(r.counter, r.unit);
    }
  }
  return units;
}
