// The technician app's state and everything that changes it. Screens read
// the store and call these methods; nothing else writes.
//
// Every action goes to the device's outbox first (IndexedDB, awaited), then
// the screen moves on: the network is never in the way. `sync()` replicates
// the outbox in recording order (one batch at a time, so a later action never
// overtakes an earlier one), sends stored positions, and refreshes the
// portfolio. It runs after every action, when the network comes back, when
// the socket reconnects and every minute.
import type { FieldActionInput, Portfolio, VisitSheet } from '@tournee/contracts/replication';
import { ApiError, createHttp } from '../api/http.ts';
import type { OutboxMessage } from '../api/types.ts';
import { Store } from '../state/store.ts';
import { techApi, type TechApi } from './api.ts';
import { AssignmentChannel, type ConnectionState } from './sync/assignments.ts';
import { DeviceStore } from './sync/db.ts';
import { answered, nextBase, nextBatch } from './sync/local-view.ts';
import { POSITION_INTERVAL_MS, PositionRecorder } from './sync/positions.ts';
import type { Notice, QueuedAction, ReportDraft, Session } from './sync/types.ts';

export type Tab = 'tour' | 'map' | 'parts' | 'alerts';
export type ToastKind = 'push' | 'conflict';

export interface ToastMessage {
  readonly id: number;
  readonly kind: ToastKind;
  /** The assignment kind or the conflict reason, for the wording. */
  readonly detail: string;
  readonly text: string;
}

/** More at once would hide the screen; the Alerts tab has them all. */
const MAX_TOASTS = 3;

export interface TechState {
  readonly phase: 'restoring' | 'login' | 'ready';
  readonly session: Session | null;
  /** The session expired while actions wait: log in again to send them. */
  readonly expired: boolean;
  readonly portfolio: Portfolio | null;
  readonly queue: readonly QueuedAction[];
  readonly notices: readonly Notice[];
  readonly drafts: Readonly<Record<string, ReportDraft>>;
  readonly online: boolean;
  readonly connection: ConnectionState;
  readonly syncing: boolean;
  readonly syncError: string | null;
  readonly onDuty: boolean;
  readonly pendingPositions: number;
  readonly tab: Tab;
  readonly day: string | null;
  readonly visitId: string | null;
  /** Newest last; a conflict stays until read, a push fades (see Toast.tsx). */
  readonly toasts: readonly ToastMessage[];
}

export interface TechOptions {
  readonly databaseName?: string;
  readonly positionIntervalMs?: number;
  readonly syncIntervalMs?: number;
}

const SYNC_INTERVAL_MS = 60_000;
/**
 * A request on a failing mobile network can hang for minutes; the run gives up
 * on it so later runs are not stuck behind it. Resending is harmless: the
 * server answers a replayed action with `duplicate`.
 */
const REQUEST_TIMEOUT_MS = 45_000;
const KEEP_APPLIED_MS = 7 * 86_400_000;
const uuid = (): string => crypto.randomUUID();
const nowIso = (): string => new Date().toISOString();

/** Another technician's actions still wait on this device: they must be sent first. */
export class DeviceBusyError extends Error {
  override readonly name = 'DeviceBusyError';
}

export class TechController {
  readonly store = new Store<TechState>({
    phase: 'restoring', session: null, expired: false, portfolio: null, queue: [], notices: [], drafts: {},
    online: typeof navigator === 'undefined' ? true : navigator.onLine, connection: 'offline', syncing: false, syncError: null,
    onDuty: false, pendingPositions: 0, tab: 'tour', day: null, visitId: null, toasts: [],
  });
  private device: DeviceStore | null = null;
  private readonly api: TechApi;
  private channel: AssignmentChannel | null = null;
  private positions: PositionRecorder | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private toastId = 0;

  constructor(private readonly options: TechOptions = {}) {
    this.api = techApi(createHttp(() => this.store.get().session?.token ?? null));
  }

  // ─── Session ───────────────────────────────────────────────────────────────

