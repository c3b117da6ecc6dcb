// Depots, stock levels, movements (transfers, returns, inventory
// adjustments), projections and the shortage list.
import { depotScopeOf } from './scope.ts';
import { Page } from '@tournee/contracts/api';
import {
  AdjustmentInput,
  Depot,
  DepotInput,
  DepotPatch,
  DepotQuery,
  MovementBatch,
  Projection,
  ProjectionQuery,
  ReturnAnswer,
  ReturnInput,
  ShortageAnswer,
  ShortageQuery,
  StockDrift,
  StockLevel,
  StockLevelParams,
  StockLevelPatch,
  StockLevelQuery,
  StockMovement,
  StockMovementQuery,
  TransferInput,
  checkDepot,
} from '@tournee/contracts/back-office';
import { booksDay } from '../../../back-office/days.ts';
import { stockDrift, setLevelSettings } from '../../../back-office/stock/levels.ts';
import type { RecordedBatch } from '../../../back-office/stock/movements.ts';
import { adjustStock, returnToStock, transferStock } from '../../../back-office/stock/operations.ts';
import { loadProjections, shortages } from '../../../back-office/stock/projection.ts';
import type { Prisma, PrismaClient } from '../../../generated/prisma/client.ts';
import { crudRoutes, defined } from '../../crud.ts';
import { HttpError } from '../../errors.ts';
import type { ApiRegistry } from '../../registry.ts';
import { OFFICE, TAGS, days, requireAgency, run, today, visibleAgencies, type BackOfficeDeps } from './support.ts';
import { publishStockMovements } from '../../../webhooks/back-office-events.ts';

/** Stock webhooks (movements, shortages), published once the batch is committed. */
export const publishedFor =
  (prisma: PrismaClient) =>
  <T extends ReturnType<typeof batchAnswer>>(answer: T): T => (publishStockMovements(prisma, answer), answer);
export const batchAnswer = (b: RecordedBatch) => ({
  batchId: b.batchId,
  movements: b.movements,
  onHand: [...b.onHand].map(([key, onHand]) => {
    const [partId, depotId] = key.split('|') as [string, string];
    return { partId, depotId, onHand };
  }),
  journalEntryId: b.journalEntryId,
});

