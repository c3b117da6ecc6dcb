// The dispatcher's moves: a visit picked up and dropped on the timeline, an
// urgent request placed with a ranked technician, the server's evaluation of
// a move while dragging. Every save carries the version the dispatcher saw;
// a 409 says someone changed it meanwhile and reloads the affected tours.
// The last moves of visits already on a tour can be undone (Ctrl-Z, or
// "Annuler" in the notice): the visit goes back to its technician and place,
// with the version the move left it at, so an undo never overwrites a change
// someone made since.
import type { Api, AssignAnswer, InsertionAnswer, InsertionCandidate, MoveEvaluation } from '../api/endpoints.ts';
import { ApiError } from '../api/http.ts';
import type { Intervention, InterventionInput, TourView } from '../api/types.ts';
import { zonedInstant } from '@tournee/contracts/zoned-time';
import type { BoardState } from './board-state.ts';
import { describeError } from './describe-error.ts';
import type { Notifier } from './notifier.ts';
import { Cell, type Store } from './store.ts';

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

/** A move that can be undone: where the visit was, and the version the move left it at. */
interface UndoableMove {
  readonly interventionId: string;
  readonly label: string;
  readonly day: string;
  readonly from: { readonly technicianId: string; readonly position: number };
  readonly version: number;
}

/** How many moves Ctrl-Z can walk back. */
const UNDO_DEPTH = 10;

export class Dispatching {
  /** A visit being dragged (from the timeline or the queue) and where it would go. */
  readonly drag = new Cell<DragState | null>(null);
  private readonly details = new Map<string, Promise<Intervention | null>>();
  private readonly undoable: UndoableMove[] = [];

  constructor(
    private readonly store: Store<BoardState>,
    private readonly api: Api,
    private readonly notifier: Notifier,
    /** Asks the server for the day again (the plan feed's resync). */
    private readonly resync: () => Promise<void>,
  ) {}

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
    const fromTour = this.tourOf(interventionId);
    const affected = [targetTour?.id, fromTour?.id].filter((id): id is string => Boolean(id));
    const from =
      fromTour && fromTour.date === date
        ? { technicianId: fromTour.technicianId, position: fromTour.stops.findIndex((s) => s.interventionId === interventionId) }
        : null;
    try {
      const answer = await this.api.assign(interventionId, { technicianId: target.technicianId, day: date, position: target.position, version });
      // A visit taken from a tour can go back there; one taken from the queue has no place to go back to.
      if (from && answer) {
        this.undoable.push({ interventionId, label: intervention.label, day: date, from, version: answer.interventionVersion });
        if (this.undoable.length > UNDO_DEPTH) this.undoable.shift();
        this.notifier.withdrawUndo();
        this.notifier.notify('success', 'notice.moved', { label: intervention.label }, undefined, 'undo');
      } else {
        this.notifier.notify('success', 'notice.moved', { label: intervention.label });
      }
      // Visits the move pushed out of the day go back to the queue: say so, they need a new home.
      if (answer?.pushedOut?.length) this.notifier.notify('warning', 'notice.pushedOut', { count: answer.pushedOut.length });
      if (answer?.late?.length) this.notifier.notify('warning', 'notice.late', { count: answer.late.length });
      this.warnings(answer, intervention.label);
      // The server's plan delta brings the new tours; a snapshot makes sure even if it was missed.
      void this.resync();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) {
        this.notifier.notify('error', 'notice.conflict', { label: intervention.label });
        await this.reloadTours(affected);
      } else if (error instanceof ApiError && error.status === 422) {
        // The server's sentence names records by id: the notice names the visit and the technician.
        this.notifier.notify('error', 'notice.moveRefused', { label: intervention.label, name: this.technicianName(target.technicianId) });
      } else {
        this.notifier.notify('error', 'notice.saveFailed', { message: describeError(error) });
      }
      return false;
    }
  }

  /** Whether a move can be undone (Ctrl-Z does nothing otherwise). */
  canUndo(): boolean {
    return this.undoable.length > 0;
  }

  /**
   * Puts the last moved visit back where it was, with the version the move
   * left it at: if someone changed it since, the server refuses and the
   * dispatcher is told; nothing is overwritten.
   */
  async undo(): Promise<boolean> {
    const last = this.undoable.pop();
    this.notifier.withdrawUndo();
    if (!last) {
      this.notifier.notify('info', 'notice.nothingToUndo');
      return false;
    }
    try {
      const answer = await this.api.assign(last.interventionId, {
        technicianId: last.from.technicianId,
        day: last.day,
        position: last.from.position,
        version: last.version,
      });
      // An earlier move of the same visit left it where this undo put it back: at the version just written.
      const earlier = this.undoable.findLastIndex((m) => m.interventionId === last.interventionId);
      if (earlier >= 0 && answer) this.undoable[earlier] = { ...this.undoable[earlier]!, version: answer.interventionVersion };
      this.notifier.notify('success', 'notice.undone', { label: last.label }, undefined, this.undoable.length > 0 ? 'undo' : undefined);
      void this.resync();
      return true;
    } catch {
      this.notifier.notify('error', 'notice.undoFailed', { label: last.label });
      // Older moves were made on a day that has changed since: they are not undone blindly either.
      this.undoable.length = 0;
      void this.resync();
      return false;
    }
  }

  private technicianName(id: string): string {
    const tech = this.store.get().technicians.find((t) => t.id === id);
    return tech ? `${tech.firstName} ${tech.lastName}` : '';
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

  /** Forgets the records fetched for the session that ended. */
  forgetDetails(): void {
    this.details.clear();
  }

  tourOf(interventionId: string): TourView | undefined {
    const plan = this.store.get().plan;
    if (!plan) return undefined;
    return Object.values(plan.tours).find((t) => t.stops.some((s) => s.interventionId === interventionId));
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
      technicianId,
      day: date,
      at: zonedInstant(date, startMinute, timezone).toISOString(),
      ...(seenVersion !== undefined ? { version: seenVersion } : {}),
    });
  }

  candidates(interventionId: string): Promise<InsertionAnswer> {
    return this.api.candidates(interventionId, this.store.get().date);
  }

  async assignUrgent(interventionId: string, version: number, candidate: InsertionCandidate): Promise<boolean> {
    try {
      const answer = await this.api.assign(interventionId, {
        technicianId: candidate.technicianId,
        day: this.store.get().date,
        position: candidate.position,
        version,
      });
      void this.resync();
      const tech = this.store.get().technicians.find((t) => t.id === candidate.technicianId);
      this.notifier.notify('success', 'notice.urgentAssigned', { name: tech ? `${tech.firstName} ${tech.lastName}` : candidate.technicianId });
      this.warnings(answer, this.store.get().plan?.interventions[interventionId]?.label ?? '');
      return true;
    } catch (error) {
      this.notifier.notify('error', error instanceof ApiError && error.isConflict ? 'notice.urgentTaken' : 'notice.saveFailed', {
        message: describeError(error),
      });
      return false;
    }
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

  /** The assignment stands, with a caveat (e.g. its parts are not where that technician can get them): say it. */
  private warnings(answer: AssignAnswer | undefined, label: string): void {
    for (const warning of answer?.warnings ?? []) this.notifier.notify('warning', `notice.warning.${warning.code}`, { label, message: warning.message });
  }
}
