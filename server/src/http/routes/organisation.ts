// Regions, agencies and sectors. Dispatchers read their agencies and manage
// those agencies' sectors; the organisation itself is the admin's.
import { agencyScope, sectorScope } from '../../auth/scope.ts';
import {
  Agency, AgencyInput, AgencyPatch, AgencyQuery, Region, RegionInput, RegionPatch, RegionQuery,
  Sector, SectorInput, SectorPatch, SectorQuery,
} from '../../contracts/api.ts';
import { crudRoutes, defined, textSearch } from '../crud.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiRegistry } from '../registry.ts';

export function organisationRoutes(api: ApiRegistry, { prisma }: AppDeps): void {
  crudRoutes(api, {
    name: 'regions', noun: 'region', tag: 'Organisation',
    delegate: () => prisma.region,
    scope: () => ({}),
    writeRoles: ['admin'],
    query: RegionQuery,
    filters: (q) => textSearch(q.q, ['name', 'code']),
    orderBy: { name: 'asc' },
    input: RegionInput, patch: RegionPatch, output: Region,
  });

  crudRoutes(api, {
    name: 'agencies', noun: 'agency', tag: 'Organisation',
    delegate: () => prisma.agency,
    scope: agencyScope,
    writeRoles: ['admin'],
    query: AgencyQuery,
    filters: (q) => ({ ...defined({ regionId: q.regionId }), ...textSearch(q.q, ['name', 'code', 'city']) }),
    orderBy: { name: 'asc' },
    input: AgencyInput, patch: AgencyPatch, output: Agency,
  });

  crudRoutes(api, {
    name: 'sectors', noun: 'sector', tag: 'Organisation',
    delegate: () => prisma.sector,
    scope: sectorScope,
    writeRoles: ['admin', 'dispatcher'],
    query: SectorQuery,
    filters: (q) => defined({ agencyId: q.agencyId }),
    orderBy: [{ agencyId: 'asc' }, { code: 'asc' }],
    agencyOf: (s) => s.agencyId as string | undefined,
    input: SectorInput, patch: SectorPatch, output: Sector,
  });
}
