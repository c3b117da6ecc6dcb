// What the rest of the server (HTTP handlers, jobs, the simulator) calls to
// reach boards and technicians. The same object works in the server process
// (created by createRealtime) and in a worker process without an HTTP server
// (createRemoteBroadcaster): in both it emits through a socket.io Server whose
// adapter, with Redis, carries the broadcast to every server process.
import {
  agencyRoom,
  sectorRoom,
  technicianRoom,
  type AssignmentPush,
  type ChangeSource,
  type InterventionChange,
  type InterventionStatus,
  type JobProgress,
  type JobQueue,
  type JobState,
  type OutboxMessage,
  type PlanChange,
  type PlanDelta,
} from '@tournee/contracts/realtime';
import type { Outbox } from './outbox.ts';
import { createPositionBatcher, type PositionBatcherOptions, type PositionInput } from './position-batcher.ts';
import type { PlanSequencer } from './sequencer.ts';
import type { RealtimeServer } from './server-types.ts';

export type { PositionInput } from './position-batcher.ts';

export interface JobProgressInput {
  readonly jobId: string;
  readonly queue: JobQueue;
  readonly runId?: string | null;
  readonly state: JobState;
  /** 0 to 1 (clamped). */
  readonly progress: number;
  readonly message?: string | null;
}

export interface InterventionChangeInput {
  readonly interventionId: string;
  readonly agencyId: string;
  readonly technicianId?: string | null;
  readonly sectorId?: string | null;
  readonly status: InterventionStatus;
  readonly previousStatus?: InterventionStatus | null;
  readonly cancelReason?: string | null;
  readonly version: number;
  readonly source: ChangeSource;
  readonly changedAt?: Date | string;
}

/**
 * The change that announces a visit a dispatcher just created, waiting in the queue: boards add it to their queue
 * (the new-intervention form, « Créer la visite » from a service plan, an urgent request saved without a technician).
 */
export function newQueuedInterventionChange(row: {
  readonly id: string;
  readonly agencyId: string;
  readonly status: InterventionStatus;
  readonly version: number;
  readonly updatedAt: Date;
  readonly site: { readonly sectorId: string | null };
}): InterventionChangeInput {
  return {
    interventionId: row.id,
    agencyId: row.agencyId,
    technicianId: null,
    sectorId: row.site.sectorId,
    status: row.status,
    previousStatus: null,
    cancelReason: null,
    version: row.version,
    source: 'dispatcher',
    changedAt: row.updatedAt,
  };
}

export interface Broadcaster {
  /** Technicians' positions: gathered into frames for boards (a few per second). */
  positions(batch: readonly PositionInput[]): void;
  /** Stamps the agency's next sequence on the change and sends it to the agency's room. */
  planChanged(agencyId: string, change: PlanChange): Promise<PlanDelta>;
  jobProgress(agencyId: string, progress: JobProgressInput): void;
  /**
   * Stores the push in the technician's outbox (PostgreSQL) and sends it to
   * the technician's room; resolves once it is stored, with its sequence.
   */
  assignmentPushed(technicianId: string, assignment: AssignmentPush): Promise<OutboxMessage>;
  /** To the agency's room, and the technician's and sector's when set. */
  interventionChanged(change: InterventionChangeInput): void;
  /** Sends the pending position frames now. */
  flush(): void;
  /** Stops the frame timer after sending what is pending. */
  close(): void;
}

export interface BroadcasterDeps {
  readonly io: RealtimeServer;
  readonly sequencer: PlanSequencer;
  /** Absent in a process without a database: assignmentPushed then rejects. */
  readonly outbox?: Outbox | undefined;
  readonly frames?: Partial<Omit<PositionBatcherOptions, 'emit'>>;
}

export function createBroadcaster({ io, sequencer, outbox, frames }: BroadcasterDeps): Broadcaster {
  const batcher = createPositionBatcher({
    ...frames,
    emit: ({ rooms, except, frame }) => {
      const target = io.to([...rooms]);
      (except.length > 0 ? target.except([...except]) : target).emit('positions:frame', frame);
    },
  });

  return {
    positions: (batch) => batcher.add(batch),

    async planChanged(agencyId, change) {
      const version = await sequencer.next(agencyId);
      const delta: PlanDelta = {
        agencyId,
        ...version,
        date: change.date,
        reason: change.reason,
        tours: change.tours ?? [],
        removedTours: change.removedTours ?? [],
        interventions: change.interventions ?? [],
        removedInterventions: change.removedInterventions ?? [],
        sentAt: new Date().toISOString(),
      };
      io.to(agencyRoom(agencyId)).emit('plan:delta', delta);
      return delta;
    },

    jobProgress(agencyId, input) {
      const progress: JobProgress = {
        jobId: input.jobId,
        queue: input.queue,
        agencyId,
        runId: input.runId ?? null,
        state: input.state,
        progress: Math.min(1, Math.max(0, Number.isFinite(input.progress) ? input.progress : 0)),
        message: input.message ?? null,
        at: new Date().toISOString(),
      };
      io.to(agencyRoom(agencyId)).emit('job:progress', progress);
    },

    async assignmentPushed(technicianId, assignment) {
      if (!outbox) throw new Error('assignmentPushed needs a database: pass prisma to the broadcaster');
      const message = await outbox.push(technicianId, assignment);
      io.to(technicianRoom(technicianId)).emit('assignment:pushed', message);
      return message;
    },

    interventionChanged(input) {
      const change: InterventionChange = {
        interventionId: input.interventionId,
        agencyId: input.agencyId,
        technicianId: input.technicianId ?? null,
        sectorId: input.sectorId ?? null,
        status: input.status,
        previousStatus: input.previousStatus ?? null,
        cancelReason: input.cancelReason ?? null,
        version: input.version,
        source: input.source,
        changedAt: new Date(input.changedAt ?? Date.now()).toISOString(),
      };
      const rooms: string[] = [agencyRoom(change.agencyId)];
      if (change.technicianId) rooms.push(technicianRoom(change.technicianId));
      if (change.sectorId) rooms.push(sectorRoom(change.sectorId));
      // One emit to several rooms: a socket in more than one gets it once.
      io.to(rooms).emit('intervention:changed', change);
    },

    flush: () => batcher.flush(),
    close: () => batcher.close(),
  };
}
