// PUT /api/<kind>/by-reference/:reference — the ERP keeps customers, sites,
// equipment, contracts and parts in step by its own numbers (erp-sync/by-reference.ts).
// Same roles as the create endpoints (admin, dispatcher); the installed base
// and the catalogue are shared by all agencies, and a site's sector must be
// one of the caller's.
import type { z } from 'zod';
import {
  checkContract,
  ContractByReference,
  Contract,
  Customer,
  CustomerByReference,
  PartByReference,
  Equipment,
  EquipmentByReference,
  ReferenceParams,
  Site,
  SiteByReference,
} from '@tournee/contracts/api';
import { Part } from '@tournee/contracts/back-office';
import { kindRules, upsertByReference, type ReferenceKind } from '../../erp-sync/by-reference.ts';
import type { AppDeps } from '../deps.ts';
import type { ApiRegistry } from '../registry.ts';

const OFFICE = ['admin', 'dispatcher'] as const;
const TAG = 'ERP sync';

const SCHEMAS: Record<ReferenceKind, { body: z.ZodType; output: z.ZodType; what: string }> = {
  customers: { body: CustomerByReference, output: Customer, what: 'a customer' },
  sites: { body: SiteByReference, output: Site, what: 'a site (its customer by customerReference or customerId)' },
  equipment: { body: EquipmentByReference, output: Equipment, what: 'an equipment (its site by siteReference or siteId)' },
  contracts: { body: ContractByReference, output: Contract, what: 'a contract (its customer by customerReference or customerId)' },
  parts: { body: PartByReference, output: Part, what: 'a part of the catalogue' },
};

export function erpSyncRoutes(api: ApiRegistry, { prisma }: Pick<AppDeps, 'prisma'>): void {
  const rules = kindRules(checkContract as (value: Record<string, unknown>, ctx: z.RefinementCtx) => void);
  for (const kind of Object.keys(SCHEMAS) as ReferenceKind[]) {
    const { body, output, what } = SCHEMAS[kind];
    api.route(
      {
        method: 'put',
        path: `/api/${kind}/by-reference/:reference`,
        summary: `Create or update ${what} by the ERP's reference`,
        description:
          '201 with the record when the reference was new, 200 when it updated it (fields not sent keep their value). ' +
          'Send an Idempotency-Key header to make a retry safe.',
        tag: TAG,
        agency: 'shared',
        roles: OFFICE,
        params: ReferenceParams,
        body,
        response: output,
        errors: [409, 422],
      },
      async ({ auth, params, body: input, res }) => {
        const { created, record } = await upsertByReference(prisma, auth, rules[kind], params.reference, input as Record<string, unknown>);
        res.status(created ? 201 : 200).json(record);
      },
    );
  }
}
