// The stock screen's server calls (server/src/http/routes/back-office/
// {stock,orders,catalogue}.ts), typed by the back office's contracts — as
// types only: zod stays out of the bundle.
import type { z } from 'zod';
import type * as Catalogue from '@tournee/contracts/back-office/catalogue';
import type * as Stock from '@tournee/contracts/back-office/stock';
import { listAll, path, type BackOfficeHttp } from '../shared/client.ts';

export type Depot = z.output<typeof Catalogue.Depot>;
export type Part = z.output<typeof Catalogue.Part>;
export type Supplier = z.output<typeof Catalogue.Supplier>;
export type StockLevel = z.output<typeof Catalogue.StockLevel>;
export type StockMovement = z.output<typeof Stock.StockMovement>;
export type MovementKind = z.output<typeof Stock.StockMovementKind>;
export type MovementBatch = z.output<typeof Stock.MovementBatch>;
export type Projection = z.output<typeof Stock.Projection>;
export type ShortageAnswer = z.output<typeof Stock.ShortageAnswer>;
export type Shortage = ShortageAnswer['shortages'][number];
export type Suggestion = ShortageAnswer['suggestions'][number];
export type SupplierOrder = z.output<typeof Stock.SupplierOrder>;
export type TransferInput = z.input<typeof Stock.TransferInput>;
export type AdjustmentInput = z.input<typeof Stock.AdjustmentInput>;
export type SupplierOrderInput = z.input<typeof Stock.SupplierOrderInput>;
export type ReceiptInput = z.input<typeof Stock.ReceiptInput>;

export function stockApi(http: BackOfficeHttp) {
  return {
    depots: (agencyId: string) => listAll<Depot>(http, '/api/depots', { agencyId }),
    parts: () => listAll<Part>(http, '/api/parts', {}, 5000),
    suppliers: () => listAll<Supplier>(http, '/api/suppliers'),
    levels: (agencyId: string) => listAll<StockLevel>(http, '/api/stock-levels', { agencyId }, 20_000),
    movements: (query: { depotId?: string; partId?: string; limit?: number }) =>
      http.get<{ items: StockMovement[]; total: number }>('/api/stock-movements', { depotId: query.depotId, partId: query.partId, limit: query.limit ?? 50 }),
    projection: (agencyId: string, horizonDays = 30) => listAll<Projection>(http, '/api/stock/projection', { agencyId, horizonDays }, 20_000),
    shortages: (agencyId: string, horizonDays = 30) => http.get<ShortageAnswer>('/api/stock/shortages', { agencyId, horizonDays }),
    supplierOrders: () => listAll<SupplierOrder>(http, '/api/supplier-orders', {}, 2000),
    transfer: (input: TransferInput) => http.post<MovementBatch>('/api/stock-movements/transfers', input),
    adjust: (input: AdjustmentInput) => http.post<MovementBatch>('/api/stock-movements/adjustments', input),
    createSupplierOrder: (input: SupplierOrderInput) => http.post<SupplierOrder>('/api/supplier-orders', input),
    markOrdered: (orderId: string, orderedOn: string) => http.patch<SupplierOrder>(path('/api/supplier-orders/:id', orderId), { status: 'ordered', orderedOn }),
    receive: (orderId: string, input: ReceiptInput) => http.post<MovementBatch>(path('/api/supplier-orders/:id/receipts', orderId), input),
  };
}

export type StockApi = ReturnType<typeof stockApi>;

/** Below its minimum: judged on what is free, the way the server's shortage list does. */
export const isBelowMin = (l: Pick<StockLevel, 'free' | 'minQuantity'>): boolean => l.minQuantity !== null && l.free < l.minQuantity;
