// The technician app's contract with the server: what the app caches to work
// without network (the portfolio), the actions it records meanwhile and
// replicates on reconnect (a batch in, one result per action out), and what
// dispatchers see of the conflicts. Imported by the server (validation,
// OpenAPI) and by the app (types): nothing here imports server code.
//
// Actions carry ids made on the device (crypto.randomUUID), so replaying a
// batch is harmless: an id already seen answers `duplicate` with the first
// answer. An action on a visit says what the device knew: the intervention's
// version it last received (`baseVersion`), or the device's own earlier action
// on that visit it builds on (`after`) — the server then knows the version
// that action produced, so a chain recorded offline (en route, on site, done)
// is not mistaken for a concurrent change.
import { z } from 'zod';
import { Day, ErrorDetail, Id, Instant, JsonObject, QueryBool, QueryInt, Text } from './api/common.ts';
import { INTERVENTION_STATUSES } from './lifecycle.ts';
import { CounterReadingAction } from './counters.ts';

// ─── Actions (device → server) ───────────────────────────────────────────────

/** Made on the device with crypto.randomUUID(). */
export const ActionId = z.uuid();

export const ACTION_KINDS = ['status', 'complete', 'photo', 'request_part', 'counter_reading'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The field moves the app records before the report (done comes with the report). */
export const FIELD_STATUS_MOVES = ['en_route', 'on_site'] as const;

/** `data:image/jpeg;base64,…` — photos are compressed on the device; the whole request stays under the API's 1 MB. */
export const MAX_PHOTO_DATA_URL = 700_000;
export const MAX_SIGNATURE_DATA_URL = 200_000;
const dataUrl = (mime: string, max: number) =>
  z
    .string()
    .max(max, `too large: compress it below ${Math.floor(max / 1000)} KB`)
    .regex(new RegExp(`^data:${mime.replace('/', '\\/')};base64,[A-Za-z0-9+/]+=*$`), `must be a base64 data: URL of type ${mime}`);

const common = { id: ActionId, createdAt: Instant };
const onVisit = {
  ...common,
  interventionId: Id,
  /** The intervention's version as the device last received it from the server… */
  baseVersion: z.number().int().min(1).optional(),
  /** …or the device's earlier action on the same visit this one follows. */
  after: ActionId.optional(),
};
function exactlyOneBase(action: { baseVersion?: number | undefined; after?: string | undefined }, ctx: z.RefinementCtx): void {
  if ((action.baseVersion === undefined) === (action.after === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['baseVersion'],
      message: 'send exactly one of baseVersion (the version you read) or after (your earlier action on this visit)',
    });
  }
}

export const StatusAction = z
  .object({
    kind: z.literal('status'),
    ...onVisit,
    to: z.enum(FIELD_STATUS_MOVES),
    /** When it happened on the device. */
    at: Instant,
  })
  .superRefine(exactlyOneBase);

export const PartUsed = z.object({ partId: Id, quantity: z.number().int().min(1).max(1000) });
export const ConfigurationValue = z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()]);
/** Keys set on the equipment's "as maintained" configuration; null removes a key. */
export const ConfigurationChange = z.object({
  equipmentId: Id,
  set: z
    .record(z.string().trim().min(1).max(60), ConfigurationValue)
    .refine((set) => Object.keys(set).length > 0 && Object.keys(set).length <= 50, 'between 1 and 50 keys'),
});
export const Signature = z.object({ signedBy: Text(120), image: dataUrl('image/png', MAX_SIGNATURE_DATA_URL) });

/** The report, and the move to done. */
export const CompleteAction = z
  .object({
    kind: z.literal('complete'),
    ...onVisit,
    workDone: Text(10_000),
    timeSpentMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    partsUsed: z.array(PartUsed).max(50).default([]),
    configurationChanges: z.array(ConfigurationChange).max(20).default([]),
    signature: Signature.nullable().default(null),
    /** Photos sent as their own actions, earlier in the outbox. */
    photoIds: z.array(ActionId).max(20).default([]),
    completedAt: Instant,
  })
  .superRefine(exactlyOneBase);

