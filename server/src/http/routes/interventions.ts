// Interventions: CRUD with optimistic versions, and the lifecycle.
//
// Every write names the version the client read. The update only lands when
// that version is still current (one conditional UPDATE, so two dispatchers
// cannot both win); otherwise the answer is 409 with the record as it is now,
// for the client to merge and retry.
import { canManageAgency, interventionScope } from '../../auth/scope.ts';
import { flagInterventionCoverage } from '../../back-office/index.ts';
import type { Claims } from '../../auth/tokens.ts';
import {
  IdParams,
  Intervention,
  InterventionInput,
  InterventionPatch,
  InterventionQuery,
  Page,
  TransitionInput,
  allowedTransitions,
  checkIntervention,
  checkTransition,
} from '@tournee/contracts/api';
import type { InterventionStatus } from '@tournee/contracts/lifecycle';
import type { Prisma } from '../../generated/prisma/client.ts';
import { checkMerged, daysToDates, defined } from '../crud.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError, forbidden, notFound } from '../errors.ts';
import { interventionPageJson } from './intervention-page.ts';
import { createListCache } from '../list-cache.ts';
import { checkReferences } from '../references.ts';
import type { ApiRegistry } from '../registry.ts';
import { pushToTechnicians } from '../technician-pushes.ts';
import { recordVisitDone } from '../../service-plans/complete.ts';
import { laterDayRefusal, laterPlannedDay } from '../../planning/visit-day.ts';

const TAG = 'Interventions';
const OFFICE = ['admin', 'dispatcher'] as const;
const INCLUDE = { requiredSkills: { select: { skillId: true, minLevel: true } }, site: { select: { sectorId: true } } } as const;
type Row = Prisma.InterventionGetPayload<{ include: typeof INCLUDE }>;
type RequiredSkill = { skillId: string; minLevel: number };

/** The answer for the caller: with the moves they may make now. */
function output(row: Row, auth: Claims): unknown {
  const { site: _site, ...rest } = row;
  return { ...rest, allowedTransitions: allowedTransitions(row.status, auth.role, row.technicianId !== null) };
}

