// Prepared insertion contexts, reused while the day's plan stays the same:
// keyed by agency, day (and the visit when it is taken out of a tour, or its
// site with road times) and a stamp of every version the context was built from (tours, interventions), so any stored change — a planning run, an
// assignment, a status — gives a new key. Entries also expire after a minute:
// the context plans from the `now` it was built at, and positions move.
import { createHash } from 'node:crypto';
import type { PlanningRecords } from './records.ts';

const TTL_MS = 60_000;
const MAX_ENTRIES = 64;

const entries = new Map<string, { at: number; value: unknown }>();

/** The versions a prepared context depends on. */
export function planStamp(records: PlanningRecords): string {
  const tours = records.tours.map((t) => `${t.id}:${t.version}:${t.stops.length}`).join(',');
  const visits = records.interventions.map((i) => `${i.id}:${i.version}:${i.status}`).join(',');
  const technicians = records.technicians.map((t) => `${t.id}:${t.absences.length}:${t.shifts.length}`).join(',');
  return createHash('sha1').update(`${tours}|${visits}|${technicians}`).digest('base64url');
}

export async function cachedContext<T>(key: string, now: number, build: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  if (hit && now - hit.at >= 0 && now - hit.at < TTL_MS) return hit.value as T;
  const value = await build();
  entries.delete(key);
  entries.set(key, { at: now, value });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}

/** Forget every prepared context (tests; a plan stored elsewhere changes the stamp anyway). */
export function clearInsertionCache(): void {
  entries.clear();
}
