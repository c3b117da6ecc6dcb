// What a technician's app must hear when an office user changes one of their
// interventions: assigned to them, taken away, rescheduled, updated or
// cancelled. Pushed through the realtime outbox (stored, replayed on
// reconnect). A technician's own field moves push nothing back to them.
// Also what became of a part request the office moved along, carried by the
// request's visit (pushPartRequest).
import type { AssignmentKind } from '@tournee/contracts/realtime';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { assignmentOf } from '../planning/publish.ts';
import type { AppDeps } from './deps.ts';

export interface PushState {
  readonly id: string;
  readonly status: string;
  readonly technicianId: string | null;
  readonly plannedStart: Date | null;
  readonly plannedEnd: Date | null;
}

/** States in which the intervention is on a technician's list. */
const ON_THEIR_LIST = new Set(['planned', 'assigned', 'dispatched', 'en_route', 'on_site']);

export function pushesFor(before: PushState | null, after: PushState): Array<{ technicianId: string; kind: AssignmentKind }> {
  const pushes: Array<{ technicianId: string; kind: AssignmentKind }> = [];
  const had = before && ON_THEIR_LIST.has(before.status) ? before.technicianId : null;
  const has = ON_THEIR_LIST.has(after.status) ? after.technicianId : null;
  if (had && had !== has) {
    // Still theirs but off the list: cancelled, or finished by the office.
    const kind = had !== after.technicianId ? 'unassigned' : after.status === 'cancelled' ? 'cancelled' : 'updated';
    pushes.push({ technicianId: had, kind });
  }
  if (has && has !== had) pushes.push({ technicianId: has, kind: 'assigned' });
  else if (has) {
    const moved = before!.plannedStart?.getTime() !== after.plannedStart?.getTime() || before!.plannedEnd?.getTime() !== after.plannedEnd?.getTime();
    pushes.push({ technicianId: has, kind: moved ? 'rescheduled' : 'updated' });
  }
  return pushes;
}

export async function pushToTechnicians(
  prisma: PrismaClient,
  broadcaster: AppDeps['broadcaster'],
  before: PushState | null,
  after: PushState,
  log: (message: string, error?: unknown) => void,
): Promise<void> {
  if (!broadcaster?.assignmentPushed) return;
  for (const { technicianId, kind } of pushesFor(before, after)) {
    try {
      // assignmentOf reads the tour and labels; the kind is ours.
      const base = await assignmentOf(prisma, { technicianId, interventionId: after.id, kind: kind === 'unassigned' ? 'unassigned' : 'assigned' });
      await broadcaster.assignmentPushed(technicianId, { ...base, kind });
    } catch (error) {
      // The change itself is stored; the app catches up on its next sync.
      log(`could not push ${kind} of intervention ${after.id} to technician ${technicianId}`, error);
    }
  }
}

const REQUEST_NEWS: Record<string, string> = {
  requested: 'de nouveau disponible au dépôt',
  backordered: 'commandée, en attente du fournisseur',
  fulfilled: 'livrée',
  cancelled: 'annulée par le bureau',
};

/**
 * The office moved a technician's part request along. The outbox carries
 * pushes about visits, so the request's visit carries it: when the request
 * was made for a visit still on the technician's list, they get an `updated`
 * push of that visit saying what became of the request, and their app
 * refreshes its portfolio (the request's status, and the van's stock after a
 * transfer). A request for the van alone has no visit to carry it: the app
 * shows the new status at its next synchronization (every minute online).
 * Returns whether a push was sent.
 */
export async function pushPartRequest(
  prisma: PrismaClient,
  broadcaster: Partial<Pick<NonNullable<AppDeps['broadcaster']>, 'assignmentPushed'>> | undefined,
  request: {
    readonly technicianId: string;
    readonly interventionId: string | null;
    readonly status: string;
    readonly quantity: number;
    readonly part: { readonly reference: string; readonly name: string };
    readonly transferred: boolean;
  },
  log: (message: string, error?: unknown) => void,
): Promise<boolean> {
  if (!broadcaster?.assignmentPushed || !request.interventionId) return false;
  try {
    const visit = await prisma.intervention.findUnique({ where: { id: request.interventionId }, select: { technicianId: true, status: true } });
    if (!visit || visit.technicianId !== request.technicianId || !ON_THEIR_LIST.has(visit.status)) return false;
    const base = await assignmentOf(prisma, { technicianId: request.technicianId, interventionId: request.interventionId, kind: 'assigned' });
    const news = request.status === 'fulfilled' && request.transferred ? 'transférée dans votre véhicule' : (REQUEST_NEWS[request.status] ?? request.status);
    const summary = `Demande de pièces ${request.quantity} × ${request.part.reference} ${request.part.name} : ${news} — ${base.summary}`.slice(0, 500);
    await broadcaster.assignmentPushed(request.technicianId, { ...base, kind: 'updated', summary });
    return true;
  } catch (error) {
    // The request is stored; the app sees its status at its next sync.
    log(`could not push part request news to technician ${request.technicianId}`, error);
    return false;
  }
}
