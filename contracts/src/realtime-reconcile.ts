// How a client folds the realtime stream into what it shows: pure functions,
// no I/O, table-tested, imported by the board and the technician app.
//
// Plan (board): items carry the database version of the record, so "newer
// wins" makes applying an item idempotent and order-insensitive; the agency's
// delta sequence only tells whether a delta was missed (a gap), in which case
// the client asks for a snapshot (`plan:resync`). Deltas of other days still
// advance the sequence: the sequence counts the agency's deltas, not a day's.
//
// Outbox (technician app): messages are applied in sequence order exactly
// once; early ones wait in a buffer while the client fetches the gap.
import type { InterventionView, OutboxMessage, PlanDelta, PlanSnapshot, ResyncNeed, Tombstone, TourView } from './realtime.ts';

// ─── Plan ────────────────────────────────────────────────────────────────────

export interface PlanState {
  readonly agencyId: string;
  readonly date: string;
  readonly epoch: string;
  /** Every delta up to this one is reflected. */
  readonly sequence: number;
  /** Deltas received past a gap, already applied item by item. */
  readonly ahead: readonly number[];
  readonly tours: Readonly<Record<string, TourView>>;
  readonly interventions: Readonly<Record<string, InterventionView>>;
}

export type DeltaOutcome =
  /** The next delta: applied (or for another day: only counted). */
  | 'applied'
  /** Already reflected (sequence at or below the state's). */
  | 'stale'
  /** Another agency's: ignored. */
  | 'ignored'
  /** Deltas were missed before this one: its items applied, a snapshot needed. */
  | 'gap'
  /** The sequence restarted on the server: its items applied, a snapshot needed. */
  | 'epoch_changed';

export interface DeltaResult {
  readonly state: PlanState;
  readonly outcome: DeltaOutcome;
  /** Non-null: send `plan:resync`. */
  readonly resync: ResyncNeed | null;
}

export function planFromSnapshot(snapshot: PlanSnapshot): PlanState {
  return {
    agencyId: snapshot.agencyId,
    date: snapshot.date,
    epoch: snapshot.epoch,
    sequence: snapshot.sequence,
    ahead: [],
    tours: byId(snapshot.tours),
    interventions: byId(snapshot.interventions),
  };
}

/**
 * A snapshot replaces the state unless it is older than what the state already
 * reflects (an answer overtaken by deltas). Items the client holds in a newer
 * version than the snapshot's (from deltas past a gap) are kept.
 */
export function applySnapshot(state: PlanState | null, snapshot: PlanSnapshot): { state: PlanState; adopted: boolean } {
  const fresh = planFromSnapshot(snapshot);
  if (state === null || state.agencyId !== snapshot.agencyId || state.date !== snapshot.date || state.epoch !== snapshot.epoch) {
    return { state: fresh, adopted: true };
  }
  if (snapshot.sequence < state.sequence) return { state, adopted: false };
  const merged: PlanState = {
    ...fresh,
    tours: keepNewer(fresh.tours, state.tours),
    interventions: keepNewer(fresh.interventions, state.interventions),
  };
  return {
    state: advance(
      merged,
      state.ahead.filter((s) => s > snapshot.sequence),
    ),
    adopted: true,
  };
}

export function applyDelta(state: PlanState, delta: PlanDelta): DeltaResult {
  if (delta.agencyId !== state.agencyId) return { state, outcome: 'ignored', resync: null };
  const withItems = delta.date === state.date ? applyItems(state, delta) : state;
  if (delta.epoch !== state.epoch) return { state: withItems, outcome: 'epoch_changed', resync: 'epoch_changed' };
  if (delta.sequence <= state.sequence || state.ahead.includes(delta.sequence)) {
    return { state: withItems, outcome: 'stale', resync: null };
  }
  if (delta.sequence === state.sequence + 1) {
    return { state: advance({ ...withItems, sequence: delta.sequence }, state.ahead), outcome: 'applied', resync: null };
  }
  const ahead = [...state.ahead, delta.sequence].sort((a, b) => a - b);
  return { state: { ...withItems, ahead }, outcome: 'gap', resync: 'gap' };
}

