// Drafts of quotes and invoices: typed in, or built from an intervention
// (labour, travel, parts, with the warranty coverage deducted) or from a
// contract (the next period's fee). A draft's lines can be replaced at will;
// every change reprices the whole document with the same pure functions.
import type { Prisma } from '../../generated/prisma/client.ts';
import { addDays, addMonths, booksDay, dateOf, dayOf, type IsoDay } from '../days.ts';
import { inTransaction, type Db, type Tx } from '../db.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { toMilli } from '../money.ts';
import type { Category, CoverageVerdict, FaultCause, Share } from '../warranties/coverage.ts';
import { flagInterventionCoverage } from '../warranties/detect.ts';
import { ratesOf } from './settings.ts';
import { priceLine, totalsOf } from './totals.ts';
import { vatRateFor, type VatContext } from './vat.ts';

export type LineKind = 'labour' | 'travel' | 'part' | 'fee' | 'other';

export interface DraftLine {
  readonly kind: LineKind;
  readonly description: string;
  readonly partId?: string | null | undefined;
  /** Units or hours, up to three decimals. */
  readonly quantity: number;
  /** Defaults to the part's price for part lines. */
  readonly unitPriceCents?: number | undefined;
  readonly coveragePercent?: number | undefined;
  readonly warrantyId?: string | null | undefined;
  readonly contractId?: string | null | undefined;
  /** The supplier who pays the covered share back. */
  readonly supplierId?: string | null | undefined;
  /** Sets the rate by hand instead of the VAT rule. */
  readonly vatRateBp?: 2000 | 1000 | 550 | undefined;
  /** Parts: supplied and installed in the work (default) or sold alone. */
  readonly installed?: boolean | undefined;
}

export interface DraftHeader {
  readonly kind: 'quote' | 'invoice';
  readonly agencyId: string;
  readonly customerId: string;
  readonly siteId?: string | null | undefined;
  readonly interventionId?: string | null | undefined;
  readonly contractId?: string | null | undefined;
  readonly periodStart?: IsoDay | undefined;
  readonly periodEnd?: IsoDay | undefined;
  /** Energy-efficiency work (5.5 % in housing over two years old); default: any eligible part on it. */
  readonly energyWork?: boolean | undefined;
  readonly notes?: string | null | undefined;
  readonly coverage?: Pick<CoverageVerdict, 'status' | 'rule'> | undefined;
}

interface Actor {
  readonly userId?: string | undefined;
  readonly now?: Date | undefined;
}

const DOCUMENT_INCLUDE = { lines: { orderBy: { position: 'asc' } } } as const satisfies Prisma.BillingDocumentInclude;

/** The VAT facts of a site (its profile), read on the document's day. */
async function vatContextOf(tx: Tx, siteId: string | null | undefined, on: IsoDay, energyWork: boolean): Promise<VatContext> {
  const profile = siteId ? await tx.siteVatProfile.findUnique({ where: { siteId } }) : null;
  return { premises: profile?.premises ?? null, completedOn: profile?.completedOn ? dayOf(profile.completedOn) : null, on, energyWork };
}

