// The Stock screen's server data as TanStack Query queries, under keys that say
// what each is. Two families:
// - the catalogue (`stock-catalogue`): depots, parts, suppliers — read once per
//   agency, and again only on "Actualiser";
// - the stock (`stock`): levels, movements, supplier orders, shortages and the
//   projection — read again after any movement the screen makes
//   (`useStockChanged`) and when the board hears the plan or the field change
//   (useInvalidateOnBoardEvents in StockScreen).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Depot, Part, StockApi, Supplier } from './api.ts';

export interface Catalogue {
  /** The agency these depots belong to. */
  readonly agencyId: string;
  readonly depots: readonly Depot[];
  readonly parts: ReadonlyMap<string, Part>;
  readonly depotById: ReadonlyMap<string, Depot>;
  readonly suppliers: ReadonlyMap<string, Supplier>;
}

export const stockKeys = {
  /** Every query whose answer a stock movement can change. */
  all: ['stock'] as const,
  levels: (agencyId: string) => ['stock', 'levels', agencyId] as const,
  movements: (depotId: string, partId: string | null) => ['stock', 'movements', depotId, partId] as const,
  supplierOrders: ['stock', 'supplier-orders'] as const,
  shortages: (agencyId: string, horizonDays: number) => ['stock', 'shortages', agencyId, horizonDays] as const,
  projection: (agencyId: string, horizonDays: number) => ['stock', 'projection', agencyId, horizonDays] as const,
  /** Depots, parts and suppliers: not changed by movements. */
  catalogueAll: ['stock-catalogue'] as const,
  catalogue: (agencyId: string) => ['stock-catalogue', agencyId] as const,
};

/** The agency's active depots (central first, then vans, by name), the parts and the suppliers. */
export function useCatalogue(api: StockApi, agencyId: string | null) {
  return useQuery({
    queryKey: stockKeys.catalogue(agencyId ?? ''),
    enabled: agencyId !== null,
    queryFn: async (): Promise<Catalogue> => {
      const [depots, parts, suppliers] = await Promise.all([api.depots(agencyId!), api.parts(), api.suppliers().catch(() => [])]);
      const sorted = [...depots].filter((d) => d.active).sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'central' ? -1 : 1));
      return {
        agencyId: agencyId!,
        depots: sorted,
        depotById: new Map(sorted.map((d) => [d.id, d])),
        parts: new Map(parts.map((p) => [p.id, p])),
        suppliers: new Map(suppliers.map((s) => [s.id, s])),
      };
    },
  });
}

export function useLevels(api: StockApi, agencyId: string | null) {
  return useQuery({ queryKey: stockKeys.levels(agencyId ?? ''), enabled: agencyId !== null, queryFn: () => api.levels(agencyId!) });
}

/** The latest 50 movements of a depot (of one part in it when given); nothing without a depot. */
export function useMovements(api: StockApi, depotId: string | null, partId: string | null) {
  return useQuery({
    queryKey: stockKeys.movements(depotId ?? '', partId),
    enabled: depotId !== null,
    queryFn: () => api.movements({ depotId: depotId ?? undefined, partId: partId ?? undefined, limit: 50 }),
  });
}

export function useSupplierOrders(api: StockApi, enabled = true) {
  return useQuery({ queryKey: stockKeys.supplierOrders, enabled, queryFn: () => api.supplierOrders() });
}

export function useShortages(api: StockApi, agencyId: string, horizonDays: number) {
  return useQuery({ queryKey: stockKeys.shortages(agencyId, horizonDays), queryFn: () => api.shortages(agencyId, horizonDays) });
}

export function useProjection(api: StockApi, agencyId: string, horizonDays: number) {
  return useQuery({ queryKey: stockKeys.projection(agencyId, horizonDays), queryFn: () => api.projection(agencyId, horizonDays) });
}

/** After a movement the screen made (transfer, adjustment, receipt, order): the stock is read again. */
export function useStockChanged(): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => void queryClient.invalidateQueries({ queryKey: stockKeys.all }), [queryClient]);
}
