// Supplier warranty claims: opened by hand or from an invoice's re-invoice
// share, moved along their life (claim-status.ts) with the ledger postings,
// and reported as the amounts still to recover from each supplier.
import { randomUUID } from 'node:crypto';
import type { WarrantyClaimKind } from '../../generated/prisma/enums.ts';
import { postEntry } from '../accounting/post.ts';
import { claimEntry, supplierAux } from '../accounting/rules.ts';
import { booksDay, dateOf, type IsoDay } from '../days.ts';
import { inTransaction, type Db, type Tx } from '../db.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { checkClaimTransition, claimPostings, outstandingCents, type ClaimStatus } from './claim-status.ts';

export interface ClaimInput {
  readonly agencyId: string;
  readonly supplierId: string;
  readonly kind: WarrantyClaimKind;
  readonly expectedCreditCents: number;
  readonly warrantyId?: string | null | undefined;
  readonly equipmentId?: string | null | undefined;
  readonly interventionId?: string | null | undefined;
  readonly invoiceId?: string | null | undefined;
  readonly supplierReference?: string | null | undefined;
  readonly notes?: string | null | undefined;
}

/** GAR-<year>-<random>: unique without a counter (claims need no gapless series). */
const claimReference = (on: IsoDay): string => `GAR-${on.slice(0, 4)}-${randomUUID().replace(/-/g, '').slice(-8).toUpperCase()}`;

export async function createClaimIn(tx: Tx, c: ClaimInput, now = new Date()) {
  if (!Number.isSafeInteger(c.expectedCreditCents) || c.expectedCreditCents < 0)
    throw invalid('the expected credit is whole cents, not negative', [{ path: 'expectedCreditCents', message: '≥ 0' }]);
  return tx.warrantyClaim.create({ data: { ...c, reference: claimReference(booksDay(now)) } });
}

export const createClaim = (prisma: Db, c: ClaimInput, now = new Date()) => inTransaction(prisma, (tx) => createClaimIn(tx, c, now));

/**
 * One draft claim per supplier owing part of an issued invoice (its lines'
 * supplier shares). Suppliers already claimed for this invoice are skipped,
 * so calling it twice creates nothing more.
 */
export function claimsFromInvoice(prisma: Db, invoiceId: string, now = new Date()) {
  return inTransaction(prisma, async (tx) => {
    const invoice = await tx.billingDocument.findUnique({
      where: { id: invoiceId },
      include: { lines: true, claims: { select: { supplierId: true } }, intervention: { select: { equipmentId: true } } },
    });
    if (!invoice || invoice.kind !== 'invoice') throw notFound('invoice');
    if (invoice.status !== 'issued') throw conflict('claims are made from issued invoices');
    const already = new Set(invoice.claims.map((c) => c.supplierId));
    const bySupplier = new Map<string, typeof invoice.lines>();
    for (const l of invoice.lines)
      if (l.supplierId && l.supplierShareCents > 0 && !already.has(l.supplierId)) bySupplier.set(l.supplierId, [...(bySupplier.get(l.supplierId) ?? []), l]);
    const created = [];
    for (const [supplierId, lines] of bySupplier) {
      const kind: WarrantyClaimKind = lines.some((l) => l.kind === 'labour') ? 'repair' : 'part';
      created.push(
        await createClaimIn(
          tx,
          {
            agencyId: invoice.agencyId,
            supplierId,
            kind,
            invoiceId,
            interventionId: invoice.interventionId,
            equipmentId: invoice.intervention?.equipmentId ?? null,
            warrantyId: lines.find((l) => l.warrantyId)?.warrantyId ?? null,
            expectedCreditCents: lines.reduce((s, l) => s + l.supplierShareCents, 0),
            notes: `Part fournisseur de la facture ${invoice.number}`,
          },
          now,
        ),
      );
    }
    return created;
  });
}

export interface ClaimMove {
  readonly to: ClaimStatus;
  readonly on?: IsoDay | undefined;
  readonly receivedCreditCents?: number | undefined;
  readonly creditNoteReference?: string | undefined;
  readonly supplierReference?: string | undefined;
  readonly expectedCreditCents?: number | undefined;
}

