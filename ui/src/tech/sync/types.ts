// What the technician app keeps on the device (IndexedDB) besides the
// server's portfolio: the outbox of actions with their replication state, the
// report drafts, the assignment notices, the positions waiting to be sent.
import type { FieldActionInput, FirstResult } from '@tournee/contracts/replication';
import type { AssignmentPush } from '@tournee/contracts/realtime';
import type { SessionUser } from '../../api/types.ts';

export interface Session {
  readonly token: string;
  readonly user: SessionUser;
}

/**
 * pending: recorded, not yet acknowledged by the server (sent or not);
 * applied / conflict / rejected: the server's answer (a duplicate takes its
 * first answer); dismissed: a conflict or rejection the technician has read.
 */
export type ActionState = 'pending' | 'applied' | 'conflict' | 'rejected' | 'dismissed';

export interface QueuedAction {
  /** IndexedDB's auto-increment key: the order actions are replicated in. */
  readonly seq?: number;
  readonly action: FieldActionInput;
  readonly state: ActionState;
  readonly result?: FirstResult | undefined;
  /** One line for lists, written when recorded ("Mme Dupont — Aix: en route"). */
  readonly label: string;
  readonly recordedAt: string;
  readonly answeredAt?: string | undefined;
}

export interface Notice {
  /** The outbox sequence of the push (unique per technician). */
  readonly sequence: number;
  readonly assignment: AssignmentPush;
  readonly receivedAt: string;
  readonly seen: boolean;
}

export interface DraftPhoto {
  readonly photoId: string;
  readonly dataUrl: string;
  readonly width: number;
  readonly height: number;
  readonly takenAt: string;
  readonly caption?: string | undefined;
}

export interface ReportDraft {
  readonly interventionId: string;
  readonly workDone: string;
  readonly timeSpentMinutes: number | null;
  readonly partsUsed: readonly { readonly partId: string; readonly quantity: number }[];
  /** Per equipment: the keys changed on its "as maintained" configuration (null removes one). */
  readonly configuration: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  readonly photos: readonly DraftPhoto[];
  readonly signedBy: string;
  readonly signature: string | null;
  readonly updatedAt: string;
}

export interface PendingPosition {
  readonly id?: number;
  readonly lat: number;
  readonly lon: number;
  readonly accuracy?: number | undefined;
  readonly heading?: number | undefined;
  readonly speed?: number | undefined;
  readonly recordedAt: string;
}
