// After a plan is stored: one versioned delta per day to the agency's boards,
// and a push to each technician whose assignments changed.
import type { AssignmentPush } from '@tournee/contracts/realtime';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Broadcaster } from '../realtime/broadcaster.ts';
import { planChangeFor } from '../realtime/plan-views.ts';
import type { PendingPush, StoredPlan } from './store-plan.ts';
import { dayOfDateColumn } from './time.ts';

/** What planning needs from REALTIME's broadcaster (tests may pass a recording one). */
export type PlanBroadcaster = Pick<Broadcaster, 'planChanged' | 'jobProgress' | 'assignmentPushed'>;

export async function publishPlan(
  prisma: PrismaClient,
  broadcaster: PlanBroadcaster,
  agencyId: string,
  stored: StoredPlan,
  reason: 'planning_run' | 'assignment' | 'urgent_insertion',
): Promise<void> {
  const days = [...new Set([...stored.toursByDay.keys(), ...stored.interventionsByDay.keys()])].sort();
  for (const date of days) {
    const change = await planChangeFor(prisma, {
      date,
      reason,
      tourIds: stored.toursByDay.get(date) ?? [],
      interventionIds: stored.interventionsByDay.get(date) ?? [],
    });
    await broadcaster.planChanged(agencyId, change);
  }
  for (const push of stored.pushes) await broadcaster.assignmentPushed(push.technicianId, await assignmentOf(prisma, push));
}

/** The push as the technician's app reads it, from the stored rows. */
export async function assignmentOf(prisma: PrismaClient, push: PendingPush): Promise<AssignmentPush> {
  const i = await prisma.intervention.findUniqueOrThrow({
    where: { id: push.interventionId },
    include: {
      site: { select: { city: true, customer: { select: { name: true } } } },
      tourStops: { where: { tour: { technicianId: push.technicianId } }, include: { tour: { select: { id: true, date: true } } } },
    },
  });
  const stop = push.kind === 'unassigned' ? undefined : i.tourStops[0];
  const what = i.problemDescription ? `: ${i.problemDescription}` : '';
  return {
    kind: push.kind,
    interventionId: i.id,
    interventionVersion: i.version,
    tourId: stop?.tour.id ?? null,
    date: stop ? dayOfDateColumn(stop.tour.date) : null,
    plannedStart: push.kind === 'unassigned' ? null : (i.plannedStart?.toISOString() ?? null),
    plannedEnd: push.kind === 'unassigned' ? null : (i.plannedEnd?.toISOString() ?? null),
    priority: i.priority,
    summary: `${i.site.customer.name} — ${i.site.city}${what}`.slice(0, 500),
  };
}
