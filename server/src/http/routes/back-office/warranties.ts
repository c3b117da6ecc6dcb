// Warranties of the installed base (shared by all agencies, like the
// equipment), detection at lookup, extension after a repair, supplier
// claims, the recoverable report, spent vs budget, contract terms.
import { canManageAgency, equipmentScope } from '../../../auth/scope.ts';
import type { Claims } from '../../../auth/tokens.ts';
import { IdParams, Page } from '@tournee/contracts/api';
import {
  BudgetQuery,
  BudgetReport,
  Claim,
  ClaimInput,
  ClaimPatch,
  ClaimQuery,
  ClaimTransitionInput,
  ContractTerms,
  ContractTermsInput,
  CoverageVerdict,
  RecoverableQuery,
  RecoverableReport,
  Warranty,
  WarrantyExtension,
  WarrantyExtensionInput,
  WarrantyInput,
  WarrantyPatch,
  WarrantyQuery,
  WarrantyStatusQuery,
  checkWarranty,
} from '@tournee/contracts/back-office';
import { booksDay, dateOf } from '../../../back-office/days.ts';
import { budgetReport } from '../../../back-office/warranties/budgets.ts';
import { claimsFromInvoice, createClaim, moveClaim, recoverableReport } from '../../../back-office/warranties/claims.ts';
import { detectWarranty } from '../../../back-office/warranties/detect.ts';
import { extendWarrantyAfterRepair } from '../../../back-office/warranties/extend.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { z } from 'zod';
import { crudRoutes, dayToDate, defined } from '../../crud.ts';
import { notFound } from '../../errors.ts';
import { checkReferences } from '../../references.ts';
import type { ApiRegistry } from '../../registry.ts';
import { agencyRecordScope } from './scope.ts';
import { OFFICE, TAGS, days, requireAgency, run, today, visibleAgencies, type BackOfficeDeps } from './support.ts';
import { publishClaimMoved } from '../../../webhooks/back-office-events.ts';

