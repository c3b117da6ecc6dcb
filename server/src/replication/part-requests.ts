// The office's side of the technicians' part requests (a part for the van or
// a visit, or a replacement machine, asked for from the app): listing them,
// and moving one along (contract: PART_REQUEST_MOVES in
// ../contracts/replication.ts). Fulfilling from stock transfers the parts
// from a central depot of the request's agency to the technician's van in
// the same transaction as the status change — recorded by the back office's
// movement recorder as its transfers are (row locks, never below zero, no
// journal entry), so the van's stock shows it at the technician's next
// synchronization. The request's row is locked first: two office users
// fulfilling the same request cannot both transfer.
import type { Claims } from '../auth/tokens.ts';
import type { OfficePartRequest, PartRequestStatus, PartRequestTransition } from '@tournee/contracts/replication';
import { checkPartRequestTransition } from '@tournee/contracts/replication';
import { inTransaction } from '../back-office/db.ts';
import { BackOfficeError, transferStockIn } from '../back-office/index.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { vanOf } from './stock.ts';
import type { Db } from './types.ts';

type Row = Prisma.PartRequestGetPayload<{ include: { part: { select: { reference: true; name: true } } } }>;

export function officeView(r: Omit<Row, 'part'>): OfficePartRequest {
  return {
    id: r.id,
    technicianId: r.technicianId,
    agencyId: r.agencyId,
    partId: r.partId,
    quantity: r.quantity,
    what: r.kind,
    status: r.status,
    interventionId: r.interventionId,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const scope = (auth: Claims): Prisma.PartRequestWhereInput => (auth.role === 'admin' ? {} : { agencyId: { in: [...auth.agencyIds] } });

export async function listPartRequests(
  db: Db,
  auth: Claims,
  query: { agencyId?: string | undefined; status?: readonly PartRequestStatus[] | undefined },
): Promise<OfficePartRequest[]> {
  const rows = await db.partRequest.findMany({
    where: {
      AND: [scope(auth), query.agencyId ? { agencyId: query.agencyId } : {}, query.status?.length ? { status: { in: [...query.status] } } : {}],
    },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  return rows.map(officeView);
}

/** Why a move was refused: the HTTP layer answers 404, 409 or 422 with `path` (a body field). */
export class PartRequestRefusal extends Error {
  override readonly name = 'PartRequestRefusal';
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'invalid',
    message: string,
    readonly path = 'to',
    readonly current: OfficePartRequest | null = null,
    readonly reason?: string,
  ) {
    super(message);
  }
}

export interface MovedRequest {
  readonly before: PartRequestStatus;
  readonly request: OfficePartRequest;
  /** For the technician's notice. */
  readonly part: { readonly reference: string; readonly name: string };
  readonly transfer: { batchId: string; fromDepotId: string; toDepotId: string; quantity: number } | null;
}

export async function movePartRequest(prisma: PrismaClient, auth: Claims, id: string, move: PartRequestTransition, now: Date): Promise<MovedRequest> {
  return inTransaction(prisma, async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM part_requests WHERE id = ${id} FOR UPDATE`;
    const row =
      locked.length === 0
        ? null
        : await tx.partRequest.findFirst({
            where: { AND: [{ id }, scope(auth)] },
            include: { part: { select: { reference: true, name: true } } },
          });
    // Another agency's request is not revealed.
    if (!row) throw new PartRequestRefusal('not_found', 'part request not found');
    const current = officeView(row);
    if (move.from !== undefined && move.from !== row.status) {
      throw new PartRequestRefusal('conflict', `the request is ${row.status} now (you read ${move.from}): someone moved it meanwhile`, 'from', current);
    }
    const verdict = checkPartRequestTransition(row.status, move.to);
    if (!verdict.ok) throw new PartRequestRefusal('conflict', verdict.reason, 'to', current);

    let transfer: MovedRequest['transfer'] = null;
    if (move.to === 'fulfilled' && move.fromDepotId !== undefined) {
      const depot = await tx.depot.findUnique({ where: { id: move.fromDepotId }, select: { id: true, kind: true, agencyId: true, active: true } });
      if (!depot?.active || depot.kind !== 'central' || depot.agencyId !== row.agencyId) {
        throw new PartRequestRefusal('invalid', 'fulfil from an active central depot of the request’s agency', 'fromDepotId', current);
      }
      const van = await vanOf(tx, row.technicianId);
      if (!van)
        throw new PartRequestRefusal(
          'conflict',
          'the technician has no van depot to transfer the parts to: fulfil it without fromDepotId',
          'fromDepotId',
          current,
        );
      try {
        const batch = await transferStockIn(tx, {
          fromDepotId: depot.id,
          toDepotId: van.id,
          lines: [{ partId: row.partId, quantity: row.quantity }],
          reason: `demande ${row.id}`,
          now,
          userId: auth.sub,
        });
        transfer = { batchId: batch.batchId, fromDepotId: depot.id, toDepotId: van.id, quantity: row.quantity };
      } catch (error) {
        if (error instanceof BackOfficeError && error.code === 'conflict') {
          throw new PartRequestRefusal('conflict', error.fields[0]?.message ?? error.message, 'fromDepotId', current, error.reason);
        }
        throw error;
      }
    }
    const updated = await tx.partRequest.update({ where: { id: row.id }, data: { status: move.to } });
    return { before: row.status, request: officeView(updated), part: row.part, transfer };
  });
}
