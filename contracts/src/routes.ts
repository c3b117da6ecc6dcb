// The route table: every REST route a client of this repository calls, as
// data — method, path (Express syntax, `:id`) and the zod schemas of its
// params, query, body and answer. The same schemas the server's route registry
// validates with (server/src/http/registry.ts); server/test/http/route-table.test.ts
// checks that each route here is registered with this method, path and schemas.
//
// The UI's client (ui/src/api/client.ts) is typed by `typeof apiRoutes` alone,
// through `import type`: a call names its route by key ('POST /api/plans'),
// and its params, query, body and answer types follow. So a renamed path or a
// changed body is a type error in the browser code and a failing test on the
// server, and zod never reaches the browser bundle through this table.
import { z } from 'zod';
import {
  Absence,
  AbsenceQuery,
  AgencyQuery,
  Agency,
  AssignAnswer,
  AssignRequest,
  Customer,
  CustomerQuery,
  Equipment,
  EquipmentQuery,
  IdParams,
  InsertionAnswer,
  InsertionRequest,
  Intervention,
  InterventionInput,
  InterventionQuery,
  LoginInput,
  NewWorkInput,
  PlaceAnswer,
  PlaceQuery,
  LoginResponse,
  MoveEvaluation,
  MoveRequest,
  Page,
  PlanDecisionAnswer,
  PlanList,
  PlanListQuery,
  PlanningRun,
  PlanRequest,
  PlanSubmitted,
  Region,
  RegionQuery,
  Sector,
  SectorQuery,
  ServicePlan,
  ServicePlanQuery,
  SessionUser,
  Shift,
  Site,
  SiteQuery,
  Skill,
  SkillQuery,
  Technician,
  TechnicianQuery,
  WorkSearchAnswer,
  WorkSearchQuery,
} from './api.ts';
import {
  AccountingMapping,
  AccountingMappingInput,
  JournalExportQuery,
  JournalPresetList,
  AdjustmentInput,
  BillingDocument,
  BudgetQuery,
  BudgetReport,
  Claim,
  ClaimInput,
  ClaimQuery,
  ClaimTransitionInput,
  CoverageVerdict,
  CreditNoteInput,
  Depot,
  DepotQuery,
  DocumentQuery,
  FecQuery,
  FromInterventionInput,
  JournalEntry,
  JournalQuery,
  LinesInput,
  MovementBatch,
  Part,
  PartQuery,
  PaymentAnswer,
  PaymentInput,
  Projection,
  ProjectionQuery,
  QuoteDecisionInput,
  ReceiptInput,
  RecoverableQuery,
  RecoverableReport,
  ShortageAnswer,
  ShortageQuery,
  StockLevel,
  StockLevelQuery,
  StockMovement,
  StockMovementQuery,
  Supplier,
  SupplierOrder,
  SupplierOrderInput,
  SupplierOrderPatch,
  SupplierOrderQuery,
  SupplierQuery,
  TransferInput,
  WarrantyStatusQuery,
} from './back-office.ts';
import { ConflictQuery, FieldConflict, ResolveConflict } from './replication.ts';
import { AcceptRequest, PlanChanges } from './api/plan-changes.ts';
import { ImportBatch, ImportListQuery, ImportReport, ImportReportQuery, ImportRunInput, ImportRunQuery } from './import.ts';
import { OverdueList, OverdueQuery } from './overdue-visits.ts';
import { QueuedDecisionRequest, QueuedRankRequest, UrgentAnswer, UrgentCommitAnswer, UrgentCommitRequest, UrgentRankRequest } from './api/urgent.ts';
import {
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookSubscription,
  WebhookSubscriptionCreated,
  WebhookSubscriptionInput,
  WebhookSubscriptionPatch,
} from './api/webhooks.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One route: what the server validates and answers (no `response`: 204 No Content). */
export interface RouteDeclaration {
  readonly method: Method;
  /** Express syntax: /api/interventions/:id/assign */
  readonly path: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response?: z.ZodType;
}

/** A route's key in the table: 'POST /api/plans'. */
export type RouteKeyOf<R> = R extends { readonly method: infer M extends Method; readonly path: infer P extends string } ? `${Uppercase<M>} ${P}` : never;

type Schemas = Omit<RouteDeclaration, 'method' | 'path'>;

const route =
  <M extends Method>(method: M) =>
  <const P extends string, const S extends Schemas>(path: P, schemas: S): { readonly method: M; readonly path: P } & S => ({ method, path, ...schemas });
const get = route('get');
const post = route('post');
const put = route('put');
const patch = route('patch');
const del = route('delete');

/** The table, keyed by 'METHOD path', from a list of routes (a duplicate key is a mistake, and throws). */
function table<const Routes extends readonly RouteDeclaration[]>(...routes: Routes): { readonly [R in Routes[number] as RouteKeyOf<R>]: R } {
  const out: Record<string, RouteDeclaration> = {};
  for (const r of routes) {
    const key = `${r.method.toUpperCase()} ${r.path}`;
    if (out[key]) throw new Error(`route declared twice: ${key}`);
    out[key] = r;
  }
  return out as { readonly [R in Routes[number] as RouteKeyOf<R>]: R };
}

