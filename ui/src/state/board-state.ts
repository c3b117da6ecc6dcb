// Everything the board shows, in one object; see controller.ts for how it changes.
import type { PlanState } from '../../../server/src/contracts/realtime-reconcile.ts';
import type { UnassignedReason } from '../api/endpoints.ts';
import type { Agency, JobProgress, Region, Sector, SessionUser, Shift, Skill, Technician } from '../api/types.ts';

export type Connection = 'connecting' | 'online' | 'offline';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'success' | 'warning' | 'error';
  /** An i18n key and its values: notices are translated when shown, so switching language updates them. */
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export interface Layers {
  readonly technicians: boolean;
  readonly tours: boolean;
  readonly interventions: boolean;
  readonly sectors: boolean;
  readonly agencies: boolean;
}

export type Panel = 'queue' | 'urgent' | 'optimize' | 'kpis';

export interface BoardState {
  readonly session: { readonly token: string; readonly user: SessionUser } | null;
  readonly regions: readonly Region[];
  readonly agencies: readonly Agency[];
  readonly skills: readonly Skill[];
  readonly sectors: readonly Sector[];
  readonly technicians: readonly Technician[];
  readonly shifts: Readonly<Record<string, readonly Shift[]>>;
  readonly agencyId: string | null;
  readonly date: string;
  readonly plan: PlanState | null;
  readonly connection: Connection;
  /** The engine's reason for each intervention it left out (latest run of the day). */
  readonly reasons: Readonly<Record<string, UnassignedReason>>;
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
    regions: [], agencies: [], skills: [], sectors: [], technicians: [], shifts: {},
    agencyId: null, date: today, plan: null, connection: 'offline',
    reasons: {}, jobs: {}, notices: [],
    selectedTechnicianId: null, selectedInterventionId: null,
    layers: { technicians: true, tours: true, interventions: true, sectors: true, agencies: true },
    panel: 'queue',
    reloading: {},
  };
}