/** Lines priced and taxed, ready to store, with the document's totals. */
async function price(tx: Tx, lines: readonly DraftLine[], siteId: string | null | undefined, on: IsoDay, energyWork: boolean | undefined) {
  const partIds = [...new Set(lines.flatMap((l) => (l.partId ? [l.partId] : [])))];
  const parts = new Map((await tx.part.findMany({ where: { id: { in: partIds } } })).map((p) => [p.id, p]));
  lines.forEach((l, i) => {
    if (l.partId && !parts.has(l.partId)) throw notFound('part', `lines[${i}].partId`);
    if (l.kind === 'part' && !l.partId && l.unitPriceCents === undefined)
      throw invalid('a part line names the part or its price', [{ path: `lines[${i}].unitPriceCents`, message: 'required without partId' }]);
    if (l.unitPriceCents === undefined && !l.partId) throw invalid('a price is required', [{ path: `lines[${i}].unitPriceCents`, message: 'required' }]);
  });
  const impliedEnergy = lines.some((l) => l.kind === 'part' && l.installed !== false && l.partId && parts.get(l.partId)!.energyEfficient);
  const ctx = await vatContextOf(tx, siteId, on, energyWork ?? impliedEnergy);
  const priced = lines.map((l, i) => {
    const decided =
      l.vatRateBp !== undefined ? { rateBp: l.vatRateBp, rule: 'set_by_user' as const } : vatRateFor({ kind: l.kind, installed: l.installed !== false }, ctx);
    const p = priceLine({
      kind: l.kind,
      quantityMilli: toMilli(l.quantity),
      unitPriceCents: l.unitPriceCents ?? parts.get(l.partId!)!.unitPriceCents,
      coveragePercent: l.coveragePercent ?? 0,
      supplierId: l.supplierId ?? null,
      vatRateBp: decided.rateBp,
    });
    return {
      position: i + 1,
      kind: l.kind,
      description: l.description,
      partId: l.partId ?? null,
      quantityMilli: p.quantityMilli,
      unitPriceCents: p.unitPriceCents,
      grossCents: p.grossCents,
      coveragePercent: p.coveragePercent,
      coveredCents: p.coveredCents,
      netCents: p.netCents,
      vatRateBp: p.vatRateBp,
      vatRule: decided.rule,
      warrantyId: l.warrantyId ?? null,
      contractId: l.contractId ?? null,
      supplierId: p.supplierId,
      supplierShareCents: p.supplierShareCents,
    };
  });
  const totals = totalsOf(priced.map((l) => ({ ...l, supplierId: l.supplierId })));
  return { lines: priced, totals, vatContext: ctx };
}

const totalsData = (t: ReturnType<typeof totalsOf>) => ({
  grossCents: t.grossCents,
  coveredCents: t.coveredCents,
  netCents: t.netCents,
  vatCents: t.vatCents,
  totalCents: t.totalCents,
  supplierShareCents: t.supplierShareCents,
  vatBreakdown: t.vatBreakdown as unknown as Prisma.InputJsonArray,
});

export async function createDraftIn(tx: Tx, header: DraftHeader, lines: readonly DraftLine[], actor: Actor = {}) {
  const customer = await tx.customer.findUnique({ where: { id: header.customerId } });
  if (!customer) throw notFound('customer', 'customerId');
  if (header.siteId) {
    const site = await tx.site.findUnique({ where: { id: header.siteId }, select: { customerId: true } });
    if (!site) throw notFound('site', 'siteId');
    if (site.customerId !== header.customerId) throw invalid('the site belongs to another customer', [{ path: 'siteId', message: "not this customer's site" }]);
  }
  const on = booksDay(actor.now ?? new Date());
  const priced = await price(tx, lines, header.siteId, on, header.energyWork);
  return tx.billingDocument.create({
    data: {
      kind: header.kind,
      agencyId: header.agencyId,
      customerId: header.customerId,
      siteId: header.siteId ?? null,
      interventionId: header.interventionId ?? null,
      contractId: header.contractId ?? null,
      periodStart: header.periodStart ? dateOf(header.periodStart) : null,
      periodEnd: header.periodEnd ? dateOf(header.periodEnd) : null,
      customerName: customer.name,
      customerReference: customer.reference,
      vatContext: priced.vatContext as unknown as Prisma.InputJsonObject,
      coverageStatus: header.coverage?.status ?? null,
      coverageRule: header.coverage?.rule ?? null,
      notes: header.notes ?? null,
      createdById: actor.userId ?? null,
      ...totalsData(priced.totals),
      lines: { create: priced.lines },
    },
    include: DOCUMENT_INCLUDE,
  });
}

export function createDraft(prisma: Db, header: DraftHeader, lines: readonly DraftLine[], actor: Actor = {}) {
  return inTransaction(prisma, (tx) => createDraftIn(tx, header, lines, actor));
}