export function stockRoutes(api: ApiRegistry, deps: BackOfficeDeps): void {
  const { prisma } = deps;
  const published = publishedFor(prisma);
  const depotIn = async (auth: Parameters<typeof depotScopeOf>[0], id: string, path: string) => {
    const depot = await prisma.depot.findFirst({ where: { AND: [{ id }, depotScopeOf(auth)] } });
    if (!depot) throw new HttpError(422, 'refers to a record that does not exist', [{ path, in: 'body', message: 'no such depot of yours' }]);
    return depot;
  };

  crudRoutes(api, {
    name: 'depots',
    noun: 'depot',
    tag: TAGS.stock,
    delegate: () => prisma.depot,
    scope: depotScopeOf,
    writeRoles: OFFICE,
    query: DepotQuery,
    filters: (q) => defined({ agencyId: q.agencyId, kind: q.kind, technicianId: q.technicianId }),
    orderBy: [{ agencyId: 'asc' }, { code: 'asc' }],
    input: DepotInput,
    patch: DepotPatch,
    output: Depot,
    agencyOf: (d) => d.agencyId as string | undefined,
    checkMerged: checkDepot,
  });

  api.route(
    {
      method: 'get',
      path: '/api/stock-levels',
      summary: 'Stock levels: on hand (the sum of the movements), reserved, free',
      tag: TAGS.stock,
      query: StockLevelQuery,
      response: Page(StockLevel),
    },
    async ({ auth, query: q }) => {
      const where: Prisma.StockLevelWhereInput = {
        AND: [{ depot: depotScopeOf(auth) }, defined({ depotId: q.depotId, partId: q.partId }), q.agencyId ? { depot: { agencyId: q.agencyId } } : {}],
      };
      const [rows, total] = await Promise.all([
        prisma.stockLevel.findMany({
          where,
          orderBy: [{ depotId: 'asc' }, { partId: 'asc' }],
          take: q.belowMin ? undefined : q.limit,
          skip: q.belowMin ? undefined : q.offset,
        }),
        prisma.stockLevel.count({ where }),
      ]);
      const reserved = await prisma.stockReservation.groupBy({
        by: ['partId', 'depotId'],
        where: { status: 'active', OR: rows.map((r) => ({ partId: r.partId, depotId: r.depotId })) },
        _sum: { quantity: true },
      });
      const held = new Map(reserved.map((r) => [`${r.partId}|${r.depotId}`, r._sum.quantity ?? 0]));
      let items = rows.map((r) => {
        const res = held.get(`${r.partId}|${r.depotId}`) ?? 0;
        return { ...r, reserved: res, free: r.onHand - res };
      });
      // Below the minimum is judged on what is free, the way the shortage list does.
      if (q.belowMin) {
        items = items.filter((l) => l.minQuantity !== null && l.free < l.minQuantity);
        return { items: items.slice(q.offset, q.offset + q.limit), total: items.length, limit: q.limit, offset: q.offset };
      }
      return { items, total, limit: q.limit, offset: q.offset };
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/stock-levels/:depotId/:partId',
      summary: 'Set the minimum, maximum and bin of a part in a depot',
      tag: TAGS.stock,
      roles: OFFICE,
      params: StockLevelParams,
      body: StockLevelPatch,
      response: StockLevel,
      errors: [422],
    },
    async ({ auth, params, body }) => {
      const depot = await depotIn(auth, params.depotId, 'depotId');
      requireAgency(auth, depot.agencyId);
      return run(async () => {
        const level = await setLevelSettings(prisma, params.partId, params.depotId, body);
        const reserved =
          (await prisma.stockReservation.aggregate({ where: { status: 'active', partId: params.partId, depotId: params.depotId }, _sum: { quantity: true } }))
            ._sum.quantity ?? 0;
        return { ...level, reserved, free: level.onHand - reserved };
      });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/stock-movements',
      summary: 'Stock movements, newest first',
      tag: TAGS.stock,
      query: StockMovementQuery,
      response: Page(StockMovement),
    },
    async ({ auth, query: q }) => {
      const where: Prisma.StockMovementWhereInput = {
        AND: [
          { depot: depotScopeOf(auth) },
          defined({ depotId: q.depotId, partId: q.partId, interventionId: q.interventionId, kind: q.kind }),
          q.from || q.to ? { occurredAt: defined({ gte: q.from && new Date(q.from), lt: q.to && new Date(q.to) }) } : {},
        ],
      };
      const [items, total] = await Promise.all([
        prisma.stockMovement.findMany({ where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: q.limit, skip: q.offset }),
        prisma.stockMovement.count({ where }),
      ]);
      return { items, total, limit: q.limit, offset: q.offset };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/stock-movements/transfers',
      summary: 'Move parts from one depot to another (e.g. central depot → van)',
      tag: TAGS.stock,
      roles: OFFICE,
      body: TransferInput,
      response: MovementBatch,
      status: 201,
      errors: [409, 422],
    },
    async ({ auth, body, req }) => {
      requireAgency(auth, (await depotIn(auth, body.fromDepotId, 'fromDepotId')).agencyId);
      await depotIn(auth, body.toDepotId, 'toDepotId');
      return published(
        batchAnswer(await run(() => transferStock(prisma, { ...body, reason: body.reason ?? undefined, userId: req.auth?.sub, now: today(deps) }))),
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/stock-movements/returns',
      summary: "Parts coming back into a depot; a returned item's warranty is looked up",
      tag: TAGS.stock,
      roles: OFFICE,
      body: ReturnInput,
      response: ReturnAnswer,
      status: 201,
      errors: [409, 422],
    },
    async ({ auth, body, req }) => {
      requireAgency(auth, (await depotIn(auth, body.depotId, 'depotId')).agencyId);
      const result = await run(() =>
        returnToStock(prisma, {
          depotId: body.depotId,
          lines: body.lines,
          interventionId: body.interventionId ?? undefined,
          equipmentId: body.equipmentId ?? undefined,
          reason: body.reason ?? undefined,
          userId: req.auth?.sub,
          now: today(deps),
        }),
      );
      return days({ ...published(batchAnswer(result)), warranty: result.warranty });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/stock-movements/adjustments',
      summary: 'Inventory adjustment: a signed change or a counted quantity',
      tag: TAGS.stock,
      roles: OFFICE,
      body: AdjustmentInput,
      response: MovementBatch,
      status: 201,
      errors: [409, 422],
      description:
        'With countedQuantity, the difference with on hand (read under a row lock) is recorded. When every count matches, nothing is recorded and the answer has no movements.',
    },
    async ({ auth, body, req }) => {
      requireAgency(auth, (await depotIn(auth, body.depotId, 'depotId')).agencyId);
      const batch = await run(() => adjustStock(prisma, { ...body, userId: req.auth?.sub, now: today(deps) }));
      return batch ? published(batchAnswer(batch)) : { batchId: '', movements: [], onHand: [], journalEntryId: null };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/stock/projection',
      summary: 'Projected stock per part and depot: on hand − reservations − customer orders + supplier orders',
      tag: TAGS.stock,
      roles: OFFICE,
      query: ProjectionQuery,
      response: Page(Projection),
    },
    async ({ auth, query: q }) => {
      if (q.agencyId) requireAgency(auth, q.agencyId);
      const all = await loadProjections(prisma, {
        agencyIds: q.agencyId ? [q.agencyId] : visibleAgencies(auth),
        depotId: q.depotId,
        partId: q.partId,
        today: booksDay(today(deps)),
        horizonDays: q.horizonDays,
      });
      return { items: all.slice(q.offset, q.offset + q.limit), total: all.length, limit: q.limit, offset: q.offset };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/stock/shortages',
      summary: 'Parts projected below their minimum, with supplier orders to place',
      tag: TAGS.stock,
      roles: OFFICE,
      query: ShortageQuery,
      response: ShortageAnswer,
      description:
        'A part is short in a depot when its projection falls below the minimum level (0 when none is set) within the horizon; the suggestion orders up to the maximum from that lowest point, grouped by preferred supplier.',
    },
    async ({ auth, query: q }) => {
      if (q.agencyId) requireAgency(auth, q.agencyId);
      return shortages(
        await loadProjections(prisma, {
          agencyIds: q.agencyId ? [q.agencyId] : visibleAgencies(auth),
          depotId: q.depotId,
          today: booksDay(today(deps)),
          horizonDays: q.horizonDays,
        }),
      );
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/stock/drift',
      summary: 'Levels whose on hand differs from the sum of their movements (always empty unless the database was tampered with)',
      tag: TAGS.stock,
      roles: ['admin'],
      response: StockDrift,
    },
    async () => ({ drift: await stockDrift(prisma) }),
  );
}
