// The technician app's endpoints, and the dispatcher's view of what it sent:
//   GET  /api/tech/portfolio                     what the app caches for offline work
//   POST /api/replication/batch                  the actions recorded offline, one result each
//   GET  /api/replication/conflicts              actions that conflicted, with the device's payload
//   POST /api/replication/conflicts/:id/resolve  marks one handled
//   GET  /api/interventions/:id/field-report     the structured report of a visit
//   GET  /api/attachments/:id                    a document, photo or signature
//   GET  /api/part-requests                      technicians' requests for parts and machines
//   POST /api/part-requests/:id/transitions      the office moves one along (fulfilled from a depot: a transfer to the van)
//
// `replicationRoutes(registry, deps)` declares them on the app's registry
// (validated, authorized, in the OpenAPI document); `replicationRouter(deps)`
// is the same as a plain router for mounting under /api.
import type { Router } from 'express';
import { z } from 'zod';
import { interventionScope } from '../../auth/scope.ts';
import { Id, IdParams, QueryList } from '@tournee/contracts/api/common';
import {
  ConflictQuery,
  FieldConflict,
  FieldReportView,
  OfficePartRequest,
  PART_REQUEST_STATUSES,
  PartRequestTransition,
  PartRequestTransitionResult,
  Portfolio,
  PortfolioQuery,
  ReplicationBatch,
  ReplicationBatchResult,
  ResolveConflict,
} from '@tournee/contracts/replication';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Broadcaster } from '../../realtime/broadcaster.ts';
import { actorOf, NotATechnicianError } from '../../replication/actor.ts';
import { applyBatch } from '../../replication/apply-batch.ts';
import { readAttachment } from '../../replication/attachments.ts';
import { listConflicts, resolveConflict } from '../../replication/conflicts.ts';
import { socketConflictNotifier, type ConflictNotifier } from '../../replication/notify.ts';
import { listPartRequests, movePartRequest, PartRequestRefusal } from '../../replication/part-requests.ts';
import { buildPortfolio } from '../../replication/portfolio.ts';
import { documentInfo } from '../../replication/visit-sheets.ts';
import { forbidden, HttpError, notFound } from '../errors.ts';
import { ApiRegistry } from '../registry.ts';
import { pushPartRequest } from '../technician-pushes.ts';

export interface ReplicationRouteDeps {
  readonly prisma: PrismaClient;
  /** Boards hear the technicians' moves; with `assignmentPushed`, technicians hear of their part requests. */
  readonly broadcaster?: (Pick<Broadcaster, 'interventionChanged'> & Partial<Pick<Broadcaster, 'assignmentPushed'>>) | undefined;
  /** The realtime module's socket.io server: conflicts are announced to the agency's room. */
  readonly io?: unknown;
  /** Tells dispatchers of a conflict at once; defaults to `field:conflict` through `io`. */
  readonly notifyConflict?: ConflictNotifier | undefined;
  readonly now?: () => Date;
  readonly log?: (message: string, error?: unknown) => void;
}

const TAG = 'Technician app';
const OFFICE = ['admin', 'dispatcher'] as const;
const PartRequestQuery = z.object({ agencyId: Id.optional(), status: QueryList(z.enum(PART_REQUEST_STATUSES)).optional() });

export function replicationRouter(deps: ReplicationRouteDeps): Router {
  const registry = new ApiRegistry();
  replicationRoutes(registry, deps, '');
  return registry.router;
}

