// The board's socket.io connection: the agency's day as a snapshot, then
// versioned deltas folded in with the shared reconcile functions (a gap in
// the versions asks for a snapshot again); positions for the map; job
// progress and field conflicts handed to whoever follows them. A change to a
// visit that no delta brought (another dispatcher's urgent request, an
// import, a visit handed to or from a neighbouring agency) asks for the day
// again at once, rather than at the server's next periodic snapshot (60 s).
import { applyDelta, applySnapshot } from '@tournee/contracts/realtime-reconcile';
import type { FieldConflictNotice, JobProgress, PlanSnapshot } from '../api/types.ts';
import type { PositionStore } from '../realtime/positions.ts';
import type { BoardSocket, SocketFactory } from '../realtime/socket.ts';
import type { BoardState } from './board-state.ts';
import type { Store } from './store.ts';

/** How long a resync request may wait for the server's answer. */
const RESYNC_TIMEOUT_MS = 10_000;
/** A burst of visit changes (an import, a planning run) makes one resync, this long after the first. */
const CHANGE_RESYNC_DELAY_MS = 300;

export interface PlanFeedEvents {
  /** Connected again after a loss: what was announced meanwhile may have been missed. */
  readonly reconnected: () => void;
  /** A planning run's plan reached the day shown (overnight, or an accepted preview). */
  readonly planningRunApplied: () => void;
  readonly jobProgress: (progress: JobProgress) => void;
  readonly fieldConflict: (notice: FieldConflictNotice) => void;
}

export class PlanFeed {
  private socket: BoardSocket | null = null;
  private connectedBefore = false;
  private changeResync: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: Store<BoardState>,
    private readonly positions: PositionStore,
    private readonly socketFactory: SocketFactory,
    private readonly events: PlanFeedEvents,
  ) {}

  connect(token: string): void {
    const socket = this.socketFactory(token);
    this.socket = socket;
    this.store.set({ connection: 'connecting' });
    socket.on('connect', () => {
      this.store.set({ connection: 'online' });
      // After a reconnect, deltas may have been missed: start again from a snapshot.
      void this.resync();
      if (this.connectedBefore) this.events.reconnected();
      this.connectedBefore = true;
    });
    socket.on('disconnect', () => this.store.set({ connection: 'offline' }));
    socket.on('connect_error', () => this.store.set({ connection: 'offline' }));
    socket.on('positions:frame', (frame) => this.positions.applyFrame(frame));
    socket.on('plan:snapshot', (snapshot) => this.adoptSnapshot(snapshot));
    socket.on('plan:delta', (delta) => {
      const { plan } = this.store.get();
      if (!plan) return;
      const result = applyDelta(plan, delta);
      if (result.state !== plan) this.store.set({ plan: result.state });
      if (result.resync) void this.resync();
      // A plan applied (overnight, or an accepted preview): its reasons for what it left out come with its run.
      if (delta.reason === 'planning_run' && delta.agencyId === plan.agencyId && delta.date === plan.date) this.events.planningRunApplied();
    });
    socket.on('job:progress', (progress) => {
      this.store.set((s) => ({ jobs: { ...s.jobs, [progress.jobId]: progress } }));
      this.events.jobProgress(progress);
    });
    socket.on('field:conflict', (notice) => this.events.fieldConflict(notice));
    socket.on('intervention:changed', (change) => {
      const { plan, agencyId } = this.store.get();
      if (!plan || change.agencyId !== agencyId) return;
      // Already on the board at that version or later (a delta brought it): nothing to ask.
      if ((plan.interventions[change.interventionId]?.version ?? 0) >= change.version) return;
      if (this.changeResync) return;
      this.changeResync = setTimeout(() => {
        this.changeResync = null;
        void this.resync();
      }, CHANGE_RESYNC_DELAY_MS);
    });
  }

  disconnect(): void {
    if (this.changeResync) clearTimeout(this.changeResync);
    this.changeResync = null;
    this.socket?.disconnect();
    this.socket = null;
    this.connectedBefore = false;
  }

  /** Asks for the agency's day now; the server then keeps sending it periodically. */
  async resync(): Promise<void> {
    const { agencyId, date } = this.store.get();
    const socket = this.socket;
    if (!agencyId || !socket?.connected) return;
    const result = await socket
      .timeout(RESYNC_TIMEOUT_MS)
      .emitWithAck('plan:resync', { agencyId, date })
      .catch(() => null);
    if (result?.ok) this.adoptSnapshot(result.data);
  }

  /** Stops following a day the board no longer shows. */
  unwatch(agencyId: string, date: string): void {
    this.socket?.emit('plan:unwatch', { agencyId, date }, () => {});
  }

  private adoptSnapshot(snapshot: PlanSnapshot): void {
    const { plan, agencyId, date } = this.store.get();
    if (snapshot.agencyId !== agencyId || snapshot.date !== date) return;
    const { state, adopted } = applySnapshot(plan, snapshot);
    if (adopted) this.store.set({ plan: state });
  }
}