export const apiRoutes = table(
  // ─── Session ──────────────────────────────────────────────────────────────
  post('/api/auth/login', { body: LoginInput, response: LoginResponse }),
  get('/api/auth/me', { response: SessionUser }),
  post('/api/auth/logout', {}),

  // ─── Organisation, workforce, installed base ─────────────────────────────
  get('/api/regions', { query: RegionQuery, response: Page(Region) }),
  get('/api/agencies', { query: AgencyQuery, response: Page(Agency) }),
  get('/api/sectors', { query: SectorQuery, response: Page(Sector) }),
  get('/api/skills', { query: SkillQuery, response: Page(Skill) }),
  get('/api/technicians', { query: TechnicianQuery, response: Page(Technician) }),
  get('/api/technicians/:id/shifts', { params: IdParams, response: z.array(Shift) }),
  get('/api/technicians/:id/absences', { params: IdParams, query: AbsenceQuery, response: z.array(Absence) }),
  get('/api/sites', { query: SiteQuery, response: Page(Site) }),
  get('/api/customers', { query: CustomerQuery, response: Page(Customer) }),
  get('/api/equipment', { query: EquipmentQuery, response: Page(Equipment) }),
  get('/api/equipment/:id', { params: IdParams, response: Equipment }),

  // ─── Interventions and planning ──────────────────────────────────────────
  get('/api/interventions', { query: InterventionQuery, response: Page(Intervention) }),
  get('/api/interventions/:id', { params: IdParams, response: Intervention }),
  post('/api/interventions', { body: InterventionInput, response: Intervention }),
  get('/api/work/search', { query: WorkSearchQuery, response: WorkSearchAnswer }),
  get('/api/work/places', { query: PlaceQuery, response: PlaceAnswer }),
  post('/api/work/interventions', { body: NewWorkInput, response: Intervention }),
  get('/api/service-plans', { query: ServicePlanQuery, response: Page(ServicePlan) }),
  post('/api/service-plans/:id/visit', { params: IdParams, response: Intervention }),
  post('/api/plans', { body: PlanRequest, response: PlanSubmitted }),
  get('/api/plans', { query: PlanListQuery, response: PlanList }),
  get('/api/plans/:id', { params: IdParams, response: PlanningRun }),
  post('/api/plans/:id/accept', { params: IdParams, body: AcceptRequest, response: PlanDecisionAnswer }),
  get('/api/plans/:id/changes', { params: IdParams, response: PlanChanges }),
  post('/api/plans/:id/discard', { params: IdParams, response: PlanDecisionAnswer }),
  post('/api/interventions/:id/insertion-candidates', { params: IdParams, body: InsertionRequest, response: InsertionAnswer }),
  post('/api/interventions/:id/evaluate-move', { params: IdParams, body: MoveRequest, response: MoveEvaluation }),
  post('/api/interventions/:id/assign', { params: IdParams, body: AssignRequest, response: AssignAnswer }),
  post('/api/urgent-requests/rank', { body: UrgentRankRequest, response: UrgentAnswer }),
  post('/api/urgent-requests', { body: UrgentCommitRequest, response: UrgentCommitAnswer }),
  post('/api/interventions/:id/urgent-answer', { params: IdParams, body: QueuedRankRequest, response: UrgentAnswer }),
  post('/api/interventions/:id/urgent-decision', { params: IdParams, body: QueuedDecisionRequest, response: UrgentCommitAnswer }),

  // ─── Field conflicts (the technician app's replication) ──────────────────
  get('/api/replication/conflicts', { query: ConflictQuery, response: z.array(FieldConflict) }),
  post('/api/replication/conflicts/:id/resolve', { params: IdParams, body: ResolveConflict, response: FieldConflict }),

  // ─── Back office: stock ──────────────────────────────────────────────────
  get('/api/depots', { query: DepotQuery, response: Page(Depot) }),
  get('/api/parts', { query: PartQuery, response: Page(Part) }),
  get('/api/suppliers', { query: SupplierQuery, response: Page(Supplier) }),
  get('/api/stock-levels', { query: StockLevelQuery, response: Page(StockLevel) }),
  get('/api/stock-movements', { query: StockMovementQuery, response: Page(StockMovement) }),
  post('/api/stock-movements/transfers', { body: TransferInput, response: MovementBatch }),
  post('/api/stock-movements/adjustments', { body: AdjustmentInput, response: MovementBatch }),
  get('/api/stock/projection', { query: ProjectionQuery, response: Page(Projection) }),
  get('/api/stock/shortages', { query: ShortageQuery, response: ShortageAnswer }),
  get('/api/supplier-orders', { query: SupplierOrderQuery, response: Page(SupplierOrder) }),
  post('/api/supplier-orders', { body: SupplierOrderInput, response: SupplierOrder }),
  patch('/api/supplier-orders/:id', { params: IdParams, body: SupplierOrderPatch, response: SupplierOrder }),
  post('/api/supplier-orders/:id/receipts', { params: IdParams, body: ReceiptInput, response: MovementBatch }),

  // ─── Back office: warranties ─────────────────────────────────────────────
  get('/api/warranty-claims', { query: ClaimQuery, response: Page(Claim) }),
  get('/api/warranty-claims/recoverable', { query: RecoverableQuery, response: RecoverableReport }),
  get('/api/warranty-claims/:id', { params: IdParams, response: Claim }),
  post('/api/warranty-claims', { body: ClaimInput, response: Claim }),
  post('/api/warranty-claims/:id/transitions', { params: IdParams, body: ClaimTransitionInput, response: Claim }),
  get('/api/warranty-budgets', { query: BudgetQuery, response: BudgetReport }),
  get('/api/equipment/:id/warranty-status', { params: IdParams, query: WarrantyStatusQuery, response: CoverageVerdict }),

  // ─── Back office: billing and accounting ─────────────────────────────────
  get('/api/billing-documents', { query: DocumentQuery, response: Page(BillingDocument) }),
  get('/api/billing-documents/:id', { params: IdParams, response: BillingDocument }),
  post('/api/interventions/:id/billing-documents', { params: IdParams, body: FromInterventionInput, response: BillingDocument }),
  put('/api/billing-documents/:id/lines', { params: IdParams, body: LinesInput, response: BillingDocument }),
  del('/api/billing-documents/:id', { params: IdParams }),
  post('/api/billing-documents/:id/issue', { params: IdParams, response: BillingDocument }),
  post('/api/billing-documents/:id/decision', { params: IdParams, body: QuoteDecisionInput, response: BillingDocument }),
  post('/api/billing-documents/:id/invoice', { params: IdParams, response: BillingDocument }),
  post('/api/billing-documents/:id/credit-notes', { params: IdParams, body: CreditNoteInput, response: BillingDocument }),
  post('/api/billing-documents/:id/payments', { params: IdParams, body: PaymentInput, response: PaymentAnswer }),
  post('/api/billing-documents/:id/warranty-claims', { params: IdParams, response: z.array(Claim) }),
  get('/api/journal-entries', { query: JournalQuery, response: Page(JournalEntry) }),
  /** The FEC file (text, not JSON): the UI links to it rather than calling it. */
  get('/api/accounting/fec', { query: FecQuery }),
  get('/api/accounting/mapping', { response: AccountingMapping }),
  put('/api/accounting/mapping', { body: AccountingMappingInput, response: AccountingMapping }),
  get('/api/accounting/journal-presets', { response: JournalPresetList }),
  /** The month's journal as CSV (not JSON): the UI downloads it rather than calling it. */
  get('/api/accounting/journal-export', { query: JournalExportQuery }),

  // ─── Spreadsheet import (the upload, POST /api/imports, sends the file's bytes, and exports are files: the UI fetches them itself) ───
  get('/api/imports', { query: ImportListQuery, response: Page(ImportBatch) }),
  get('/api/imports/:id', { params: IdParams, response: ImportBatch }),
  get('/api/imports/:id/report', { params: IdParams, query: ImportReportQuery, response: ImportReport }),
  post('/api/imports/:id/dry-run', { params: IdParams, query: ImportRunQuery, body: ImportRunInput, response: ImportBatch }),
  post('/api/imports/:id/import', { params: IdParams, query: ImportRunQuery, body: ImportRunInput, response: ImportBatch }),
  post('/api/imports/:id/undo', { params: IdParams, response: ImportBatch }),

  // ─── ERP webhooks (admin) ────────────────────────────────────────────────
  get('/api/webhooks/subscriptions', { response: Page(WebhookSubscription) }),
  post('/api/webhooks/subscriptions', { body: WebhookSubscriptionInput, response: WebhookSubscriptionCreated }),
  patch('/api/webhooks/subscriptions/:id', { params: IdParams, body: WebhookSubscriptionPatch, response: WebhookSubscription }),
  del('/api/webhooks/subscriptions/:id', { params: IdParams }),
  get('/api/webhooks/deliveries', { query: WebhookDeliveryQuery, response: Page(WebhookDelivery) }),
  post('/api/webhooks/deliveries/:id/replay', { params: IdParams, response: WebhookDelivery }),

  // ─── Service-plan visits overdue (a due day past, or a usage counter at its threshold) ───
  get('/api/overdue-visits', { query: OverdueQuery, response: OverdueList }),
);

export type ApiRoutes = typeof apiRoutes;
/** 'GET /api/interventions', 'POST /api/interventions/:id/assign', … */
export type RouteKey = keyof ApiRoutes;
