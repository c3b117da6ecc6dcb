// The server calls behind "Nouvelle intervention" and the urgent panel's
// "Client ou site", through the typed client (ui/src/api/client.ts) and the
// session's http client (the back office's, which tests replace through
// <BackOfficeHttpContext.Provider>). Types only from the contracts.
import type { z } from 'zod';
import type * as NewWork from '@tournee/contracts/api/new-work';
import type * as ServiceContracts from '@tournee/contracts/api/service-contracts';
import type * as Catalogue from '@tournee/contracts/back-office/catalogue';
import { createCallApi } from '../api/client.ts';
import type { Http } from '../api/http.ts';

export type CustomerHit = z.output<typeof NewWork.CustomerHit>;
export type SiteHit = z.output<typeof NewWork.SiteHit>;
export type EquipmentHit = z.output<typeof NewWork.EquipmentHit>;
export type Place = z.output<typeof NewWork.Place>;
export type NewWorkInput = z.input<typeof NewWork.NewWorkInput>;
export type Part = z.output<typeof Catalogue.Part>;
export type ServicePlanRow = z.output<typeof ServiceContracts.ServicePlan>;

export function workApi(http: Http) {
  const call = createCallApi(http);
  return {
    search: (q: string, agencyId: string | null) =>
      call('GET /api/work/search', { query: { q, limit: 8, ...(agencyId ? { agencyId } : {}) } }).then((a) => a.customers),
    places: (q: string, agencyId: string | null) => call('GET /api/work/places', { query: { q, ...(agencyId ? { agencyId } : {}) } }).then((a) => a.places),
    parts: (q: string) => call('GET /api/parts', { query: { q, active: 'true', limit: 8 } }).then((p) => p.items),
    create: (input: NewWorkInput) => call('POST /api/work/interventions', { body: input }),
    /** The site's active service plans, next due first. */
    sitePlans: (siteId: string) => call('GET /api/service-plans', { query: { siteId, active: true, limit: 20 } }).then((p) => p.items),
    /** « Créer la visite »: the plan's next due visit, created by the server. */
    createPlanVisit: (planId: string) => call('POST /api/service-plans/:id/visit', { params: { id: planId } }),
  };
}

export type WorkApi = ReturnType<typeof workApi>;
