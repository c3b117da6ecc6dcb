// The urgent request flow over HTTP (issue 12):
//   POST /api/urgent-requests/rank   who can take the draft, why the others cannot, what else can be done (writes nothing)
//   POST /api/urgent-requests        the dispatcher's decision: create it assigned (forcing overtime, bumping a visit) or queued
//   POST /api/interventions/:id/urgent-answer    the same answer for a visit of the queue (its own id, nothing written)
//   POST /api/interventions/:id/urgent-decision  one of its places applied to that visit (assigned, moved; nothing created)
//
// Declared by planningRoutes (they share its deps), so every app that mounts
// the planning routes has them too.
import { IdParams } from '@tournee/contracts/api/common';
import {
  QueuedDecisionRequest,
  QueuedRankRequest,
  UrgentAnswer,
  UrgentCommitAnswer,
  UrgentCommitRequest,
  UrgentRankRequest,
} from '@tournee/contracts/api/urgent';
import { canManageAgency, interventionScope, siteScope } from '../../auth/scope.ts';
import type { Claims } from '../../auth/tokens.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { VersionConflictError } from '../../planning/assign.ts';
import { InsertionRefusedError, InterventionNotFoundError } from '../../planning/insertion.ts';
import { PlanConflictError } from '../../planning/store-plan.ts';
import { localDay } from '../../planning/time.ts';
import type { PlanBroadcaster } from '../../planning/publish.ts';
import { urgentAnswer, urgentAnswerFor } from '../../planning/urgent/answers.ts';
import { commitUrgent } from '../../planning/urgent/commit.ts';
import { checkDraftSkills, DraftReferenceError, type UrgentDraftInput } from '../../planning/urgent/draft.ts';
import { placeQueued, queuedVisit } from '../../planning/urgent/queued.ts';
import { HttpError } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';

export interface UrgentRouteDeps {
  readonly prisma: PrismaClient;
  readonly broadcaster: PlanBroadcaster;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
}

const TAG = 'Planning';
const OFFICE = ['admin', 'dispatcher'] as const;

