// One synchronization with the server: the outbox replicated in recording
// order (one batch at a time, so a later action never overtakes an earlier
// one, stopping at the first failure), the stored positions sent, and the
// portfolio refreshed. One run at a time; a call during a run asks for one
// more after it.
import { ApiError } from '../../api/http.ts';
import type { Store } from '../../state/store.ts';
import type { TechApi } from '../api.ts';
import type { TechState, ToastKind } from '../tech-state.ts';
import type { DeviceStore } from './db.ts';
import { answered, nextBatch } from './local-view.ts';
import type { QueuedAction } from './types.ts';

/**
 * A request on a failing mobile network can hang for minutes; the run gives up
 * on it so later runs are not stuck behind it. Resending is harmless: the
 * server answers a replayed action with `duplicate`.
 */
const REQUEST_TIMEOUT_MS = 45_000;
/** Answered actions are kept this long on the device, for the Alerts tab. */
const KEEP_APPLIED_MS = 7 * 86_400_000;
/** Positions sent per request. */
const POSITIONS_PER_REQUEST = 1000;

export interface SynchronizerHooks {
  /** The device store, once opened (no run before). */
  readonly device: () => DeviceStore | null;
  /** The server said 401. */
  readonly expire: () => void;
  readonly toast: (kind: ToastKind, text: string, detail: string) => void;
}

export class Synchronizer {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: Store<TechState>,
    private readonly api: TechApi,
    private readonly hooks: SynchronizerHooks,
  ) {}

  /** One run at a time; a call during a run asks for one more after it. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.syncOnce();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async syncOnce(): Promise<void> {
    const { session, expired } = this.store.get();
    const device = this.hooks.device();
    if (!session || expired || !device || !navigator.onLine) return;
    this.store.set({ syncing: true });
    try {
      await this.replicate(device);
      await this.sendPositions(device);
      const portfolio = await timed(this.api.portfolio());
      await device.setPortfolio(portfolio);
      await device.pruneApplied(new Date(Date.now() - KEEP_APPLIED_MS).toISOString());
      this.store.set((s) => ({ portfolio, day: s.day && portfolio.days.some((d) => d.date === s.day) ? s.day : portfolio.today, syncError: null }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.hooks.expire();
      else this.store.set({ syncError: error instanceof Error ? error.message : String(error) });
    } finally {
      this.store.set({ syncing: false });
    }
  }

  /** The outbox, oldest first, a batch at a time; stops at the first failure (the order must hold). */
  private async replicate(device: DeviceStore): Promise<void> {
    for (;;) {
      const pending = await device.pending();
      if (pending.length === 0) return;
      const batch = nextBatch(pending);
      let updates: QueuedAction[];
      try {
        const answer = await timed(this.api.replicate(batch.map((q) => q.action)));
        updates = batch.map((q, i) => {
          const { state, first } = answered(answer.results[i]!);
          return { ...q, state, result: first, answeredAt: new Date().toISOString() };
        });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 400) throw error;
        updates = refusedByValidation(batch, error);
      }
      await device.updateActions(updates);
      this.store.set((s) => ({ queue: s.queue.map((x) => updates.find((u) => u.seq === x.seq) ?? x) }));
      const refused = updates.filter((u) => u.state === 'conflict' || u.state === 'rejected');
      if (refused.length > 0)
        this.hooks.toast('conflict', refused[0]!.label, refused[0]!.result?.status === 'conflict' ? refused[0]!.result.reason : 'rejected');
    }
  }

  private async sendPositions(device: DeviceStore): Promise<void> {
    const positions = await device.positions(POSITIONS_PER_REQUEST);
    if (positions.length === 0) return;
    try {
      await timed(this.api.positions(positions.map(({ id: _id, ...p }) => p)));
    } catch (error) {
      // Positions the server refuses (malformed, unknown) would block the rest forever: they go.
      if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 401) throw error;
    }
    await device.deletePositions(positions.map((p) => p.id!));
    this.store.set({ pendingPositions: await device.countPositions() });
  }
}

function timed<T>(request: Promise<T>, ms = REQUEST_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError(0, `no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([request, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A 400 names the malformed actions (`actions[3].image`): those are refused
 * (a bug or a too-large photo; retrying would fail forever), the others stay
 * pending for the next run.
 */
export function refusedByValidation(batch: readonly QueuedAction[], error: ApiError): QueuedAction[] {
  const bad = new Map<number, string[]>();
  for (const d of error.details) {
    const m = /^actions\[(\d+)\]\.?(.*)$/.exec(d.path);
    if (m) bad.set(Number(m[1]), [...(bad.get(Number(m[1])) ?? []), `${m[2] || 'action'}: ${d.message}`]);
  }
  const all = bad.size === 0;
  return batch.map((q, i) => {
    if (!all && !bad.has(i)) return q;
    const details = (bad.get(i) ?? [error.message]).map((message) => ({ path: '', message }));
    return { ...q, state: 'rejected', result: { id: q.action.id, status: 'rejected', error: error.message, details }, answeredAt: new Date().toISOString() };
  });
}