export function interventionRoutes(api: ApiRegistry, { prisma, broadcaster, log = () => {} }: AppDeps): void {
  const findScoped = async (auth: Claims, id: string): Promise<Row> => {
    const row = await prisma.intervention.findFirst({ where: { AND: [{ id }, interventionScope(auth)] }, include: INCLUDE });
    if (!row) throw notFound('intervention');
    return row;
  };
  const conflict = (current: Row, sent: number, auth: Claims) =>
    new HttpError(
      409,
      `the intervention changed since you read it: it is at version ${current.version}, you sent ${sent}`,
      [{ path: 'version', in: 'body', message: `stale version ${sent}; current is ${current.version}` }],
      { current: output(current, auth) },
    );
  // Boards hear every change; the technician's app hears office changes to their work.
  const announce = async (row: Row, before: Row | null, auth: Claims) => {
    broadcaster?.interventionChanged({
      interventionId: row.id,
      agencyId: row.agencyId,
      technicianId: row.technicianId,
      sectorId: row.site.sectorId,
      status: row.status,
      previousStatus: (before?.status ?? null) as InterventionStatus | null,
      cancelReason: row.cancelReason,
      version: row.version,
      source: auth.role === 'technician' ? 'technician' : 'dispatcher',
      changedAt: row.updatedAt,
    });
    if (auth.role !== 'technician') await pushToTechnicians(prisma, broadcaster, before, row, log);
  };

  // Pages kept while no change to interventions has committed (list-cache.ts): exact, from any process.
  const pages = createListCache(prisma, 'interventions');
  api.route(
    { method: 'get', path: '/api/interventions', summary: 'List interventions', tag: TAG, query: InterventionQuery, response: Page(Intervention) },
    async ({ auth, query: q, req, res }) => {
      const where: Prisma.InterventionWhereInput = {
        AND: [
          interventionScope(auth),
          defined({ agencyId: q.agencyId, technicianId: q.technicianId, siteId: q.siteId, equipmentId: q.equipmentId }),
          q.status?.length ? { status: { in: q.status } } : {},
          q.priorityMin !== undefined ? { priority: { gte: q.priorityMin } } : {},
          q.plannedFrom || q.plannedTo
            ? { plannedStart: defined({ gte: q.plannedFrom && new Date(q.plannedFrom), lt: q.plannedTo && new Date(q.plannedTo) }) }
            : {},
          q.unplanned !== undefined ? { plannedStart: q.unplanned ? null : { not: null } } : {},
        ],
      };
      // Written as JSON by the database: the board's most frequent read, under load (intervention-page.ts).
      // end(), not Express's send(): send() copies the ~1 KB-per-row text into a Buffer and hashes it for an ETag
      // (bench:api: 12.6 → 11.2 ms of server CPU per 200-row page); the ETag here is the list version's.
      // The page depends on the caller only through their scope (role, agencies, technician) and their
      // role's moves; on the request only through the validated query.
      const key = JSON.stringify([auth.role, auth.technicianId ?? null, [...auth.agencyIds].sort(), q]);
      // Conditional GET: a board that holds this page at the current version gets 304 and no body (list-cache.ts).
      const { etag, body } = await pages.page(key, () => interventionPageJson(prisma, auth, where, q), req.headers['if-none-match']);
      // no-cache: a browser may keep the page but asks again each time (with If-None-Match); private: never a shared cache.
      res.setHeader('ETag', etag);
      res.setHeader('Cache-Control', 'private, no-cache');
      if (!body) res.status(304).end();
      else res.status(200).type('application/json').end(body);
    },
  );

  api.route(
    { method: 'get', path: '/api/interventions/:id', summary: 'Get one intervention', tag: TAG, params: IdParams, response: Intervention },
    async ({ auth, params }) => output(await findScoped(auth, params.id), auth),
  );

  api.route(
    {
      method: 'post',
      path: '/api/interventions',
      summary: 'Create an intervention (status requested)',
      tag: TAG,
      roles: OFFICE,
      body: InterventionInput,
      response: Intervention,
      status: 201,
      errors: [422],
    },
    async ({ auth, body }) => {
      if (!canManageAgency(auth, body.agencyId)) throw forbidden(`agency ${body.agencyId} is not one of yours`);
      // The technician's stored agency, not the body's agencyId, decides (as assigning does).
      await checkReferences(prisma, auth, body.agencyId, [{ path: 'technicianId', kind: 'technician', id: body.technicianId }]);
      const { requiredSkills, ...fields } = daysToDates(body) as typeof body;
      const row = await prisma.intervention.create({
        data: { ...fields, ...(requiredSkills ? { requiredSkills: { create: requiredSkills } } : {}) } as Prisma.InterventionUncheckedCreateInput,
        include: INCLUDE,
      });
      // Warranty on request (issue 7): the flag can be recomputed later, so a
      // failure here never loses the created intervention.
      await flagInterventionCoverage(prisma, row.id, { occasion: 'request' }).catch((error: unknown) =>
        log(`intervention ${row.id} created, its warranty flag not computed: ${error instanceof Error ? error.message : String(error)}`),
      );
      await announce(row, null, auth);
      return output(row, auth);
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/interventions/:id',
      summary: 'Update an intervention (send the version you read)',
      tag: TAG,
      roles: OFFICE,
      params: IdParams,
      body: InterventionPatch,
      response: Intervention,
      errors: [409, 422],
      description: 'Status changes go through POST /api/interventions/{id}/transitions. A stale version is answered with 409 and the current record.',
    },
    async ({ auth, params, body }) => {
      const { version, requiredSkills, ...patch } = daysToDates(body) as typeof body;
      const existing = await findScoped(auth, params.id);
      if (!canManageAgency(auth, existing.agencyId)) throw forbidden(`agency ${existing.agencyId} is not one of yours`);
      if (patch.agencyId !== undefined && !canManageAgency(auth, patch.agencyId)) throw forbidden(`agency ${patch.agencyId} is not one of yours`);
      // The technician it will have must be in the agency it will be in.
      if (patch.technicianId !== undefined || patch.agencyId !== undefined) {
        const technicianId = patch.technicianId !== undefined ? patch.technicianId : existing.technicianId;
        await checkReferences(prisma, auth, patch.agencyId ?? existing.agencyId, [{ path: 'technicianId', kind: 'technician', id: technicianId }]);
      }
      if (existing.version !== version) throw conflict(existing, version, auth);
      checkMerged(checkIntervention, { ...existing, ...patch });
      const updated = await prisma.$transaction(async (tx) => {
        const { count } = await tx.intervention.updateMany({
          where: { id: params.id, version },
          data: { ...(patch as Prisma.InterventionUncheckedUpdateManyInput), version: { increment: 1 } },
        });
        if (count === 0) return false;
        if (requiredSkills) await replaceSkills(tx, params.id, requiredSkills);
        return true;
      });
      const row = await findScoped(auth, params.id);
      if (!updated) throw conflict(row, version, auth);
      await announce(row, existing, auth);
      return output(row, auth);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/interventions/:id/transitions',
      summary: 'Move an intervention along its lifecycle',
      tag: TAG,
      params: IdParams,
      body: TransitionInput,
      response: Intervention,
      errors: [409, 422],
      description:
        'requested → planned → assigned → dispatched → en_route → on_site → done → closed, or cancelled (with a reason) before done. ' +
        'Technicians make the field moves (en_route, on_site, done) on their own assignments; en_route on a visit planned for a later day is refused (422 with `plannedDay`) until the dispatcher moves it to today. ' +
        'Illegal moves are refused with 422 and the reason.',
    },
    async ({ auth, params, body }) => {
      const existing = await findScoped(auth, params.id);
      if (existing.version !== body.version) throw conflict(existing, body.version, auth);
      const verdict = checkTransition({
        from: existing.status,
        to: body.to,
        role: auth.role,
        hasTechnician: existing.technicianId !== null,
        reason: body.reason,
      });
      if (!verdict.ok) {
        throw new HttpError(
          verdict.refusal === 'forbidden' ? 403 : 422,
          verdict.reason,
          [{ path: verdict.refusal === 'precondition' && body.to === 'cancelled' ? 'reason' : 'to', in: 'body', message: verdict.reason }],
          { current: output(existing, auth) },
        );
      }
      const now = new Date();
      if (auth.role === 'technician' && body.to === 'en_route') {
        // Tomorrow's visit is not started today: the dispatcher moves it first (planning/visit-day.ts).
        const { timezone } = await prisma.agency.findUniqueOrThrow({ where: { id: existing.agencyId }, select: { timezone: true } });
        const later = laterPlannedDay(existing.plannedStart, timezone, now);
        if (later) {
          throw new HttpError(422, laterDayRefusal(later), [{ path: 'to', in: 'body', message: laterDayRefusal(later) }], {
            current: output(existing, auth),
            plannedDay: later,
          });
        }
      }
      const { count } = await prisma.intervention.updateMany({
        where: { id: params.id, version: body.version, status: existing.status },
        data: {
          status: body.to,
          version: { increment: 1 },
          ...(body.to === 'cancelled' ? { cancelReason: body.reason } : {}),
          ...(body.to === 'on_site' ? { actualStart: now } : {}),
          ...(body.to === 'done' ? { actualEnd: now, ...(existing.actualStart ? {} : { actualStart: now }) } : {}),
          ...(body.report !== undefined ? { report: body.report } : {}),
        },
      });
      const row = await findScoped(auth, params.id);
      if (count === 0) throw conflict(row, body.version, auth);
      await announce(row, existing, auth);
      if (row.status === 'done') {
        // Its service plan's next due day moves on, as for a report from the app. Best effort: the
        // nightly generation folds done visits in too, so a failure here heals overnight.
        await recordVisitDone(prisma, row.id, now).catch((error: unknown) => log(`service plan update after ${row.id} failed`, error));
      }
      return output(row, auth);
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/interventions/:id',
      summary: 'Delete a requested or cancelled intervention',
      tag: TAG,
      roles: OFFICE,
      params: IdParams,
      errors: [409],
      description: 'Interventions already planned or under way are cancelled (with a reason), not deleted, so their history stays.',
    },
    async ({ auth, params }) => {
      const existing = await findScoped(auth, params.id);
      if (!canManageAgency(auth, existing.agencyId)) throw forbidden(`agency ${existing.agencyId} is not one of yours`);
      if (existing.status !== 'requested' && existing.status !== 'cancelled') {
        throw new HttpError(409, `an intervention in status ${existing.status} cannot be deleted: cancel it with a reason instead`);
      }
      await prisma.intervention.delete({ where: { id: params.id } });
      return undefined;
    },
  );
}

async function replaceSkills(tx: Prisma.TransactionClient, interventionId: string, skills: RequiredSkill[]): Promise<void> {
  await tx.interventionSkill.deleteMany({ where: { interventionId } });
  if (skills.length) await tx.interventionSkill.createMany({ data: skills.map((s) => ({ ...s, interventionId })) });
}
