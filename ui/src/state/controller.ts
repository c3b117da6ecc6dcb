// The one object the board's components talk to: they call its methods and
// read its store; they never fetch. It holds the session and the agency and
// day shown, and hands each concern to its own part:
// - plan-feed.ts: the socket (plan snapshot + versioned deltas, positions, events);
// - dispatching.ts: moving visits, urgent requests, a move's evaluation;
// - optimize-run.ts: the Optimize preview, accepted or discarded;
// - field-conflicts.ts: conflicts replicated from the field;
// - unassigned-reasons.ts: why visits wait in the queue;
// - day-absences.ts: who is away on the day shown;
// - notifier.ts: the notices.
import { localDay } from '@tournee/contracts/zoned-time';
import { type Api, endpoints } from '../api/endpoints.ts';
import { createHttp } from '../api/http.ts';
import type { SessionUser } from '../api/types.ts';
import { PositionStore } from '../realtime/positions.ts';
import { connectSocket, type SocketFactory } from '../realtime/socket.ts';
import { type BoardState, initialState, type Layers, type Panel } from './board-state.ts';
import { DayAbsences } from './day-absences.ts';
import { Dispatching, type DragState } from './dispatching.ts';
import { FieldConflicts } from './field-conflicts.ts';
import { Notifier } from './notifier.ts';
import { OptimizeRun } from './optimize-run.ts';
import { PlanFeed } from './plan-feed.ts';
import { type Cell, Store } from './store.ts';
import { UnassignedReasons } from './unassigned-reasons.ts';

const SESSION_KEY = 'tournee.session';
/** Shifts are read a handful of technicians at a time: the server is shared with technicians' devices. */
const SHIFTS_PER_REQUEST_BATCH = 6;

export interface ControllerOptions {
  readonly api?: Api;
  readonly socketFactory?: SocketFactory;
  readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  readonly today?: string;
}

export class BoardController {
  readonly store: Store<BoardState>;
  readonly positions = new PositionStore();
  readonly api: Api;
  /** A visit being dragged (from the timeline or the queue) and where it would go. */
  readonly drag: Cell<DragState | null>;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  private readonly notifier: Notifier;
  private readonly feed: PlanFeed;
  private readonly dispatching: Dispatching;
  private readonly optimize: OptimizeRun;
  private readonly conflicts: FieldConflicts;
  private readonly reasons: UnassignedReasons;
  private readonly absences: DayAbsences;

  constructor(options: ControllerOptions = {}) {
    this.store = new Store(initialState(options.today ?? localDay(new Date(), 'Europe/Paris')));
    this.api =
      options.api ??
      endpoints(
        createHttp(
          () => this.store.get().session?.token ?? null,
          () => this.expire(),
        ),
      );
    this.storage = options.storage ?? (typeof sessionStorage === 'undefined' ? null : sessionStorage);
    this.notifier = new Notifier(this.store);
    this.optimize = new OptimizeRun(this.store, this.api, this.notifier, this.storage);
    this.conflicts = new FieldConflicts(this.store, this.api, this.notifier);
    this.reasons = new UnassignedReasons(this.store, this.api);
    this.absences = new DayAbsences(this.store, this.api);
    this.feed = new PlanFeed(this.store, this.positions, options.socketFactory ?? connectSocket, {
      // Conflicts announced while offline: list them again.
      reconnected: () => void this.conflicts.load(),
      planningRunApplied: () => this.reasons.reloadSoon(),
      jobProgress: (progress) => this.optimize.follow(progress),
      fieldConflict: (notice) => this.conflicts.received(notice),
    });
    this.dispatching = new Dispatching(this.store, this.api, this.notifier, () => this.feed.resync());
    this.drag = this.dispatching.drag;
  }

  // ─── Session ───────────────────────────────────────────────────────────────

  /** A tab reloaded keeps its session (sessionStorage: closing the tab logs out). */
  async restore(): Promise<boolean> {
    const saved = this.storage?.getItem(SESSION_KEY);
    if (!saved) return false;
    try {
      const session = JSON.parse(saved) as { token: string; user: SessionUser };
      await this.start(session.token, session.user);
      return true;
    } catch {
      this.storage?.removeItem(SESSION_KEY);
      return false;
    }
  }

  async login(email: string, password: string): Promise<void> {
    const { token, user } = await this.api.login(email, password);
    this.storage?.setItem(SESSION_KEY, JSON.stringify({ token, user }));
    await this.start(token, user);
  }

  logout(): void {
    void this.api.logout().catch(() => {});
    this.stop();
  }

  /** The server said 401: the session is over (the back office's screens call this too). */
  expire(): void {
    if (this.store.get().session) {
      this.stop();
      this.notify('warning', 'notice.sessionExpired');
    }
  }

  private stop(): void {
    this.storage?.removeItem(SESSION_KEY);
    this.feed.disconnect();
    this.optimize.stopPolling();
    this.optimize.forget();
    this.reasons.cancel();
    this.conflicts.cancel();
    this.positions.clear();
    this.dispatching.forgetDetails();
    const { date, notices } = this.store.get();
    this.store.set({ ...initialState(date), notices });
  }

  private async start(token: string, user: SessionUser): Promise<void> {
    this.store.set({ session: { token, user } });
    const [agencies, regions, skills] = await Promise.all([this.api.agencies(), this.api.regions().catch(() => []), this.api.skills()]);
    this.store.set({ agencies, regions, skills });
    // A reload in the middle of an optimization (or of its review) finds the run again.
    void this.optimize.resume();
    this.feed.connect(token);
    const first = agencies.find((a) => user.agencyIds.includes(a.id)) ?? agencies[0];
    if (first) await this.selectAgency(first.id);
  }

