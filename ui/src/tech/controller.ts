// The technician app's state and everything that changes it. Screens read
// the store and call these methods; nothing else writes.
//
// Every action goes to the device's outbox first (IndexedDB, awaited), then
// the screen moves on: the network is never in the way. `sync()` replicates
// the outbox in recording order, sends stored positions, and refreshes the
// portfolio. It runs after every action, when the network comes back, when
// the socket reconnects and every minute.
//
// This file holds the session, navigation and toasts, and hands the rest to
// its parts: field-actions.ts (what the technician records),
// sync/synchronizer.ts (one synchronization run) and device-services.ts (the
// socket, network events, timers and positions in the background).
import { ApiError, createHttp } from '../api/http.ts';
import { Store } from '../state/store.ts';
import { techApi, type TechApi } from './api.ts';
import { DeviceServices } from './device-services.ts';
import { FieldActions } from './field-actions.ts';
import { DeviceStore } from './sync/db.ts';
import { Synchronizer } from './sync/synchronizer.ts';
import type { Session } from './sync/types.ts';
import { initialTechState, sortNotices, type Tab, type TechState, type ToastKind, type ToastMessage } from './tech-state.ts';

/** More at once would hide the screen; the Alerts tab has them all. */
const MAX_TOASTS = 3;

export interface TechOptions {
  readonly databaseName?: string;
  readonly positionIntervalMs?: number;
  readonly syncIntervalMs?: number;
}

/** Another technician's actions still wait on this device: they must be sent first. */
export class DeviceBusyError extends Error {
  override readonly name = 'DeviceBusyError';
}

export class TechController {
  readonly store = new Store<TechState>(initialTechState(typeof navigator === 'undefined' ? true : navigator.onLine));
  private device: DeviceStore | null = null;
  private readonly api: TechApi;
  private readonly synchronizer: Synchronizer;
  private readonly services: DeviceServices;
  private readonly actions: FieldActions;
  private toastId = 0;

  constructor(private readonly options: TechOptions = {}) {
    this.api = techApi(createHttp(() => this.store.get().session?.token ?? null));
    this.synchronizer = new Synchronizer(this.store, this.api, {
      device: () => this.device,
      expire: () => this.expire(),
      toast: (kind, text, detail) => this.toast(kind, text, detail),
    });
    const sync = () => void this.sync();
    this.services = new DeviceServices(this.store, options, {
      device: () => this.device!,
      sync,
      toast: (kind, text, detail) => this.toast(kind, text, detail),
    });
    this.actions = new FieldActions(this.store, { device: () => this.device!, sync, open: (visitId) => this.open(visitId) });
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
    this.services.stop();
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
      device.portfolio(),
      device.actions(),
      device.notices(),
      device.drafts(),
      device.meta('onDuty'),
      device.meta('lastSequence'),
      device.countPositions(),
    ]);
    this.store.set({
      phase: 'ready',
      session,
      expired: false,
      portfolio: portfolio ?? null,
      queue,
      notices: sortNotices(notices),
      drafts: Object.fromEntries(drafts.map((d) => [d.interventionId, d])),
      onDuty: onDuty ?? false,
      pendingPositions,
      day: portfolio?.today ?? null,
    });
    this.services.start(lastSequence ?? 0);
  }

  // ─── Background services (device-services.ts) ──────────────────────────────

  setOnDuty(onDuty: boolean): Promise<void> {
    return this.services.setOnDuty(onDuty);
  }
  private markNoticesSeen(): Promise<void> {
    return this.services.markNoticesSeen();
  }

  // ─── Field actions (field-actions.ts) ──────────────────────────────────────

  move(...args: Parameters<FieldActions['move']>): Promise<void> {
    return this.actions.move(...args);
  }
  saveDraft(...args: Parameters<FieldActions['saveDraft']>): Promise<void> {
    return this.actions.saveDraft(...args);
  }
  complete(...args: Parameters<FieldActions['complete']>): Promise<void> {
    return this.actions.complete(...args);
  }
  requestPart(...args: Parameters<FieldActions['requestPart']>): Promise<void> {
    return this.actions.requestPart(...args);
  }

  readCounters(...args: Parameters<FieldActions['readCounters']>): Promise<void> {
    return this.actions.readCounters(...args);
  }
  retry(seq: number): Promise<void> {
    return this.actions.retry(seq);
  }
  reopen(seq: number): Promise<void> {
    return this.actions.reopen(seq);
  }
  dismiss(seq: number): Promise<void> {
    return this.actions.dismiss(seq);
  }

  // ─── Synchronization (sync/synchronizer.ts) ────────────────────────────────

  /** One run at a time; a call during a run asks for one more after it. */
  sync(): Promise<void> {
    return this.synchronizer.sync();
  }

  /** For tests and the e2e run: sends what is pending now and waits. */
  async flush(): Promise<void> {
    await this.sync();
  }

  // ─── Navigation and toasts ─────────────────────────────────────────────────

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

  close(): void {
    this.services.stop();
    this.device?.close();
  }
}
