// Quotes, invoices and credit notes; payments; the VAT profile of sites and
// the billing rates of agencies. Drafts are edited freely; issued documents
// only ever get credit notes and payments.
import type { Claims } from '../../../auth/tokens.ts';
import { IdParams, Page } from '@tournee/contracts/api';
import {
  BillingDocument,
  BillingSettings,
  BillingSettingsInput,
  CreditNoteInput,
  DocumentInput,
  DocumentQuery,
  FromInterventionInput,
  LinesInput,
  PaymentAnswer,
  PaymentInput,
  QuoteDecisionInput,
  VatProfile,
  VatProfileInput,
} from '@tournee/contracts/back-office';
import { invoiceBalance } from '../../../back-office/billing/balance.ts';
import { createCreditNote } from '../../../back-office/billing/credit-notes.ts';
import { createDraft, deleteDraft, draftFromContract, draftFromIntervention, replaceLines } from '../../../back-office/billing/drafts.ts';
import { decideQuote, invoiceFromQuote, issueDocument } from '../../../back-office/billing/issue.ts';
import { recordPayment } from '../../../back-office/billing/payments.ts';
import { DEFAULT_RATES } from '../../../back-office/billing/settings.ts';
import { dateOf } from '../../../back-office/days.ts';
import { interventionScope } from '../../../auth/scope.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { defined } from '../../crud.ts';
import { notFound } from '../../errors.ts';
import type { ApiRegistry } from '../../registry.ts';
import { agencyRecordScope } from './scope.ts';
import { OFFICE, TAGS, days, requireAgency, run, today, type BackOfficeDeps } from './support.ts';
import { publishDocumentIssued, publishPayment } from '../../../webhooks/back-office-events.ts';