export function replicationRoutes(api: ApiRegistry, deps: ReplicationRouteDeps, prefix = '/api'): void {
  const { prisma } = deps;
  const now = deps.now ?? (() => new Date());
  const notifyConflict = deps.notifyConflict ?? (deps.io ? socketConflictNotifier(deps.io) : undefined);
  const actor = async (auth: Parameters<typeof actorOf>[1]) => {
    try {
      return await actorOf(prisma, auth);
    } catch (error) {
      if (error instanceof NotATechnicianError) throw forbidden(error.message);
      throw error;
    }
  };

  api.route(
    {
      method: 'get',
      path: `${prefix}/tech/portfolio`,
      tag: TAG,
      roles: ['technician'],
      summary: "The technician's portfolio for offline work",
      description:
        'Tours from today for `days` days (stops in order with ETAs), the sheet of every visit on them or assigned, ' +
        'the parts catalogue with the van and central depot stock as of `generatedAt`, and the part requests.',
      query: PortfolioQuery,
      response: Portfolio,
    },
    async ({ auth, query }) => buildPortfolio(prisma, await actor(auth), { days: query.days, now: now() }),
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/replication/batch`,
      tag: TAG,
      roles: ['technician'],
      summary: 'Replicate actions recorded on the device',
      description:
        'Applied in order, each in its own transaction; one result per action: applied, duplicate (replayed id: the first answer), ' +
        'conflict (reason and the current state; the payload is kept for the dispatcher) or rejected (error with field paths). ' +
        'The body stays under 1 MB: send photos in batches of their own.',
      body: ReplicationBatch,
      response: ReplicationBatchResult,
    },
    async ({ auth, body }) => {
      const who = await actor(auth);
      const results = await applyBatch({ ...deps, notifyConflict }, who, body.actions);
      return { results, serverTime: now().toISOString() };
    },
  );

  api.route(
    {
      method: 'get',
      path: `${prefix}/replication/conflicts`,
      tag: TAG,
      roles: OFFICE,
      summary: "Technicians' actions that conflicted",
      description: 'Newest first; open ones only unless open=false. Also sent live as socket.io `field:conflict` to the agency room.',
      query: ConflictQuery,
      response: z.array(FieldConflict),
    },
    async ({ auth, query }) => listConflicts(prisma, auth, query),
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/replication/conflicts/:id/resolve`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Mark a conflict handled',
      params: IdParams,
      body: ResolveConflict,
      response: FieldConflict,
    },
    async ({ auth, params, body }) => {
      const resolved = await resolveConflict(prisma, auth, params.id, body.resolution, now());
      if (!resolved) throw notFound('conflict');
      return resolved;
    },
  );

  api.route(
    {
      method: 'get',
      path: `${prefix}/interventions/:id/field-report`,
      tag: TAG,
      summary: "A visit's report from the field",
      description: 'Work done, time, parts, configuration changes, signature and photos.',
      params: IdParams,
      response: FieldReportView,
    },
    async ({ auth, params }) => {
      const visit = await prisma.intervention.findFirst({
        where: { AND: [{ id: params.id }, interventionScope(auth)] },
        select: {
          id: true,
          fieldReport: true,
          attachments: {
            where: { kind: { in: ['photo', 'signature'] } },
            orderBy: { createdAt: 'asc' },
            select: { id: true, kind: true, fileName: true, mimeType: true, sizeBytes: true, interventionId: true, equipmentId: true, siteId: true },
          },
        },
      });
      if (!visit?.fieldReport) throw notFound('field report');
      const r = visit.fieldReport;
      return {
        workDone: r.workDone,
        timeSpentMinutes: r.timeSpentMinutes,
        partsUsed: r.partsUsed as FieldReportView['partsUsed'],
        configurationChanges: r.configurationChanges as FieldReportView['configurationChanges'],
        signedBy: r.signedBy,
        completedAt: r.completedAt.toISOString(),
        attachments: visit.attachments.map(documentInfo),
      };
    },
  );

  api.route(
    {
      method: 'get',
      path: `${prefix}/attachments/:id`,
      tag: TAG,
      summary: 'The content of a document, photo or signature',
      description: 'Answers the file itself (its own content type), not JSON.',
      params: IdParams,
    },
    async ({ auth, params, res }) => {
      const content = await readAttachment(prisma, auth, params.id);
      if (!content) throw notFound('attachment');
      res
        .status(200)
        .type(content.mimeType)
        .set('cache-control', 'private, max-age=86400')
        .set('content-disposition', `inline; filename="${content.fileName.replace(/[^\w.-]/g, '_')}"`)
        .send(Buffer.from(content.data));
      return undefined;
    },
  );

  api.route(
    {
      method: 'get',
      path: `${prefix}/part-requests`,
      tag: TAG,
      roles: OFFICE,
      summary: "Technicians' requests for parts and replacement machines",
      query: PartRequestQuery,
      response: z.array(OfficePartRequest),
    },
    async ({ auth, query }) => listPartRequests(prisma, auth, query),
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/part-requests/:id/transitions`,
      tag: TAG,
      roles: OFFICE,
      summary: "Move a technician's part request along",
      description:
        'requested → backordered (ordered, waiting for the supplier), fulfilled or cancelled; backordered → requested, fulfilled or cancelled; ' +
        "fulfilled and cancelled are final. `fulfilled` with `fromDepotId` (a central depot of the request's agency) transfers the parts to the " +
        "technician's van in the same transaction: their van shows them at their next synchronization. Send `from` (the status you read) to be " +
        'refused rather than move a request someone else moved. The technician is told through their outbox when the request was made for one of ' +
        'their visits, and sees the status in their app at the next synchronization in any case. A move that does not apply (final request, stale ' +
        '`from`, not enough stock in the depot, no van) is 409 with the reason and the request as it is; a depot that is not a central depot of the ' +
        'agency is 422.',
      params: IdParams,
      body: PartRequestTransition,
      response: PartRequestTransitionResult,
      errors: [409, 422],
    },
    async ({ auth, params, body }) => {
      let moved;
      try {
        moved = await movePartRequest(prisma, auth, params.id, body, now());
      } catch (error) {
        if (!(error instanceof PartRequestRefusal)) throw error;
        if (error.kind === 'not_found') throw notFound('part request');
        throw new HttpError(error.kind === 'conflict' ? 409 : 422, error.message, [{ path: error.path, in: 'body', message: error.message }], {
          ...(error.current ? { current: error.current } : {}),
          ...(error.reason ? { reason: error.reason } : {}),
        });
      }
      await pushPartRequest(
        prisma,
        deps.broadcaster,
        {
          technicianId: moved.request.technicianId,
          interventionId: moved.request.interventionId,
          status: moved.request.status,
          quantity: moved.request.quantity,
          part: moved.part,
          transferred: moved.transfer !== null,
        },
        deps.log ?? (() => {}),
      );
      return { request: moved.request, transfer: moved.transfer };
    },
  );
}
