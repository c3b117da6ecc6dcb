// The back office's REST routes (warranties, stock, quotes and invoices,
// accounting), declared on the app's registry so they share its validation,
// authorization and OpenAPI document.
//
// `backOfficeRoutes(registry, deps)` is what the app declares; `backOfficeRouter(deps)`
// is the same routes as a plain router, for a host that mounts routers instead.
import type { Router } from 'express';
import { ApiRegistry } from '../../registry.ts';
import { accountingRoutes } from './accounting.ts';
import { accountingExportRoutes } from './accounting-exports.ts';
import { billingRoutes } from './billing.ts';
import { catalogueRoutes } from './catalogue.ts';
import { interventionPartRoutes } from './interventions.ts';
import { orderRoutes } from './orders.ts';
import { stockRoutes } from './stock.ts';
import type { BackOfficeDeps } from './support.ts';
import { warrantyRoutes } from './warranties.ts';

export type { BackOfficeDeps } from './support.ts';

export function backOfficeRoutes(api: ApiRegistry, deps: BackOfficeDeps): void {
  catalogueRoutes(api, deps);
  stockRoutes(api, deps);
  orderRoutes(api, deps);
  interventionPartRoutes(api, deps);
  warrantyRoutes(api, deps);
  billingRoutes(api, deps);
  accountingRoutes(api, deps);
  accountingExportRoutes(api, deps);
}

/** The same routes on their own router (full /api paths); mount it at the root, behind authentication. */
export function backOfficeRouter(deps: BackOfficeDeps): Router {
  const registry = new ApiRegistry();
  backOfficeRoutes(registry, deps);
  return registry.router;
}
