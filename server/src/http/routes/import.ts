// Spreadsheet import and export (issue 13). A file is uploaded as raw bytes
// (CSV or XLSX, not JSON: a 10,000-row workbook would triple as base64), kept
// in a batch with a proposed column mapping; a dry run and then the import
// read it again with the mapping the user settled on, in the background with
// their progress in the batch (or at once with ?wait=true); an imported batch
// can be undone as a whole. Exports stream the lists in the import's columns.
//
// Office roles (admin, dispatcher). The installed base and the catalogue are
// shared by all agencies; sectors are not — a dispatcher's sites go only into
// their agencies' sectors (kinds/sites.ts). A dispatcher sees and undoes their
// own batches; an admin, everyone's.
import type { Request } from 'express';
import { IdParams, Page } from '@tournee/contracts/api';
import {
  ExportParams,
  ExportQuery,
  ImportBatch,
  ImportListQuery,
  ImportReport,
  ImportReportQuery,
  ImportRunInput,
  ImportRunQuery,
  ImportUpload,
  ImportUploadQuery,
  type ImportLine,
} from '@tournee/contracts/import';
import type { Claims } from '../../auth/tokens.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { SUMMARY_OMIT, toImportBatch } from '../../import/batch-view.ts';
import { ImportConflictError, ImportMappingError } from '../../import/errors.ts';
import { EXPORT_CONTENT_TYPES, exportFileName, writeExport } from '../../import/export.ts';
import { UnreadableFileError } from '../../import/read-spreadsheet.ts';
import { claimBatch, runBatch, type RunMode } from '../../import/run-batch.ts';
import { undoBatch } from '../../import/undo-batch.ts';
import { MAX_IMPORT_BYTES, uploadFile } from '../../import/upload.ts';
import { componentLogger } from '../../logger.ts';
import type { AppDeps } from '../deps.ts';
import { HttpError, notFound } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';

const OFFICE = ['admin', 'dispatcher'] as const;
const TAG = 'Spreadsheet import and export';
const log = componentLogger('import');

export function importRoutes(api: ApiRegistry, { prisma }: Pick<AppDeps, 'prisma'>): void {
  api.route(
    {
      method: 'post',
      path: '/api/imports',
      summary: 'Upload a CSV or XLSX file to import: answers the batch, the proposed column mapping and the first lines',
      description: `The request body is the file's bytes (Content-Type text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or application/octet-stream), at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. CSV: UTF-8 or Windows-1252, separated by ; , or tab. XLSX: the first worksheet. The first non-empty line holds the column names.`,
      tag: TAG,
      roles: OFFICE,
      agency: 'shared',
      query: ImportUploadQuery,
      response: ImportUpload,
      status: 201,
      errors: [413, 415, 422],
    },
    async ({ req, auth, query }) => {
      const bytes = await readFileBody(req);
      const user = await prisma.user.findUnique({ where: { id: auth.sub }, select: { name: true } });
      try {
        return await uploadFile(prisma, { kind: query.kind, fileName: query.fileName, bytes, user: { id: auth.sub, name: user?.name ?? auth.sub } });
      } catch (error) {
        if (error instanceof UnreadableFileError) throw new HttpError(422, error.message, [{ path: 'file', in: 'body', message: error.message }]);
        throw error;
      }
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/imports',
      summary: 'Import batches, newest first (a dispatcher sees their own)',
      tag: TAG,
      roles: OFFICE,
      agency: 'shared',
      query: ImportListQuery,
      response: Page(ImportBatch),
    },
    async ({ auth, query }) => {
      const where: Prisma.ImportBatchWhereInput = { ...visibleTo(auth), ...(query.kind ? { kind: query.kind } : {}) };
      const [items, total] = await Promise.all([
        prisma.importBatch.findMany({ where, omit: SUMMARY_OMIT, orderBy: { createdAt: 'desc' }, take: query.limit, skip: query.offset }),
        prisma.importBatch.count({ where }),
      ]);
      return { items: items.map(toImportBatch), total, limit: query.limit, offset: query.offset };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/imports/:id',
      summary: 'An import batch: status, progress and counts',
      tag: TAG,
      roles: OFFICE,
      agency: 'shared',
      params: IdParams,
      response: ImportBatch,
    },
    async ({ auth, params }) => toImportBatch(await findVisible(prisma, auth, params.id)),
  );

  api.route(
    {
      method: 'get',
      path: '/api/imports/:id/report',
      summary: "The last dry run's or import's lines: what each would do or did, and why a line is refused",
      tag: TAG,
      roles: OFFICE,
      agency: 'shared',
      params: IdParams,
      query: ImportReportQuery,
      response: ImportReport,
    },
    async ({ auth, params, query }) => {
      await findVisible(prisma, auth, params.id);
      const { report } = await prisma.importBatch.findUniqueOrThrow({ where: { id: params.id }, select: { report: true } });
      const lines = (report as ImportLine[]).filter((l) => !query.action || l.action === query.action);
      return { items: lines.slice(query.offset, query.offset + query.limit), total: lines.length };
    },
  );

  for (const mode of ['dry-run', 'import'] as const) {
    api.route(
      {
        method: 'post',
        path: `/api/imports/:id/${mode}`,
        summary:
          mode === 'dry-run'
            ? 'Dry run: say per line what the import would create, update, leave unchanged or refuse (nothing is written)'
            : 'Import the file with this mapping: creates and updates records, keeps what undo needs',
        description:
          'Runs in the background (202; follow GET /api/imports/:id) unless wait=true (200 with the finished batch). The mapping is kept for the next file of this kind.',
        tag: TAG,
        roles: OFFICE,
        agency: 'shared',
        params: IdParams,
        query: ImportRunQuery,
        body: ImportRunInput,
        response: ImportBatch,
        status: 202,
        errors: [409, 422],
      },
      async ({ auth, params, query, body, res }) => {
        await findVisible(prisma, auth, params.id);
        const claimed = await asHttp(() => claimBatch(prisma, params.id, mode, body.mapping));
        const running = run(prisma, params.id, mode, auth);
        if (!query.wait) return toImportBatch(claimed);
        res.status(200).json(toImportBatch(await running));
      },
    );
  }

  api.route(
    {
      method: 'post',
      path: '/api/imports/:id/undo',
      summary: 'Undo an import: delete the records it created, restore the ones it updated',
      tag: TAG,
      roles: OFFICE,
      agency: 'shared',
      params: IdParams,
      response: ImportBatch,
      errors: [409],
    },
    async ({ auth, params }) => {
      await findVisible(prisma, auth, params.id);
      return toImportBatch(await asHttp(() => undoBatch(prisma, params.id, auth)));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/exports/:kind',
      summary: 'Export a list as CSV or XLSX, in the columns the import reads',
      description:
        'customers, sites, equipment (as-sold attributes as extra columns), suppliers, parts, stockLevels, technicians, contracts, servicePlans, interventions (open ones); stock levels, technicians and interventions of a dispatcher’s agencies only. CSV: UTF-8 with BOM, `;`, decimal commas, dd/mm/yyyy.',
      tag: TAG,
      roles: OFFICE,
      params: ExportParams,
      query: ExportQuery,
    },
    async ({ auth, params, query, res }) => {
      res
        .status(200)
        .set('content-type', EXPORT_CONTENT_TYPES[query.format])
        .set('content-disposition', `attachment; filename="${exportFileName(params.kind, query.format)}"`);
      await writeExport(prisma, auth, params.kind, query.format, res, query.agencyId ? { agencyId: query.agencyId } : {});
    },
  );
}

