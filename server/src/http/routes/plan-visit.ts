// POST /api/service-plans/:id/visit — « Créer la visite »: the plan's next due
// visit created now (service-plans/create-visit.ts), in the agency of the
// plan's site, which must be one of the dispatcher's (checked against the
// stored site, never a claim of the request). Answers the new intervention,
// or 409 naming the visit already there.
import { newQueuedInterventionChange } from '../../realtime/broadcaster.ts';
import { IdParams, Intervention, allowedTransitions } from '@tournee/contracts/api';
import { flagInterventionCoverage } from '../../back-office/index.ts';
import { createPlanVisit } from '../../service-plans/create-visit.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError, forbidden, notFound } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';

export function planVisitRoutes(api: ApiRegistry, { prisma, broadcaster, log = () => {} }: AppDeps): void {
  api.route(
    {
      method: 'post',
      path: '/api/service-plans/:id/visit',
      summary: "Create a service plan's next due visit now (as the generator would), in the agency of the plan's site",
      description:
        "The visit takes the plan's kind, description, skills, duration and priority, its due day (or counter threshold) and first plannable day; requested, unassigned. " +
        "403 when the plan's site is not in one of the caller's agencies; 409 when the visit of that occurrence exists already (its id in `interventionId`), or the plan or its contract is not active.",
      tag: 'Contracts',
      roles: ['admin', 'dispatcher'],
      params: IdParams,
      response: Intervention,
      status: 201,
      errors: [409],
    },
    async ({ auth, params }) => {
      const outcome = await createPlanVisit(prisma, params.id, auth.role === 'admin' ? null : auth.agencyIds, new Date());
      switch (outcome.kind) {
        case 'not_found':
          throw notFound('service plan');
        case 'not_your_agency':
          throw forbidden("this service plan's site is not in one of your agencies");
        case 'refused':
          throw new HttpError(409, outcome.reason, [{ path: 'id', in: 'params', message: outcome.reason }]);
        case 'exists': {
          const due = outcome.dueOn ?? `counter ${outcome.dueCounter}`;
          throw new HttpError(409, `the visit due ${due} exists already`, [{ path: 'id', in: 'params', message: 'visit exists already' }], {
            interventionId: outcome.interventionId,
            dueOn: outcome.dueOn,
          });
        }
      }
      await flagInterventionCoverage(prisma, outcome.interventionId, { occasion: 'request' }).catch((error: unknown) =>
        log(`intervention ${outcome.interventionId} created, its warranty flag not computed: ${error instanceof Error ? error.message : String(error)}`),
      );
      const created = await prisma.intervention.findUniqueOrThrow({
        where: { id: outcome.interventionId },
        include: { requiredSkills: { select: { skillId: true, minLevel: true } }, site: { select: { sectorId: true } } },
      });
      broadcaster?.interventionChanged(newQueuedInterventionChange(created));
      const { site: _site, ...row } = created;
      return { ...row, allowedTransitions: allowedTransitions(row.status, auth.role, false) };
    },
  );
}