  async restore(): Promise<void> {
    const device = await this.openDevice();
    const session = await device.meta('session');
    if (!session) {
      this.store.set({ phase: 'login' });
      return;
    }
    await this.load(session);
    if (navigator.onLine) {
      // The token may have expired overnight; offline, the stored session is trusted.
      try {
        await this.api.me();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) this.expire();
      }
    }
  }

  async login(email: string, password: string): Promise<void> {
    const device = await this.openDevice();
    const answer = await this.api.login(email, password);
    if (answer.user.role !== 'technician' || !answer.user.technicianId) throw new ApiError(403, 'not a technician account');
    const owner = await device.meta('owner');
    if (owner !== undefined && owner !== answer.user.id) {
      if ((await device.pending()).length > 0) throw new DeviceBusyError('another technician’s actions are still waiting to be sent');
      await device.clearAll();
    }
    await device.setMeta('owner', answer.user.id);
    const session: Session = { token: answer.token, user: answer.user };
    await device.setMeta('session', session);
    if (this.store.get().phase === 'ready' && this.store.get().expired) {
      this.store.set({ session, expired: false });
      void this.sync();
      return;
    }
    await this.load(session);
  }

  /** Refused while actions wait: they would be stranded with no one to send them. */
  async logout(): Promise<void> {
    if (this.store.get().queue.some((q) => q.state === 'pending')) return;
    this.stopServices();
    await this.device?.deleteMeta('session');
    this.store.set({ phase: 'login', session: null, expired: false, portfolio: null, queue: [], notices: [], drafts: {}, visitId: null, tab: 'tour' });
  }

  private expire(): void {
    this.store.set({ expired: true });
  }

  private async openDevice(): Promise<DeviceStore> {
    this.device ??= await DeviceStore.open(this.options.databaseName);
    return this.device;
  }

  private async load(session: Session): Promise<void> {
    const device = await this.openDevice();
    const [portfolio, queue, notices, drafts, onDuty, lastSequence, pendingPositions] = await Promise.all([
      device.portfolio(), device.actions(), device.notices(), device.drafts(), device.meta('onDuty'), device.meta('lastSequence'), device.countPositions(),
    ]);
    this.store.set({
      phase: 'ready', session, expired: false, portfolio: portfolio ?? null, queue, notices: sortNotices(notices),
      drafts: Object.fromEntries(drafts.map((d) => [d.interventionId, d])), onDuty: onDuty ?? false, pendingPositions,
      day: portfolio?.today ?? null,
    });
    this.startServices(lastSequence ?? 0);
  }

  // ─── Services: socket, network events, timers, positions ───────────────────

  private readonly onOnline = () => {
    this.store.set({ online: true });
    this.channel?.online();
    void this.sync();
  };
  private readonly onOffline = () => {
    this.store.set({ online: false });
    this.channel?.offline();
  };

  private startServices(lastSequence: number): void {
    this.stopServices();
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.channel = new AssignmentChannel({
      token: () => this.store.get().session?.token ?? null,
      lastSequence,
      deliver: (messages, last) => this.deliver(messages, last),
      onVisitChanged: () => void this.sync(),
      onConnection: (connection) => this.store.set({ connection }),
      onConnected: () => void this.sync(),
    });
    this.channel.start();
    this.timer = setInterval(() => void this.sync(), this.options.syncIntervalMs ?? SYNC_INTERVAL_MS);
    if (this.store.get().onDuty) this.startPositions();
    void this.sync();
  }

  private stopServices(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.channel?.stop();
    this.channel = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.positions?.stop();
    this.positions = null;
  }

  async setOnDuty(onDuty: boolean): Promise<void> {
    // Shown at once (a switch that lags looks broken), then kept for the next start.
    this.store.set({ onDuty });
    await this.device!.setMeta('onDuty', onDuty);
    if (onDuty) this.startPositions();
    else {
      this.positions?.stop();
      this.positions = null;
    }
  }

  private startPositions(): void {
    this.positions ??= new PositionRecorder(this.device!, () => {
      void this.device!.countPositions().then((pendingPositions) => this.store.set({ pendingPositions }));
      void this.sync();
    }, this.options.positionIntervalMs ?? POSITION_INTERVAL_MS);
    this.positions.start();
  }

  /** Pushed assignments: stored with the new last sequence, then shown; the channel acknowledges after. */
  private async deliver(messages: readonly OutboxMessage[], lastSequence: number): Promise<void> {
    const notices: Notice[] = messages.map((m) => ({ sequence: m.sequence, assignment: m.assignment, receivedAt: nowIso(), seen: false }));
    await this.device!.receiveNotices(notices, lastSequence);
    this.store.set((s) => ({ notices: sortNotices([...s.notices.filter((n) => !notices.some((m) => m.sequence === n.sequence)), ...notices]) }));
    const last = notices.at(-1)!;
    this.toast('push', last.assignment.summary, last.assignment.kind);
    void this.sync();
  }

  async markNoticesSeen(): Promise<void> {
    await this.device!.markNoticesSeen();
    this.store.set((s) => ({ notices: s.notices.map((n) => (n.seen ? n : { ...n, seen: true })) }));
  }

  // ─── Field actions (recorded first, replicated after) ──────────────────────

  private visit(id: string): VisitSheet | undefined {
    return this.store.get().portfolio?.visits.find((v) => v.id === id);
  }

  private label(visitId: string, what: string): string {
    const v = this.visit(visitId);
    return v ? `${v.customer.name} — ${v.site.city}: ${what}` : what;
  }

  private async record(action: FieldActionInput, label: string): Promise<void> {
    const queued = await this.device!.record({ action, state: 'pending', label, recordedAt: nowIso() });
    this.store.set((s) => ({ queue: [...s.queue, queued] }));
    void this.sync();
  }

  async move(visitId: string, to: 'en_route' | 'on_site', what: string): Promise<void> {
    const base = nextBase(this.visit(visitId), visitId, this.store.get().queue);
    await this.record({ kind: 'status', id: uuid(), createdAt: nowIso(), interventionId: visitId, to, at: nowIso(), ...base }, this.label(visitId, what));
  }

  async saveDraft(draft: ReportDraft): Promise<void> {
    await this.device!.saveDraft(draft);
    this.store.set((s) => ({ drafts: { ...s.drafts, [draft.interventionId]: draft } }));
  }

  /** Closes the visit: its photos (one action each, they are large), then the report. */
  async complete(visitId: string, what: string): Promise<void> {
    const draft = this.store.get().drafts[visitId];
    if (!draft || !draft.workDone.trim() || !draft.timeSpentMinutes) throw new Error('the report needs the work done and the time spent');
    for (const photo of draft.photos) {
      await this.record({
        kind: 'photo', id: uuid(), createdAt: nowIso(), interventionId: visitId, photoId: photo.photoId, takenAt: photo.takenAt,
        image: photo.dataUrl, width: photo.width, height: photo.height, ...(photo.caption ? { caption: photo.caption } : {}),
      }, this.label(visitId, `${what} (photo)`));
    }
    const base = nextBase(this.visit(visitId), visitId, this.store.get().queue);
    const configurationChanges = Object.entries(draft.configuration)
      .map(([equipmentId, set]) => ({ equipmentId, set: Object.fromEntries(Object.entries(set).filter(([, v]) => v !== '').map(([k, v]) => [k, v === null ? null : parseValue(v)])) }))
      .filter((c) => Object.keys(c.set).length > 0);
    await this.record({
      kind: 'complete', id: uuid(), createdAt: nowIso(), interventionId: visitId, ...base,
      workDone: draft.workDone.trim(), timeSpentMinutes: draft.timeSpentMinutes,
      partsUsed: draft.partsUsed.filter((p) => p.quantity > 0).map((p) => ({ partId: p.partId, quantity: p.quantity })),
      configurationChanges,
      signature: draft.signature && draft.signedBy.trim() ? { signedBy: draft.signedBy.trim(), image: draft.signature } : null,
      photoIds: draft.photos.map((p) => p.photoId),
      completedAt: nowIso(),
    }, this.label(visitId, what));
    await this.device!.deleteDraft(visitId);
    this.store.set((s) => {
      const { [visitId]: _done, ...drafts } = s.drafts;
      return { drafts };
    });
  }

  async requestPart(request: { partId: string; quantity: number; what: 'part' | 'machine'; interventionId?: string | undefined; note?: string | undefined }, label: string): Promise<void> {
    await this.record({
      kind: 'request_part', id: uuid(), createdAt: nowIso(), requestId: uuid(), partId: request.partId, quantity: request.quantity, what: request.what,
      ...(request.interventionId ? { interventionId: request.interventionId } : {}), ...(request.note?.trim() ? { note: request.note.trim() } : {}),
    }, label);
  }

  /** Sends a conflicted or refused action again, as a new action on what the server holds now. */
  async retry(seq: number): Promise<void> {
    const q = this.store.get().queue.find((x) => x.seq === seq);
    if (!q || (q.state !== 'conflict' && q.state !== 'rejected')) return;
    await this.setState(q, 'dismissed');
    const fresh: FieldActionInput = { ...q.action, id: uuid(), createdAt: nowIso() };
    if (fresh.kind === 'status' || fresh.kind === 'complete') {
      const { baseVersion: _b, after: _a, ...rest } = fresh;
      const base = nextBase(this.visit(fresh.interventionId), fresh.interventionId, this.store.get().queue);
      await this.record({ ...rest, ...base } as FieldActionInput, q.label);
    } else if (fresh.kind === 'request_part') {
      await this.record({ ...fresh, requestId: uuid() }, q.label);
    } else {
      await this.record(fresh, q.label);
    }
  }

  /** A refused report back into the form, to correct (a part the van lacks) and close again. */
  async reopen(seq: number): Promise<void> {
    const q = this.store.get().queue.find((x) => x.seq === seq);
    if (!q || q.action.kind !== 'complete') return;
    const a = q.action;
    await this.setState(q, 'dismissed');
    const configuration: Record<string, Record<string, string | null>> = {};
    for (const c of a.configurationChanges ?? []) configuration[c.equipmentId] = Object.fromEntries(Object.entries(c.set).map(([k, v]) => [k, v === null ? null : String(v)]));
    await this.saveDraft({
      interventionId: a.interventionId, workDone: a.workDone, timeSpentMinutes: a.timeSpentMinutes, partsUsed: a.partsUsed ?? [],
      configuration, photos: [], signedBy: a.signature?.signedBy ?? '', signature: a.signature?.image ?? null, updatedAt: nowIso(),
    });
    this.open(a.interventionId);
  }

  async dismiss(seq: number): Promise<void> {
    const q = this.store.get().queue.find((x) => x.seq === seq);
    if (q && (q.state === 'conflict' || q.state === 'rejected')) await this.setState(q, 'dismissed');
  }

  private async setState(q: QueuedAction, state: QueuedAction['state']): Promise<void> {
    const updated = { ...q, state };
    await this.device!.updateActions([updated]);
    this.store.set((s) => ({ queue: s.queue.map((x) => (x.seq === q.seq ? updated : x)) }));
  }

  // ─── Synchronization ───────────────────────────────────────────────────────

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
    if (!session || expired || !this.device || !navigator.onLine) return;
    this.store.set({ syncing: true });
    try {
      await this.replicate();
      await this.sendPositions();
      const portfolio = await timed(this.api.portfolio());
      await this.device.setPortfolio(portfolio);
      await this.device.pruneApplied(new Date(Date.now() - KEEP_APPLIED_MS).toISOString());
      this.store.set((s) => ({ portfolio, day: s.day && portfolio.days.some((d) => d.date === s.day) ? s.day : portfolio.today, syncError: null }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.expire();
      else this.store.set({ syncError: error instanceof Error ? error.message : String(error) });
    } finally {
      this.store.set({ syncing: false });
    }
  }

  /** The outbox, oldest first, a batch at a time; stops at the first failure (the order must hold). */
  private async replicate(): Promise<void> {
    for (;;) {
      const pending = await this.device!.pending();
      if (pending.length === 0) return;
      const batch = nextBatch(pending);
      let updates: QueuedAction[];
      try {
        const answer = await timed(this.api.replicate(batch.map((q) => q.action)));
        updates = batch.map((q, i) => {
          const { state, first } = answered(answer.results[i]!);
          return { ...q, state, result: first, answeredAt: nowIso() };
        });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 400) throw error;
        updates = refusedByValidation(batch, error);
      }
      await this.device!.updateActions(updates);
      this.store.set((s) => ({ queue: s.queue.map((x) => updates.find((u) => u.seq === x.seq) ?? x) }));
      const refused = updates.filter((u) => u.state === 'conflict' || u.state === 'rejected');
      if (refused.length > 0) this.toast('conflict', refused[0]!.label, refused[0]!.result?.status === 'conflict' ? refused[0]!.result.reason : 'rejected');
    }
  }

  private async sendPositions(): Promise<void> {
    const positions = await this.device!.positions(1000);
    if (positions.length === 0) return;
    try {
      await timed(this.api.positions(positions.map(({ id: _id, ...p }) => p)));
    } catch (error) {
      // Positions the server refuses (malformed, unknown) would block the rest forever: they go.
      if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 401) throw error;
    }
    await this.device!.deletePositions(positions.map((p) => p.id!));
    this.store.set({ pendingPositions: await this.device!.countPositions() });
  }

  // ─── Navigation and notices ────────────────────────────────────────────────

  setTab(tab: Tab): void {
    this.store.set({ tab, visitId: null });
    if (tab === 'alerts') {
      // Everything the toasts said is listed there.
      this.store.set({ toasts: [] });
      void this.markNoticesSeen();
    }
  }
  setDay(day: string): void {
    this.store.set({ day });
  }
  open(visitId: string | null): void {
    this.store.set({ visitId });
  }
  private toast(kind: ToastKind, text: string, detail: string): void {
    const message: ToastMessage = { id: ++this.toastId, kind, detail, text };
    this.store.set((s) => ({ toasts: [...s.toasts, message].slice(-MAX_TOASTS) }));
  }
  dismissToast(id: number): void {
    this.store.set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  }

  /** For tests and the e2e run: sends what is pending now and waits. */
  async flush(): Promise<void> {
    await this.sync();
  }

  close(): void {
    this.stopServices();
    this.device?.close();
  }
}

function timed<T>(request: Promise<T>, ms = REQUEST_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError(0, `no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([request, timeout]).finally(() => clearTimeout(timer));
}

function sortNotices(notices: readonly Notice[]): Notice[] {
  return [...notices].sort((a, b) => b.sequence - a.sequence);
}

/** A typed configuration value: numbers and booleans as such, text otherwise. */
export function parseValue(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return text;
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
    return { ...q, state: 'rejected', result: { id: q.action.id, status: 'rejected', error: error.message, details }, answeredAt: nowIso() };
  });
}
