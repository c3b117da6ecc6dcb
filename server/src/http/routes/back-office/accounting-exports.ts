// The company's chart-of-accounts mapping and the month's journal as CSV for
// its accounting package (issue 13). Like the FEC, the journal is the whole
// company's books, and the mapping decides what every agency's entries are
// booked to: admins only.
import {
  AccountingMapping,
  AccountingMappingInput,
  JOURNAL_PRESET_LAYOUTS,
  JournalExportQuery,
  JournalLayout,
  JournalPresetList,
  JOURNAL_PRESETS,
} from '@tournee/contracts/back-office';
import type { z } from 'zod';
import { exportJournal } from '../../../back-office/accounting/journal-export.ts';
import { describeMapping, loadMapping, saveMapping } from '../../../back-office/accounting/mapping.ts';
import { HttpError } from '../../errors.ts';
import type { ApiRegistry } from '../../registry.ts';
import { run, TAGS, type BackOfficeDeps } from './support.ts';

/** The preset's layout with the query's overrides. */
export function layoutOf(q: z.output<typeof JournalExportQuery>): JournalLayout {
  const preset = JOURNAL_PRESET_LAYOUTS[q.preset];
  const layout = {
    columns: q.columns ?? preset.columns,
    separator: q.separator ?? preset.separator,
    decimal: q.decimal ?? preset.decimal,
    dateFormat: q.dateFormat ?? preset.dateFormat,
    header: q.header ?? preset.header,
    encoding: q.encoding ?? preset.encoding,
  };
  if (layout.separator === 'comma' && layout.decimal === 'comma' && layout.columns.some((c) => c === 'debit' || c === 'credit' || c === 'amount'))
    throw new HttpError(400, 'invalid request query string', [
      { path: 'decimal', in: 'query', message: 'amounts with a decimal comma need another separator than the comma' },
    ]);
  return layout;
}

export function accountingExportRoutes(api: ApiRegistry, { prisma }: BackOfficeDeps): void {
  api.route(
    {
      method: 'get',
      path: '/api/accounting/mapping',
      summary: 'The chart-of-accounts mapping the journal exports use',
      tag: TAGS.accounting,
      roles: ['admin'],
      response: AccountingMapping,
    },
    async () => describeMapping(await run(() => loadMapping(prisma))),
  );

  api.route(
    {
      method: 'put',
      path: '/api/accounting/mapping',
      summary: 'Replace the chart-of-accounts mapping',
      tag: TAGS.accounting,
      roles: ['admin'],
      body: AccountingMappingInput,
      response: AccountingMapping,
      description:
        'Keys absent take the default chart (706, 707, 4457120…); null marks a key deliberately unmapped. The ledger is not changed: the mapping is applied when exporting.',
    },
    async ({ body, req }) => describeMapping(await run(() => saveMapping(prisma, body, req.auth?.sub ?? null))),
  );

  api.route(
    {
      method: 'get',
      path: '/api/accounting/journal-presets',
      summary: 'The journal layouts of the accounting packages (Sage, EBP, Cegid, generic)',
      tag: TAGS.accounting,
      roles: ['admin'],
      response: JournalPresetList,
    },
    () => JOURNAL_PRESETS.map((preset) => ({ preset, layout: JOURNAL_PRESET_LAYOUTS[preset] })),
  );

  api.route(
    {
      method: 'get',
      path: '/api/accounting/journal-export',
      summary: 'Export a month of the journal as CSV for the accounting package',
      tag: TAGS.accounting,
      roles: ['admin'],
      query: JournalExportQuery,
      errors: [409, 422],
      description:
        'text/csv in the preset’s layout (sage, ebp, cegid, generic), each setting overridable (columns=journal,date,…; separator; decimal; dateFormat; header; encoding). ' +
        'Accounts go through the chart-of-accounts mapping; 422 `unmapped_accounts` names every key without an account, 409 `unbalanced_entry` an entry that would not balance. ' +
        'X-Journal-Debit and X-Journal-Credit give the totals in cents.',
    },
    async ({ query, res }) => {
      const layout = layoutOf(query);
      const file = await run(() => exportJournal(prisma, query.month, layout));
      res
        .status(200)
        .set('content-type', file.contentType)
        .set('content-disposition', `attachment; filename="journal-${query.month}-${query.preset}.csv"`)
        .set('x-journal-debit', String(file.debitCents))
        .set('x-journal-credit', String(file.creditCents))
        .set('x-journal-lines', String(file.lineCount))
        .set('x-journal-entries', String(file.entryCount))
        .send(file.content);
      return undefined;
    },
  );
}