export const PhotoAction = z.object({
  kind: z.literal('photo'),
  ...common,
  interventionId: Id,
  photoId: ActionId,
  takenAt: Instant,
  caption: Text(300).optional(),
  image: dataUrl('image/jpeg', MAX_PHOTO_DATA_URL),
  width: z.number().int().min(1).max(4096),
  height: z.number().int().min(1).max(4096),
});

export const PART_REQUEST_KINDS = ['part', 'machine'] as const;
/** Parts (or a replacement machine) for the van or a visit, from the agency's depot. */
export const RequestPartAction = z.object({
  kind: z.literal('request_part'),
  ...common,
  requestId: ActionId,
  partId: Id,
  quantity: z.number().int().min(1).max(100),
  what: z.enum(PART_REQUEST_KINDS).default('part'),
  interventionId: Id.optional(),
  note: Text(1000).optional(),
});

/** Meter readings taken on a visit (counters.ts): they drive the usage-based service plans. */
export { CounterReadingAction };
export const FieldAction = z.discriminatedUnion('kind', [StatusAction, CompleteAction, PhotoAction, RequestPartAction, CounterReadingAction]);
export type FieldAction = z.infer<typeof FieldAction>;
export type FieldActionInput = z.input<typeof FieldAction>;
export type StatusAction = z.infer<typeof StatusAction>;
export type CompleteAction = z.infer<typeof CompleteAction>;
export type PhotoAction = z.infer<typeof PhotoAction>;
export type RequestPartAction = z.infer<typeof RequestPartAction>;

export const MAX_ACTIONS_PER_BATCH = 100;
export const ReplicationBatch = z.object({
  /** In the order they were recorded: the server applies them in this order. */
  actions: z.array(FieldAction).min(1).max(MAX_ACTIONS_PER_BATCH),
});
export type ReplicationBatch = z.infer<typeof ReplicationBatch>;

// ─── Results (server → device) ───────────────────────────────────────────────

/**
 * Why an action could not be applied although it was valid:
 * - reassigned / unassigned / cancelled: the dispatcher took the visit away meanwhile;
 * - status_changed: the visit is no longer where the move starts from;
 * - out_of_stock: the van (parts used) or the depot (request) lacks the part;
 * - depends_on_conflict: it follows an action of the device that was not applied;
 * - id_taken: an id the device chose (a photo's) already names another record:
 *   that action is kept for the dispatcher, the rest of the batch applies;
 * - other_day: setting off (en_route) on a visit planned for a later day: the
 *   dispatcher moves it to today first (`current.plannedDay` says which day).
 */
