// Pure functions over the portfolio (the server's state at the last
// synchronization) and the outbox (what the technician did since): the
// status a visit shows, the base a new action declares, the batches the
// outbox is replicated in. No I/O: table-tested in ui/test/tech.
import type { InterventionStatus } from '@tournee/contracts/lifecycle';
import type { ActionResult, FieldActionInput, FirstResult, Portfolio, VisitSheet } from '@tournee/contracts/replication';
import type { QueuedAction } from './types.ts';

type VersionedKind = Extract<FieldActionInput, { kind: 'status' | 'complete' }>;
const isVersioned = (a: FieldActionInput): a is VersionedKind => a.kind === 'status' || a.kind === 'complete';
const onVisit = (q: QueuedAction, interventionId: string): q is QueuedAction & { action: VersionedKind } =>
  isVersioned(q.action) && q.action.interventionId === interventionId;

export const appliedVersion = (result: FirstResult | undefined): number | null => (result?.status === 'applied' ? result.interventionVersion : null);

/**
 * The visit's status as the technician sees it: the server's, moved along by
 * the moves still in the outbox and by applied ones the portfolio does not
 * reflect yet (it is refreshed after the replication).
 */
export function localStatus(visit: VisitSheet, queue: readonly QueuedAction[]): InterventionStatus {
  let status = visit.status;
  for (const q of queue) {
    if (!onVisit(q, visit.id)) continue;
    const pending = q.state === 'pending';
    const newer = q.state === 'applied' && (appliedVersion(q.result) ?? 0) > visit.version;
    if (pending || newer) status = q.action.kind === 'status' ? q.action.to : 'done';
  }
  return status;
}

/** When the visit went on site, as far as the device knows (for the time spent). */
export function localArrival(visit: VisitSheet, queue: readonly QueuedAction[]): string | null {
  const move = [...queue]
    .reverse()
    .find((q) => onVisit(q, visit.id) && q.action.kind === 'status' && q.action.to === 'on_site' && q.state !== 'conflict' && q.state !== 'rejected');
  return move?.action.kind === 'status' ? move.action.at : visit.actualStart;
}

/**
 * What a new action on a visit builds on: the last move of the device still
 * in flight (`after`), else the newest version the server has told of.
 */
export function nextBase(visit: VisitSheet | undefined, interventionId: string, queue: readonly QueuedAction[]): { after: string } | { baseVersion: number } {
  const mine = queue.filter((q) => onVisit(q, interventionId));
  const inFlight = [...mine].reverse().find((q) => q.state === 'pending');
  if (inFlight) return { after: inFlight.action.id };
  const versions = [visit?.version ?? 1, ...mine.map((q) => appliedVersion(q.result) ?? 0)];
  return { baseVersion: Math.max(...versions) };
}

/**
 * The next batch to send: the oldest pending actions, in order, while the
 * request stays well under the API's 1 MB body limit (photos are large).
 */
export function nextBatch(pending: readonly QueuedAction[], maxBytes = 600_000, maxCount = 50): QueuedAction[] {
  const batch: QueuedAction[] = [];
  let bytes = 0;
  for (const q of pending) {
    const size = JSON.stringify(q.action).length;
    if (batch.length > 0 && (bytes + size > maxBytes || batch.length >= maxCount)) break;
    batch.push(q);
    bytes += size;
  }
  return batch;
}

/** The state an answer leaves an action in (a duplicate takes its first answer). */
export function answered(result: ActionResult): { state: 'applied' | 'conflict' | 'rejected'; first: FirstResult } {
  const first = result.status === 'duplicate' ? result.first : result;
  return { state: first.status, first };
}

/** Visits of a day in visiting order, with their stop (ETA). */
export function dayVisits(portfolio: Portfolio, date: string): { stop: Portfolio['days'][number]['stops'][number]; visit: VisitSheet }[] {
  const day = portfolio.days.find((d) => d.date === date);
  if (!day) return [];
  const byId = new Map(portfolio.visits.map((v) => [v.id, v]));
  return day.stops.flatMap((stop) => {
    const visit = byId.get(stop.interventionId);
    return visit ? [{ stop, visit }] : [];
  });
}

/** A longest side of `max` pixels, keeping the proportions (never enlarging). */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Whole minutes from `from` to `to`, at least 1 (the report's time spent). */
export function minutesBetween(from: string | null, to: Date): number | null {
  if (!from) return null;
  return Math.max(1, Math.round((to.getTime() - new Date(from).getTime()) / 60_000));
}
