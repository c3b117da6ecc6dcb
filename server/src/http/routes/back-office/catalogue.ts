// Suppliers and parts: a catalogue shared by every agency (like the
// installed base); the office edits it, technicians read the parts.
import { Part, PartInput, PartPatch, PartQuery, Supplier, SupplierInput, SupplierPatch, SupplierQuery } from '@tournee/contracts/back-office';
import { crudRoutes, defined, textSearch } from '../../crud.ts';
import type { ApiRegistry } from '../../registry.ts';
import { OFFICE, TAGS, type BackOfficeDeps } from './support.ts';

export function catalogueRoutes(api: ApiRegistry, { prisma }: BackOfficeDeps): void {
  crudRoutes(api, {
    name: 'suppliers',
    noun: 'supplier',
    tag: TAGS.catalogue,
    agency: 'shared',
    delegate: () => prisma.supplier,
    scope: () => ({}),
    readRoles: OFFICE,
    writeRoles: OFFICE,
    query: SupplierQuery,
    filters: (q) => textSearch(q.q, ['code', 'name']),
    orderBy: { name: 'asc' },
    input: SupplierInput,
    patch: SupplierPatch,
    output: Supplier,
  });

  crudRoutes(api, {
    name: 'parts',
    noun: 'part',
    tag: TAGS.catalogue,
    agency: 'shared',
    delegate: () => prisma.part,
    scope: () => ({}),
    writeRoles: OFFICE,
    query: PartQuery,
    filters: (q) => ({ ...defined({ active: q.active, preferredSupplierId: q.supplierId }), ...textSearch(q.q, ['reference', 'name']) }),
    orderBy: { reference: 'asc' },
    input: PartInput,
    patch: PartPatch,
    output: Part,
    // Parts with movements are history: deactivate them instead (the database refuses the delete with 409).
  });
}