export function moveClaim(prisma: Db, id: string, move: ClaimMove, now = new Date()) {
  return inTransaction(prisma, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM warranty_claims WHERE id = ${id} FOR UPDATE`;
    if (rows.length === 0) throw notFound('warranty claim');
    const claim = await tx.warrantyClaim.findUniqueOrThrow({ where: { id }, include: { supplier: true } });
    const refusal = checkClaimTransition(claim.status, move.to);
    if (refusal) throw conflict(refusal, [{ path: 'to', message: refusal }]);
    if (move.expectedCreditCents !== undefined && claim.status !== 'draft')
      throw invalid('the expected credit is fixed once submitted', [{ path: 'expectedCreditCents', message: 'only on a draft' }]);
    if (move.to === 'credited' && (move.receivedCreditCents === undefined || move.receivedCreditCents < 0)) {
      throw invalid('a credited claim says how much was received', [{ path: 'receivedCreditCents', message: 'required, ≥ 0' }]);
    }
    const on = move.on ?? booksDay(now);
    const expected = move.expectedCreditCents ?? claim.expectedCreditCents;
    const received = move.receivedCreditCents ?? claim.receivedCreditCents;
    const updated = await tx.warrantyClaim.update({
      where: { id },
      data: {
        status: move.to,
        expectedCreditCents: expected,
        receivedCreditCents: received,
        ...(move.to === 'submitted' ? { submittedOn: dateOf(on) } : {}),
        ...(move.to === 'accepted' || move.to === 'refused' ? { answeredOn: dateOf(on) } : {}),
        ...(move.to === 'credited' ? { creditedOn: dateOf(on), creditNoteReference: move.creditNoteReference ?? null } : {}),
        ...(move.supplierReference !== undefined ? { supplierReference: move.supplierReference } : {}),
      },
    });
    const facts = {
      id,
      reference: claim.reference,
      agencyId: claim.agencyId,
      supplier: supplierAux(claim.supplier),
      expectedCreditCents: expected,
      receivedCreditCents: received,
    };
    for (const kind of claimPostings(claim.status, move.to, expected, received)) {
      await postEntry(tx, claimEntry(facts, { kind, on, pieceRef: kind === 'credited' ? (move.creditNoteReference ?? null) : null }));
    }
    return updated;
  });
}

export interface RecoverableRow {
  readonly supplierId: string;
  readonly supplierName: string;
  readonly claims: number;
  /** Claimed (submitted or accepted) and not yet credited. */
  readonly outstandingCents: number;
  /** Drafts: owed by the supplier but not claimed yet. */
  readonly unclaimedCents: number;
  /** Credited below what was expected, not closed yet. */
  readonly shortfallCents: number;
}

/** The amounts still to recover from suppliers (the report the article asks for). */
export async function recoverableReport(
  prisma: Db,
  filter: { agencyIds?: readonly string[] | undefined } = {},
): Promise<{ rows: RecoverableRow[]; totalCents: number }> {
  const claims = await prisma.warrantyClaim.findMany({
    where: { status: { in: ['draft', 'submitted', 'accepted', 'credited'] }, ...(filter.agencyIds ? { agencyId: { in: [...filter.agencyIds] } } : {}) },
    include: { supplier: { select: { name: true } } },
  });
  const rows = new Map<
    string,
    { supplierId: string; supplierName: string; claims: number; outstandingCents: number; unclaimedCents: number; shortfallCents: number }
  >();
  for (const c of claims) {
    const row = rows.get(c.supplierId) ?? {
      supplierId: c.supplierId,
      supplierName: c.supplier.name,
      claims: 0,
      outstandingCents: 0,
      unclaimedCents: 0,
      shortfallCents: 0,
    };
    row.claims += 1;
    row.outstandingCents += outstandingCents(c.status, c.expectedCreditCents, c.receivedCreditCents);
    if (c.status === 'draft') row.unclaimedCents += c.expectedCreditCents;
    if (c.status === 'credited') row.shortfallCents += Math.max(0, c.expectedCreditCents - c.receivedCreditCents);
    rows.set(c.supplierId, row);
  }
  const list = [...rows.values()].sort((a, b) => b.outstandingCents + b.unclaimedCents - (a.outstandingCents + a.unclaimedCents));
  return { rows: list, totalCents: list.reduce((s, r) => s + r.outstandingCents + r.unclaimedCents + r.shortfallCents, 0) };
}