/** Runs in the background; never rejects (a failure is recorded in the batch by runBatch, or logged). */
function run(prisma: PrismaClient, id: string, mode: RunMode, auth: Claims) {
  return runBatch(prisma, id, mode, auth).catch(async (error: unknown) => {
    log.error({ err: error, batchId: id }, 'import run failed');
    return prisma.importBatch.update({ where: { id }, data: { status: 'failed', error: String(error).slice(0, 2000) }, omit: SUMMARY_OMIT });
  });
}

function visibleTo(auth: Claims): Prisma.ImportBatchWhereInput {
  return auth.role === 'admin' ? {} : { userId: auth.sub };
}

async function findVisible(prisma: PrismaClient, auth: Claims, id: string) {
  const batch = await prisma.importBatch.findFirst({ where: { id, ...visibleTo(auth) }, omit: SUMMARY_OMIT });
  if (!batch) throw notFound('import');
  return batch;
}

async function asHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ImportConflictError) throw new HttpError(409, error.message);
    if (error instanceof ImportMappingError)
      throw new HttpError(
        422,
        error.message,
        error.problems.map((p) => ({ path: p.path, in: 'body' as const, message: p.message })),
      );
    throw error;
  }
}

/** The request's bytes, up to the limit. A JSON body (parsed already) is not a file. */
async function readFileBody(req: Request): Promise<Buffer> {
  if (req.body !== undefined || req.is('application/json')) {
    throw new HttpError(415, 'send the file’s bytes as the request body (text/csv, the XLSX type or application/octet-stream), not JSON', [
      { path: 'file', in: 'body', message: 'expected a CSV or XLSX file' },
    ]);
  }
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_IMPORT_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_IMPORT_BYTES) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  if (size === 0) throw new HttpError(422, 'the file is empty', [{ path: 'file', in: 'body', message: 'empty' }]);
  return Buffer.concat(chunks);
}

function tooLarge(): HttpError {
  return new HttpError(413, `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it`, [{ path: 'file', in: 'body', message: 'too large' }]);
}
