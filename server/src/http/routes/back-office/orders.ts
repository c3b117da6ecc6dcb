// Supplier orders (received into a depot) and customer orders (delivered
// from one): the dated flows of the stock projection.
import type { Claims } from '../../../auth/tokens.ts';
import { IdParams, Page } from '@tournee/contracts/api';
import {
  CustomerOrder,
  CustomerOrderInput,
  CustomerOrderPatch,
  CustomerOrderQuery,
  DeliveryInput,
  MovementBatch,
  ReceiptInput,
  SupplierOrder,
  SupplierOrderInput,
  SupplierOrderPatch,
  SupplierOrderQuery,
} from '@tournee/contracts/back-office';
import { dateOf } from '../../../back-office/days.ts';
import { deliverCustomerOrder, receiveSupplierOrder } from '../../../back-office/stock/operations.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { defined } from '../../crud.ts';
import { HttpError, notFound } from '../../errors.ts';
import type { ApiRegistry } from '../../registry.ts';
import { depotScopeOf } from './scope.ts';
import { batchAnswer, publishedFor } from './stock.ts';
import { OFFICE, TAGS, days, requireAgency, run, today, type BackOfficeDeps } from './support.ts';

const dayOrNull = (d: string | null | undefined) => (d === undefined ? undefined : d === null ? null : dateOf(d));

