// The dispatcher's side of conflicts: the technicians' actions that could not
// be applied as they were, with the device's payload (the report, the
// photo, the request — nothing the technician entered is lost), until someone
// marks them resolved.
import type { Claims } from '../auth/tokens.ts';
import type { ConflictCurrent, FieldConflict } from '@tournee/contracts/replication';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Db } from './types.ts';

const SELECT = {
  id: true,
  kind: true,
  technicianId: true,
  agencyId: true,
  interventionId: true,
  reason: true,
  result: true,
  payload: true,
  receivedAt: true,
  resolvedAt: true,
  resolution: true,
  technician: { select: { firstName: true, lastName: true } },
} as const;
type Row = Prisma.ReplicationActionGetPayload<{ select: typeof SELECT }>;

function scope(auth: Claims): Prisma.ReplicationActionWhereInput {
  if (auth.role === 'admin') return {};
  return { agencyId: { in: [...auth.agencyIds] } };
}

function view(row: Row): FieldConflict {
  const result = row.result as { message?: string; current?: ConflictCurrent };
  return {
    actionId: row.id,
    kind: row.kind as FieldConflict['kind'],
    technicianId: row.technicianId,
    technicianName: `${row.technician.firstName} ${row.technician.lastName}`,
    agencyId: row.agencyId,
    interventionId: row.interventionId,
    reason: row.reason as FieldConflict['reason'],
    message: result.message ?? '',
    current: result.current ?? {},
    payload: (row.payload ?? {}) as Record<string, unknown>,
    receivedAt: row.receivedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolution: row.resolution,
  };
}

export async function listConflicts(db: Db, auth: Claims, query: { agencyId?: string | undefined; open: boolean; limit: number }): Promise<FieldConflict[]> {
  const rows = await db.replicationAction.findMany({
    where: {
      AND: [scope(auth), { outcome: 'conflict' }, query.agencyId ? { agencyId: query.agencyId } : {}, query.open ? { resolvedAt: null } : {}],
    },
    select: SELECT,
    orderBy: { receivedAt: 'desc' },
    take: query.limit,
  });
  return rows.map(view);
}

/** Null when there is no such conflict in the caller's agencies. */
export async function resolveConflict(db: Db, auth: Claims, actionId: string, resolution: string, now: Date): Promise<FieldConflict | null> {
  const found = await db.replicationAction.findFirst({ where: { AND: [{ id: actionId, outcome: 'conflict' }, scope(auth)] }, select: { id: true } });
  if (!found) return null;
  const row = await db.replicationAction.update({
    where: { id: actionId },
    data: { resolvedAt: now, resolvedById: auth.sub, resolution },
    select: SELECT,
  });
  return view(row);
}
