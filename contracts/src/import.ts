// Spreadsheet import and export (issue 13): what the server and the back
// office agree on — the kinds of file, the fields each kind reads (the server
// knows the column names that map to them, in French and English), batches
// and their per-line reports.
import { z } from 'zod';
import { Id, Pagination, QueryBool } from './api/common.ts';

export const IMPORT_KINDS = [
  'customers',
  'sites',
  'equipment',
  'suppliers',
  'parts',
  'stockLevels',
  'technicians',
  'contracts',
  'servicePlans',
  'interventions',
] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

/** What the export offers: every import kind, with the columns the import reads. */
export const EXPORT_KINDS = IMPORT_KINDS;
export const ExportKind = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKind>;
export const ExportFormat = z.enum(['csv', 'xlsx']);

export interface ImportFieldInfo {
  readonly key: string;
  /** A line without it is refused; the mapping must name a column for it. */
  readonly required: boolean;
}

/**
 * The fields of each kind, in the export's column order. `reference` (or a
 * supplier's `code`) is how a second import finds the rows of the first.
 * Equipment columns mapped to no field are its as-sold configuration
 * (`asSold` attributes named by the column).
 */
export const IMPORT_FIELDS: Readonly<Record<ImportKind, readonly ImportFieldInfo[]>> = {
  customers: [
    { key: 'reference', required: true },
    { key: 'name', required: true },
    { key: 'email', required: false },
    { key: 'phone', required: false },
    { key: 'notes', required: false },
  ],
  sites: [
    { key: 'reference', required: true },
    { key: 'customerReference', required: true },
    { key: 'name', required: false },
    { key: 'address', required: true },
    { key: 'postcode', required: true },
    { key: 'city', required: true },
    { key: 'country', required: false },
    { key: 'lat', required: false },
    { key: 'lon', required: false },
    { key: 'agencyCode', required: false },
    { key: 'sectorCode', required: false },
    { key: 'accessNotes', required: false },
    { key: 'contactName', required: false },
    { key: 'contactPhone', required: false },
  ],
  equipment: [
    { key: 'reference', required: true },
    { key: 'siteReference', required: true },
    { key: 'category', required: true },
    { key: 'brand', required: false },
    { key: 'model', required: false },
    { key: 'serialNumber', required: false },
    { key: 'installedOn', required: false },
    { key: 'warrantyEndsOn', required: false },
    { key: 'active', required: false },
    { key: 'notes', required: false },
  ],
  suppliers: [
    { key: 'code', required: true },
    { key: 'name', required: true },
    { key: 'email', required: false },
    { key: 'phone', required: false },
    { key: 'accountNumber', required: false },
    { key: 'notes', required: false },
  ],
  parts: [
    { key: 'reference', required: true },
    { key: 'name', required: true },
    { key: 'unitCost', required: true },
    { key: 'unitPrice', required: true },
    { key: 'supplierCode', required: false },
    { key: 'energyEfficient', required: false },
    { key: 'active', required: false },
  ],
  // One line per part and location (a depot by its code, or a technician's van by the technician's reference):
  // the counted quantity becomes an inventory adjustment movement, as the stock screen's count does.
  stockLevels: [
    { key: 'partReference', required: true },
    { key: 'partName', required: false },
    { key: 'agencyCode', required: false },
    { key: 'depotCode', required: false },
    { key: 'depotName', required: false },
    { key: 'technicianReference', required: false },
    { key: 'onHand', required: false },
    { key: 'minQuantity', required: false },
    { key: 'maxQuantity', required: false },
    { key: 'bin', required: false },
  ],
  technicians: [
    { key: 'reference', required: true },
    { key: 'firstName', required: true },
    { key: 'lastName', required: true },
    { key: 'agencyCode', required: true },
    { key: 'email', required: false },
    { key: 'phone', required: false },
    { key: 'homeAddress', required: false },
    { key: 'homeLat', required: false },
    { key: 'homeLon', required: false },
    { key: 'skills', required: false },
    { key: 'sectors', required: false },
    { key: 'active', required: false },
  ],
  contracts: [
    { key: 'reference', required: true },
    { key: 'customerReference', required: true },
    { key: 'name', required: false },
    { key: 'status', required: false },
    { key: 'startsOn', required: true },
    { key: 'endsOn', required: false },
    { key: 'notes', required: false },
  ],
  servicePlans: [
    { key: 'reference', required: true },
    { key: 'contractReference', required: true },
    { key: 'siteReference', required: true },
    { key: 'equipmentReference', required: false },
    { key: 'name', required: true },
    { key: 'trigger', required: true },
    { key: 'fixedDates', required: false },
    { key: 'frequencyMonths', required: false },
    { key: 'counterName', required: false },
    { key: 'counterInterval', required: false },
    { key: 'interventionKind', required: false },
    { key: 'description', required: false },
    { key: 'skills', required: false },
    { key: 'estimatedDurationMinutes', required: true },
    { key: 'priority', required: false },
    { key: 'leadDays', required: false },
    { key: 'lastDoneOn', required: false },
    { key: 'lastDoneCounter', required: false },
    { key: 'nextDueOn', required: false },
    { key: 'nextDueCounter', required: false },
    { key: 'active', required: false },
  ],
  // Open interventions only: a new one is created "requested"; the other open statuses come from planning.
  interventions: [
    { key: 'reference', required: true },
    { key: 'siteReference', required: true },
    { key: 'equipmentReference', required: false },
    { key: 'contractReference', required: false },
    { key: 'agencyCode', required: false },
    { key: 'kind', required: false },
    { key: 'status', required: false },
    { key: 'problemDescription', required: false },
    { key: 'skills', required: false },
    { key: 'estimatedDurationMinutes', required: true },
    { key: 'priority', required: false },
    { key: 'timeWindows', required: false },
    { key: 'earliestDate', required: false },
    { key: 'latestDate', required: false },
  ],
};

