// GET /api/overdue-visits: the service plans whose visit is overdue, in the
// caller's agencies, each saying why — the due day, or for a usage plan the
// counter that reached its threshold (service-plans/overdue.ts). Office roles.
import { unitOfKnownCounter } from '@tournee/contracts/counter-units';
import { OverdueList, OverdueQuery } from '@tournee/contracts/overdue-visits';
import { localDay } from '@tournee/contracts/zoned-time';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { overdueVisits } from '../../service-plans/overdue.ts';
import { DEFAULT_TIME_ZONE } from '../../service-plans/plan-facts.ts';
import type { ApiRegistry } from '../registry.ts';

export function overdueVisitRoutes(api: ApiRegistry, deps: { prisma: PrismaClient; now?: (() => Date) | undefined }): void {
  api.route(
    {
      method: 'get',
      path: '/api/overdue-visits',
      summary: 'Service-plan visits overdue: past their due day, or a usage counter past its threshold (which counter, reading ≥ threshold)',
      tag: 'Contracts',
      roles: ['admin', 'dispatcher'],
      query: OverdueQuery,
      response: OverdueList,
    },
    async ({ auth, query }) => {
      const agencyIds = query.agencyId ? [query.agencyId] : auth.role === 'admin' ? undefined : auth.agencyIds;
      const rows = await overdueVisits(deps.prisma, {
        today: query.today ?? localDay(deps.now?.() ?? new Date(), DEFAULT_TIME_ZONE),
        ...(agencyIds ? { agencyIds: [...agencyIds] } : {}),
        ...(query.customerId ? { customerId: query.customerId } : {}),
        limit: query.limit,
      });
      return {
        items: rows.map(({ openInterventionPlannedStart: _planned, ...r }) => ({
          ...r,
          counterUnit: r.counterName ? unitOfKnownCounter(r.counterName) : null,
        })),
      };
    },
  );
}
