// The stock screen's server calls, each naming its route in the contracts'
// route table through the typed client (ui/src/api/client.ts); the record
// types come from the back office's contracts — as types only: zod stays out
// of the bundle.
import type { z } from 'zod';
import type * as Catalogue from '@tournee/contracts/back-office/catalogue';
import type * as Stock from '@tournee/contracts/back-office/stock';
import { allPages, createCallApi } from '../../api/client.ts';
import type { BackOfficeHttp } from '../shared/client.ts';

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
  const call = createCallApi(http);
  return {
    depots: (agencyId: string) => allPages(call, 'GET /api/depots', { agencyId }),
    parts: () => allPages(call, 'GET /api/parts', {}, 5000),
    suppliers: () => allPages(call, 'GET /api/suppliers'),
    levels: (agencyId: string) => allPages(call, 'GET /api/stock-levels', { agencyId }, 20_000),
    movements: (query: { depotId?: string; partId?: string; limit?: number }) =>
      call('GET /api/stock-movements', { query: { depotId: query.depotId, partId: query.partId, limit: query.limit ?? 50 } }),
    projection: (agencyId: string, horizonDays = 30) => allPages(call, 'GET /api/stock/projection', { agencyId, horizonDays }, 20_000),
    shortages: (agencyId: string, horizonDays = 30) => call('GET /api/stock/shortages', { query: { agencyId, horizonDays } }),
    supplierOrders: () => allPages(call, 'GET /api/supplier-orders', {}, 2000),
    transfer: (input: TransferInput) => call('POST /api/stock-movements/transfers', { body: input }),
    adjust: (input: AdjustmentInput) => call('POST /api/stock-movements/adjustments', { body: input }),
    createSupplierOrder: (input: SupplierOrderInput) => call('POST /api/supplier-orders', { body: input }),
    markOrdered: (orderId: string, orderedOn: string) =>
      call('PATCH /api/supplier-orders/:id', { params: { id: orderId }, body: { status: 'ordered', orderedOn } }),
    receive: (orderId: string, input: ReceiptInput) => call('POST /api/supplier-orders/:id/receipts', { params: { id: orderId }, body: input }),
  };
}

export type StockApi = ReturnType<typeof stockApi>;

/** Below its minimum: judged on what is free, the way the server's shortage list does. */
export const isBelowMin = (l: Pick<StockLevel, 'free' | 'minQuantity'>): boolean => l.minQuantity !== null && l.free < l.minQuantity;