/** Locks a document and checks it is a draft. */
export async function lockDraft(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM billing_documents WHERE id = ${id} FOR UPDATE`;
  if (rows.length === 0) throw notFound('document');
  const doc = await tx.billingDocument.findUniqueOrThrow({ where: { id } });
  if (doc.status !== 'draft') {
    throw conflict(`${doc.kind} ${doc.number} is issued: it is never edited${doc.kind === 'invoice' ? ', only credited' : ''}`, [], 'document_issued');
  }
  return doc;
}

export function replaceLines(
  prisma: Db,
  id: string,
  lines: readonly DraftLine[],
  options: { energyWork?: boolean | undefined; notes?: string | null | undefined } & Actor = {},
) {
  return inTransaction(prisma, async (tx) => {
    const doc = await lockDraft(tx, id);
    if (doc.kind === 'credit_note') throw conflict('the lines of a credit note come from its invoice: delete the draft and credit again');
    const on = booksDay(options.now ?? new Date());
    const previous = doc.vatContext as { energyWork?: boolean };
    const priced = await price(tx, lines, doc.siteId, on, options.energyWork ?? previous.energyWork);
    await tx.billingLine.deleteMany({ where: { documentId: id } });
    return tx.billingDocument.update({
      where: { id },
      data: {
        vatContext: priced.vatContext as unknown as Prisma.InputJsonObject,
        ...totalsData(priced.totals),
        ...(options.notes !== undefined ? { notes: options.notes } : {}),
        lines: { create: priced.lines },
      },
      include: DOCUMENT_INCLUDE,
    });
  });
}

export function deleteDraft(prisma: Db, id: string) {
  return inTransaction(prisma, async (tx) => {
    const doc = await lockDraft(tx, id);
    // A contract's fee draft gives its period back, so the next draft bills it again.
    if (doc.contractId && doc.periodStart && doc.periodEnd && doc.kind === 'invoice') {
      await tx.contractTerms.updateMany({
        where: { contractId: doc.contractId, nextPeriodStart: dateOf(addDays(dayOf(doc.periodEnd), 1)) },
        data: { nextPeriodStart: doc.periodStart },
      });
    }
    await tx.billingDocument.delete({ where: { id } });
  });
}

const SHARE_OF: Record<'labour' | 'travel' | 'part', Category> = { labour: 'labour', travel: 'travel', part: 'parts' };

function covered(share: Share) {
  return {
    coveragePercent: share.percent,
    warrantyId: share.warrantyId,
    contractId: share.contractId,
    supplierId: share.percent > 0 ? share.supplierId : null,
  };
}

/**
 * A quote (before the visit: estimated duration, parts needed) or an invoice
 * (after it: time on site, parts consumed net of returns) for a visit, with
 * the coverage decided now and deducted line by line.
 */
export function draftFromIntervention(
  prisma: Db,
  interventionId: string,
  options: { kind: 'quote' | 'invoice'; cause?: FaultCause | undefined; energyWork?: boolean | undefined; notes?: string | undefined } & Actor,
) {
  const now = options.now ?? new Date();
  return inTransaction(prisma, async (tx) => {
    const i = await tx.intervention.findUnique({
      where: { id: interventionId },
      include: {
        site: { select: { customerId: true } },
        partsNeeded: { include: { part: true } },
        stockMovements: { where: { kind: { in: ['consumption', 'return'] } }, include: { part: true } },
      },
    });
    if (!i) throw notFound('intervention');
    if (options.kind === 'invoice' && !['done', 'closed'].includes(i.status)) {
      throw conflict(`a ${i.status} intervention is invoiced once done`, [{ path: 'kind', message: 'quote it instead, or finish the visit first' }]);
    }
    const verdict = await flagInterventionCoverage(tx, interventionId, {
      occasion: options.kind === 'invoice' ? 'invoice' : 'request',
      cause: options.cause,
      now,
    });
    const rates = await ratesOf(tx, i.agencyId);
    const minutes =
      options.kind === 'invoice' && i.actualStart && i.actualEnd
        ? Math.max(1, Math.round((i.actualEnd.getTime() - i.actualStart.getTime()) / 60_000))
        : i.estimatedDurationMinutes;
    // Labour is billed by the started quarter hour.
    const hours = Math.ceil(minutes / 15) / 4;
    const lines: DraftLine[] = [
      {
        kind: 'labour',
        description: `Main-d'œuvre (${hours.toFixed(2).replace('.', ',')} h)`,
        quantity: hours,
        unitPriceCents: rates.labourHourlyRateCents,
        ...covered(verdict.shares[SHARE_OF.labour]),
      },
      { kind: 'travel', description: 'Déplacement', quantity: 1, unitPriceCents: rates.travelFlatCents, ...covered(verdict.shares[SHARE_OF.travel]) },
    ];
    const parts = new Map<string, { reference: string; name: string; quantity: number }>();
    if (options.kind === 'invoice') {
      for (const m of i.stockMovements) {
        const p = parts.get(m.partId) ?? { reference: m.part.reference, name: m.part.name, quantity: 0 };
        p.quantity -= m.quantity; // consumptions are negative movements, returns positive
        parts.set(m.partId, p);
      }
    } else {
      for (const n of i.partsNeeded) parts.set(n.partId, { reference: n.part.reference, name: n.part.name, quantity: n.quantity });
    }
    for (const [partId, p] of parts) {
      if (p.quantity <= 0) continue;
      lines.push({
        kind: 'part',
        description: `${p.reference} ${p.name}`,
        partId,
        quantity: p.quantity,
        installed: true,
        ...covered(verdict.shares[SHARE_OF.part]),
      });
    }
    return createDraftIn(
      tx,
      {
        kind: options.kind,
        agencyId: i.agencyId,
        customerId: i.site.customerId,
        siteId: i.siteId,
        interventionId,
        contractId: i.contractId,
        energyWork: options.energyWork,
        notes: options.notes,
        coverage: verdict,
      },
      lines,
      { ...options, now },
    );
  });
}

