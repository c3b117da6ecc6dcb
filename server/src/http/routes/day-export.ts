// GET /api/day-export: the board's day (one agency, one date) as CSV or XLSX,
// in the columns an import of open interventions reads (import/day-export.ts).
// Office roles; the agency must be one of the caller's (the registry's `own`
// rule checks the query's agencyId: 403 naming the field).
import { z } from 'zod';
import { Day, Id } from '@tournee/contracts/api';
import { ExportFormat } from '@tournee/contracts/import';
import { EXPORT_CONTENT_TYPES } from '../../import/export.ts';
import { dayExportFileName, writeDayExport } from '../../import/day-export.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import type { ApiRegistry } from '../registry.ts';

const DayExportQuery = z.object({ agencyId: Id, date: Day, format: ExportFormat.default('xlsx') });

export function dayExportRoutes(api: ApiRegistry, { prisma }: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/api/day-export',
      summary: "Export the board's day — an agency's visits on a date, technician by technician in tour order — as CSV or XLSX",
      description:
        'Columns: reference, agency, date, technician, order, planned start and end (agency time), status, kind, customer, site and address, equipment, contract, description, skills (CODE:level), duration, priority, time windows, dates — ' +
        'the interventions import reads its own columns back (matched on the reference). ' +
        'CSV: UTF-8 with BOM, `;`, dd/mm/yyyy. Cancelled visits are left out.',
      tag: 'Spreadsheet import and export',
      roles: ['admin', 'dispatcher'],
      query: DayExportQuery,
    },
    async ({ query, res }) => {
      const agency = await prisma.agency.findUnique({ where: { id: query.agencyId }, select: { id: true, code: true, timezone: true } });
      if (!agency) throw notFound('agency');
      res
        .status(200)
        .set('content-type', EXPORT_CONTENT_TYPES[query.format])
        .set('content-disposition', `attachment; filename="${dayExportFileName(agency.code, query.date, query.format)}"`);
      await writeDayExport(prisma, agency, query.date, query.format, res);
    },
  );
}
