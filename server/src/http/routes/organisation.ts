// Regions, agencies and sectors. Dispatchers read their agencies and manage
// those agencies' sectors; the organisation itself is the admin's. An agency
// created, deleted or moved to another time zone gets its nightly schedulers
// (service plans, overnight planning) updated at once.
import { agencyScope, sectorScope } from '../../auth/scope.ts';
import {
  Agency,
  AgencyInput,
  AgencyPatch,
  AgencyQuery,
  Region,
  RegionInput,
  RegionPatch,
  RegionQuery,
  Sector,
  SectorInput,
  SectorPatch,
  SectorQuery,
} from '@tournee/contracts/api';
import { agenciesChanged } from '../../jobs/agency-schedules.ts';
import { crudRoutes, defined, textSearch, type Delegate } from '../crud.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiRegistry } from '../registry.ts';

export function organisationRoutes(api: ApiRegistry, { prisma, log }: AppDeps): void {
  // The agency delegate, with the schedulers following the writes that change them.
  const agencies = (): Delegate => {
    const d = prisma.agency;
    const follow = async <T>(write: Promise<T>): Promise<T> => {
      const result = await write;
      await agenciesChanged(log);
      return result;
    };
    return {
      findMany: (args) => d.findMany(args),
      findFirst: (args) => d.findFirst(args),
      count: (args) => d.count(args),
      create: (args) => follow(d.create(args)),
      // Only a new time zone moves the schedulers' hour.
      update: (args) => ('timezone' in (args.data ?? {}) ? follow(d.update(args)) : d.update(args)),
      delete: (args) => follow(d.delete(args)),
    };
  };

  crudRoutes(api, {
    name: 'regions',
    noun: 'region',
    tag: 'Organisation',
    agency: 'shared',
    delegate: () => prisma.region,
    scope: () => ({}),
    writeRoles: ['admin'],
    query: RegionQuery,
    filters: (q) => textSearch(q.q, ['name', 'code']),
    orderBy: { name: 'asc' },
    input: RegionInput,
    patch: RegionPatch,
    output: Region,
  });

  crudRoutes(api, {
    name: 'agencies',
    noun: 'agency',
    tag: 'Organisation',
    delegate: agencies,
    scope: agencyScope,
    writeRoles: ['admin'],
    query: AgencyQuery,
    filters: (q) => ({ ...defined({ regionId: q.regionId }), ...textSearch(q.q, ['name', 'code', 'city']) }),
    orderBy: { name: 'asc' },
    input: AgencyInput,
    patch: AgencyPatch,
    output: Agency,
  });

  crudRoutes(api, {
    name: 'sectors',
    noun: 'sector',
    tag: 'Organisation',
    delegate: () => prisma.sector,
    scope: sectorScope,
    writeRoles: ['admin', 'dispatcher'],
    query: SectorQuery,
    filters: (q) => defined({ agencyId: q.agencyId }),
    orderBy: [{ agencyId: 'asc' }, { code: 'asc' }],
    agencyOf: (s) => s.agencyId as string | undefined,
    input: SectorInput,
    patch: SectorPatch,
    output: Sector,
  });
}
