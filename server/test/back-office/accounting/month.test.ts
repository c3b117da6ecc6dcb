// A month of activity exported as an FEC: every required column, only that
// month's entries, each entry balanced, totals debit = credit — on
// PostgreSQL and on the embedded PGlite (triggers included).
import { expect, it } from 'vitest';
import { exportFec, FEC_COLUMNS } from '../../../src/back-office/accounting/fec.ts';
import { createCreditNote } from '../../../src/back-office/billing/credit-notes.ts';
import { draftFromIntervention } from '../../../src/back-office/billing/drafts.ts';
import { issueDocument } from '../../../src/back-office/billing/issue.ts';
import { recordPayment } from '../../../src/back-office/billing/payments.ts';
import { claimsFromInvoice, moveClaim } from '../../../src/back-office/warranties/claims.ts';
import { describe } from 'vitest';
import { describeWithService } from '../../support/services.ts';
import { openPglite, openPostgres, postgres, unbalancedEntries, useSeededDatabase, type Opened } from '../support.ts';
import { doneRepairUnderWarranty } from '../billing/scenario.ts';

function month(open: () => Promise<Opened>) {
  const h = useSeededDatabase(open);

  it('exports March 2026 as an FEC whose entries all balance', async () => {
    const { prisma, f } = h();
    const { intervention } = await doneRepairUnderWarranty(prisma, f, '2026-03-09');
    const at = (d: string) => new Date(`${d}T10:00:00Z`);
    const draft = await draftFromIntervention(prisma, intervention.id, { kind: 'invoice', now: at('2026-03-10') });
    await issueDocument(prisma, draft.id, { now: at('2026-03-10') });
    const credit = await createCreditNote(prisma, draft.id, {
      lines: [{ kind: 'travel', description: 'Déplacement offert', netCents: 4_500, vatRateBp: 1000 }],
    });
    await issueDocument(prisma, credit.id, { now: at('2026-03-15') });
    await recordPayment(prisma, draft.id, { amountCents: 5_000, receivedOn: '2026-03-20', method: 'transfer', reference: 'VIR-1' });
    await recordPayment(prisma, draft.id, { amountCents: 1_000, receivedOn: '2026-04-02', method: 'cash' });
    const [claim] = await claimsFromInvoice(prisma, draft.id);
    await moveClaim(prisma, claim!.id, { to: 'submitted', on: '2026-03-11' });
    await moveClaim(prisma, claim!.id, { to: 'credited', on: '2026-03-25', receivedCreditCents: 30_000 });

    const fec = await exportFec(prisma, { from: '2026-03-01', to: '2026-03-31' });
    const rows = fec.content
      .trimEnd()
      .split('\r\n')
      .map((r) => r.split('|'));
    expect(rows[0]).toEqual([...FEC_COLUMNS]);
    const body = rows.slice(1);
    for (const r of body) {
      expect(r).toHaveLength(18);
      // Required: journal, entry number, dates, account and its label, piece, label, amounts.
      for (const i of [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15]) expect(r[i], `${FEC_COLUMNS[i]} in ${r.join('|')}`).not.toBe('');
      expect(r[3]).toMatch(/^202603\d\d$/);
      expect(r[11]).toMatch(/^\d+,\d\d$/);
      expect(r[12]).toMatch(/^\d+,\d\d$/);
      if (r[4] === '411' || r[4] === '401' || r[4] === '4098') expect(r[6]).not.toBe('');
    }
    const cents = (s: string) => Number(s.replace(',', ''));
    const byEntry = new Map<string, number>();
    for (const r of body) byEntry.set(r[2]!, (byEntry.get(r[2]!) ?? 0) + cents(r[11]!) - cents(r[12]!));
    expect([...byEntry.values()].every((v) => v === 0)).toBe(true);
    expect(fec.debitCents).toBe(fec.creditCents);
    expect(fec.debitCents).toBe(body.reduce((s, r) => s + cents(r[11]!), 0));
    // Receipt and consumption (ST), invoice and credit note (VT), one payment (BQ), two claim postings (OD); April's payment is not in March.
    expect([...byEntry.keys()].map((k) => k.slice(0, 2)).sort()).toEqual(['BQ', 'OD', 'OD', 'ST', 'ST', 'VT', 'VT']);
    expect(fec.entryCount).toBe(7);
    expect(await unbalancedEntries(prisma)).toEqual([]);
  });
}

describe('a month in the books [PGlite]', () => month(openPglite));
describeWithService(postgres, 'a month in the books [PostgreSQL]', () => month(openPostgres));