export const CONFLICT_REASONS = [
  'reassigned',
  'unassigned',
  'cancelled',
  'status_changed',
  'out_of_stock',
  'depends_on_conflict',
  'id_taken',
  'other_day',
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** The visit as it is now, as much as the technician may know of it. */
export const VisitState = z.object({
  interventionId: Id,
  status: z.enum(INTERVENTION_STATUSES),
  version: z.number().int(),
  /** Whether it is still the caller's (no other technician's id is revealed). */
  assignedToYou: z.boolean(),
  cancelReason: z.string().nullable(),
});
export const StockShortage = z.object({
  partId: Id,
  reference: z.string(),
  name: z.string(),
  depotId: Id.nullable(),
  depotName: z.string().nullable(),
  onHand: z.number().int(),
  requested: z.number().int(),
});
export const ConflictCurrent = z.object({
  visit: VisitState.optional(),
  shortage: StockShortage.optional(),
  /** The action this one followed (depends_on_conflict). */
  dependsOn: ActionId.optional(),
  /** request_part: the request is kept, waiting for stock. */
  requestStatus: z.enum(['requested', 'backordered']).optional(),
  /** other_day: the day the visit is planned for (YYYY-MM-DD, the agency's calendar). */
  plannedDay: z.string().optional(),
});
export type VisitState = z.infer<typeof VisitState>;
export type StockShortage = z.infer<typeof StockShortage>;
export type ConflictCurrent = z.infer<typeof ConflictCurrent>;

export const AppliedResult = z.object({
  id: ActionId,
  status: z.literal('applied'),
  /** The intervention's version after the action (null when it did not touch one). */
  interventionVersion: z.number().int().nullable(),
  /** The server held a newer version than the device had seen; the change did not touch what the action depends on, so it was merged. */
  merged: z.boolean(),
});
export const ConflictResult = z.object({
  id: ActionId,
  status: z.literal('conflict'),
  reason: z.enum(CONFLICT_REASONS),
  message: z.string(),
  current: ConflictCurrent,
});
export const RejectedResult = z.object({
  id: ActionId,
  status: z.literal('rejected'),
  error: z.string(),
  details: z.array(ErrorDetail),
});
export const FirstResult = z.discriminatedUnion('status', [AppliedResult, ConflictResult, RejectedResult]);
export const DuplicateResult = z.object({
  id: ActionId,
  status: z.literal('duplicate'),
  /** What the first delivery of this action got. */
  first: FirstResult,
});
export const ActionResult = z.discriminatedUnion('status', [AppliedResult, ConflictResult, RejectedResult, DuplicateResult]);
export const ReplicationBatchResult = z.object({
  /** One per action, in the batch's order. */
  results: z.array(ActionResult),
  serverTime: Instant,
});
export type AppliedResult = z.infer<typeof AppliedResult>;
export type ConflictResult = z.infer<typeof ConflictResult>;
export type RejectedResult = z.infer<typeof RejectedResult>;
export type FirstResult = z.infer<typeof FirstResult>;
export type DuplicateResult = z.infer<typeof DuplicateResult>;
export type ActionResult = z.infer<typeof ActionResult>;
export type ReplicationBatchResult = z.infer<typeof ReplicationBatchResult>;

// ─── Portfolio (what the app caches) ─────────────────────────────────────────

export const PortfolioQuery = z.object({
  /** Today and the coming days. */
  days: QueryInt(1, 14).default(7),
});

export const WARRANTY_STATES = ['covered', 'expired', 'none'] as const;
export const WarrantyStatus = z.object({
  status: z.enum(WARRANTY_STATES),
  /** The latest end among the warranties that apply (or the equipment's own end date). */
  endsOn: Day.nullable(),
  /** manufacturer, ours, extended — or null when only the equipment's end date is known. */
  kind: z.string().nullable(),
});

export const EquipmentSheet = z.object({
  id: Id,
  category: z.string(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  serialNumber: z.string().nullable(),
  asSold: JsonObject,
  asMaintained: JsonObject,
  installedOn: Day.nullable(),
  warranty: WarrantyStatus,
  /** The visit is about this one (the others are on the same site). */
  concerned: z.boolean(),
  /** Its latest history entries, newest first. */
  events: z.array(z.object({ occurredAt: Instant, kind: z.string(), summary: z.string() })),
  /** Usage counters as last read (operating_hours…), for the readings form (counters.ts). */
  counters: z.record(z.string(), z.number()).default({}),
  countersReadAt: Instant.nullable().default(null),
});

export const DocumentInfo = z.object({
  id: Id,
  kind: z.enum(['photo', 'signature', 'document']),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  /** What it is attached to. */
  attachedTo: z.enum(['intervention', 'equipment', 'site']),
  /** GET this (with the session) for the content. */
  url: z.string(),
});

export const PastIntervention = z.object({
  id: Id,
  kind: z.string(),
  status: z.enum(INTERVENTION_STATUSES),
  equipmentId: Id.nullable(),
  /** When it was done (or planned, when not done). */
  date: Instant.nullable(),
  problemDescription: z.string().nullable(),
  report: z.string().nullable(),
});

export const FieldReportView = z.object({
  workDone: z.string(),
  timeSpentMinutes: z.number().int(),
  partsUsed: z.array(z.object({ partId: Id, reference: z.string(), name: z.string(), quantity: z.number().int() })),
  configurationChanges: z.array(z.object({ equipmentId: Id, set: JsonObject, before: JsonObject })),
  signedBy: z.string().nullable(),
  completedAt: Instant,
  attachments: z.array(DocumentInfo),
});
export type FieldReportView = z.infer<typeof FieldReportView>;

export const VisitSheet = z.object({
  id: Id,
  agencyId: Id,
  status: z.enum(INTERVENTION_STATUSES),
  version: z.number().int(),
  kind: z.string(),
  priority: z.number().int(),
  problemDescription: z.string().nullable(),
  report: z.string().nullable(),
  cancelReason: z.string().nullable(),
  estimatedDurationMinutes: z.number().int(),
  slaDeadline: Instant.nullable(),
  timeWindows: z.array(z.object({ start: Instant, end: Instant })),
  plannedStart: Instant.nullable(),
  plannedEnd: Instant.nullable(),
  actualStart: Instant.nullable(),
  actualEnd: Instant.nullable(),
  customer: z.object({ id: Id, name: z.string(), reference: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  site: z.object({
    id: Id,
    name: z.string().nullable(),
    address: z.string(),
    postcode: z.string(),
    city: z.string(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    accessNotes: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
  }),
  equipment: z.array(EquipmentSheet),
  history: z.array(PastIntervention),
  documents: z.array(DocumentInfo),
  fieldReport: FieldReportView.nullable(),
});
export type VisitSheet = z.infer<typeof VisitSheet>;
export type EquipmentSheet = z.infer<typeof EquipmentSheet>;
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const PortfolioStop = z.object({
  interventionId: Id,
  sequence: z.number().int(),
  /** The ETA. */
  plannedArrival: Instant.nullable(),
  plannedStart: Instant.nullable(),
  plannedEnd: Instant.nullable(),
  travelSeconds: z.number().int().nullable(),
  travelMeters: z.number().int().nullable(),
});
export const PortfolioDay = z.object({
  date: Day,
  tour: z.object({ id: Id, status: z.string(), version: z.number().int() }).nullable(),
  /** In visiting order; visits assigned that day but not (yet) in a tour come last, without ETA. */
  stops: z.array(PortfolioStop),
});

export const PartInfo = z.object({ id: Id, reference: z.string(), name: z.string() });
export const DepotStock = z.object({
  depotId: Id,
  name: z.string(),
  kind: z.enum(['central', 'van']),
  levels: z.array(z.object({ partId: Id, onHand: z.number().int() })),
});
export const PART_REQUEST_STATUSES = ['requested', 'backordered', 'fulfilled', 'cancelled'] as const;
export const PartRequestView = z.object({
  id: Id,
  partId: Id,
  quantity: z.number().int(),
  what: z.enum(PART_REQUEST_KINDS),
  status: z.enum(PART_REQUEST_STATUSES),
  interventionId: Id.nullable(),
  note: z.string().nullable(),
  createdAt: Instant,
});

export type PartRequestStatus = (typeof PART_REQUEST_STATUSES)[number];

/** A request as the office lists it: with who asked, for which agency, and when it last moved. */
export const OfficePartRequest = PartRequestView.extend({ technicianId: Id, agencyId: Id, updatedAt: Instant });
export type OfficePartRequest = z.infer<typeof OfficePartRequest>;

/**
 * The office's moves of a request (`POST /api/part-requests/:id/transitions`):
 *
 *   requested   → backordered (ordered from the supplier, waiting for it), fulfilled, cancelled
 *   backordered → requested (the stock is there again), fulfilled, cancelled
 *   fulfilled, cancelled: final
 *
 * An order placed with a supplier is `backordered`: the schema has no
 * separate "ordered" state, and for the technician both read "waiting".
 */
export const PART_REQUEST_MOVES: Readonly<Record<PartRequestStatus, readonly PartRequestStatus[]>> = {
  requested: ['backordered', 'fulfilled', 'cancelled'],
  backordered: ['requested', 'fulfilled', 'cancelled'],
  fulfilled: [],
  cancelled: [],
};

export function checkPartRequestTransition(from: PartRequestStatus, to: PartRequestStatus): { ok: true } | { ok: false; reason: string } {
  if (from === to) return { ok: false, reason: `the request is already ${from}` };
  const next = PART_REQUEST_MOVES[from];
  if (next.length === 0) return { ok: false, reason: `a ${from} request is final` };
  if (!next.includes(to)) return { ok: false, reason: `a ${from} request can become ${next.join(', ')}, not ${to}` };
  return { ok: true };
}

export const PartRequestTransition = z
  .object({
    to: z.enum(PART_REQUEST_STATUSES),
    /** The status you read: a request someone else moved meanwhile is refused (409) rather than moved twice. */
    from: z.enum(PART_REQUEST_STATUSES).optional(),
    /**
     * Fulfilled from stock: the central depot (of the request's agency) the
     * parts leave for the technician's van — a transfer, which their van shows
     * at their next synchronization. Absent: fulfilled outside the stock
     * (delivered by the supplier, a machine sent to the site).
     */
    fromDepotId: Id.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.fromDepotId !== undefined && t.to !== 'fulfilled') {
      ctx.addIssue({ code: 'custom', path: ['fromDepotId'], message: 'only a fulfilment takes parts from a depot' });
    }
  });
export type PartRequestTransition = z.infer<typeof PartRequestTransition>;

export const PartRequestTransitionResult = z.object({
  request: OfficePartRequest,
  /** The stock transfer of a fulfilment from a depot (movements and on hand: GET /api/stock-movements?…). */
  transfer: z.object({ batchId: z.string(), fromDepotId: Id, toDepotId: Id, quantity: z.number().int() }).nullable(),
});
export type PartRequestTransitionResult = z.infer<typeof PartRequestTransitionResult>;

export const Portfolio = z.object({
  technician: z.object({
    id: Id,
    firstName: z.string(),
    lastName: z.string(),
    agencyId: Id,
    agencyName: z.string(),
    timezone: z.string(),
    home: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  }),
  /** The stock and the visits are as of this instant ("last synchronization"). */
  generatedAt: Instant,
  today: Day,
  days: z.array(PortfolioDay),
  visits: z.array(VisitSheet),
  stock: z.object({
    parts: z.array(PartInfo),
    van: DepotStock.nullable(),
    central: z.array(DepotStock),
  }),
  requests: z.array(PartRequestView),
});
export type Portfolio = z.infer<typeof Portfolio>;
export type PortfolioDay = z.infer<typeof PortfolioDay>;
export type PortfolioStop = z.infer<typeof PortfolioStop>;
export type DepotStock = z.infer<typeof DepotStock>;
export type PartInfo = z.infer<typeof PartInfo>;
export type PartRequestView = z.infer<typeof PartRequestView>;

// ─── Conflicts (dispatchers) ─────────────────────────────────────────────────

export const FieldConflict = z.object({
  actionId: ActionId,
  kind: z.enum(ACTION_KINDS),
  technicianId: Id,
  technicianName: z.string(),
  agencyId: Id.nullable(),
  interventionId: Id.nullable(),
  reason: z.enum(CONFLICT_REASONS),
  message: z.string(),
  current: ConflictCurrent,
  /** The technician's action as recorded on the device: nothing they entered is lost. */
  payload: JsonObject,
  receivedAt: Instant,
  resolvedAt: Instant.nullable(),
  resolution: z.string().nullable(),
});
export type FieldConflict = z.infer<typeof FieldConflict>;

export const ConflictQuery = z.object({
  agencyId: Id.optional(),
  /** Only unresolved ones (default) or all. */
  open: QueryBool.default(true),
  limit: QueryInt(1, 200).default(50),
});
export const ResolveConflict = z.object({ resolution: Text(1000) });

/** The socket.io event to the agency's room when a technician's action conflicts (listed in realtime.ts's ServerToClientEvents). */
export const FIELD_CONFLICT_EVENT = 'field:conflict';
export type FieldConflictNotice = Omit<FieldConflict, 'payload'>;