export function urgentRoutes(api: ApiRegistry, deps: UrgentRouteDeps, prefix = '/api'): void {
  const { prisma } = deps;

  /** The draft's agency is the caller's to dispatch for; its site and skills exist and are visible. */
  const checkDraft = async (auth: Claims, draft: UrgentDraftInput) => {
    if (!canManageAgency(auth, draft.agencyId)) {
      throw new HttpError(403, `agency ${draft.agencyId} is not one of yours`, [{ path: 'draft.agencyId', in: 'body', message: 'you do not dispatch for it' }]);
    }
    const site = await prisma.site.findFirst({ where: { AND: [{ id: draft.siteId }, siteScope(auth)] }, select: { id: true } });
    if (!site) throw new HttpError(422, 'the site does not exist', [{ path: 'draft.siteId', in: 'body', message: 'no such site' }]);
    await refusals(() => checkDraftSkills(prisma, draft));
  };

  /** A day already gone cannot be planned (the body's field named). */
  const checkDay = async (agencyId: string, day: string | undefined, path: string) => {
    if (day === undefined) return;
    const agency = await prisma.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { timezone: true } });
    const today = localDay((deps.now ?? (() => new Date()))(), agency.timezone);
    if (day < today) throw new HttpError(422, `${day} is past`, [{ path, in: 'body', message: `${day} is before today (${today})` }]);
  };

  /** The technician a decision sends: of the visit's agency or of another agency of its region, one the caller dispatches for; a bump stays in that agency. */
  const reachableTechnician = async (auth: Claims, ownAgencyId: string, decision: { technicianId: string; bumpedTo?: string | undefined }) => {
    const tech = await prisma.technician.findUnique({
      where: { id: decision.technicianId },
      select: { agencyId: true, agency: { select: { regionId: true } } },
    });
    const own = await prisma.agency.findUnique({ where: { id: ownAgencyId }, select: { regionId: true } });
    const reachable =
      tech && canManageAgency(auth, tech.agencyId) && (tech.agencyId === ownAgencyId || (own?.regionId != null && tech.agency.regionId === own.regionId));
    if (!reachable) {
      throw new HttpError(403, 'you cannot send this technician', [
        { path: 'decision.technicianId', in: 'body', message: 'not a technician of an agency of the region you dispatch for' },
      ]);
    }
    if (decision.bumpedTo) {
      const other = await prisma.technician.findUnique({ where: { id: decision.bumpedTo }, select: { agencyId: true } });
      if (other?.agencyId !== tech.agencyId) {
        throw new HttpError(422, 'the bumped visit stays in its agency', [
          { path: 'decision.bumpedTo', in: 'body', message: 'not a technician of that agency' },
        ]);
      }
    }
    return tech;
  };

  /** A visit of the queue the caller dispatches for (checked against the stored record). */
  const visibleIntervention = async (auth: Claims, id: string) => {
    const row = await prisma.intervention.findFirst({ where: { AND: [{ id }, interventionScope(auth)] }, select: { id: true, agencyId: true } });
    if (!row) throw new HttpError(404, 'intervention not found', [{ path: 'id', in: 'params', message: 'no such intervention' }]);
    if (!canManageAgency(auth, row.agencyId)) throw new HttpError(403, 'you do not dispatch for this agency');
    return row;
  };

  api.route(
    {
      method: 'post',
      path: `${prefix}/urgent-requests/rank`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Rank an urgent request before it exists',
      description:
        'The draft is ranked as the insertion candidates rank a stored visit, and nothing is written: trying again leaves no intervention behind. ' +
        'Every technician of the agency who cannot take it is listed with every reason that holds (skill missing or too low, absent, not working, day over, parts, a full day and by how much). ' +
        'When nobody can: the first free slots of the next 7 days, technicians who could with up to 2 h of overtime, lower-priority visits that could give way (and where they would go), ' +
        'and technicians of the other agencies of the region the caller dispatches for.',
      body: UrgentRankRequest,
      response: UrgentAnswer,
      errors: [422],
    },
    async ({ auth, body }) => {
      await checkDraft(auth, body.draft);
      await checkDay(body.draft.agencyId, body.day, 'day');
      return refusals(() =>
        urgentAnswer({ prisma, ...(deps.now ? { now: deps.now } : {}) }, body.draft, {
          ...(body.day ? { day: body.day } : {}),
          mayDispatch: (agencyId) => canManageAgency(auth, agencyId),
        }),
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/urgent-requests`,
      tag: TAG,
      roles: OFFICE,
      status: 201,
      summary: 'Create the urgent request as decided: assigned or queued',
      description:
        '`queue`: saved as a request for the day, unassigned. `assign`: created and put into the technician’s tour in one transaction (a refusal creates nothing); ' +
        '`force` accepts up to 2 h of overtime, `bump` takes a lower-priority visit of that tour off it (back to the queue, or to `bumpedTo`). ' +
        'A technician of another agency of the region may be chosen if the caller dispatches for it: the request is then created in that agency.',
      body: UrgentCommitRequest,
      response: UrgentCommitAnswer,
      errors: [409, 422],
    },
    async ({ auth, body }) => {
      const { draft, decision } = body;
      await checkDraft(auth, draft);
      await checkDay(draft.agencyId, decision.day, 'decision.day');
      let agencyId = draft.agencyId;
      if (decision.kind === 'assign') {
        const tech = await reachableTechnician(auth, draft.agencyId, decision);
        agencyId = tech.agencyId;
      }
      return refusals(() => commitUrgent(deps, draft, decision, agencyId));
    },
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/interventions/:id/urgent-answer`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Rank a visit of the queue as an urgent request, with what else can be done',
      description:
        'The answer of POST /api/urgent-requests/rank for a stored visit waiting in the queue (requested, nobody’s), ranked under its own id: ' +
        'who can take it, why each other technician cannot, and when nobody can, the first slots of the next 7 days, overtime, a visit to bump, a neighbouring agency. Writes nothing.',
      params: IdParams,
      body: QueuedRankRequest,
      response: UrgentAnswer,
      errors: [404, 422],
    },
    async ({ auth, params, body }) => {
      const row = await visibleIntervention(auth, params.id);
      await checkDay(row.agencyId, body.day, 'day');
      return refusals(async () => {
        const visit = await queuedVisit(deps, params.id, body.day);
        return urgentAnswerFor({ prisma, ...(deps.now ? { now: deps.now } : {}) }, visit, {
          day: visit.day,
          mayDispatch: (agencyId) => canManageAgency(auth, agencyId),
        });
      });
    },
  );

  api.route(
    {
      method: 'post',
      path: `${prefix}/interventions/:id/urgent-decision`,
      tag: TAG,
      roles: OFFICE,
      summary: 'Apply one of the answer’s places to a visit of the queue',
      description:
        'The visit itself is put into the technician’s tour in one transaction (nothing is created): a slot of another day moves it to that day, ' +
        '`force` accepts up to 2 h of overtime, `bump` takes a lower-priority visit off the tour (back to the queue, or to `bumpedTo`), ' +
        'and a technician of another agency of the region (one the caller dispatches for) moves the visit to that agency. `version` is the one the dispatcher saw.',
      params: IdParams,
      body: QueuedDecisionRequest,
      response: UrgentCommitAnswer,
      errors: [403, 404, 409, 422],
    },
    async ({ auth, params, body }) => {
      const row = await visibleIntervention(auth, params.id);
      const { decision } = body;
      await checkDay(row.agencyId, decision.day, 'decision.day');
      const tech = await reachableTechnician(auth, row.agencyId, decision);
      return refusals(async () => placeQueued(deps, await queuedVisit(deps, params.id), body.version, decision, tech.agencyId));
    },
  );
}

/** The flow's refusals as HTTP answers naming the field. */
async function refusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InterventionNotFoundError) throw new HttpError(404, error.message, [{ path: 'id', in: 'params', message: 'no such intervention' }]);
    if (error instanceof DraftReferenceError)
      throw new HttpError(422, `${error.path}: ${error.message}`, [{ path: error.path, in: 'body', message: error.message }]);
    if (error instanceof InsertionRefusedError) throw new HttpError(422, error.message, [{ path: 'decision', in: 'body', message: error.message }]);
    if (error instanceof PlanConflictError || error instanceof VersionConflictError) throw new HttpError(409, `${error.message}: try again`);
    throw error;
  }
}