export function warrantyRoutes(api: ApiRegistry, deps: BackOfficeDeps): void {
  const { prisma } = deps;

  crudRoutes(api, {
    name: 'warranties',
    noun: 'warranty',
    tag: TAGS.warranties,
    agency: 'shared',
    delegate: () => prisma.warranty,
    scope: (auth: Claims) => (auth.role === 'technician' ? { equipment: equipmentScope(auth) } : {}),
    writeRoles: OFFICE,
    query: WarrantyQuery,
    filters: (q) => ({
      ...defined({ equipmentId: q.equipmentId, supplierId: q.supplierId, kind: q.kind }),
      ...(q.activeOn ? { startsOn: { lte: dayToDate(q.activeOn) }, endsOn: { gte: dayToDate(q.activeOn) } } : {}),
    }),
    orderBy: [{ equipmentId: 'asc' }, { startsOn: 'asc' }],
    input: WarrantyInput,
    patch: WarrantyPatch,
    output: Warranty,
    checkMerged: checkWarranty,
    toOutput: (w) => days(w),
  });

  api.route(
    {
      method: 'get',
      path: '/api/equipment/:id/warranty-status',
      summary: 'The warranty verdict when the equipment card is opened',
      tag: TAGS.warranties,
      agency: 'shared',
      params: IdParams,
      query: WarrantyStatusQuery,
      response: CoverageVerdict,
    },
    async ({ auth, params, query }) => {
      const equipment = await prisma.equipment.findFirst({ where: { AND: [{ id: params.id }, equipmentScope(auth)] }, select: { id: true } });
      if (!equipment) throw notFound('equipment');
      return days(await run(() => detectWarranty(prisma, params.id, query.on ?? booksDay(today(deps)))));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/equipment/:id/warranty-extensions',
      summary: 'Extend the warranty after a repair (new end date on the equipment, with its origin)',
      tag: TAGS.warranties,
      agency: 'shared',
      roles: OFFICE,
      params: IdParams,
      body: WarrantyExtensionInput,
      response: WarrantyExtension,
      status: 201,
      errors: [422],
    },
    async ({ auth, params, body, req }) => {
      // The repair it cites must be one of the caller's agencies'.
      await checkReferences(prisma, auth, undefined, [{ path: 'interventionId', kind: 'intervention', id: body.interventionId }]);
      return days(
        await run(() =>
          extendWarrantyAfterRepair(prisma, {
            equipmentId: params.id,
            interventionId: body.interventionId,
            months: body.months,
            endsOn: body.endsOn,
            labourPercent: body.labourPercent,
            partsPercent: body.partsPercent,
            travelPercent: body.travelPercent,
            notes: body.notes ?? undefined,
            authorId: req.auth?.sub,
            now: today(deps),
          }),
        ),
      );
    },
  );

  // ─── Claims ───
  const claimOf = async (auth: Claims, id: string) => {
    const claim = await prisma.warrantyClaim.findFirst({ where: { id, ...agencyRecordScope(auth) } });
    if (!claim) throw notFound('warranty claim');
    return claim;
  };

  api.route(
    {
      method: 'get',
      path: '/api/warranty-claims',
      summary: 'List supplier warranty claims',
      tag: TAGS.warranties,
      roles: OFFICE,
      query: ClaimQuery,
      response: Page(Claim),
    },
    async ({ auth, query: q }) => {
      const where: Prisma.WarrantyClaimWhereInput = {
        ...agencyRecordScope(auth),
        ...defined({ agencyId: q.agencyId, supplierId: q.supplierId, status: q.status, invoiceId: q.invoiceId }),
      };
      const [items, total] = await Promise.all([
        prisma.warrantyClaim.findMany({ where, orderBy: [{ createdAt: 'desc' }], take: q.limit, skip: q.offset }),
        prisma.warrantyClaim.count({ where }),
      ]);
      return days({ items, total, limit: q.limit, offset: q.offset });
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/warranty-claims/recoverable',
      summary: 'Amounts still to recover from suppliers',
      tag: TAGS.warranties,
      roles: OFFICE,
      query: RecoverableQuery,
      response: RecoverableReport,
    },
    async ({ auth, query }) => {
      if (query.agencyId) requireAgency(auth, query.agencyId);
      return recoverableReport(prisma, { agencyIds: query.agencyId ? [query.agencyId] : visibleAgencies(auth) });
    },
  );
  api.route(
    { method: 'get', path: '/api/warranty-claims/:id', summary: 'Get one claim', tag: TAGS.warranties, roles: OFFICE, params: IdParams, response: Claim },
    async ({ auth, params }) => days(await claimOf(auth, params.id)),
  );
  api.route(
    {
      method: 'post',
      path: '/api/warranty-claims',
      summary: 'Open a claim to a supplier (repair, part or exchange under warranty)',
      tag: TAGS.warranties,
      roles: OFFICE,
      body: ClaimInput,
      response: Claim,
      status: 201,
      errors: [422],
    },
    async ({ auth, body }) => {
      requireAgency(auth, body.agencyId);
      // The intervention and invoice it cites must be the claiming agency's.
      await checkReferences(prisma, auth, body.agencyId, [
        { path: 'interventionId', kind: 'intervention', id: body.interventionId },
        { path: 'invoiceId', kind: 'billing document', id: body.invoiceId },
      ]);
      return days(await run(() => createClaim(prisma, body, today(deps))));
    },
  );
  api.route(
    {
      method: 'patch',
      path: '/api/warranty-claims/:id',
      summary: "Update a claim's supplier reference or notes",
      tag: TAGS.warranties,
      roles: OFFICE,
      params: IdParams,
      body: ClaimPatch,
      response: Claim,
    },
    async ({ auth, params, body }) => {
      requireAgency(auth, (await claimOf(auth, params.id)).agencyId);
      return days(
        await prisma.warrantyClaim.update({ where: { id: params.id }, data: defined({ supplierReference: body.supplierReference, notes: body.notes }) }),
      );
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/warranty-claims/:id/transitions',
      summary: 'Move a claim: submitted, accepted, refused, credited (with the amount received), closed',
      tag: TAGS.warranties,
      roles: OFFICE,
      params: IdParams,
      body: ClaimTransitionInput,
      response: Claim,
      errors: [409, 422],
      description:
        'Submitting books the credit note expected (4098 / 7088); crediting books the one received (401 / 4098); a refusal, or closing with less received than expected, writes the difference off (658).',
    },
    async ({ auth, params, body }) => {
      requireAgency(auth, (await claimOf(auth, params.id)).agencyId);
      const moved = days(await run(() => moveClaim(prisma, params.id, body, today(deps))));
      publishClaimMoved(prisma, moved as Parameters<typeof publishClaimMoved>[1]);
      return moved;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/billing-documents/:id/warranty-claims',
      summary: 'Open draft claims for the supplier shares of an issued invoice',
      tag: TAGS.warranties,
      roles: OFFICE,
      params: IdParams,
      response: z.array(Claim),
      status: 201,
      errors: [409],
    },
    async ({ auth, params }) => {
      const invoice = await prisma.billingDocument.findFirst({ where: { id: params.id, ...agencyRecordScope(auth) }, select: { agencyId: true } });
      if (!invoice) throw notFound('invoice');
      requireAgency(auth, invoice.agencyId);
      return days(await run(() => claimsFromInvoice(prisma, params.id, today(deps))));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/warranty-budgets',
      summary: 'Purchased warranties and contracts: spent under them vs budget',
      tag: TAGS.warranties,
      roles: OFFICE,
      query: BudgetQuery,
      response: BudgetReport,
      description:
        "Spent = covered amounts deducted on issued invoices, less credit notes: over their life for purchased warranties, in the year for contracts (whose revenue is the year's fees).",
    },
    async ({ auth, query }) => {
      const year = query.year ?? Number(booksDay(today(deps)).slice(0, 4));
      return { year, rows: await budgetReport(prisma, year, { agencyIds: visibleAgencies(auth) }) };
    },
  );

  // ─── Contract terms ───
  api.route(
    {
      method: 'get',
      path: '/api/contracts/:id/terms',
      summary: "A contract's fee, period, coverage and budget",
      tag: TAGS.warranties,
      roles: OFFICE,
      params: IdParams,
      response: ContractTerms,
    },
    async ({ auth, params }) => {
      // Terms belong to the agency that invoices them: another agency's are not found.
      const terms = await prisma.contractTerms.findFirst({ where: { contractId: params.id, ...agencyRecordScope(auth) } });
      if (!terms) throw notFound('contract terms');
      return days(terms);
    },
  );
  api.route(
    {
      method: 'put',
      path: '/api/contracts/:id/terms',
      summary: "Set a contract's fee, period, coverage and budget",
      tag: TAGS.warranties,
      roles: OFFICE,
      params: IdParams,
      body: ContractTermsInput,
      response: ContractTerms,
      errors: [422],
    },
    async ({ auth, params, body }) => {
      requireAgency(auth, body.agencyId);
      const contract = await prisma.contract.findUnique({ where: { id: params.id }, select: { id: true, terms: { select: { agencyId: true } } } });
      if (!contract) throw notFound('contract');
      // Terms another agency invoices are theirs to change (the stored agency decides, not the body's).
      if (contract.terms && !canManageAgency(auth, contract.terms.agencyId)) throw notFound('contract terms');
      const data = { ...body, nextPeriodStart: dateOf(body.nextPeriodStart), budgetCents: body.budgetCents ?? null };
      return days(await prisma.contractTerms.upsert({ where: { contractId: params.id }, create: { contractId: params.id, ...data }, update: data }));
    },
  );
}