/** Equipment only: the column is an attribute of the as-sold configuration, named by its header. */
export const AS_SOLD_ATTRIBUTE = 'asSold';

/** Column header (as in the file) → field key, AS_SOLD_ATTRIBUTE, or null (ignored). */
export const ImportMapping = z.record(z.string().max(200), z.string().max(60).nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportStatus = z.enum(['uploaded', 'checking', 'importing', 'checked', 'imported', 'undone', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportBatch = z.object({
  id: Id,
  kind: ImportKind,
  status: ImportStatus,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  userName: z.string(),
  headers: z.array(z.string()),
  mapping: ImportMapping,
  rowCount: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  error: z.string().nullable(),
  dryRunAt: z.iso.datetime().nullable(),
  importedAt: z.iso.datetime().nullable(),
  undoneAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const ImportUploadQuery = z.object({
  kind: ImportKind,
  fileName: z.string().trim().min(1).max(255),
});

/** The upload's answer: the batch, the mapping proposed for its headers and the first lines as read. */
export const ImportUpload = z.object({
  batch: ImportBatch,
  proposedMapping: ImportMapping,
  preview: z.array(z.array(z.string())),
});
export type ImportUpload = z.infer<typeof ImportUpload>;

export const ImportRunInput = z.object({ mapping: ImportMapping });
/** wait=true: answer when the run is over (200) instead of at once (202). */
export const ImportRunQuery = z.object({ wait: QueryBool.optional() });

export const ImportListQuery = Pagination.extend({ kind: ImportKind.optional() });

export const ImportLineAction = z.enum(['create', 'update', 'unchanged', 'refuse']);
export type ImportLineAction = z.infer<typeof ImportLineAction>;

/**
 * Why a line is refused: the field, the column it came from, the reason as a
 * code the back office words in the user's language (required, unknown_reference,
 * invalid_day, duplicate_in_file, not_your_agency…) and in English words.
 */
export const ImportLineError = z.object({ field: z.string(), column: z.string().nullable(), code: z.string(), message: z.string() });
export type ImportLineError = z.infer<typeof ImportLineError>;

export const ImportLine = z.object({
  /** The line in the file (the header is line 1). */
  line: z.number().int(),
  action: ImportLineAction,
  reference: z.string().nullable(),
  /** update: the fields that change. */
  changed: z.array(z.string()).optional(),
  errors: z.array(ImportLineError).optional(),
});
export type ImportLine = z.infer<typeof ImportLine>;

export const ImportReportQuery = Pagination.extend({ action: ImportLineAction.optional() });
export const ImportReport = z.object({ items: z.array(ImportLine), total: z.number().int() });

export const ExportParams = z.object({ kind: ExportKind });
export const ExportQuery = z.object({ format: ExportFormat.default('xlsx'), agencyId: Id.optional() });
