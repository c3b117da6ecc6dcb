// A visit's parts and warranty: the parts it needs, whether they are free
// where its technician can get them, reservations, consumption from the
// technician's report, and the coverage flag.
//
// Technicians consume parts only on their own interventions, from their van
// or a central depot of the intervention's agency.
import { interventionScope } from '../../../auth/scope.ts';
import type { Claims } from '../../../auth/tokens.ts';
import { IdParams } from '@tournee/contracts/api';
import {
  Availability,
  AvailabilityQuery,
  ConsumptionInput,
  CoverageInput,
  CoverageVerdict,
  InterventionCoverage,
  InterventionPart,
  InterventionPartsInput,
  MovementBatch,
  ReservationAnswer,
  ReservationInput,
} from '@tournee/contracts/back-office';
import { consumeOnIntervention } from '../../../back-office/stock/operations.ts';
import { partsAvailability, pickupDepotIds, releaseReservations, reserveParts, setInterventionParts } from '../../../back-office/stock/reservations.ts';
import { flagInterventionCoverage } from '../../../back-office/warranties/detect.ts';
import { z } from 'zod';
import { HttpError, forbidden, notFound } from '../../errors.ts';
import type { ApiRegistry } from '../../registry.ts';
import { batchAnswer, publishedFor } from './stock.ts';
import { OFFICE, TAGS, days, requireAgency, run, today, type BackOfficeDeps } from './support.ts';

export function interventionPartRoutes(api: ApiRegistry, deps: BackOfficeDeps): void {
  const { prisma } = deps;
  const visible = async (auth: Claims, id: string) => {
    const row = await prisma.intervention.findFirst({
      where: { AND: [{ id }, interventionScope(auth)] },
      select: { id: true, agencyId: true, technicianId: true, status: true },
    });
    if (!row) throw notFound('intervention');
    return row;
  };

  api.route(
    {
      method: 'get',
      path: '/api/interventions/:id/parts',
      summary: 'The parts a visit needs',
      tag: TAGS.stock,
      params: IdParams,
      response: z.array(InterventionPart),
    },
    async ({ auth, params }) => {
      await visible(auth, params.id);
      return prisma.interventionPart.findMany({ where: { interventionId: params.id }, orderBy: { partId: 'asc' } });
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/interventions/:id/parts',
      summary: 'Set the parts a visit needs (reservations beyond them are released)',
      tag: TAGS.stock,
      roles: OFFICE,
      params: IdParams,
      body: InterventionPartsInput,
      response: z.array(InterventionPart),
      errors: [409, 422],
    },
    async ({ auth, params, body }) => {
      requireAgency(auth, (await visible(auth, params.id)).agencyId);
      return run(() => setInterventionParts(prisma, params.id, body.parts));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/interventions/:id/parts-availability',
      summary: "Whether the visit's parts are free where its technician can get them",
      tag: TAGS.stock,
      params: IdParams,
      query: AvailabilityQuery,
      response: Availability,
      description:
        "depotIds (comma-separated) default to the assigned technician's van and the agency's central depots. When parts are missing, availableFrom is the expected day of the supplier orders that cover them.",
    },
    async ({ auth, params, query }) => {
      const i = await visible(auth, params.id);
      const depotIds = query.depotIds
        ? query.depotIds
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : await pickupDepotIds(prisma, i.agencyId, i.technicianId);
      return days((await partsAvailability(prisma, [i.id], depotIds)).get(i.id)!);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/interventions/:id/reservations',
      summary: 'Reserve what the visit still needs (all or nothing)',
      tag: TAGS.stock,
      roles: OFFICE,
      params: IdParams,
      body: ReservationInput,
      response: ReservationAnswer,
      status: 201,
      errors: [409],
      description: 'Refused with 409, reason parts_unavailable, and one detail per missing part when the depots do not hold enough free stock.',
    },
    async ({ auth, params, body }) => {
      const i = await visible(auth, params.id);
      requireAgency(auth, i.agencyId);
      const depotIds = body.depotIds ?? (await pickupDepotIds(prisma, i.agencyId, i.technicianId));
      return run(() => reserveParts(prisma, i.id, depotIds));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/interventions/:id/reservations',
      summary: "Release the visit's reservations",
      tag: TAGS.stock,
      roles: OFFICE,
      params: IdParams,
    },
    async ({ auth, params }) => {
      requireAgency(auth, (await visible(auth, params.id)).agencyId);
      await releaseReservations(prisma, params.id);
      return undefined;
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/interventions/:id/consumptions',
      summary: "Parts used on the visit (the technician's report)",
      tag: TAGS.stock,
      params: IdParams,
      body: ConsumptionInput,
      response: MovementBatch,
      status: 201,
      errors: [409, 422],
      description:
        'Technicians consume on their own interventions only, from their van (the default) or a central depot of the agency. Taking a depot below zero is refused with 409 and reason stock_below_zero.',
    },
    async ({ auth, params, body, req }) => {
      const i = await visible(auth, params.id);
      if (auth.role === 'technician') {
        if (!auth.technicianId || i.technicianId !== auth.technicianId) throw forbidden('technicians consume parts on their own interventions only');
      } else requireAgency(auth, i.agencyId);
      const vanOwner = auth.role === 'technician' ? auth.technicianId : i.technicianId;
      const depot = body.depotId
        ? await prisma.depot.findUnique({ where: { id: body.depotId } })
        : vanOwner
          ? await prisma.depot.findUnique({ where: { technicianId: vanOwner } })
          : null;
      if (!depot)
        throw new HttpError(422, body.depotId ? 'refers to a record that does not exist' : 'no van for this technician: name the depot', [
          { path: 'depotId', in: 'body', message: body.depotId ? 'no such depot' : 'required' },
        ]);
      const reachable = depot.technicianId === vanOwner || (depot.kind === 'central' && depot.agencyId === i.agencyId);
      if (!reachable && auth.role === 'technician') throw forbidden("technicians take parts from their van or their agency's central depot");
      if (auth.role !== 'technician') requireAgency(auth, depot.agencyId);
      return publishedFor(prisma)(
        batchAnswer(
          await run(() =>
            consumeOnIntervention(prisma, { interventionId: i.id, depotId: depot.id, lines: body.lines, userId: req.auth?.sub, now: today(deps) }),
          ),
        ),
      );
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/interventions/:id/coverage',
      summary: "The visit's warranty flag as last decided",
      tag: TAGS.warranties,
      params: IdParams,
      response: InterventionCoverage,
    },
    async ({ auth, params }) => {
      await visible(auth, params.id);
      const coverage = await prisma.interventionCoverage.findUnique({ where: { interventionId: params.id } });
      if (!coverage) throw notFound('coverage (not decided yet: POST to decide it)');
      return coverage;
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/interventions/:id/coverage',
      summary: "Decide the visit's warranty flag now (covered / partly covered / not covered, with the rule)",
      tag: TAGS.warranties,
      roles: OFFICE,
      params: IdParams,
      body: CoverageInput,
      response: CoverageVerdict,
      errors: [422],
      description: 'Run when a request is registered; the invoice re-runs it. cause misuse or external excludes warranty and contract cover.',
    },
    async ({ auth, params, body }) => {
      requireAgency(auth, (await visible(auth, params.id)).agencyId);
      return days(await run(() => flagInterventionCoverage(prisma, params.id, { occasion: 'request', cause: body.cause, now: today(deps) })));
    },
  );
}