/** The next period's fee of a contract, as a draft invoice; the period moves on. */
export function draftFromContract(prisma: Db, contractId: string, actor: Actor = {}) {
  return inTransaction(prisma, async (tx) => {
    const rows = await tx.$queryRaw<{ contract_id: string }[]>`SELECT contract_id FROM contract_terms WHERE contract_id = ${contractId} FOR UPDATE`;
    if (rows.length === 0) throw notFound('contract terms (set the fee first)');
    const contract = await tx.contract.findUniqueOrThrow({
      where: { id: contractId },
      include: { terms: true, servicePlans: { select: { siteId: true }, take: 1, orderBy: { createdAt: 'asc' } } },
    });
    const terms = contract.terms!;
    if (contract.status !== 'active') throw conflict(`a ${contract.status} contract is not invoiced`);
    const periodStart = dayOf(terms.nextPeriodStart);
    const periodEnd = addDays(addMonths(periodStart, terms.periodMonths), -1);
    if (contract.endsOn && periodStart > dayOf(contract.endsOn)) throw conflict(`the contract ended on ${dayOf(contract.endsOn)}: nothing left to invoice`);
    const draft = await createDraftIn(
      tx,
      {
        kind: 'invoice',
        agencyId: terms.agencyId,
        customerId: contract.customerId,
        siteId: contract.servicePlans[0]?.siteId ?? null,
        contractId,
        periodStart,
        periodEnd,
      },
      [{ kind: 'fee', description: `Contrat ${contract.reference} — période du ${periodStart} au ${periodEnd}`, quantity: 1, unitPriceCents: terms.feeCents }],
      actor,
    );
    await tx.contractTerms.update({ where: { contractId }, data: { nextPeriodStart: dateOf(addDays(periodEnd, 1)) } });
    return draft;
  });
}

export { DOCUMENT_INCLUDE };