  // ─── Agency and day ────────────────────────────────────────────────────────

  async selectAgency(agencyId: string): Promise<void> {
    const previous = this.store.get();
    if (previous.agencyId && previous.agencyId !== agencyId) this.feed.unwatch(previous.agencyId, previous.date);
    this.store.set({
      agencyId,
      plan: null,
      technicians: [],
      sectors: [],
      shifts: {},
      absences: {},
      reasons: {},
      conflicts: [],
      selectedTechnicianId: null,
      selectedInterventionId: null,
    });
    const [technicians, sectors] = await Promise.all([this.api.technicians(agencyId), this.api.sectors(agencyId)]);
    if (this.store.get().agencyId !== agencyId) return;
    this.store.set({ technicians, sectors });
    await Promise.all([this.feed.resync(), this.loadShifts(technicians.map((t) => t.id)), this.reasons.load(), this.conflicts.load(), this.absences.load()]);
  }

  async selectDate(date: string): Promise<void> {
    const { agencyId, date: previous } = this.store.get();
    if (date === previous) return;
    if (agencyId) this.feed.unwatch(agencyId, previous);
    this.store.set({ date, plan: null, reasons: {}, absences: {} });
    await Promise.all([this.feed.resync(), this.reasons.load(), this.absences.load()]);
  }

  private async loadShifts(ids: readonly string[]): Promise<void> {
    const shifts: Record<string, BoardState['shifts'][string]> = {};
    for (let i = 0; i < ids.length; i += SHIFTS_PER_REQUEST_BATCH) {
      await Promise.all(
        ids.slice(i, i + SHIFTS_PER_REQUEST_BATCH).map(async (id) => {
          shifts[id] = await this.api.shifts(id).catch(() => []);
        }),
      );
    }
    this.store.set((s) => ({ shifts: { ...s.shifts, ...shifts } }));
  }

  /** A visit created from the board (ui/src/work): the day read again, so it waits in the queue at once, selected there. */
  async workCreated(interventionId: string): Promise<void> {
    this.showPanel('queue');
    await Promise.all([this.feed.resync(), this.reasons.load()]);
    this.select({ interventionId });
  }

  /** A queued visit placed from the urgent panel (another day, overtime, a bump, a neighbour): the day read again, the queue shows it gone at once. */
  async queueChanged(): Promise<void> {
    await Promise.all([this.feed.resync(), this.reasons.load()]);
  }

  // ─── Dispatching (dispatching.ts) ──────────────────────────────────────────

  moveVisit(...args: Parameters<Dispatching['moveVisit']>): ReturnType<Dispatching['moveVisit']> {
    return this.dispatching.moveVisit(...args);
  }
  startDrag(...args: Parameters<Dispatching['startDrag']>): void {
    this.dispatching.startDrag(...args);
  }
  interventionDetails(...args: Parameters<Dispatching['interventionDetails']>): ReturnType<Dispatching['interventionDetails']> {
    return this.dispatching.interventionDetails(...args);
  }
  tourOf(...args: Parameters<Dispatching['tourOf']>): ReturnType<Dispatching['tourOf']> {
    return this.dispatching.tourOf(...args);
  }
  createUrgent(...args: Parameters<Dispatching['createUrgent']>): ReturnType<Dispatching['createUrgent']> {
    return this.dispatching.createUrgent(...args);
  }
  evaluateMove(...args: Parameters<Dispatching['evaluateMove']>): ReturnType<Dispatching['evaluateMove']> {
    return this.dispatching.evaluateMove(...args);
  }
  candidates(...args: Parameters<Dispatching['candidates']>): ReturnType<Dispatching['candidates']> {
    return this.dispatching.candidates(...args);
  }
  assignUrgent(...args: Parameters<Dispatching['assignUrgent']>): ReturnType<Dispatching['assignUrgent']> {
    return this.dispatching.assignUrgent(...args);
  }
  /** Puts the last moved visit back (Ctrl-Z, "Annuler" in the notice). */
  undo(): Promise<boolean> {
    return this.dispatching.undo();
  }
  canUndo(): boolean {
    return this.dispatching.canUndo();
  }

  // ─── Optimize (optimize-run.ts) ────────────────────────────────────────────

  startOptimize(timeLimitMs: number): Promise<void> {
    return this.optimize.start(timeLimitMs);
  }
  /** The whole preview, or only this technician's day. */
  acceptPlan(technicianId?: string): Promise<void> {
    return this.optimize.accept(technicianId);
  }
  discardPlan(): Promise<void> {
    return this.optimize.discard();
  }
  closeOptimize(): void {
    this.optimize.close();
  }

  // ─── Field conflicts (field-conflicts.ts) ──────────────────────────────────

  resolveConflict(actionId: string, resolution: string): Promise<boolean> {
    return this.conflicts.resolve(actionId, resolution);
  }

  // ─── View and notices ──────────────────────────────────────────────────────

  select(selection: { technicianId?: string | null; interventionId?: string | null }): void {
    this.store.set({
      ...(selection.technicianId !== undefined ? { selectedTechnicianId: selection.technicianId } : {}),
      ...(selection.interventionId !== undefined ? { selectedInterventionId: selection.interventionId } : {}),
    });
  }

  toggleLayer(layer: keyof Layers): void {
    this.store.set((s) => ({ layers: { ...s.layers, [layer]: !s.layers[layer] } }));
  }

  showPanel(panel: Panel): void {
    this.store.set({ panel });
  }

  notify(...args: Parameters<Notifier['notify']>): void {
    this.notifier.notify(...args);
  }
  dismiss(id: number): void {
    this.notifier.dismiss(id);
  }
}
