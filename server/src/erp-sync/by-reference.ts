// Create or update a record by the ERP's own reference (PUT
// /api/<kind>/by-reference/:reference). The body is the create endpoint's;
// the records it names may be given by reference as well (a site's
// `customerReference`, an equipment's `siteReference`, a contract's
// `customerReference`), so an ERP pushes its installed base "as sold" without
// ever knowing our ids. On update, the fields sent replace the stored ones and
// the others keep their value: what the field side maintains (an equipment's
// counters, its as-maintained configuration) is not the ERP's to erase.
//
// Two pushes of the same new reference at once: the database's unique
// reference lets one create, the other then updates (never a duplicate).
import type { z } from 'zod';
import type { Claims } from '../auth/tokens.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { checkMerged, daysToDates, type Delegate } from '../http/crud.ts';
import { HttpError } from '../http/errors.ts';
import { checkReferences } from '../http/references.ts';

type Data = Record<string, unknown>;

export const REFERENCE_KINDS = ['customers', 'sites', 'equipment', 'contracts', 'parts'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** A body field naming another record by its reference, and the id field it becomes. */
interface NestedReference {
  readonly field: string;
  readonly idField: string;
  readonly noun: string;
  readonly find: (prisma: PrismaClient, reference: string) => Promise<{ id: string } | null>;
}

interface KindRules {
  readonly noun: string;
  readonly delegate: (prisma: PrismaClient) => Delegate;
  readonly nested: readonly NestedReference[];
  /** Checks on the data to write (throw 403/422). */
  readonly check?: (prisma: PrismaClient, auth: Claims, data: Data) => Promise<void>;
  /** Cross-field rules on the merged record (a contract's dates). */
  readonly merged?: (value: Data, ctx: z.RefinementCtx) => void;
}

const customerByReference: NestedReference = {
  field: 'customerReference',
  idField: 'customerId',
  noun: 'customer',
  find: (prisma, reference) => prisma.customer.findUnique({ where: { reference }, select: { id: true } }),
};

export function kindRules(checkContract: (value: Data, ctx: z.RefinementCtx) => void): Record<ReferenceKind, KindRules> {
  return {
    customers: { noun: 'customer', delegate: (p) => p.customer, nested: [] },
    sites: {
      noun: 'site',
      delegate: (p) => p.site,
      nested: [customerByReference],
      // A site goes into a sector of the caller's agencies only (as POST /api/sites).
      check: (prisma, auth, data) =>
        checkReferences(prisma, auth, undefined, [{ path: 'sectorId', kind: 'sector', id: data.sectorId as string | null | undefined }]),
    },
    equipment: {
      noun: 'equipment',
      delegate: (p) => p.equipment,
      nested: [
        {
          field: 'siteReference',
          idField: 'siteId',
          noun: 'site',
          find: (prisma, reference) => prisma.site.findUnique({ where: { reference }, select: { id: true } }),
        },
      ],
    },
    contracts: { noun: 'contract', delegate: (p) => p.contract, nested: [customerByReference], merged: checkContract },
    parts: { noun: 'part', delegate: (p) => p.part, nested: [] },
  };
}

export interface UpsertResult {
  readonly created: boolean;
  readonly record: Data;
}

export async function upsertByReference(prisma: PrismaClient, auth: Claims, rules: KindRules, reference: string, body: Data): Promise<UpsertResult> {
  const data = daysToDates(body);
  for (const nested of rules.nested) {
    const given = data[nested.field];
    delete data[nested.field];
    if (typeof given !== 'string') continue;
    const found = await nested.find(prisma, given);
    if (!found) {
      throw new HttpError(422, `no ${nested.noun} has the reference ${given}`, [
        { path: nested.field, in: 'body', message: `no ${nested.noun} with this reference: push the ${nested.noun} first` },
      ]);
    }
    data[nested.idField] = found.id;
  }
  await rules.check?.(prisma, auth, data);
  const delegate = rules.delegate(prisma);
  const update = async (existing: Data): Promise<UpsertResult> => {
    if (rules.merged) checkMerged(rules.merged, { ...existing, ...data });
    return { created: false, record: await delegate.update({ where: { id: existing.id }, data }) };
  };
  const existing = (await delegate.findFirst({ where: { reference } })) as Data | null;
  if (existing) return update(existing);
  try {
    return { created: true, record: await delegate.create({ data: { ...data, reference } }) };
  } catch (error) {
    // Created meanwhile by a concurrent push of the same reference: this one is an update.
    const raced = (await delegate.findFirst({ where: { reference } })) as Data | null;
    if (raced && isUniqueViolation(error)) return update(raced);
    throw error;
  }
}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
