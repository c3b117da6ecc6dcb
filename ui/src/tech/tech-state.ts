// Everything the technician app shows, in one object; controller.ts and its
// parts change it, screens read it.
import type { Portfolio } from '@tournee/contracts/replication';
import type { ConnectionState } from './sync/assignments.ts';
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

export function initialTechState(online: boolean): TechState {
  return {
    phase: 'restoring',
    session: null,
    expired: false,
    portfolio: null,
    queue: [],
    notices: [],
    drafts: {},
    online,
    connection: 'offline',
    syncing: false,
    syncError: null,
    onDuty: false,
    pendingPositions: 0,
    tab: 'tour',
    day: null,
    visitId: null,
    toasts: [],
  };
}

/** Notices newest first. */
export function sortNotices(notices: readonly Notice[]): Notice[] {
  return [...notices].sort((a, b) => b.sequence - a.sequence);
}
