// The socket.io contract, typed once: the server (`Server<ClientToServerEvents,
// ServerToClientEvents, InterServerEvents, SocketData>`) and the ui
// (`Socket<ServerToClientEvents, ClientToServerEvents>`) both import it, so it
// imports nothing from the server but the shared REST building blocks.
//
// Every client→server payload has a zod schema and is validated like an HTTP
// body; a bad payload is answered through the ack with `{ok: false, error,
// code, details}` (the REST error shape plus a code), never a crash.
//
// Wire conventions: instants are ISO strings, calendar days `YYYY-MM-DD`,
// except in position frames, whose high rate makes epoch milliseconds worth it.
import { z } from 'zod';
import { Day, Id, type ErrorResponse } from './api/common.ts';
import type { FieldConflictNotice } from './replication.ts';

// ─── Closed unions ───────────────────────────────────────────────────────────

export const ROLES = ['admin', 'dispatcher', 'technician'] as const;
export type Role = (typeof ROLES)[number];

export const INTERVENTION_STATUSES = ['requested', 'planned', 'assigned', 'dispatched', 'en_route', 'on_site', 'done', 'closed', 'cancelled'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

export const TOUR_STATUSES = ['draft', 'published', 'in_progress', 'completed', 'cancelled'] as const;
export type TourStatus = (typeof TOUR_STATUSES)[number];

/** Why an ack refused a request. */
export const REALTIME_ERROR_CODES = ['invalid_payload', 'forbidden', 'not_found', 'internal'] as const;
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];

/** Why the handshake was refused (`connect_error`'s `data.code`). */
export const HANDSHAKE_ERROR_CODES = ['missing_token', 'invalid_token', 'forbidden'] as const;
export type HandshakeErrorCode = (typeof HANDSHAKE_ERROR_CODES)[number];

/** What made the plan change (for the board's notices and logs). */
export const PLAN_CHANGE_REASONS = ['planning_run', 'assignment', 'unassignment', 'reorder', 'urgent_insertion', 'status', 'manual'] as const;
export type PlanChangeReason = (typeof PLAN_CHANGE_REASONS)[number];

/** Why a full snapshot was sent. */
export const RESYNC_REASONS = ['requested', 'periodic'] as const;
export type ResyncReason = (typeof RESYNC_REASONS)[number];

/** What a client's reconciliation asks of it (see realtime-reconcile.ts). */
export const RESYNC_NEEDS = ['gap', 'epoch_changed'] as const;
export type ResyncNeed = (typeof RESYNC_NEEDS)[number];

export const JOB_QUEUES = ['planning', 'dispatch'] as const;
export type JobQueue = (typeof JOB_QUEUES)[number];

