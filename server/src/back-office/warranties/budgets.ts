// Money spent under purchased warranties and maintenance contracts against
// what was budgeted. "Spent" is the value of the work given away under them:
// the covered amounts deducted on issued invoices, less those given back by
// issued credit notes.
import { dateOf } from '../days.ts';
import type { Db } from '../db.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

export interface BudgetRow {
  readonly kind: 'warranty' | 'contract';
  readonly id: string;
  readonly label: string;
  readonly budgetCents: number | null;
  /** Purchased warranty: its price; contract: fees invoiced in the year. */
  readonly revenueCents: number;
  readonly spentCents: number;
  /** spent / budget in %, null without a budget. */
  readonly usedPercent: number | null;
}

const signOf = (kind: string) => (kind === 'credit_note' ? -1 : 1);

/**
 * `agencyIds` (a dispatcher's): only the contracts those agencies invoice,
 * and the purchased warranties their documents bill, with the spending of
 * those agencies' documents only. Absent: every agency (admin).
 */
export async function budgetReport(prisma: Db, year: number, filter: { agencyIds?: readonly string[] | undefined } = {}): Promise<BudgetRow[]> {
  const from = dateOf(`${year}-01-01`);
  const to = dateOf(`${year}-12-31`);
  const ofAgencies = filter.agencyIds ? { agencyId: { in: [...filter.agencyIds] } } : {};
  const billed: Prisma.BillingDocumentWhereInput = { status: 'issued', kind: { in: ['invoice', 'credit_note'] }, ...ofAgencies };
  const [warranties, contracts] = await Promise.all([
    prisma.warranty.findMany({
      where: { kind: 'extended', ...(filter.agencyIds ? { billingLines: { some: { document: ofAgencies } } } : {}) },
      include: {
        equipment: { select: { brand: true, model: true, serialNumber: true } },
        billingLines: { where: { document: billed }, select: { coveredCents: true, document: { select: { kind: true } } } },
      },
    }),
    prisma.contractTerms.findMany({
      where: ofAgencies,
      include: {
        contract: {
          select: {
            reference: true,
            billingDocuments: {
              where: { ...billed, issuedOn: { gte: from, lte: to } },
              select: { kind: true, lines: { select: { kind: true, netCents: true } } },
            },
          },
        },
      },
    }),
  ]);
  // Contract coverage sits on lines of visit invoices that name the contract.
  const contractLines = await prisma.billingLine.findMany({
    where: { contractId: { in: contracts.map((c) => c.contractId) }, document: { ...billed, issuedOn: { gte: from, lte: to } } },
    select: { contractId: true, coveredCents: true, document: { select: { kind: true } } },
  });
  const rows: BudgetRow[] = [];
  for (const w of warranties) {
    const spent = w.billingLines.reduce((s, l) => s + signOf(l.document.kind) * l.coveredCents, 0);
    rows.push({
      kind: 'warranty',
      id: w.id,
      label: [w.reference, w.equipment.brand, w.equipment.model, w.equipment.serialNumber].filter(Boolean).join(' '),
      budgetCents: w.budgetCents,
      revenueCents: w.priceCents ?? 0,
      spentCents: spent,
      usedPercent: usage(spent, w.budgetCents),
    });
  }
  for (const t of contracts) {
    const spent = contractLines.filter((l) => l.contractId === t.contractId).reduce((s, l) => s + signOf(l.document.kind) * l.coveredCents, 0);
    const fees = t.contract.billingDocuments.reduce(
      (s, d) => s + signOf(d.kind) * d.lines.filter((l) => l.kind === 'fee').reduce((x, l) => x + l.netCents, 0),
      0,
    );
    rows.push({
      kind: 'contract',
      id: t.contractId,
      label: t.contract.reference,
      budgetCents: t.budgetCents,
      revenueCents: fees,
      spentCents: spent,
      usedPercent: usage(spent, t.budgetCents),
    });
  }
  return rows;
}

const usage = (spent: number, budget: number | null): number | null => (budget ? Math.round((spent * 1000) / budget) / 10 : null);
