// The per-technician outbox behind pushed assignments, kept in PostgreSQL so
// that a push survives the technician being offline, a server restart, and
// being made by another process (a dispatch worker) than the one holding the
// technician's socket.
//
// Delivery is at-least-once on the wire (live emit, then replay on reconnect
// of what follows the client's last sequence) and exactly-once in the app,
// which applies sequences in order and drops what it has (realtime-reconcile).
import type { AssignmentPush, OutboxMessage, OutboxSyncResult } from '@tournee/contracts/realtime';
import type { PrismaClient } from '../generated/prisma/client.ts';

export interface Outbox {
  push(technicianId: string, assignment: AssignmentPush): Promise<OutboxMessage>;
  /** Messages after `after`, oldest first, at most `limit`. */
  after(technicianId: string, after: number, limit?: number): Promise<OutboxSyncResult>;
  /** Records that the technician applied everything up to `sequence` (never past the last pushed). */
  ack(technicianId: string, sequence: number): Promise<number>;
  acked(technicianId: string): Promise<number>;
}

export interface OutboxOptions {
  /**
   * Acknowledged messages are kept this long, so a second device of the same
   * technician (or a reinstalled app) still finds the recent ones.
   */
  readonly retentionDays: number;
}

export const DEFAULT_REPLAY_LIMIT = 200;

export function createOutbox(prisma: PrismaClient, options: Partial<OutboxOptions> = {}): Outbox {
  const retentionDays = options.retentionDays ?? 7;
  return {
    async push(technicianId, assignment) {
      // One statement: the cursor row's lock serialises concurrent pushes, so
      // sequences are gapless and never handed out twice.
      const rows = await prisma.$queryRaw<{ sequence: number; created_at: Date }[]>`
        WITH cursor AS (
          INSERT INTO technician_outboxes (technician_id, last_sequence) VALUES (${technicianId}, 1)
          ON CONFLICT (technician_id) DO UPDATE SET last_sequence = technician_outboxes.last_sequence + 1
          RETURNING last_sequence
        )
        INSERT INTO technician_outbox_messages (technician_id, sequence, payload)
        SELECT ${technicianId}, last_sequence, ${JSON.stringify(assignment)}::jsonb FROM cursor
        RETURNING sequence, created_at`;
      const row = rows[0]!;
      return { technicianId, sequence: Number(row.sequence), createdAt: new Date(row.created_at).toISOString(), assignment };
    },

    async after(technicianId, after, limit = DEFAULT_REPLAY_LIMIT) {
      const [rows, cursor] = await Promise.all([
        prisma.technicianOutboxMessage.findMany({
          where: { technicianId, sequence: { gt: after } },
          orderBy: { sequence: 'asc' },
          take: limit,
        }),
        prisma.technicianOutbox.findUnique({ where: { technicianId } }),
      ]);
      return {
        messages: rows.map((row) => ({
          technicianId,
          sequence: row.sequence,
          createdAt: row.createdAt.toISOString(),
          assignment: row.payload as AssignmentPush,
        })),
        lastSequence: cursor?.lastSequence ?? 0,
      };
    },

    async ack(technicianId, sequence) {
      const rows = await prisma.$queryRaw<{ acked_sequence: number }[]>`
        UPDATE technician_outboxes
        SET acked_sequence = GREATEST(acked_sequence, LEAST(${sequence}::int, last_sequence))
        WHERE technician_id = ${technicianId}
        RETURNING acked_sequence`;
      const acked = rows[0] ? Number(rows[0].acked_sequence) : 0;
      await prisma.$executeRaw`
        DELETE FROM technician_outbox_messages
        WHERE technician_id = ${technicianId} AND sequence <= ${acked}::int
          AND created_at < now() - make_interval(days => ${retentionDays}::int)`;
      return acked;
    },

    async acked(technicianId) {
      const cursor = await prisma.technicianOutbox.findUnique({ where: { technicianId } });
      return cursor?.ackedSequence ?? 0;
    },
  };
}