export function billingRoutes(api: ApiRegistry, deps: BackOfficeDeps): void {
  const { prisma } = deps;
  const INCLUDE = { lines: { orderBy: { position: 'asc' } } } as const;

  /** The document as answered: invoices with their payments and balance. */
  const answer = async (id: string) => {
    const doc = await prisma.billingDocument.findUniqueOrThrow({ where: { id }, include: INCLUDE });
    if (doc.kind !== 'invoice' || doc.status === 'draft') return days(doc);
    const payments = await prisma.payment.findMany({ where: { invoiceId: id }, orderBy: { createdAt: 'asc' } });
    return days({ ...doc, payments, balance: await invoiceBalance(prisma, id) });
  };
  const documentOf = async (auth: Claims, id: string) => {
    const doc = await prisma.billingDocument.findFirst({ where: { id, ...agencyRecordScope(auth) } });
    if (!doc) throw notFound('document');
    requireAgency(auth, doc.agencyId);
    return doc;
  };

  api.route(
    {
      method: 'get',
      path: '/api/billing-documents',
      summary: 'List quotes, invoices and credit notes',
      tag: TAGS.billing,
      roles: OFFICE,
      query: DocumentQuery,
      response: Page(BillingDocument),
    },
    async ({ auth, query: q }) => {
      const where: Prisma.BillingDocumentWhereInput = {
        ...agencyRecordScope(auth),
        ...defined({ kind: q.kind, status: q.status, customerId: q.customerId, interventionId: q.interventionId, contractId: q.contractId }),
        ...(q.agencyId ? { AND: [{ agencyId: q.agencyId }] } : {}),
      };
      const [items, total] = await Promise.all([
        prisma.billingDocument.findMany({ where, include: INCLUDE, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: q.limit, skip: q.offset }),
        prisma.billingDocument.count({ where }),
      ]);
      return days({ items, total, limit: q.limit, offset: q.offset });
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/billing-documents/:id',
      summary: 'Get a document (invoices with payments and what remains due)',
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      response: BillingDocument,
    },
    async ({ auth, params }) => answer((await documentOf(auth, params.id)).id),
  );
  api.route(
    {
      method: 'post',
      path: '/api/billing-documents',
      summary: 'Create a draft quote or invoice from lines',
      tag: TAGS.billing,
      roles: OFFICE,
      body: DocumentInput,
      response: BillingDocument,
      status: 201,
      errors: [422],
    },
    async ({ auth, body, req }) => {
      requireAgency(auth, body.agencyId);
      const { lines, ...header } = body;
      return days(
        await run(() =>
          createDraft(prisma, { ...header, siteId: header.siteId ?? null, notes: header.notes ?? null }, lines, { userId: req.auth?.sub, now: today(deps) }),
        ),
      );
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/interventions/:id/billing-documents',
      summary: 'Draft a quote or invoice for a visit: labour, travel, parts, warranty deducted',
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      body: FromInterventionInput,
      response: BillingDocument,
      status: 201,
      errors: [409],
      description:
        "A quote uses the estimated duration and the parts needed; an invoice (once the visit is done) the time on site by started quarter hour and the parts consumed net of returns. The warranty verdict is decided again and deducted line by line; the supplier's share is kept on each line.",
    },
    async ({ auth, params, body, req }) => {
      const i = await prisma.intervention.findFirst({ where: { AND: [{ id: params.id }, interventionScope(auth)] }, select: { agencyId: true } });
      if (!i) throw notFound('intervention');
      requireAgency(auth, i.agencyId);
      return days(await run(() => draftFromIntervention(prisma, params.id, { ...body, userId: req.auth?.sub, now: today(deps) })));
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/contracts/:id/invoices',
      summary: "Draft the invoice of a contract's next period (its fee)",
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      response: BillingDocument,
      status: 201,
      errors: [409],
    },
    async ({ auth, params, req }) => {
      const terms = await prisma.contractTerms.findUnique({ where: { contractId: params.id }, select: { agencyId: true } });
      if (!terms) throw notFound('contract terms (PUT /api/contracts/{id}/terms first)');
      requireAgency(auth, terms.agencyId);
      return days(await run(() => draftFromContract(prisma, params.id, { userId: req.auth?.sub, now: today(deps) })));
    },
  );
  api.route(
    {
      method: 'put',
      path: '/api/billing-documents/:id/lines',
      summary: "Replace a draft's lines (repriced and retaxed)",
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      body: LinesInput,
      response: BillingDocument,
      errors: [409, 422],
    },
    async ({ auth, params, body }) => {
      await documentOf(auth, params.id);
      return days(await run(() => replaceLines(prisma, params.id, body.lines, { energyWork: body.energyWork, notes: body.notes, now: today(deps) })));
    },
  );
  api.route(
    {
      method: 'delete',
      path: '/api/billing-documents/:id',
      summary: 'Delete a draft (issued documents are never deleted: credit them)',
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      errors: [409],
    },
    async ({ auth, params }) => {
      await documentOf(auth, params.id);
      await run(() => deleteDraft(prisma, params.id));
      return undefined;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/billing-documents/:id/issue',
      summary: 'Issue a draft: gapless number, date, journal entry; never edited afterwards',
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      response: BillingDocument,
      errors: [409, 422],
      description: 'Numbers run without gaps per series: D<year> quotes, F<year> invoices, A<year> credit notes.',
    },
    async ({ auth, params }) => {
      await documentOf(auth, params.id);
      await run(() => issueDocument(prisma, params.id, { now: today(deps) }));
      const issued = await answer(params.id);
      publishDocumentIssued(prisma, issued as Parameters<typeof publishDocumentIssued>[1]);
      return issued;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/billing-documents/:id/decision',
      summary: "Record the customer's answer to an issued quote",
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      body: QuoteDecisionInput,
      response: BillingDocument,
      errors: [409],
    },
    async ({ auth, params, body }) => {
      await documentOf(auth, params.id);
      return days(await run(() => decideQuote(prisma, params.id, body.accepted)));
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/billing-documents/:id/invoice',
      summary: 'Turn an accepted quote into a draft invoice',
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      response: BillingDocument,
      status: 201,
      errors: [409],
    },
    async ({ auth, params, req }) => {
      await documentOf(auth, params.id);
      return days(await run(() => invoiceFromQuote(prisma, params.id, { userId: req.auth?.sub })));
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/billing-documents/:id/credit-notes',
      summary: 'Draft a credit note for an issued invoice (whole, or amounts at its VAT rates)',
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      body: CreditNoteInput,
      response: BillingDocument,
      status: 201,
      errors: [409, 422],
    },
    async ({ auth, params, body, req }) => {
      await documentOf(auth, params.id);
      return days(await run(() => createCreditNote(prisma, params.id, { lines: body.lines, notes: body.notes, userId: req.auth?.sub })));
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/billing-documents/:id/payments',
      summary: 'Record a payment (negative: a reversal or refund)',
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      body: PaymentInput,
      response: PaymentAnswer,
      status: 201,
      errors: [409, 422],
    },
    async ({ auth, params, body, req }) => {
      const invoice = await documentOf(auth, params.id);
      const recorded = days(await run(() => recordPayment(prisma, params.id, body, { userId: req.auth?.sub })));
      publishPayment(prisma, recorded, invoice.agencyId);
      return recorded;
    },
  );

  // ─── VAT profiles and billing rates ───
  api.route(
    {
      method: 'get',
      path: '/api/sites/:id/vat-profile',
      summary: 'Whether the site is housing over two years old (reduced VAT rates)',
      tag: TAGS.billing,
      agency: 'shared',
      roles: OFFICE,
      params: IdParams,
      response: VatProfile,
    },
    async ({ params }) => {
      const profile = await prisma.siteVatProfile.findUnique({ where: { siteId: params.id } });
      if (!profile) throw notFound('VAT profile');
      return days(profile);
    },
  );
  api.route(
    {
      method: 'put',
      path: '/api/sites/:id/vat-profile',
      summary: "Set a site's VAT profile",
      tag: TAGS.billing,
      agency: 'shared',
      roles: OFFICE,
      params: IdParams,
      body: VatProfileInput,
      response: VatProfile,
    },
    async ({ params, body }) => {
      const site = await prisma.site.findUnique({ where: { id: params.id }, select: { id: true } });
      if (!site) throw notFound('site');
      const data = {
        premises: body.premises,
        completedOn: body.completedOn ? dateOf(body.completedOn) : null,
        attestationReceivedOn: body.attestationReceivedOn ? dateOf(body.attestationReceivedOn) : null,
      };
      return days(await prisma.siteVatProfile.upsert({ where: { siteId: params.id }, create: { siteId: params.id, ...data }, update: data }));
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/agencies/:id/billing-settings',
      summary: "An agency's labour rate, travel fee and terms (defaults until set)",
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      response: BillingSettings,
    },
    async ({ auth, params }) => {
      requireAgency(auth, params.id);
      return (await prisma.billingSettings.findUnique({ where: { agencyId: params.id } })) ?? { agencyId: params.id, ...DEFAULT_RATES };
    },
  );
  api.route(
    {
      method: 'put',
      path: '/api/agencies/:id/billing-settings',
      summary: "Set an agency's billing rates",
      tag: TAGS.billing,
      roles: OFFICE,
      params: IdParams,
      body: BillingSettingsInput,
      response: BillingSettings,
      errors: [422],
    },
    async ({ auth, params, body }) => {
      requireAgency(auth, params.id);
      return prisma.billingSettings.upsert({ where: { agencyId: params.id }, create: { agencyId: params.id, ...body }, update: body });
    },
  );
}
