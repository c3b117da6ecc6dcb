// The ledger the back office posts, and the FEC export. The FEC is the whole
// company's books for a period (a partial FEC is not one), so only admins
// export it; dispatchers read their agencies' entries.
import { Page } from '@tournee/contracts/api';
import { FecQuery, JournalEntry, JournalQuery } from '@tournee/contracts/back-office';
import { exportFec, fecFileName } from '../../../back-office/accounting/fec.ts';
import { dateOf } from '../../../back-office/days.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { defined } from '../../crud.ts';
import type { ApiRegistry } from '../../registry.ts';
import { agencyRecordScope } from './scope.ts';
import { OFFICE, TAGS, days, type BackOfficeDeps } from './support.ts';

export function accountingRoutes(api: ApiRegistry, { prisma }: BackOfficeDeps): void {
  api.route(
    {
      method: 'get',
      path: '/api/journal-entries',
      summary: 'Journal entries with their lines',
      tag: TAGS.accounting,
      roles: OFFICE,
      query: JournalQuery,
      response: Page(JournalEntry),
    },
    async ({ auth, query: q }) => {
      const where: Prisma.JournalEntryWhereInput = {
        ...agencyRecordScope(auth),
        ...defined({ journal: q.journal, sourceKind: q.sourceKind, sourceId: q.sourceId }),
        ...(q.from || q.to ? { date: defined({ gte: q.from && dateOf(q.from), lte: q.to && dateOf(q.to) }) } : {}),
        ...(q.account ? { lines: { some: { account: { startsWith: q.account } } } } : {}),
      };
      const [items, total] = await Promise.all([
        prisma.journalEntry.findMany({
          where,
          orderBy: [{ date: 'asc' }, { journal: 'asc' }, { number: 'asc' }],
          take: q.limit,
          skip: q.offset,
          include: {
            lines: {
              orderBy: { position: 'asc' },
              select: { position: true, account: true, accountLabel: true, auxAccount: true, auxLabel: true, label: true, debitCents: true, creditCents: true },
            },
          },
        }),
        prisma.journalEntry.count({ where }),
      ]);
      return days({ items, total, limit: q.limit, offset: q.offset });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/accounting/fec',
      summary: 'Export the period as an FEC (Fichier des Écritures Comptables)',
      tag: TAGS.accounting,
      roles: ['admin'],
      query: FecQuery,
      description:
        'text/plain; UTF-8; the 18 columns of article A47 A-1 LPF with a header line, `|` (or tab) separated, dates YYYYMMDD, amounts with a decimal comma. X-Fec-Debit and X-Fec-Credit give the totals in cents.',
    },
    async ({ query, res }) => {
      const fec = await exportFec(prisma, { from: query.from, to: query.to, separator: query.separator === 'tab' ? '\t' : '|' });
      res
        .status(200)
        .set('content-type', 'text/plain; charset=utf-8')
        .set('content-disposition', `attachment; filename="${fecFileName(query.siren, query.to)}"`)
        .set('x-fec-debit', String(fec.debitCents))
        .set('x-fec-credit', String(fec.creditCents))
        .set('x-fec-lines', String(fec.lineCount))
        .send(fec.content);
      return undefined;
    },
  );
}
