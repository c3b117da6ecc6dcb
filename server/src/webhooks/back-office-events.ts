// Back-office events for webhooks, called by the routes once the operation
// is committed (one line each): documents issued, payments, stock movements
// and the shortages they cause, warranty claims moved, part requests from the
// field. Each publishes in the background (publish.ts): the answer never waits.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { deliveryQueueOf, publishWebhookEvent } from './publish.ts';

type Data = Record<string, unknown>;

const ISSUED = { quote: 'quote.issued', invoice: 'invoice.issued', credit_note: 'credit_note.issued' } as const;

/** A billing document just issued (its number is final). */
export function publishDocumentIssued(prisma: PrismaClient, document: Data & { id: unknown; kind: unknown; agencyId?: unknown }): void {
  const type = ISSUED[document.kind as keyof typeof ISSUED];
  if (!type) return;
  publishWebhookEvent(prisma, { type, key: `${type}:${String(document.id)}`, agencyId: document.agencyId as string | undefined, data: document });
}

export function publishPayment(prisma: PrismaClient, answer: { payment: Data & { id: unknown } }, agencyId: string | undefined): void {
  publishWebhookEvent(prisma, { type: 'payment.recorded', key: `payment.recorded:${String(answer.payment.id)}`, agencyId, data: answer as Data });
}

/** A batch of movements (receipt, transfer, return, adjustment, consumption, delivery), and any level it left under its minimum. */
export function publishStockMovements(prisma: PrismaClient, batch: { batchId: string; movements: readonly { partId: string; depotId: string }[] }): void {
  // Nothing to read when this process delivers no webhooks.
  if (!batch.batchId || batch.movements.length === 0 || !deliveryQueueOf(prisma)) return;
  const depotIds = [...new Set(batch.movements.map((m) => m.depotId))];
  const agencyOf = async () => (await prisma.depot.findFirst({ where: { id: depotIds[0] }, select: { agencyId: true } }))?.agencyId ?? null;
  void agencyOf()
    .then((agencyId) => {
      publishWebhookEvent(prisma, { type: 'stock.movement', key: `stock.movement:${batch.batchId}`, agencyId, data: batch as unknown as Data });
      return shortagesAfter(prisma, batch, agencyId);
    })
    .catch((error: unknown) => deliveryQueueOf(prisma)?.log(`stock webhooks of batch ${batch.batchId} not published`, error));
}

async function shortagesAfter(
  prisma: PrismaClient,
  batch: { batchId: string; movements: readonly { partId: string; depotId: string }[] },
  agencyId: string | null,
) {
  const levels = await prisma.stockLevel.findMany({
    where: { OR: batch.movements.map((m) => ({ partId: m.partId, depotId: m.depotId })), minQuantity: { not: null } },
    include: { part: { select: { reference: true, name: true } }, depot: { select: { name: true, agencyId: true } } },
  });
  for (const level of levels) {
    if (level.minQuantity === null || level.onHand >= level.minQuantity) continue;
    publishWebhookEvent(prisma, {
      type: 'stock.shortage',
      key: `stock.shortage:${level.depotId}:${level.partId}:${batch.batchId}`,
      agencyId: level.depot.agencyId ?? agencyId,
      data: level as unknown as Data,
    });
  }
}

/** A claim that changed status (one event per status reached). */
export function publishClaimMoved(prisma: PrismaClient, claim: Data & { id: unknown; status: unknown; agencyId?: unknown; updatedAt?: unknown }): void {
  publishWebhookEvent(prisma, {
    type: 'warranty_claim.moved',
    key: `warranty_claim.moved:${String(claim.id)}:${String(claim.status)}:${String(claim.updatedAt)}`,
    agencyId: claim.agencyId as string | undefined,
    data: claim,
  });
}

/** A part request replicated from a technician's app. */
export function publishPartRequest(prisma: PrismaClient, requestId: string): void {
  publishWebhookEvent(prisma, {
    type: 'part_request.created',
    key: `part_request.created:${requestId}`,
    data: async () => {
      const request = await prisma.partRequest.findUnique({ where: { id: requestId }, include: { part: { select: { reference: true, name: true } } } });
      return request as Data | null;
    },
  });
}
