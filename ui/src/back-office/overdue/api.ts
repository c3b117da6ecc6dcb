// The calls of the overdue visits screen, each naming its route in the
// contracts' route table through the typed client (ui/src/api/client.ts).
import type { z } from 'zod';
import { createCallApi } from '../../api/client.ts';
import type { BackOfficeHttp } from '../shared/client.ts';

export type OverdueVisit = z.output<(typeof import('@tournee/contracts/overdue-visits'))['OverdueVisit']>;

export function overdueApi(http: BackOfficeHttp) {
  const call = createCallApi(http);
  return {
    list: (agencyId: string, today: string) => call('GET /api/overdue-visits', { query: { agencyId, today, limit: 500 } }).then((p) => p.items),
    /** The plan's next due visit, created now (409 when it exists already). */
    createVisit: (servicePlanId: string) => call('POST /api/service-plans/:id/visit', { params: { id: servicePlanId } }),
  };
}
export type OverdueApi = ReturnType<typeof overdueApi>;
