// Everything the board shows, in one object; see controller.ts for how it changes.
import type { PlanState } from '@tournee/contracts/realtime-reconcile';
import type { CodedMessage } from '@tournee/contracts/message-codes';
import type { PlanChanges, PlanningRun, UnassignedVisit } from '../api/endpoints.ts';
import type { Absence, Agency, FieldConflict, FieldConflictNotice, JobProgress, Region, Sector, SessionUser, Shift, Skill, Technician } from '../api/types.ts';

export type Connection = 'connecting' | 'online' | 'offline';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'success' | 'warning' | 'error';
  /** An i18n key and its values: notices are translated when shown, so switching language updates them. */
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
  /** A side panel the notice offers to open ("Voir"). */
  readonly panel?: Panel;
  /** undo: the notice offers to undo the last move ("Annuler"). */
  readonly action?: 'undo';
}

export interface Layers {
  readonly technicians: boolean;
  readonly tours: boolean;
  readonly interventions: boolean;
  readonly sectors: boolean;
  readonly agencies: boolean;
}

export type Panel = 'queue' | 'urgent' | 'optimize' | 'kpis' | 'conflicts';

/**
 * A technician's action that clashed with the office's record, still open: as
 * the live `field:conflict` notice says it, with the device's payload (what
 * the technician entered) once the list endpoint has returned it.
 */
export type OpenConflict = FieldConflictNotice & { readonly payload?: FieldConflict['payload'] };

/**
 * The Optimize panel's run, kept in the store so that switching tabs (or a
 * re-render) does not lose a run in progress or a preview waiting for a decision.
 * - running: the preview is being computed (progress from `jobs[jobId]`);
 * - review: computed, nothing applied: before/after, accept or discard;
 * - deciding: accept or discard sent;
 * - accepted: applied (the board's plan follows through the server's deltas);
 * - stale: accept refused (409): the plan changed since the preview;
 * - failed: the run or the request failed.
 */
export type OptimizeState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting'; readonly timeLimitMs: number }
  | { readonly kind: 'running'; readonly runId: string; readonly jobId: string; readonly timeLimitMs: number; readonly run: PlanningRun | null }
  // `changes`: what the preview would change per technician (null until read, or when it could not be).
  | {
      readonly kind: 'review';
      readonly run: PlanningRun;
      readonly timeLimitMs: number;
      readonly changes: PlanChanges | null;
      readonly error?: string;
      /** The refusal as the server's code, shown in the board's language rather than `error`. */
      readonly errorCoded?: CodedMessage;
    }
  | {
      readonly kind: 'deciding';
      readonly run: PlanningRun;
      readonly timeLimitMs: number;
      readonly changes: PlanChanges | null;
      readonly decision: 'accept' | 'discard';
      /** Accepting one technician's day only. */
      readonly technicianId?: string;
    }
  | { readonly kind: 'accepted'; readonly run: PlanningRun; readonly timeLimitMs: number }
  | { readonly kind: 'stale'; readonly run: PlanningRun; readonly timeLimitMs: number; readonly message: string; readonly coded?: CodedMessage }
  | { readonly kind: 'failed'; readonly message: string; readonly timeLimitMs: number };

export interface BoardState {
  readonly session: { readonly token: string; readonly user: SessionUser } | null;
  readonly regions: readonly Region[];
  readonly agencies: readonly Agency[];
  readonly skills: readonly Skill[];
  readonly sectors: readonly Sector[];
  readonly technicians: readonly Technician[];
  readonly shifts: Readonly<Record<string, readonly Shift[]>>;
  /** The day shown's absences, by technician (day-absences.ts). */
  readonly absences: Readonly<Record<string, readonly Absence[]>>;
  readonly agencyId: string | null;
  readonly date: string;
  readonly plan: PlanState | null;
  readonly connection: Connection;
  /** Why the plan in force left each intervention out (the day's applied run), by intervention id. */
  readonly reasons: Readonly<Record<string, UnassignedVisit>>;
  /** The selected agency's open field conflicts, newest first. */
  readonly conflicts: readonly OpenConflict[];
  readonly optimize: OptimizeState;
  readonly jobs: Readonly<Record<string, JobProgress>>;
  readonly notices: readonly Notice[];
  readonly selectedTechnicianId: string | null;
  readonly selectedInterventionId: string | null;
  readonly layers: Layers;
  readonly panel: Panel;
  /** Tours whose save was refused and are being reloaded: the timeline marks them. */
  readonly reloading: Readonly<Record<string, true>>;
}

export function initialState(today: string): BoardState {
  return {
    session: null,
    regions: [],
    agencies: [],
    skills: [],
    sectors: [],
    technicians: [],
    shifts: {},
    absences: {},
    agencyId: null,
    date: today,
    plan: null,
    connection: 'offline',
    reasons: {},
    conflicts: [],
    optimize: { kind: 'idle' },
    jobs: {},
    notices: [],
    selectedTechnicianId: null,
    selectedInterventionId: null,
    layers: { technicians: true, tours: true, interventions: true, sectors: true, agencies: true },
    panel: 'queue',
    reloading: {},
  };
}
