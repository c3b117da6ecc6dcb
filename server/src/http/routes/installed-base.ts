// Customers, sites and equipment (with its history). Shared by all agencies;
// technicians see the ones their assignments take them to.
import { customerScope, equipmentScope, siteScope } from '../../auth/scope.ts';
import {
  Customer, CustomerInput, CustomerPatch, CustomerQuery, Equipment, EquipmentEvent, EquipmentEventInput,
  EquipmentHistoryQuery, EquipmentInput, EquipmentPatch, EquipmentQuery, IdParams, Page,
  Site, SiteInput, SitePatch, SiteQuery,
} from '@tournee/contracts/api';
import { crudRoutes, dayToDate, defined, textSearch } from '../crud.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';

const OFFICE = ['admin', 'dispatcher'] as const;

export function installedBaseRoutes(api: ApiRegistry, { prisma }: AppDeps): void {
  crudRoutes(api, {
    name: 'customers', noun: 'customer', tag: 'Installed base',
    delegate: () => prisma.customer,
    scope: customerScope,
    writeRoles: OFFICE,
    query: CustomerQuery,
    filters: (q) => textSearch(q.q, ['name', 'reference', 'email', 'phone']),
    orderBy: { name: 'asc' },
    input: CustomerInput, patch: CustomerPatch, output: Customer,
  });

  crudRoutes(api, {
    name: 'sites', noun: 'site', tag: 'Installed base',
    delegate: () => prisma.site,
    scope: siteScope,
    writeRoles: OFFICE,
    query: SiteQuery,
    filters: (q) => ({
      ...defined({ customerId: q.customerId, sectorId: q.sectorId, postcode: q.postcode }),
      ...textSearch(q.q, ['name', 'address', 'city', 'postcode']),
    }),
    orderBy: [{ postcode: 'asc' }, { address: 'asc' }],
    input: SiteInput, patch: SitePatch, output: Site,
  });

  crudRoutes(api, {
    name: 'equipment', noun: 'equipment', tag: 'Installed base',
    delegate: () => prisma.equipment,
    scope: equipmentScope,
    writeRoles: OFFICE,
    query: EquipmentQuery,
    filters: (q) => ({
      ...defined({ siteId: q.siteId, category: q.category, serialNumber: q.serialNumber, active: q.active }),
      ...(q.warrantyEndsBefore ? { warrantyEndsOn: { lte: dayToDate(q.warrantyEndsBefore) } } : {}),
    }),
    input: EquipmentInput, patch: EquipmentPatch, output: Equipment,
  });

  // History: read by whoever sees the equipment; technicians add to it in the field.
  api.route(
    { method: 'get', path: '/api/equipment/:id/history', summary: "An equipment's history, newest first", tag: 'Installed base', params: IdParams, query: EquipmentHistoryQuery, response: Page(EquipmentEvent) },
    async ({ auth, params, query }) => {
      const equipment = await prisma.equipment.findFirst({ where: { AND: [{ id: params.id }, equipmentScope(auth)] }, select: { id: true } });
      if (!equipment) throw notFound('equipment');
      const where = { equipmentId: params.id, ...defined({ kind: query.kind }) };
      const [items, total] = await Promise.all([
        prisma.equipmentEvent.findMany({ where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: query.limit, skip: query.offset }),
        prisma.equipmentEvent.count({ where }),
      ]);
      return { items, total, limit: query.limit, offset: query.offset };
    },
  );

  api.route(
    { method: 'post', path: '/api/equipment/:id/history', summary: 'Add an event to the history (inspection, repair, counter reading, ...)', tag: 'Installed base', params: IdParams, body: EquipmentEventInput, response: EquipmentEvent, status: 201, errors: [422] },
    async ({ auth, params, body }) => {
      const equipment = await prisma.equipment.findFirst({ where: { AND: [{ id: params.id }, equipmentScope(auth)] }, select: { id: true } });
      if (!equipment) throw notFound('equipment');
      return prisma.equipmentEvent.create({
        data: { ...body, data: (body.data ?? {}) as object, equipmentId: params.id, authorId: auth.sub },
      });
    },
  );
}
