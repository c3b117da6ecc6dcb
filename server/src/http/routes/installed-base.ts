// Customers, sites and equipment (with its history). Shared by all agencies;
// technicians see the ones their assignments take them to. Deleting one is
// the admin's, or a dispatcher's whose agencies are every agency concerned
// (the sites' sectors, the interventions there): no agency deletes what
// another works with.
import { customerScope, equipmentScope, siteScope } from '../../auth/scope.ts';
import {
  Customer,
  CustomerInput,
  CustomerPatch,
  CustomerQuery,
  Equipment,
  EquipmentEvent,
  EquipmentEventInput,
  EquipmentHistoryQuery,
  EquipmentInput,
  EquipmentPatch,
  EquipmentQuery,
  IdParams,
  Page,
  Site,
  SiteInput,
  SitePatch,
  SiteQuery,
} from '@tournee/contracts/api';
import { canManageAgency } from '../../auth/scope.ts';
import type { Claims } from '../../auth/tokens.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { crudRoutes, dayToDate, defined, textSearch } from '../crud.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound } from '../errors.ts';
import { checkReferences } from '../references.ts';
import type { ApiRegistry } from '../registry.ts';

const OFFICE = ['admin', 'dispatcher'] as const;

export function installedBaseRoutes(api: ApiRegistry, { prisma }: AppDeps): void {
  const deletableBy = (what: string, sites: (id: string) => Prisma.SiteWhereInput) => async (auth: Claims, record: Record<string, unknown>) => {
    const foreign = (await agenciesConcerned(prisma, sites(record.id as string))).filter((agencyId) => !canManageAgency(auth, agencyId));
    if (foreign.length) throw forbidden(`this ${what} is also another agency's (its sector or interventions): only an admin can delete it`);
  };
  const sectorIsYours = (auth: Claims, data: Record<string, unknown>) =>
    checkReferences(prisma, auth, undefined, [{ path: 'sectorId', kind: 'sector', id: data.sectorId as string | null | undefined }]);

  crudRoutes(api, {
    name: 'customers',
    noun: 'customer',
    tag: 'Installed base',
    agency: 'shared',
    delegate: () => prisma.customer,
    scope: customerScope,
    writeRoles: OFFICE,
    query: CustomerQuery,
    filters: (q) => textSearch(q.q, ['name', 'reference', 'email', 'phone']),
    orderBy: { name: 'asc' },
    input: CustomerInput,
    patch: CustomerPatch,
    output: Customer,
    checkDelete: deletableBy('customer', (id) => ({ customerId: id })),
  });

  crudRoutes(api, {
    name: 'sites',
    noun: 'site',
    tag: 'Installed base',
    agency: 'shared',
    delegate: () => prisma.site,
    scope: siteScope,
    writeRoles: OFFICE,
    query: SiteQuery,
    filters: (q) => ({
      ...defined({ customerId: q.customerId, sectorId: q.sectorId, postcode: q.postcode }),
      ...textSearch(q.q, ['name', 'address', 'city', 'postcode']),
    }),
    orderBy: [{ postcode: 'asc' }, { address: 'asc' }],
    input: SiteInput,
    patch: SitePatch,
    output: Site,
    // A site is put in a sector of the caller's agencies only.
    toCreate: async (input, auth) => (await sectorIsYours(auth, input), input),
    toUpdate: async (patch, _existing, auth) => (await sectorIsYours(auth, patch), patch),
    checkDelete: deletableBy('site', (id) => ({ id })),
  });

  crudRoutes(api, {
    name: 'equipment',
    noun: 'equipment',
    tag: 'Installed base',
    agency: 'shared',
    delegate: () => prisma.equipment,
    scope: equipmentScope,
    writeRoles: OFFICE,
    query: EquipmentQuery,
    filters: (q) => ({
      ...defined({ siteId: q.siteId, category: q.category, serialNumber: q.serialNumber, active: q.active }),
      ...(q.warrantyEndsBefore ? { warrantyEndsOn: { lte: dayToDate(q.warrantyEndsBefore) } } : {}),
    }),
    input: EquipmentInput,
    patch: EquipmentPatch,
    output: Equipment,
    checkDelete: deletableBy('equipment', (id) => ({ equipment: { some: { id } } })),
  });

  // History: read by whoever sees the equipment; technicians add to it in the field.
  api.route(
    {
      method: 'get',
      path: '/api/equipment/:id/history',
      summary: "An equipment's history, newest first",
      tag: 'Installed base',
      agency: 'shared',
      params: IdParams,
      query: EquipmentHistoryQuery,
      response: Page(EquipmentEvent),
    },
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
    {
      method: 'post',
      path: '/api/equipment/:id/history',
      summary: 'Add an event to the history (inspection, repair, counter reading, ...)',
      tag: 'Installed base',
      agency: 'shared',
      params: IdParams,
      body: EquipmentEventInput,
      response: EquipmentEvent,
      status: 201,
      errors: [422],
    },
    async ({ auth, params, body }) => {
      const equipment = await prisma.equipment.findFirst({ where: { AND: [{ id: params.id }, equipmentScope(auth)] }, select: { id: true } });
      if (!equipment) throw notFound('equipment');
      await checkReferences(prisma, auth, undefined, [{ path: 'interventionId', kind: 'intervention', id: body.interventionId }]);
      return prisma.equipmentEvent.create({
        data: { ...body, data: (body.data ?? {}) as object, equipmentId: params.id, authorId: auth.sub },
      });
    },
  );
}

/** The agencies working with these sites: their sectors' and their interventions'. */
async function agenciesConcerned(prisma: PrismaClient, sites: Prisma.SiteWhereInput): Promise<string[]> {
  const [sectors, interventions] = await Promise.all([
    prisma.sector.findMany({ where: { sites: { some: sites } }, select: { agencyId: true } }),
    prisma.intervention.findMany({ where: { site: sites }, select: { agencyId: true }, distinct: ['agencyId'] }),
  ]);
  return [...new Set([...sectors, ...interventions].map((r) => r.agencyId))];
}