/** Newer wins: an item replaces the client's copy when its version is higher. */
function applyItems(state: PlanState, delta: PlanDelta): PlanState {
  return {
    ...state,
    tours: merge(state.tours, delta.tours, delta.removedTours),
    interventions: merge(state.interventions, delta.interventions, delta.removedInterventions),
  };
}

function merge<T extends { id: string; version: number }>(
  current: Readonly<Record<string, T>>,
  upserts: readonly T[],
  removals: readonly Tombstone[],
): Readonly<Record<string, T>> {
  let next: Record<string, T> | null = null;
  const edit = () => (next ??= { ...current });
  for (const item of upserts) {
    const held = (next ?? current)[item.id];
    if (held === undefined || item.version > held.version) edit()[item.id] = item;
  }
  for (const tomb of removals) {
    const held = (next ?? current)[tomb.id];
    // A tombstone carries the version at deletion: it beats that version and older.
    if (held !== undefined && tomb.version >= held.version) delete edit()[tomb.id];
  }
  return next ?? current;
}

function keepNewer<T extends { id: string; version: number }>(
  base: Readonly<Record<string, T>>,
  held: Readonly<Record<string, T>>,
): Readonly<Record<string, T>> {
  const out: Record<string, T> = { ...base };
  for (const [id, item] of Object.entries(base)) {
    const mine = held[id];
    if (mine !== undefined && mine.version > item.version) out[id] = mine;
  }
  return out;
}

/** Moves the sequence over the deltas already received past it. */
function advance(state: PlanState, ahead: readonly number[]): PlanState {
  let sequence = state.sequence;
  const rest: number[] = [];
  for (const s of [...ahead].sort((a, b) => a - b)) {
    if (s === sequence + 1) sequence = s;
    else if (s > sequence) rest.push(s);
  }
  return { ...state, sequence, ahead: rest };
}

function byId<T extends { id: string }>(items: readonly T[]): Record<string, T> {
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

// ─── Outbox ──────────────────────────────────────────────────────────────────

export interface OutboxState {
  /** Every message up to this one was handed to the app: acknowledge it. */
  readonly lastSequence: number;
  /** Messages received early, waiting for the gap before them to fill. */
  readonly pending: Readonly<Record<number, OutboxMessage>>;
}

export interface OutboxReceipt {
  readonly state: OutboxState;
  /** Apply these, in this order (empty for a duplicate or an early message). */
  readonly deliver: readonly OutboxMessage[];
  readonly duplicate: boolean;
  /** Non-null: fetch the missing messages with `assignments:sync { after }`. */
  readonly gap: { readonly after: number } | null;
}

export const emptyOutbox = (lastSequence = 0): OutboxState => ({ lastSequence, pending: {} });

export function receiveOutboxMessage(state: OutboxState, message: OutboxMessage): OutboxReceipt {
  const seq = message.sequence;
  if (seq <= state.lastSequence || state.pending[seq] !== undefined) {
    return { state, deliver: [], duplicate: true, gap: null };
  }
  if (seq > state.lastSequence + 1) {
    return {
      state: { ...state, pending: { ...state.pending, [seq]: message } },
      deliver: [],
      duplicate: false,
      gap: { after: state.lastSequence },
    };
  }
  const deliver = [message];
  const pending: Record<number, OutboxMessage> = { ...state.pending };
  let last = seq;
  while (pending[last + 1] !== undefined) {
    deliver.push(pending[last + 1]!);
    delete pending[last + 1];
    last += 1;
  }
  // Still holding later ones: the hole before them is not filled yet.
  const gap = Object.keys(pending).length > 0 ? { after: last } : null;
  return { state: { lastSequence: last, pending }, deliver, duplicate: false, gap };
}
