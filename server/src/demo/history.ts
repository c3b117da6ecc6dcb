// Writes the demo's past (DEMO_DAY=auto, build/days-around.ts) through the
// back office's own functions, as the office would have done it day by day:
// invoices drafted from the done visits and issued on their day (numbered in
// date order, posted to the journal), payments received, a credit note per
// agency, supplier warranty claims opened and moved to each stage. Each call
// is its own transaction, so this runs after the seed's: a failure leaves the
// company seeded without part of its history (logged), never half a document.
import { issueDocument } from '../back-office/billing/issue.ts';
import { deleteDraft, draftFromIntervention } from '../back-office/billing/drafts.ts';
import { recordPayment } from '../back-office/billing/payments.ts';
import { createCreditNote } from '../back-office/billing/credit-notes.ts';
import { createClaim, moveClaim } from '../back-office/warranties/claims.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { at, type DemoHistory } from './build/index.ts';

export interface HistoryCounts {
  invoices: number;
  payments: number;
  creditNotes: number;
  claims: number;
}

/** `stopped`: checked between documents — the server stopping does not wait for the rest. */
export async function writeHistory(prisma: PrismaClient, history: DemoHistory, options: { stopped?: () => boolean } = {}): Promise<HistoryCounts> {
  const counts: HistoryCounts = { invoices: 0, payments: 0, creditNotes: 0, claims: 0 };
  // Every dated event, in date order: the series' numbers follow the days.
  type Event = { on: string; order: number; run: () => Promise<void> };
  const events: Event[] = [];
  const invoiceOf = new Map<string, string>();
  const credited = new Set<string>();
  for (const inv of history.invoices) {
    events.push({
      on: inv.issueOn,
      order: 0,
      run: async () => {
        const now = at(inv.issueOn, 9 * 60);
        const draft = await draftFromIntervention(prisma, inv.interventionId, { kind: 'invoice', now });
        if (draft.totalCents <= 0) {
          // Covered in full (a warranty of ours, a contract): nothing to bill, the visit is closed.
          await deleteDraft(prisma, draft.id);
          await prisma.intervention.update({ where: { id: inv.interventionId }, data: { status: 'closed', version: { increment: 1 } } });
          return;
        }
        await issueDocument(prisma, draft.id, { now });
        invoiceOf.set(inv.interventionId, draft.id);
        counts.invoices += 1;
      },
    });
    if (inv.paidOn) {
      const paidOn = inv.paidOn;
      events.push({
        on: paidOn,
        order: 1,
        run: async () => {
          const invoiceId = invoiceOf.get(inv.interventionId);
          if (!invoiceId) return; // nothing was billed
          const total = (await prisma.billingDocument.findUniqueOrThrow({ where: { id: invoiceId }, select: { totalCents: true } })).totalCents;
          if (total <= 0) return; // covered in full by a contract: nothing to pay
          await recordPayment(prisma, invoiceId, { amountCents: total, receivedOn: paidOn, method: inv.method, reference: null });
          counts.payments += 1;
        },
      });
    }
    if (inv.creditedOn) {
      const creditedOn = inv.creditedOn;
      events.push({
        on: creditedOn,
        order: 2,
        run: async () => {
          const invoiceId = invoiceOf.get(inv.interventionId);
          if (credited.has(inv.agencyId) || !invoiceId) return;
          if ((await prisma.billingDocument.findUniqueOrThrow({ where: { id: invoiceId }, select: { totalCents: true } })).totalCents <= 0) return;
          credited.add(inv.agencyId);
          const note = await createCreditNote(prisma, invoiceId, {
            notes: 'Avoir : dépannage facturé en entier, pris en charge par la garantie du client',
          });
          await issueDocument(prisma, note.id, { now: at(creditedOn, 10 * 60) });
          counts.creditNotes += 1;
        },
      });
    }
  }
  for (const c of history.claims) {
    let claimId = '';
    events.push({
      on: c.openedOn,
      order: 3,
      run: async () => {
        const claim = await createClaim(
          prisma,
          {
            agencyId: c.agencyId,
            supplierId: c.supplierId,
            kind: 'part',
            warrantyId: c.warrantyId,
            equipmentId: c.equipmentId,
            interventionId: c.interventionId,
            expectedCreditCents: c.expectedCreditCents,
            notes: c.notes,
          },
          at(c.openedOn, 11 * 60),
        );
        claimId = claim.id;
        counts.claims += 1;
      },
    });
    for (const step of c.steps) {
      events.push({
        on: step.on,
        order: 4,
        run: async () => {
          await moveClaim(
            prisma,
            claimId,
            {
              to: step.to,
              on: step.on,
              ...(step.to === 'submitted' && c.supplierReference ? { supplierReference: c.supplierReference } : {}),
              ...(step.to === 'credited' ? { receivedCreditCents: c.receivedCreditCents, creditNoteReference: c.creditNoteReference ?? undefined } : {}),
            },
            at(step.on, 15 * 60),
          );
        },
      });
    }
  }
  // Stable: same-day events keep their order (an invoice before its payment, a claim's steps in turn).
  events.sort((a, b) => a.on.localeCompare(b.on) || a.order - b.order);
  for (const e of events) {
    if (options.stopped?.()) break;
    await e.run();
  }
  return counts;
}
