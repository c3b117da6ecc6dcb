// What finishing a planned visit changes on its service plan: the last done
// day (and counter reading) move forward and the next due occurrence is
// recomputed, so the overdue list drops it at once. Whoever moves an
// intervention to `done` (REST lifecycle, simulator) calls this; the
// generation run also folds done visits in, so a missed call heals overnight.
import { dateFromDay, maxDay, type Day } from '@tournee/contracts/calendar';
import { counterReading, DEFAULT_TIME_ZONE, planFacts, planWithFacts, type Db } from './plan-facts.ts';
import { DONE_STATUSES, planSchedule } from './schedule.ts';
import { localDay } from '@tournee/contracts/zoned-time';

export interface VisitDoneResult {
  servicePlanId: string;
  lastDoneOn: Day | null;
  nextDueOn: Day | null;
  nextDueCounter: number | null;
}

/**
 * @param now the completion instant when the intervention has no actual end
 * @returns null when the intervention is not a done service-plan visit
 */
export async function recordVisitDone(db: Db, interventionId: string, now: Date): Promise<VisitDoneResult | null> {
  const visit = await db.intervention.findUnique({
    where: { id: interventionId },
    select: { servicePlanId: true, status: true, actualEnd: true, dueCounter: true },
  });
  if (!visit?.servicePlanId || !(DONE_STATUSES as readonly string[]).includes(visit.status)) return null;
  return refreshPlanSchedule(db, visit.servicePlanId, now, { doneAt: visit.actualEnd ?? now });
}

/**
 * Recomputes a plan's next due occurrence (after an edit through the API, or a
 * visit done at `doneAt`) and stores it.
 */
export async function refreshPlanSchedule(db: Db, servicePlanId: string, now: Date, done?: { doneAt: Date }): Promise<VisitDoneResult | null> {
  const row = await db.servicePlan.findUnique({ where: { id: servicePlanId }, include: planWithFacts });
  if (!row) return null;
  const timeZone = row.site.sector?.agency.timezone ?? DEFAULT_TIME_ZONE;
  const today = localDay(now, timeZone);
  const facts = planFacts(row);
  let lastDoneOn = facts.lastDoneOn;
  let lastDoneCounter = facts.lastDoneCounter;
  if (done) {
    const doneOn = localDay(done.doneAt, timeZone);
    lastDoneOn = lastDoneOn === null ? doneOn : maxDay(lastDoneOn, doneOn);
    const reading = counterReading(row.equipment?.counters, row.counterName);
    if (reading !== null) lastDoneCounter = Math.max(lastDoneCounter ?? 0, reading);
  }
  const { next } = planSchedule({ ...facts, lastDoneOn, lastDoneCounter }, today, today);
  await db.servicePlan.update({
    where: { id: servicePlanId },
    data: {
      lastDoneOn: lastDoneOn === null ? null : dateFromDay(lastDoneOn),
      lastDoneCounter,
      nextDueOn: next?.dueOn ? dateFromDay(next.dueOn) : null,
      nextDueCounter: next?.dueCounter ?? null,
    },
  });
  return {
    servicePlanId,
    lastDoneOn,
    nextDueOn: next?.dueOn ?? null,
    nextDueCounter: next?.dueCounter ?? null,
  };
}
