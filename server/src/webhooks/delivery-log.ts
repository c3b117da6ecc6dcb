// The delivery log as the API shows it, and replay from it.
import type { PrismaClient } from '../generated/prisma/client.ts';
import { HttpError } from '../http/errors.ts';
import { deliveryJobId, deliveryQueueOf } from './publish.ts';

type Row = Awaited<ReturnType<PrismaClient['webhookDelivery']['findFirstOrThrow']>> & { event: { type: string } };

export function deliveryView(row: Row): Record<string, unknown> {
  const { event, ...rest } = row;
  return { ...rest, eventType: event.type };
}

/** Queues the delivery again (whatever its status); its attempts go on counting, its replays count one more. */
export async function replayDelivery(prisma: PrismaClient, deliveryId: string): Promise<void> {
  const queue = deliveryQueueOf(prisma);
  if (!queue) throw new HttpError(503, 'webhook delivery is not running in this server', []);
  const d = await prisma.webhookDelivery.update({
    where: { id: deliveryId },
    data: { status: 'pending', replays: { increment: 1 }, nextAttemptAt: null, error: null },
    select: { id: true, attempts: true, replays: true },
  });
  await queue.enqueue(d.id, deliveryJobId(d.id, d.attempts, d.replays));
}