/** Same values as PlanningRunStatus in the schema. */
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** What a pushed assignment tells the technician. */
export const ASSIGNMENT_KINDS = ['assigned', 'updated', 'rescheduled', 'unassigned', 'cancelled'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

/** Who changed an intervention's status. */
export const CHANGE_SOURCES = ['dispatcher', 'technician', 'planner', 'system'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

// ─── Rooms ───────────────────────────────────────────────────────────────────

export type AgencyRoom = `agency:${string}`;
export type SectorRoom = `sector:${string}`;
export type TechnicianRoom = `technician:${string}`;
export type RoomName = AgencyRoom | SectorRoom | TechnicianRoom;

export const agencyRoom = (agencyId: string): AgencyRoom => `agency:${agencyId}`;
export const sectorRoom = (sectorId: string): SectorRoom => `sector:${sectorId}`;
export const technicianRoom = (technicianId: string): TechnicianRoom => `technician:${technicianId}`;

// ─── Acks ────────────────────────────────────────────────────────────────────

// `code` here is the realtime error's kind; the REST answer's message code (and its params) is not used on the socket.
export type AckError = Omit<ErrorResponse, 'code' | 'params'> & { readonly ok: false; readonly code: RealtimeErrorCode };
export type AckResult<T> = { readonly ok: true; readonly data: T } | AckError;
export type Ack<T> = (result: AckResult<T>) => void;

// ─── Handshake ───────────────────────────────────────────────────────────────

/** `io(url, { auth })`. */
export const HandshakeAuth = z.object({
  token: z.string().min(1),
  /**
   * Technician app: the last outbox sequence it applied. The server replays
   * what follows; without it, what follows the last acknowledged sequence.
   */
  lastSequence: z.number().int().min(0).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** Who the socket is, as the verified token says. */
export interface SocketData {
  readonly userId: string;
  readonly role: Role;
  readonly technicianId: string | null;
  /**
   * The agencies the socket works for: dispatchers' (whose rooms it joined),
   * every agency for admins (read at connection), the token's for technicians
   * (who join no agency room).
   */
  readonly agencyIds: readonly string[];
}

export interface SessionReady extends SocketData {
  readonly rooms: readonly RoomName[];
  readonly serverTime: string;
}

// ─── Positions ───────────────────────────────────────────────────────────────

export interface PositionSample {
  readonly technicianId: string;
  readonly agencyId: string;
  readonly lat: number;
  readonly lon: number;
  readonly heading: number | null;
  readonly speed: number | null;
  readonly accuracy: number | null;
  /** Device time, epoch milliseconds. */
  readonly recordedAt: number;
}

/** Positions gathered over a few hundred milliseconds, oldest first. */
export interface PositionFrame {
  /** Server time when the frame left, epoch milliseconds. */
  readonly sentAt: number;
  readonly positions: readonly PositionSample[];
}

// ─── Plan (versioned items, sequenced deltas) ────────────────────────────────

export interface TourStopView {
  readonly id: string;
  readonly interventionId: string;
  readonly sequence: number;
  readonly plannedArrival: string | null;
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly travelSeconds: number | null;
  readonly travelMeters: number | null;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly version: number;
}

export interface TourView {
  readonly id: string;
  readonly agencyId: string;
  readonly technicianId: string;
  readonly date: string;
  readonly status: TourStatus;
  readonly kpis: Readonly<Record<string, unknown>>;
  /** In visiting order. */
  readonly stops: readonly TourStopView[];
  readonly version: number;
}

export interface InterventionView {
  readonly id: string;
  readonly agencyId: string;
  readonly status: InterventionStatus;
  readonly priority: number;
  readonly technicianId: string | null;
  readonly siteId: string;
  readonly sectorId: string | null;
  readonly lat: number | null;
  readonly lon: number | null;
  /** Customer name and town, for labels. */
  readonly label: string;
  readonly estimatedDurationMinutes: number;
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly slaDeadline: string | null;
  readonly pinned: boolean;
  readonly version: number;
}

/** A deleted item: removes the client's copy whose version is not newer. */
export interface Tombstone {
  readonly id: string;
  readonly version: number;
}

/**
 * The plan's position in its agency's stream of deltas. `epoch` changes when
 * the sequence restarts (a server without Redis restarted): compare it first.
 */
export interface PlanVersion {
  readonly epoch: string;
  readonly sequence: number;
}

/** What a producer (planning job, assignment endpoint) hands the broadcaster. */
export interface PlanChange {
  readonly date: string;
  readonly reason: PlanChangeReason;
  readonly tours?: readonly TourView[];
  readonly removedTours?: readonly Tombstone[];
  readonly interventions?: readonly InterventionView[];
  readonly removedInterventions?: readonly Tombstone[];
}

/** Sent to `agency:<id>`; sequences count every delta of the agency, whatever the day. */
export interface PlanDelta extends PlanVersion {
  readonly agencyId: string;
  readonly date: string;
  readonly reason: PlanChangeReason;
  readonly tours: readonly TourView[];
  readonly removedTours: readonly Tombstone[];
  readonly interventions: readonly InterventionView[];
  readonly removedInterventions: readonly Tombstone[];
  readonly sentAt: string;
}

/** One agency's day: its tours, and the interventions on them or waiting to be planned. */
export interface PlanSnapshot extends PlanVersion {
  readonly agencyId: string;
  readonly date: string;
  readonly reason: ResyncReason;
  readonly tours: readonly TourView[];
  readonly interventions: readonly InterventionView[];
  readonly generatedAt: string;
}

// ─── Jobs ────────────────────────────────────────────────────────────────────

export interface JobProgress {
  readonly jobId: string;
  readonly queue: JobQueue;
  readonly agencyId: string;
  /** The PlanningRun record, when the job has one. */
  readonly runId: string | null;
  readonly state: JobState;
  /** 0 to 1. */
  readonly progress: number;
  readonly message: string | null;
  readonly at: string;
}

// ─── Interventions ───────────────────────────────────────────────────────────

export interface InterventionChange {
  readonly interventionId: string;
  readonly agencyId: string;
  /** Also sent to that technician's room. */
  readonly technicianId: string | null;
  /** Also sent to that sector's room. */
  readonly sectorId: string | null;
  readonly status: InterventionStatus;
  readonly previousStatus: InterventionStatus | null;
  readonly cancelReason: string | null;
  readonly version: number;
  readonly source: ChangeSource;
  readonly changedAt: string;
}

// ─── Assignments pushed to technicians (per-technician outbox) ───────────────

export const AssignmentPush = z.object({
  kind: z.enum(ASSIGNMENT_KINDS),
  interventionId: Id,
  /** The intervention's version this push describes. */
  interventionVersion: z.number().int().min(1),
  tourId: Id.nullable(),
  date: Day.nullable(),
  plannedStart: z.iso.datetime({ offset: true }).nullable(),
  plannedEnd: z.iso.datetime({ offset: true }).nullable(),
  priority: z.number().int().min(0).max(100),
  /** One line for the notice, e.g. "Mme Dupont — Aix-en-Provence: plus de chauffage". */
  summary: z.string().max(500),
});
export type AssignmentPush = z.infer<typeof AssignmentPush>;

/** One outbox entry: sequences are per technician, gapless, starting at 1. */
export interface OutboxMessage {
  readonly technicianId: string;
  readonly sequence: number;
  readonly createdAt: string;
  readonly assignment: AssignmentPush;
}

export interface OutboxSyncResult {
  readonly messages: readonly OutboxMessage[];
  /** The technician's latest sequence: more to fetch when above the last message's. */
  readonly lastSequence: number;
}

// ─── Client → server payloads ────────────────────────────────────────────────

export const SectorRequest = z.object({ sectorId: Id });
export type SectorRequest = z.infer<typeof SectorRequest>;

export const TechnicianRequest = z.object({ technicianId: Id });
export type TechnicianRequest = z.infer<typeof TechnicianRequest>;

export const PlanRequest = z.object({ agencyId: Id, date: Day });
export type PlanRequest = z.infer<typeof PlanRequest>;

export const OutboxAck = z.object({ sequence: z.number().int().min(0) });
export type OutboxAck = z.infer<typeof OutboxAck>;

export const OutboxSync = z.object({ after: z.number().int().min(0), limit: z.number().int().min(1).max(500).optional() });
export type OutboxSync = z.infer<typeof OutboxSync>;

/** The schema of each client event's payload, for validation. */
export const CLIENT_PAYLOADS = {
  'sector:subscribe': SectorRequest,
  'sector:unsubscribe': SectorRequest,
  'technician:subscribe': TechnicianRequest,
  'technician:unsubscribe': TechnicianRequest,
  'plan:resync': PlanRequest,
  'plan:unwatch': PlanRequest,
  'assignments:ack': OutboxAck,
  'assignments:sync': OutboxSync,
} as const;

// ─── Events ──────────────────────────────────────────────────────────────────

export interface ServerToClientEvents {
  /** Right after the connection: who the server thinks you are and your rooms. */
  'session:ready': (session: SessionReady) => void;
  'positions:frame': (frame: PositionFrame) => void;
  'plan:delta': (delta: PlanDelta) => void;
  /** Periodically for the plans a socket watches (see `plan:resync`). */
  'plan:snapshot': (snapshot: PlanSnapshot) => void;
  'job:progress': (progress: JobProgress) => void;
  'intervention:changed': (change: InterventionChange) => void;
  /** To `technician:<id>`, live and replayed on reconnect; acknowledge with `assignments:ack`. */
  'assignment:pushed': (message: OutboxMessage) => void;
  /** To the agency's room: a technician's replicated action clashed with the office's record (both sides kept). */
  'field:conflict': (notice: FieldConflictNotice) => void;
}

export interface ClientToServerEvents {
  /** Dispatchers and admins: receive that sector's interventions and the positions of technicians covering it. */
  'sector:subscribe': (request: SectorRequest, ack: Ack<{ room: SectorRoom }>) => void;
  'sector:unsubscribe': (request: SectorRequest, ack: Ack<{ room: SectorRoom }>) => void;
  /** Dispatchers and admins: follow one technician of their agencies (their pushed assignments). */
  'technician:subscribe': (request: TechnicianRequest, ack: Ack<{ room: TechnicianRoom }>) => void;
  'technician:unsubscribe': (request: TechnicianRequest, ack: Ack<{ room: TechnicianRoom }>) => void;
  /** The agency's day now; the socket then also gets it periodically until `plan:unwatch`. */
  'plan:resync': (request: PlanRequest, ack: Ack<PlanSnapshot>) => void;
  'plan:unwatch': (request: PlanRequest, ack: Ack<{ watching: number }>) => void;
  /** Technicians: every message up to `sequence` is applied. */
  'assignments:ack': (request: OutboxAck, ack: Ack<{ acked: number }>) => void;
  /** Technicians: the messages after `after` (on a gap in sequences). */
  'assignments:sync': (request: OutboxSync, ack: Ack<OutboxSyncResult>) => void;
}

export type ClientEventName = keyof ClientToServerEvents;

/**
 * Nothing travels between server processes but room broadcasts (the Redis
 * adapter carries them); sequences live in Redis and PostgreSQL.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

// ─── Validation ──────────────────────────────────────────────────────────────

/** zod issues as the REST error details: `positions[3].lat`. */
export function issueDetails(error: z.ZodError): ErrorResponse['details'] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function ackError(code: RealtimeErrorCode, error: string, details: ErrorResponse['details'] = []): AckError {
  return { ok: false, code, error, details };
}
