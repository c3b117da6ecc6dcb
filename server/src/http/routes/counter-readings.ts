// Meter readings pushed by the office or an integration (a building
// management system, a manufacturer's connected boiler): by the equipment's
// id, or by its reference (the ERP's number) when the integration knows only
// that. The technician's readings come through replication instead
// (replication/actions/counter-reading.ts); both end in recordReadingsIn.
// Equipment is shared by all agencies, like the rest of the installed base;
// a technician reaches only the equipment of their visits (equipmentScope).
import { CounterReadingsAnswer, CounterReadingsInput, ReferenceParams } from '@tournee/contracts/counters';
import { IdParams } from '@tournee/contracts/api';
import { equipmentScope } from '../../auth/scope.ts';
import type { Claims } from '../../auth/tokens.ts';
import { recordReadingsIn } from '../../counters/record-readings.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { HttpError, notFound } from '../errors.ts';
import { checkReferences } from '../references.ts';
import type { ApiRegistry } from '../registry.ts';
import { run } from './back-office/support.ts';
import type { z } from 'zod';

export interface CounterReadingDeps {
  readonly prisma: PrismaClient;
  readonly now?: (() => Date) | undefined;
}

const TAG = 'Installed base';
const DESCRIPTION =
  'Each reading: counter (operating_hours, start_cycles, … or your own name), value, unit (h, cycles, kWh, m3, km) and reset (the meter was replaced or zeroed). ' +
  'A counter never goes down without reset (422 naming the reading), keeps its unit, and the same readings at the same readAt are answered once (duplicate: true). ' +
  'A reading older than the last one is kept in the history only (late: true). Usage-based service plans generate their due visit when a counter reaches the threshold (dueVisits).';

export function counterReadingRoutes(api: ApiRegistry, deps: CounterReadingDeps): void {
  const { prisma } = deps;

  const record = async (auth: Claims, userId: string | undefined, where: Prisma.EquipmentWhereInput, body: z.output<typeof CounterReadingsInput>) => {
    const equipment = await prisma.equipment.findFirst({ where: { AND: [where, equipmentScope(auth)] }, select: { id: true, siteId: true } });
    if (!equipment) throw notFound('equipment');
    if (body.interventionId) {
      // The visit it was read on must be one of the caller's agencies', and at this equipment's site.
      await checkReferences(prisma, auth, undefined, [{ path: 'interventionId', kind: 'intervention', id: body.interventionId }]);
      const visit = await prisma.intervention.findUnique({ where: { id: body.interventionId }, select: { siteId: true, equipmentId: true } });
      if (visit && visit.equipmentId !== equipment.id && visit.siteId !== equipment.siteId)
        throw new HttpError(422, 'the visit named is not at this equipment’s site', [
          { path: 'interventionId', in: 'body', message: 'not at the equipment’s site' },
        ]);
    }
    const now = deps.now?.() ?? new Date();
    const recorded = await run(() =>
      prisma.$transaction(
        (tx) =>
          recordReadingsIn(tx, {
            equipmentId: equipment.id,
            readings: body.readings,
            readAt: body.readAt ? new Date(body.readAt) : now,
            interventionId: body.interventionId ?? null,
            authorId: userId ?? null,
            note: body.note ?? null,
            source: 'api',
            now,
          }),
        { timeout: 30_000, maxWait: 10_000 },
      ),
    );
    return { ...recorded, countersReadAt: recorded.countersReadAt?.toISOString() ?? null };
  };

  api.route(
    {
      method: 'post',
      path: '/api/equipment/:id/counter-readings',
      summary: 'Record meter readings (operating hours, start cycles…) on a piece of equipment',
      tag: TAG,
      agency: 'shared',
      roles: ['admin', 'dispatcher', 'technician'],
      params: IdParams,
      body: CounterReadingsInput,
      response: CounterReadingsAnswer,
      status: 201,
      errors: [409, 422],
      description: DESCRIPTION,
    },
    ({ auth, params, body, req }) => record(auth, req.auth?.sub, { id: params.id }, body),
  );

  api.route(
    {
      method: 'post',
      path: '/api/equipment/by-reference/:reference/counter-readings',
      summary: 'Record meter readings on the equipment with this reference (the ERP’s number)',
      tag: TAG,
      agency: 'shared',
      roles: ['admin', 'dispatcher'],
      params: ReferenceParams,
      body: CounterReadingsInput,
      response: CounterReadingsAnswer,
      status: 201,
      errors: [409, 422],
      description: DESCRIPTION,
    },
    ({ auth, params, body, req }) => record(auth, req.auth?.sub, { reference: params.reference }, body),
  );
}
