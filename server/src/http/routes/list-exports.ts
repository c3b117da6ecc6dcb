// GET /api/list-exports/<list>: the back office's lists as CSV or XLSX
// (issue 13) — billing documents, payments, warranty claims, stock movements,
// supplier orders, shortages, overdue visits — with the filters their screens
// use (import/list-exports.ts writes them). Office roles; the agency is one of
// the caller's (the registry's `own` rule checks the query's agencyId: 403
// naming the field) and a depot named in the filters is checked against its
// stored agency (another agency's: 403 naming depotId; none: 404).
import { z } from 'zod';
import { Day, Id, QueryBool, QueryInt } from '@tournee/contracts/api';
import { ClaimStatus, DocumentKind, DocumentStatus, StockMovementKind, SupplierOrderStatus } from '@tournee/contracts/back-office';
import { ExportFormat } from '@tournee/contracts/import';
import type { Claims } from '../../auth/tokens.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { EXPORT_CONTENT_TYPES } from '../../import/export.ts';
import { type ListExport, type ListFilters, listExportFileName, writeListExport } from '../../import/list-exports.ts';
import { HttpError, notFound } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';

const TAG = 'Spreadsheet import and export';
const OFFICE = ['admin', 'dispatcher'] as const;
const PaymentMethod = z.enum(['transfer', 'card', 'cheque', 'cash', 'direct_debit']);

const base = { format: ExportFormat.default('xlsx'), agencyId: Id.optional() };
/** A period of days, both included: `to` not before `from` (400 naming `to`). */
const period = { from: Day.optional(), to: Day.optional() };
const orderedPeriod = (q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${q.from})` });
};

const QUERIES = {
  'billing-documents': z
    .object({ ...base, ...period, kind: DocumentKind.optional(), status: DocumentStatus.optional(), customerId: Id.optional() })
    .superRefine(orderedPeriod),
  payments: z.object({ ...base, ...period, method: PaymentMethod.optional(), customerId: Id.optional() }).superRefine(orderedPeriod),
  'warranty-claims': z.object({ ...base, status: ClaimStatus.optional(), supplierId: Id.optional() }),
  'stock-movements': z
    .object({ ...base, ...period, depotId: Id.optional(), partId: Id.optional(), kind: StockMovementKind.optional() })
    .superRefine(orderedPeriod),
  'supplier-orders': z.object({
    ...base,
    depotId: Id.optional(),
    supplierId: Id.optional(),
    status: SupplierOrderStatus.optional(),
    open: QueryBool.optional(),
  }),
  shortages: z.object({ ...base, depotId: Id.optional(), depotKind: z.enum(['central', 'van']).optional(), horizonDays: QueryInt(1, 365).default(30) }),
  'overdue-visits': z.object({ ...base, customerId: Id.optional(), today: Day.optional() }),
} satisfies Record<ListExport, z.ZodType>;

const DESCRIPTIONS: Record<ListExport, string> = {
  'billing-documents':
    'Quotes, invoices and credit notes as the Facturation list filters them (kind, status, customer; from/to: issued between these days, drafts left out), newest first: number, kind, status, agency, customer, issue and due days, net, VAT and total, and for issued invoices the credit notes, payments, what remains due and the payment status.',
  payments: 'Payments received between from and to (both included), newest first: day, invoice, customer, agency, method, reference, amount.',
  'warranty-claims':
    'Supplier warranty claims (status, supplier), newest first: reference, stage, kind, supplier, equipment, invoice, expected and received credit, days.',
  'stock-movements':
    'Stock movements of the agency’s depots (depot, part, kind; from/to: Paris days, both included), newest first: date and time, kind, part, depot, signed quantity, unit cost and value, supplier order, intervention, reason.',
  'supplier-orders':
    'Supplier orders of the agency’s depots (depot, supplier, status; open=true: draft, ordered or partly received), newest first: one line per order with its quantities ordered and received and its amount.',
  shortages:
    'Parts projected below their minimum within horizonDays (depot, or depotKind central or van): lowest quantity and day, quantity to order, estimated cost, preferred supplier.',
  'overdue-visits':
    'Service-plan visits overdue (« En retard »; customer, today): customer, site, contract, plan, due day and days late or the counter past its threshold, the visit if created.',
};

export function listExportRoutes(api: ApiRegistry, deps: { prisma: PrismaClient; now?: (() => Date) | undefined }): void {
  const { prisma } = deps;

  /** A depot in the filters: one of the caller's agencies' (and of the agency filtered on). */
  async function checkDepot(auth: Claims, depotId: string | undefined, agencyId: string | undefined) {
    if (!depotId) return;
    const depot = await prisma.depot.findUnique({ where: { id: depotId }, select: { agencyId: true } });
    if (!depot) throw notFound('depot');
    const mine = auth.role === 'admin' || auth.agencyIds.includes(depot.agencyId);
    if (!mine)
      throw new HttpError(403, `depot ${depotId} is not in one of your agencies`, [{ path: 'depotId', in: 'query', message: 'not in one of your agencies' }]);
    if (agencyId && depot.agencyId !== agencyId)
      throw new HttpError(400, 'invalid request query string', [{ path: 'depotId', in: 'query', message: 'not a depot of the agency filtered on (agencyId)' }]);
  }

  for (const list of Object.keys(QUERIES) as ListExport[]) {
    api.route(
      {
        method: 'get',
        path: `/api/list-exports/${list}`,
        summary: `Export the back office’s ${list.replace('-', ' ')} list as CSV or XLSX`,
        description: `${DESCRIPTIONS[list]} CSV: UTF-8 with BOM, \`;\`, decimal commas, dd/mm/yyyy; XLSX: amounts as numbers in euros, days as dates.`,
        tag: TAG,
        roles: OFFICE,
        query: QUERIES[list] as z.ZodType<ListFilters & { format: 'csv' | 'xlsx' }>,
      },
      async ({ auth, query, res }) => {
        const { format, ...filters } = query;
        await checkDepot(auth, filters.depotId, filters.agencyId);
        const now = deps.now?.() ?? new Date();
        res
          .status(200)
          .set('content-type', EXPORT_CONTENT_TYPES[format])
          .set('content-disposition', `attachment; filename="${listExportFileName(list, filters, format, now)}"`);
        await writeListExport(prisma, auth, list, filters, format, res, now);
      },
    );
  }
}
