// What runs in the background while a technician is logged in: the socket of
// pushed assignments (stored as notices before they are acknowledged), the
// browser's online/offline events, the periodic synchronization, and the
// position recorder while on duty.
import type { OutboxMessage } from '../api/types.ts';
import type { Store } from '../state/store.ts';
import { AssignmentChannel } from './sync/assignments.ts';
import type { DeviceStore } from './sync/db.ts';
import { POSITION_INTERVAL_MS, PositionRecorder } from './sync/positions.ts';
import type { Notice } from './sync/types.ts';
import { sortNotices, type TechState, type ToastKind } from './tech-state.ts';

const SYNC_INTERVAL_MS = 60_000;

export interface DeviceServicesOptions {
  readonly positionIntervalMs?: number | undefined;
  readonly syncIntervalMs?: number | undefined;
}

export interface DeviceServicesHooks {
  /** The device store (opened before the services start). */
  readonly device: () => DeviceStore;
  readonly sync: () => void;
  readonly toast: (kind: ToastKind, text: string, detail: string) => void;
}

export class DeviceServices {
  private channel: AssignmentChannel | null = null;
  private positions: PositionRecorder | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: Store<TechState>,
    private readonly options: DeviceServicesOptions,
    private readonly hooks: DeviceServicesHooks,
  ) {}

  private readonly onOnline = () => {
    this.store.set({ online: true });
    this.channel?.online();
    this.hooks.sync();
  };
  private readonly onOffline = () => {
    this.store.set({ online: false });
    this.channel?.offline();
  };

  /** `lastSequence`: the last pushed assignment this device applied (the server replays what follows). */
  start(lastSequence: number): void {
    this.stop();
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.channel = new AssignmentChannel({
      token: () => this.store.get().session?.token ?? null,
      lastSequence,
      deliver: (messages, last) => this.deliver(messages, last),
      onVisitChanged: () => this.hooks.sync(),
      onConnection: (connection) => this.store.set({ connection }),
      onConnected: () => this.hooks.sync(),
    });
    this.channel.start();
    this.timer = setInterval(() => this.hooks.sync(), this.options.syncIntervalMs ?? SYNC_INTERVAL_MS);
    if (this.store.get().onDuty) this.startPositions();
    this.hooks.sync();
  }

  stop(): void {
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
    await this.hooks.device().setMeta('onDuty', onDuty);
    if (onDuty) this.startPositions();
    else {
      this.positions?.stop();
      this.positions = null;
    }
  }

  async markNoticesSeen(): Promise<void> {
    await this.hooks.device().markNoticesSeen();
    this.store.set((s) => ({ notices: s.notices.map((n) => (n.seen ? n : { ...n, seen: true })) }));
  }

  private startPositions(): void {
    const device = this.hooks.device();
    this.positions ??= new PositionRecorder(
      device,
      () => {
        void device.countPositions().then((pendingPositions) => this.store.set({ pendingPositions }));
        this.hooks.sync();
      },
      this.options.positionIntervalMs ?? POSITION_INTERVAL_MS,
    );
    this.positions.start();
  }

  /** Pushed assignments: stored with the new last sequence, then shown; the channel acknowledges after. */
  private async deliver(messages: readonly OutboxMessage[], lastSequence: number): Promise<void> {
    const receivedAt = new Date().toISOString();
    const notices: Notice[] = messages.map((m) => ({ sequence: m.sequence, assignment: m.assignment, receivedAt, seen: false }));
    await this.hooks.device().receiveNotices(notices, lastSequence);
    this.store.set((s) => ({ notices: sortNotices([...s.notices.filter((n) => !notices.some((m) => m.sequence === n.sequence)), ...notices]) }));
    const last = notices.at(-1)!;
    this.hooks.toast('push', last.assignment.summary, last.assignment.kind);
    this.hooks.sync();
  }
}
