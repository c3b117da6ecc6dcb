// What the board does: loads reference data over REST, follows the agency's
// day over socket.io (snapshot, then versioned deltas folded in with the
// shared reconcile functions), and carries out the dispatcher's actions.
// Components call these methods and read the store; they never fetch.
import { applyDelta, applySnapshot } from '@tournee/contracts/realtime-reconcile';
import { type Api, type AssignAnswer, endpoints, type InsertionAnswer, type InsertionCandidate, type MoveEvaluation, type PlanningRun } from '../api/endpoints.ts';
import { ApiError, createHttp } from '../api/http.ts';
import type { FieldConflictNotice, Intervention, InterventionInput, JobProgress, PlanSnapshot, SessionUser, TourView } from '../api/types.ts';
import { localDay, zonedInstant } from '@tournee/contracts/zoned-time';
import { PositionStore } from '../realtime/positions.ts';
import { type BoardSocket, connectSocket, type SocketFactory } from '../realtime/socket.ts';
import { type BoardState, initialState, type Layers, type Notice, type OpenConflict, type OptimizeState, type Panel } from './board-state.ts';
import { Cell, Store } from './store.ts';

const SESSION_KEY = 'tournee.session';
const NOTICE_MS = 6_000;
/** The Optimize run is followed by job:progress events; this slow poll is the safety net if one is missed. */
const RUN_POLL_MS = 1_500;
/** Plan deltas of a planning run come in bursts (one per tour): the reasons are reloaded once after the burst. */
const REASONS_DEBOUNCE_MS = 300;

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
  private socket: BoardSocket | null = null;
  private readonly socketFactory: SocketFactory;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  private noticeId = 0;
  private readonly details = new Map<string, Promise<Intervention | null>>();
  /** A visit being dragged (from the timeline or the queue) and where it would go. */
  readonly drag = new Cell<DragState | null>(null);
  private runPoll: ReturnType<typeof setInterval> | null = null;
  private reasonsTimer: ReturnType<typeof setTimeout> | null = null;
  private conflictsTimer: ReturnType<typeof setTimeout> | null = null;
  private connectedBefore = false;

  constructor(options: ControllerOptions = {}) {
    this.store = new Store(initialState(options.today ?? localDay(new Date(), 'Europe/Paris')));
    this.api = options.api ?? endpoints(createHttp(() => this.store.get().session?.token ?? null, () => this.expire()));
    this.socketFactory = options.socketFactory ?? connectSocket;
    this.storage = options.storage ?? (typeof sessionStorage === 'undefined' ? null : sessionStorage);
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
    this.socket?.disconnect();
    this.socket = null;
    this.connectedBefore = false;
    this.stopRunPoll();
    for (const timer of [this.reasonsTimer, this.conflictsTimer]) if (timer) clearTimeout(timer);
    this.reasonsTimer = this.conflictsTimer = null;
    this.positions.clear();
    this.details.clear();
    const { date, notices } = this.store.get();
    this.store.set({ ...initialState(date), notices });
  }

  private async start(token: string, user: SessionUser): Promise<void> {
    this.store.set({ session: { token, user } });
    const [agencies, regions, skills] = await Promise.all([this.api.agencies(), this.api.regions().catch(() => []), this.api.skills()]);
    this.store.set({ agencies, regions, skills });
    this.connect(token);
    const first = agencies.find((a) => user.agencyIds.includes(a.id)) ?? agencies[0];
    if (first) await this.selectAgency(first.id);
  }

  // ─── Realtime ──────────────────────────────────────────────────────────────

  private connect(token: string): void {
    const socket = this.socketFactory(token);
    this.socket = socket;
    this.store.set({ connection: 'connecting' });
    socket.on('connect', () => {
      this.store.set({ connection: 'online' });
      // After a reconnect, deltas may have been missed: start again from a snapshot.
      void this.resync();
      // …and conflicts announced while offline: list them again.
      if (this.connectedBefore) void this.loadConflicts();
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
      if (delta.reason === 'planning_run' && delta.agencyId === plan.agencyId && delta.date === plan.date) this.scheduleReasons();
    });
    socket.on('job:progress', (progress) => {
      this.store.set((s) => ({ jobs: { ...s.jobs, [progress.jobId]: progress } }));
      this.followRun(progress);
    });
    socket.on('field:conflict', (notice) => this.onFieldConflict(notice));
  }

  private adoptSnapshot(snapshot: PlanSnapshot): void {
    const { plan, agencyId, date } = this.store.get();
    if (snapshot.agencyId !== agencyId || snapshot.date !== date) return;
    const { state, adopted } = applySnapshot(plan, snapshot);
    if (adopted) this.store.set({ plan: state });
  }

  /** Asks for the agency's day now; the server then keeps sending it periodically. */
  async resync(): Promise<void> {
    const { agencyId, date } = this.store.get();
    const socket = this.socket;
    if (!agencyId || !socket?.connected) return;
    const result = await socket.timeout(10_000).emitWithAck('plan:resync', { agencyId, date }).catch(() => null);
    if (result?.ok) this.adoptSnapshot(result.data);
  }

  private unwatch(agencyId: string, date: string): void {
    this.socket?.emit('plan:unwatch', { agencyId, date }, () => {});
  }

  // ─── Agency and day ────────────────────────────────────────────────────────

  async selectAgency(agencyId: string): Promise<void> {
    const previous = this.store.get();
    if (previous.agencyId && previous.agencyId !== agencyId) this.unwatch(previous.agencyId, previous.date);
    this.store.set({ agencyId, plan: null, technicians: [], sectors: [], shifts: {}, reasons: {}, conflicts: [], selectedTechnicianId: null, selectedInterventionId: null });
    const [technicians, sectors] = await Promise.all([this.api.technicians(agencyId), this.api.sectors(agencyId)]);
    if (this.store.get().agencyId !== agencyId) return;
    this.store.set({ technicians, sectors });
    await Promise.all([this.resync(), this.loadShifts(technicians.map((t) => t.id)), this.loadReasons(), this.loadConflicts()]);
  }

  async selectDate(date: string): Promise<void> {
    const { agencyId, date: previous } = this.store.get();
    if (date === previous) return;
    if (agencyId) this.unwatch(agencyId, previous);
    this.store.set({ date, plan: null, reasons: {} });
    await Promise.all([this.resync(), this.loadReasons()]);
  }

  private async loadShifts(ids: readonly string[]): Promise<void> {
    // A handful at a time: the server is shared with technicians' devices.
    const shifts: Record<string, BoardState['shifts'][string]> = {};
    for (let i = 0; i < ids.length; i += 6) {
      await Promise.all(ids.slice(i, i + 6).map(async (id) => {
        shifts[id] = await this.api.shifts(id).catch(() => []);
      }));
    }
    this.store.set((s) => ({ shifts: { ...s.shifts, ...shifts } }));
  }

  /** Why visits wait: the reasons of the run whose plan is in force for the day (none: no reasons shown). */
  async loadReasons(): Promise<void> {
    const { agencyId, date } = this.store.get();
    if (!agencyId) return;
    let run: PlanningRun | null;
    try {
      run = await this.api.appliedRun(agencyId, date);
    } catch {
      return; // keep what is shown; the next agency/day change or planning delta tries again
    }
    const now = this.store.get();
    if (now.agencyId !== agencyId || now.date !== date) return;
    this.store.set({ reasons: Object.fromEntries((run?.result?.unassigned ?? []).map((u) => [u.interventionId, u])) });
  }

  private scheduleReasons(): void {
    if (this.reasonsTimer) clearTimeout(this.reasonsTimer);
    this.reasonsTimer = setTimeout(() => {
      this.reasonsTimer = null;
      void this.loadReasons();
    }, REASONS_DEBOUNCE_MS);
  }

  // ─── Dispatching ───────────────────────────────────────────────────────────

  /**
   * Saves a move made on the timeline. The versions the board saw go with it:
   * if someone changed the visit or the tour meanwhile, the server refuses
   * (409), the dispatcher is told, and the affected tours are reloaded.
   */
  async moveVisit(interventionId: string, target: { technicianId: string; position: number }, seenVersion?: number): Promise<boolean> {
    const { plan, date } = this.store.get();
    const intervention = plan?.interventions[interventionId];
    if (!plan || !intervention) return false;
    // The version the dispatcher saw when picking the visit up: a change made
    // by someone else during the drag must refuse the drop, not be overwritten.
    const version = seenVersion ?? intervention.version;
    const targetTour = Object.values(plan.tours).find((t) => t.technicianId === target.technicianId && t.date === date);
    const affected = [targetTour?.id, this.tourOf(interventionId)?.id].filter((id): id is string => Boolean(id));
    try {
      const answer = await this.api.assign(interventionId, { technicianId: target.technicianId, day: date, position: target.position, version });
      this.notify('success', 'notice.moved', { label: intervention.label });
      // Visits the move pushed out of the day go back to the queue: say so, they need a new home.
      if (answer?.pushedOut?.length) this.notify('warning', 'notice.pushedOut', { count: answer.pushedOut.length });
      if (answer?.late?.length) this.notify('warning', 'notice.late', { count: answer.late.length });
      this.warnings(answer, intervention.label);
      // The server's plan delta brings the new tours; a snapshot makes sure even if it was missed.
      void this.resync();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        this.notify('error', 'notice.conflict', { label: intervention.label });
        await this.reloadTours(affected);
      } else {
        this.notify('error', 'notice.saveFailed', { message: describe(error) });
      }
      return false;
    }
  }

  /** Picks a visit up (timeline or queue): remembers the version the dispatcher is looking at. */
  startDrag(interventionId: string, from: Omit<DragState, 'interventionId' | 'version'>): void {
    const view = this.store.get().plan?.interventions[interventionId];
    if (!view) return;
    this.drag.set({ interventionId, version: view.version, ...from });
  }

  /** The full record (skills, windows) behind a plan item, fetched once per board session. */
  interventionDetails(id: string): Promise<Intervention | null> {
    let found = this.details.get(id);
    if (!found) {
      found = this.api.intervention(id).catch(() => null);
      this.details.set(id, found);
    }
    return found;
  }

  tourOf(interventionId: string): TourView | undefined {
    const plan = this.store.get().plan;
    if (!plan) return undefined;
    return Object.values(plan.tours).find((t) => t.stops.some((s) => s.interventionId === interventionId));
  }

  private async reloadTours(tourIds: readonly string[]): Promise<void> {
    this.store.set((s) => ({ reloading: { ...s.reloading, ...Object.fromEntries(tourIds.map((id) => [id, true as const])) } }));
    await this.resync();
    this.store.set((s) => {
      const reloading = { ...s.reloading };
      for (const id of tourIds) delete reloading[id];
      return { reloading };
    });
  }

  async createUrgent(input: InterventionInput): Promise<{ id: string; version: number }> {
    const created = await this.api.createIntervention(input);
    return { id: created.id, version: created.version };
  }

  /** What dropping the visit on a technician's row at that minute would do (the server's engine answers). */
  evaluateMove(interventionId: string, technicianId: string, startMinute: number, seenVersion?: number): Promise<MoveEvaluation> {
    const { date, agencies, agencyId } = this.store.get();
    const timezone = agencies.find((a) => a.id === agencyId)?.timezone ?? 'Europe/Paris';
    return this.api.evaluateMove(interventionId, {
      technicianId, day: date, at: zonedInstant(date, startMinute, timezone).toISOString(), ...(seenVersion !== undefined ? { version: seenVersion } : {}),
    });
  }

  candidates(interventionId: string): Promise<InsertionAnswer> {
    return this.api.candidates(interventionId, this.store.get().date);
  }

  async assignUrgent(interventionId: string, version: number, candidate: InsertionCandidate): Promise<boolean> {
    try {
      const answer = await this.api.assign(interventionId, {
        technicianId: candidate.technicianId, day: this.store.get().date, position: candidate.position, version,
      });
      void this.resync();
      const tech = this.store.get().technicians.find((t) => t.id === candidate.technicianId);
      this.notify('success', 'notice.urgentAssigned', { name: tech ? `${tech.firstName} ${tech.lastName}` : candidate.technicianId });
      this.warnings(answer, this.store.get().plan?.interventions[interventionId]?.label ?? '');
      return true;
    } catch (error) {
      this.notify('error', error instanceof ApiError && error.isConflict ? 'notice.urgentTaken' : 'notice.saveFailed', { message: describe(error) });
      return false;
    }
  }

  /** The assignment stands, with a caveat (e.g. its parts are not where that technician can get them): say it. */
  private warnings(answer: AssignAnswer | undefined, label: string): void {
    for (const warning of answer?.warnings ?? []) this.notify('warning', `notice.warning.${warning.code}`, { label, message: warning.message });
  }

  // ─── Optimize (preview, then accept or discard) ────────────────────────────

  private setOptimize(optimize: OptimizeState): void {
    this.store.set({ optimize });
    if (optimize.kind !== 'running') this.stopRunPoll();
  }

  /**
   * Plans the selected agency's day as a preview: nothing changes for the
   * technicians until the dispatcher accepts it.
   */
  async startOptimize(timeLimitMs: number): Promise<void> {
    const { agencyId, date, optimize } = this.store.get();
    if (!agencyId || optimize.kind === 'starting' || optimize.kind === 'running' || optimize.kind === 'deciding') return;
    this.setOptimize({ kind: 'starting', timeLimitMs });
    try {
      const submitted = await this.api.startPlanning({
        agencyId, days: [date], timeLimitMs, preview: true, requestId: `board-${Date.now().toString(36)}`,
      });
      this.setOptimize({ kind: 'running', runId: submitted.id, jobId: submitted.jobId, timeLimitMs, run: submitted.run });
      this.stopRunPoll();
      this.runPoll = setInterval(() => void this.refreshRun(), RUN_POLL_MS);
      // The run may already be over (the same request sent twice answers the same run).
      if (isFinished(submitted.run)) void this.refreshRun();
    } catch (error) {
      this.setOptimize({ kind: 'failed', message: describe(error), timeLimitMs });
    }
  }

  private followRun(progress: JobProgress): void {
    const { optimize } = this.store.get();
    if (optimize.kind !== 'running' || (progress.jobId !== optimize.jobId && progress.runId !== optimize.runId)) return;
    if (progress.state !== 'queued' && progress.state !== 'running') void this.refreshRun();
  }

  /** Reads the run; when it is over, moves the panel on to the review (or the failure). */
  async refreshRun(): Promise<void> {
    const optimize = this.store.get().optimize;
    if (optimize.kind !== 'running') return;
    const run = await this.api.planningRun(optimize.runId).catch(() => null);
    const now = this.store.get().optimize;
    if (!run || now.kind !== 'running' || now.runId !== optimize.runId) return;
    const { timeLimitMs } = now;
    if (run.status === 'succeeded') {
      // A run that applied its plan directly (decision null, or already accepted elsewhere) has nothing to decide.
      if (run.preview && run.decision === 'pending') this.setOptimize({ kind: 'review', run, timeLimitMs });
      else if (run.decision === 'discarded') this.setOptimize({ kind: 'idle' });
      else this.setOptimize({ kind: 'accepted', run, timeLimitMs });
    } else if (run.status === 'failed' || run.status === 'cancelled') {
      this.setOptimize({ kind: 'failed', message: run.error ?? '', timeLimitMs });
    } else {
      this.store.set({ optimize: { ...now, run } });
    }
  }

  /** Applies the preview. 409: the plan changed since the preview; the panel says so and offers to run again. */
  async acceptPlan(): Promise<void> {
    const optimize = this.store.get().optimize;
    if (optimize.kind !== 'review') return;
    const { run, timeLimitMs } = optimize;
    this.setOptimize({ kind: 'deciding', run, timeLimitMs, decision: 'accept' });
    try {
      const accepted = await this.api.acceptRun(run.id);
      // The new tours arrive as plan deltas (reason planning_run), which also reload the queue's reasons.
      this.setOptimize({ kind: 'accepted', run: accepted ?? run, timeLimitMs });
      this.notify('success', 'optimize.accepted');
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) this.setOptimize({ kind: 'stale', run, timeLimitMs, message: error.message });
      else this.setOptimize({ kind: 'review', run, timeLimitMs, error: describe(error) });
    }
  }

  /** Drops the preview (also while it is still computing): nothing changes. */
  async discardPlan(): Promise<void> {
    const optimize = this.store.get().optimize;
    if (optimize.kind === 'running') {
      this.setOptimize({ kind: 'idle' });
      await this.api.discardRun(optimize.runId).catch(() => {});
      this.notify('success', 'optimize.discarded');
      return;
    }
    if (optimize.kind !== 'review' && optimize.kind !== 'stale') return;
    const { run, timeLimitMs } = optimize;
    if (optimize.kind === 'stale') {
      // The preview can no longer be applied: let the server forget it, whatever it answers.
      void this.api.discardRun(run.id).catch(() => {});
      this.setOptimize({ kind: 'idle' });
      return;
    }
    this.setOptimize({ kind: 'deciding', run, timeLimitMs, decision: 'discard' });
    try {
      await this.api.discardRun(run.id);
      this.setOptimize({ kind: 'idle' });
      this.notify('success', 'optimize.discarded');
    } catch (error) {
      // Already decided or gone: there is nothing left to discard.
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) this.setOptimize({ kind: 'idle' });
      else this.setOptimize({ kind: 'review', run, timeLimitMs, error: describe(error) });
    }
  }

  /** Back to the start after a result, a failure or a refused accept. */
  closeOptimize(): void {
    const { optimize } = this.store.get();
    if (optimize.kind === 'stale') void this.api.discardRun(optimize.run.id).catch(() => {});
    if (optimize.kind !== 'running' && optimize.kind !== 'starting' && optimize.kind !== 'deciding') this.setOptimize({ kind: 'idle' });
  }

  private stopRunPoll(): void {
    if (this.runPoll) clearInterval(this.runPoll);
    this.runPoll = null;
  }

  // ─── Field conflicts ───────────────────────────────────────────────────────

  /** The selected agency's open conflicts, with what the technicians entered. */
  async loadConflicts(): Promise<void> {
    const { agencyId } = this.store.get();
    if (!agencyId) return;
    const list = await this.api.conflicts({ agencyId, open: true, limit: 100 }).catch(() => null);
    if (!list || this.store.get().agencyId !== agencyId) return;
    this.store.set((s) => {
      // A notice that arrived after the list was read stays until the next listing has it.
      const listed = new Set(list.map((c) => c.actionId));
      const newer = s.conflicts.filter((c) => !listed.has(c.actionId) && !c.payload);
      return { conflicts: [...newer, ...list] };
    });
  }

  private onFieldConflict(notice: FieldConflictNotice): void {
    const { agencyId, agencies, plan } = this.store.get();
    const label = (notice.interventionId && plan?.interventions[notice.interventionId]?.label) || '';
    if (notice.agencyId === agencyId) {
      this.store.set((s) => ({ conflicts: [notice as OpenConflict, ...s.conflicts.filter((c) => c.actionId !== notice.actionId)] }));
      // The notice has no payload (what the technician entered): the list has it.
      if (this.conflictsTimer) clearTimeout(this.conflictsTimer);
      this.conflictsTimer = setTimeout(() => {
        this.conflictsTimer = null;
        void this.loadConflicts();
      }, 500);
    }
    const agency = agencies.find((a) => a.id === notice.agencyId)?.name ?? '';
    this.notify('warning', label ? 'notice.fieldConflict' : 'notice.fieldConflictNoVisit', { name: notice.technicianName, label, agency }, 'conflicts');
  }

  /** Marks a conflict handled, with what was decided. */
  async resolveConflict(actionId: string, resolution: string): Promise<boolean> {
    try {
      await this.api.resolveConflict(actionId, resolution);
      this.store.set((s) => ({ conflicts: s.conflicts.filter((c) => c.actionId !== actionId) }));
      this.notify('success', 'conflicts.resolvedNotice');
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // Someone else handled it (or it left the agency): it is no longer open here.
        this.store.set((s) => ({ conflicts: s.conflicts.filter((c) => c.actionId !== actionId) }));
      }
      this.notify('error', 'notice.saveFailed', { message: describe(error) });
      return false;
    }
  }

  // ─── View ──────────────────────────────────────────────────────────────────

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

  notify(kind: Notice['kind'], key: string, values?: Notice['values'], panel?: Panel): void {
    const id = ++this.noticeId;
    this.store.set((s) => ({ notices: [...s.notices.slice(-3), { id, kind, key, ...(values ? { values } : {}), ...(panel ? { panel } : {}) }] }));
    // Errors stay until dismissed: a refused save must not vanish unread.
    if (kind !== 'error') setTimeout(() => this.dismiss(id), NOTICE_MS);
  }

  dismiss(id: number): void {
    this.store.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }
}

export interface DragState {
  readonly interventionId: string;
  /** The intervention's version when it was picked up (sent with the save). */
  readonly version: number;
  /** Where the pointer grabbed the bar, in minutes after the visit's start. */
  readonly grabOffset: number;
  readonly pointer: { readonly x: number; readonly y: number };
  /** Set by keyboard moves: the target row and start chosen with the arrow keys. */
  readonly keyboard: { readonly row: number; readonly start: number } | null;
}

const isFinished = (run: PlanningRun | null | undefined): boolean =>
  Boolean(run && run.status !== 'queued' && run.status !== 'running');

export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.details[0] ? `${error.message} (${error.details[0].path}: ${error.details[0].message})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
