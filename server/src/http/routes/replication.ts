// The technician app's endpoints, and the dispatcher's view of what it sent:
//   GET  /api/tech/portfolio                     what the app caches for offline work
//   POST /api/replication/batch                  the actions recorded offline, one result each
//   GET  /api/replication/conflicts              actions that conflicted, with the device's payload
//   POST /api/replication/conflicts/:id/resolve  marks one handled
//   GET  /api/interventions/:id/field-report     the structured report of a visit
//   GET  /api/attachments/:id                    a document, photo or signature
//   GET  /api/part-requests                      technicians' requests for parts and machines
//
// `replicationRoutes(registry, deps)` declares them on the app's registry
// (validated, authorized, in the OpenAPI document); `replicationRouter(deps)`
// is the same as a plain router for mounting under /api.
import type { Router } from 'express';
import { z } from 'zod';
import { interventionScope } from '../../auth/scope.ts';
import { Id, IdParams, QueryList } from '../../contracts/api/common.ts';
import {
  ConflictQuery, FieldConflict, FieldReportView, PART_REQUEST_STATUSES, Portfolio, PortfolioQuery, PartRequestView,
  ReplicationBatch, ReplicationBatchResult, ResolveConflict,
} from '../../contracts/replication.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Broadcaster } from '../../realtime/broadcaster.ts';
import { actorOf, NotATechnicianError } from '../../replication/actor.ts';
import { applyBatch } from '../../replication/apply-batch.ts';
import { readAttachment } from '../../replication/attachments.ts';
import { listConflicts, resolveConflict } from '../../replication/conflicts.ts';
import { socketConflictNotifier, type ConflictNotifier } from '../../replication/notify.ts';
import { buildPortfolio } from '../../replication/portfolio.ts';
import { documentInfo } from '../../replication/visit-sheets.ts';
import { forbidden, notFound } from '../errors.ts';
import { ApiRegistry } from '../registry.ts';

export interface ReplicationRouteDeps {
  readonly prisma: PrismaClient;
  readonly broadcaster?: Pick<Broadcaster, 'interventionChanged'> | undefined;
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
      method: 'get', path: `${prefix}/tech/portfolio`, tag: TAG, roles: ['technician'],
      summary: "The technician's portfolio for offline work",
      description: 'Tours from today for `days` days (stops in order with ETAs), the sheet of every visit on them or assigned, '
        + 'the parts catalogue with the van and central depot stock as of `generatedAt`, and the part requests.',
      query: PortfolioQuery, response: Portfolio,
    },
    async ({ auth, query }) => buildPortfolio(prisma, await actor(auth), { days: query.days, now: now() }),
  );

  api.route(
    {
      method: 'post', path: `${prefix}/replication/batch`, tag: TAG, roles: ['technician'],
      summary: 'Replicate actions recorded on the device',
      description: 'Applied in order, each in its own transaction; one result per action: applied, duplicate (replayed id: the first answer), '
        + 'conflict (reason and the current state; the payload is kept for the dispatcher) or rejected (error with field paths). '
        + 'The body stays under 1 MB: send photos in batches of their own.',
      body: ReplicationBatch, response: ReplicationBatchResult,
    },
    async ({ auth, body }) => {
      const who = await actor(auth);
      const results = await applyBatch({ ...deps, notifyConflict }, who, body.actions);
      return { results, serverTime: now().toISOString() };
    },
  );

  api.route(
    {
      method: 'get', path: `${prefix}/replication/conflicts`, tag: TAG, roles: OFFICE,
      summary: "Technicians' actions that conflicted", description: 'Newest first; open ones only unless open=false. Also sent live as socket.io `field:conflict` to the agency room.',
      query: ConflictQuery, response: z.array(FieldConflict),
    },
    async ({ auth, query }) => listConflicts(prisma, auth, query),
  );

  api.route(
    {
      method: 'post', path: `${prefix}/replication/conflicts/:id/resolve`, tag: TAG, roles: OFFICE,
      summary: 'Mark a conflict handled', params: IdParams, body: ResolveConflict, response: FieldConflict,
    },
    async ({ auth, params, body }) => {
      const resolved = await resolveConflict(prisma, auth, params.id, body.resolution, now());
      if (!resolved) throw notFound('conflict');
      return resolved;
    },
  );

  api.route(
    {
      method: 'get', path: `${prefix}/interventions/:id/field-report`, tag: TAG,
      summary: "A visit's report from the field", description: 'Work done, time, parts, configuration changes, signature and photos.',
      params: IdParams, response: FieldReportView,
    },
    async ({ auth, params }) => {
      const visit = await prisma.intervention.findFirst({
        where: { AND: [{ id: params.id }, interventionScope(auth)] },
        select: { id: true, fieldReport: true, attachments: { where: { kind: { in: ['photo', 'signature'] } }, orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, fileName: true, mimeType: true, sizeBytes: true, interventionId: true, equipmentId: true, siteId: true } } },
      });
      if (!visit?.fieldReport) throw notFound('field report');
      const r = visit.fieldReport;
      return {
        workDone: r.workDone, timeSpentMinutes: r.timeSpentMinutes,
        partsUsed: r.partsUsed as FieldReportView['partsUsed'], configurationChanges: r.configurationChanges as FieldReportView['configurationChanges'],
        signedBy: r.signedBy, completedAt: r.completedAt.toISOString(), attachments: visit.attachments.map(documentInfo),
      };
    },
  );

  api.route(
    {
      method: 'get', path: `${prefix}/attachments/:id`, tag: TAG,
      summary: 'The content of a document, photo or signature', description: 'Answers the file itself (its own content type), not JSON.',
      params: IdParams,
    },
    async ({ auth, params, res }) => {
      const content = await readAttachment(prisma, auth, params.id);
      if (!content) throw notFound('attachment');
      res.status(200)
        .type(content.mimeType)
        .set('cache-control', 'private, max-age=86400')
        .set('content-disposition', `inline; filename="${content.fileName.replace(/[^\w.-]/g, '_')}"`)
        .send(Buffer.from(content.data));
      return undefined;
    },
  );

  api.route(
    {
      method: 'get', path: `${prefix}/part-requests`, tag: TAG, roles: OFFICE,
      summary: "Technicians' requests for parts and replacement machines", query: PartRequestQuery,
      response: z.array(PartRequestView.extend({ technicianId: Id, agencyId: Id })),
    },
    async ({ auth, query }) => {
      const rows = await prisma.partRequest.findMany({
        where: {
          ...(auth.role === 'admin' ? {} : { agencyId: { in: [...auth.agencyIds] } }),
          ...(query.agencyId ? { agencyId: query.agencyId } : {}),
          ...(query.status?.length ? { status: { in: query.status } } : {}),
        },
        orderBy: { createdAt: 'desc' },
        take: 200,
      });
      return rows.map((r) => ({
        id: r.id, technicianId: r.technicianId, agencyId: r.agencyId, partId: r.partId, quantity: r.quantity, what: r.kind,
        status: r.status, interventionId: r.interventionId, note: r.note, createdAt: r.createdAt.toISOString(),
      }));
    },
  );
}