export function orderRoutes(api: ApiRegistry, deps: BackOfficeDeps): void {
  const { prisma } = deps;
  const depotFor = async (auth: Claims, depotId: string) => {
    const depot = await prisma.depot.findFirst({ where: { AND: [{ id: depotId }, depotScopeOf(auth)] } });
    if (!depot) throw new HttpError(422, 'refers to a record that does not exist', [{ path: 'depotId', in: 'body', message: 'no such depot of yours' }]);
    requireAgency(auth, depot.agencyId);
    return depot;
  };
  const supplierOrder = async (auth: Claims, id: string) => {
    const order = await prisma.supplierOrder.findFirst({ where: { id, depot: depotScopeOf(auth) }, include: { lines: true } });
    if (!order) throw notFound('supplier order');
    return order;
  };
  const customerOrder = async (auth: Claims, id: string) => {
    const order = await prisma.customerOrder.findFirst({ where: { id, depot: depotScopeOf(auth) }, include: { lines: true } });
    if (!order) throw notFound('customer order');
    return order;
  };

  // ─── Supplier orders ───
  api.route(
    {
      method: 'get',
      path: '/api/supplier-orders',
      summary: 'List supplier orders',
      tag: TAGS.stock,
      roles: OFFICE,
      query: SupplierOrderQuery,
      response: Page(SupplierOrder),
    },
    async ({ auth, query: q }) => {
      const where: Prisma.SupplierOrderWhereInput = {
        depot: depotScopeOf(auth),
        ...defined({ supplierId: q.supplierId, depotId: q.depotId, status: q.status }),
      };
      const [items, total] = await Promise.all([
        prisma.supplierOrder.findMany({ where, include: { lines: true }, orderBy: [{ createdAt: 'desc' }], take: q.limit, skip: q.offset }),
        prisma.supplierOrder.count({ where }),
      ]);
      return days({ items, total, limit: q.limit, offset: q.offset });
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/supplier-orders/:id',
      summary: 'Get one supplier order',
      tag: TAGS.stock,
      roles: OFFICE,
      params: IdParams,
      response: SupplierOrder,
    },
    async ({ auth, params }) => days(await supplierOrder(auth, params.id)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/supplier-orders',
      summary: 'Create a supplier order (draft or ordered)',
      tag: TAGS.stock,
      roles: OFFICE,
      body: SupplierOrderInput,
      response: SupplierOrder,
      status: 201,
      errors: [409, 422],
    },
    async ({ auth, body }) => {
      await depotFor(auth, body.depotId);
      const parts = new Map((await prisma.part.findMany({ where: { id: { in: body.lines.map((l) => l.partId) } } })).map((p) => [p.id, p]));
      const missing = body.lines.findIndex((l) => !parts.has(l.partId));
      if (missing >= 0)
        throw new HttpError(422, 'refers to a record that does not exist', [{ path: `lines[${missing}].partId`, in: 'body', message: 'no such part' }]);
      return days(
        await prisma.supplierOrder.create({
          data: {
            supplierId: body.supplierId,
            depotId: body.depotId,
            reference: body.reference,
            status: body.status ?? 'draft',
            orderedOn: dayOrNull(body.orderedOn) ?? null,
            expectedOn: dayOrNull(body.expectedOn) ?? null,
            notes: body.notes ?? null,
            lines: {
              create: body.lines.map((l) => ({ partId: l.partId, quantity: l.quantity, unitCostCents: l.unitCostCents ?? parts.get(l.partId)!.unitCostCents })),
            },
          },
          include: { lines: true },
        }),
      );
    },
  );
  api.route(
    {
      method: 'patch',
      path: '/api/supplier-orders/:id',
      summary: 'Order, cancel, or re-date a supplier order',
      tag: TAGS.stock,
      roles: OFFICE,
      params: IdParams,
      body: SupplierOrderPatch,
      response: SupplierOrder,
      errors: [409],
    },
    async ({ auth, params, body }) => {
      const order = await supplierOrder(auth, params.id);
      await depotFor(auth, order.depotId);
      if (body.status && !['draft', 'ordered'].includes(order.status))
        throw new HttpError(409, `a ${order.status} order keeps its status`, [{ path: 'status', in: 'body', message: `is ${order.status}` }]);
      if (body.status === 'draft' && order.status !== 'draft')
        throw new HttpError(409, 'an ordered order does not go back to draft: cancel it', [{ path: 'status', in: 'body', message: 'ordered' }]);
      return days(
        await prisma.supplierOrder.update({
          where: { id: params.id },
          data: { ...defined({ status: body.status, notes: body.notes, orderedOn: dayOrNull(body.orderedOn), expectedOn: dayOrNull(body.expectedOn) }) },
          include: { lines: true },
        }),
      );
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/supplier-orders/:id/receipts',
      summary: 'Receive (part of) a supplier order into its depot',
      tag: TAGS.stock,
      roles: OFFICE,
      params: IdParams,
      body: ReceiptInput,
      response: MovementBatch,
      status: 201,
      errors: [409, 422],
    },
    async ({ auth, params, body, req }) => {
      const order = await supplierOrder(auth, params.id);
      await depotFor(auth, order.depotId);
      return publishedFor(prisma)(
        batchAnswer(await run(() => receiveSupplierOrder(prisma, params.id, body.lines, { userId: req.auth?.sub, now: today(deps) }))),
      );
    },
  );

  // ─── Customer orders ───
  api.route(
    {
      method: 'get',
      path: '/api/customer-orders',
      summary: 'List customer orders of parts',
      tag: TAGS.stock,
      roles: OFFICE,
      query: CustomerOrderQuery,
      response: Page(CustomerOrder),
    },
    async ({ auth, query: q }) => {
      const where: Prisma.CustomerOrderWhereInput = {
        depot: depotScopeOf(auth),
        ...defined({ customerId: q.customerId, depotId: q.depotId, status: q.status }),
      };
      const [items, total] = await Promise.all([
        prisma.customerOrder.findMany({ where, include: { lines: true }, orderBy: [{ dueOn: 'asc' }, { id: 'asc' }], take: q.limit, skip: q.offset }),
        prisma.customerOrder.count({ where }),
      ]);
      return days({ items, total, limit: q.limit, offset: q.offset });
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/customer-orders/:id',
      summary: 'Get one customer order',
      tag: TAGS.stock,
      roles: OFFICE,
      params: IdParams,
      response: CustomerOrder,
    },
    async ({ auth, params }) => days(await customerOrder(auth, params.id)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/customer-orders',
      summary: 'Record parts a customer ordered, to deliver from a depot by a date',
      tag: TAGS.stock,
      roles: OFFICE,
      body: CustomerOrderInput,
      response: CustomerOrder,
      status: 201,
      errors: [409, 422],
    },
    async ({ auth, body }) => {
      await depotFor(auth, body.depotId);
      const parts = new Map((await prisma.part.findMany({ where: { id: { in: body.lines.map((l) => l.partId) } } })).map((p) => [p.id, p]));
      const missing = body.lines.findIndex((l) => !parts.has(l.partId));
      if (missing >= 0)
        throw new HttpError(422, 'refers to a record that does not exist', [{ path: `lines[${missing}].partId`, in: 'body', message: 'no such part' }]);
      return days(
        await prisma.customerOrder.create({
          data: {
            customerId: body.customerId,
            depotId: body.depotId,
            reference: body.reference,
            dueOn: dateOf(body.dueOn),
            notes: body.notes ?? null,
            lines: {
              create: body.lines.map((l) => ({
                partId: l.partId,
                quantity: l.quantity,
                unitPriceCents: l.unitPriceCents ?? parts.get(l.partId)!.unitPriceCents,
              })),
            },
          },
          include: { lines: true },
        }),
      );
    },
  );
  api.route(
    {
      method: 'patch',
      path: '/api/customer-orders/:id',
      summary: 'Re-date or cancel a customer order',
      tag: TAGS.stock,
      roles: OFFICE,
      params: IdParams,
      body: CustomerOrderPatch,
      response: CustomerOrder,
      errors: [409],
    },
    async ({ auth, params, body }) => {
      const order = await customerOrder(auth, params.id);
      await depotFor(auth, order.depotId);
      if (order.status !== 'open') throw new HttpError(409, `a ${order.status} order is not changed`);
      return days(
        await prisma.customerOrder.update({
          where: { id: params.id },
          data: defined({ status: body.status, notes: body.notes, dueOn: body.dueOn ? dateOf(body.dueOn) : undefined }),
          include: { lines: true },
        }),
      );
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/customer-orders/:id/deliveries',
      summary: 'Deliver (part of) a customer order from its depot',
      tag: TAGS.stock,
      roles: OFFICE,
      params: IdParams,
      body: DeliveryInput,
      response: MovementBatch,
      status: 201,
      errors: [409, 422],
    },
    async ({ auth, params, body, req }) => {
      const order = await customerOrder(auth, params.id);
      await depotFor(auth, order.depotId);
      return publishedFor(prisma)(
        batchAnswer(await run(() => deliverCustomerOrder(prisma, params.id, body.lines, { userId: req.auth?.sub, now: today(deps) }))),
      );
    },
  );
}
