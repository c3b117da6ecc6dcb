// Intervention events, read off what the server already tells the boards:
// every status change goes through the realtime broadcaster
// (interventionChanged for one intervention, planChanged for a plan stored),
// so wrapping it at the composition root sees them all — from the API, a
// planning job, the technician's app or a dispatch worker — without touching
// those paths. One event per intervention, status and version (publish.ts's key).
import type { InterventionStatus } from '@tournee/contracts/realtime';
import type { WebhookEventType } from '@tournee/contracts/api';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import { publishWebhookEvent } from './publish.ts';

/** The event a status reached means, if any. `started`: the technician is on site; `done`: the work is finished (with the report). */
export function interventionEventOf(status: InterventionStatus, previous: InterventionStatus | null | undefined): WebhookEventType | null {
  if (previous === null && status === 'requested') return 'intervention.created';
  if (previous === status) return null;
  switch (status) {
    case 'planned':
    case 'assigned':
      return 'intervention.planned';
    case 'dispatched':
      return 'intervention.dispatched';
    case 'on_site':
      return 'intervention.started';
    case 'done':
      return 'intervention.done';
    default:
      return null;
  }
}

/** The intervention as the API answers it; `intervention.done` adds the field report. */
export function interventionData(prisma: PrismaClient, interventionId: string, withReport: boolean) {
  return async (): Promise<Record<string, unknown> | null> => {
    const row = await prisma.intervention.findUnique({
      where: { id: interventionId },
      include: { requiredSkills: true, ...(withReport ? { fieldReport: true } : {}) },
    });
    if (!row) return null;
    const { fieldReport, ...intervention } = row as typeof row & { fieldReport?: unknown };
    return withReport ? { ...intervention, fieldReport: fieldReport ?? null } : intervention;
  };
}

export function publishInterventionEvent(
  prisma: PrismaClient,
  change: { interventionId: string; agencyId: string; status: InterventionStatus; version: number },
  type: WebhookEventType,
): void {
  publishWebhookEvent(prisma, {
    type,
    key: `${type}:${change.interventionId}:${change.version}`,
    agencyId: change.agencyId,
    data: interventionData(prisma, change.interventionId, type === 'intervention.done'),
  });
}

/** The broadcaster, publishing intervention events on the way. */
export function withInterventionEvents<B extends Partial<Pick<Broadcaster, 'interventionChanged' | 'planChanged'>>>(prisma: PrismaClient, broadcaster: B): B {
  const wrapped = { ...broadcaster };
  const { interventionChanged, planChanged } = broadcaster;
  if (interventionChanged) {
    (wrapped as Pick<Broadcaster, 'interventionChanged'>).interventionChanged = (change) => {
      interventionChanged.call(broadcaster, change);
      const type = interventionEventOf(change.status, change.previousStatus);
      if (type) publishInterventionEvent(prisma, change, type);
    };
  }
  if (planChanged) {
    (wrapped as Pick<Broadcaster, 'planChanged'>).planChanged = async (agencyId, change) => {
      const delta = await planChanged.call(broadcaster, agencyId, change);
      for (const i of change.interventions ?? []) {
        // A plan places visits (planned/assigned) and hands them out (dispatched); a visit it only moved keeps its event.
        const type = interventionEventOf(i.status, undefined);
        if (type === 'intervention.planned' || type === 'intervention.dispatched') publishInterventionEvent(prisma, { ...i, interventionId: i.id }, type);
      }
      return delta;
    };
  }
  return wrapped as B;
}
