// Maintenance contracts and their service plans (office work: admins and dispatchers).
import {
  Contract,
  ContractInput,
  ContractPatch,
  ContractQuery,
  ServicePlan,
  ServicePlanInput,
  ServicePlanPatch,
  ServicePlanQuery,
  checkContract,
  checkServicePlan,
} from '@tournee/contracts/api';
import { crudRoutes, dayToDate, defined, textSearch } from '../crud.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiRegistry } from '../registry.ts';

const OFFICE = ['admin', 'dispatcher'] as const;

export function serviceContractRoutes(api: ApiRegistry, { prisma }: AppDeps): void {
  crudRoutes(api, {
    name: 'contracts',
    noun: 'contract',
    tag: 'Contracts',
    agency: 'shared',
    delegate: () => prisma.contract,
    scope: () => ({}),
    readRoles: OFFICE,
    writeRoles: OFFICE,
    query: ContractQuery,
    filters: (q) => ({ ...defined({ customerId: q.customerId, status: q.status }), ...textSearch(q.q, ['reference', 'name']) }),
    orderBy: { reference: 'asc' },
    checkMerged: checkContract,
    input: ContractInput,
    patch: ContractPatch,
    output: Contract,
  });

  crudRoutes(api, {
    name: 'service-plans',
    noun: 'service plan',
    tag: 'Contracts',
    agency: 'shared',
    delegate: () => prisma.servicePlan,
    scope: () => ({}),
    readRoles: OFFICE,
    writeRoles: OFFICE,
    query: ServicePlanQuery,
    filters: (q) => ({
      ...defined({ contractId: q.contractId, siteId: q.siteId, equipmentId: q.equipmentId, active: q.active }),
      ...(q.dueBefore ? { nextDueOn: { lte: dayToDate(q.dueBefore) } } : {}),
    }),
    orderBy: [{ nextDueOn: 'asc' }, { id: 'asc' }],
    checkMerged: checkServicePlan,
    input: ServicePlanInput,
    patch: ServicePlanPatch,
    output: ServicePlan,
  });
}
