// En route, on site: the field moves before the report. Judged on meaning
// rather than on the bare version number: a dispatcher's edit that leaves the
// visit with this technician and at the move's starting state (a new time
// window, a priority) is merged; a visit taken away, cancelled or moved along
// by someone else is a conflict.
import { checkTransition } from '@tournee/contracts/lifecycle';
import type { StatusAction } from '@tournee/contracts/replication';
import { laterDayRefusal, laterPlannedDay } from '../../planning/visit-day.ts';
import { expectedVersion } from '../base-version.ts';
import { RaceError, conflict, type Actor, type Handled, type Tx } from '../types.ts';
import { visitForAction, visitState } from '../visit-access.ts';

/** Device clocks drift; a time in the future is taken as now. */
export const deviceTime = (iso: string, now: Date): Date => new Date(Math.min(new Date(iso).getTime(), now.getTime()));

export async function applyStatus(tx: Tx, actor: Actor, action: StatusAction, now: Date): Promise<Handled> {
  const visit = await visitForAction(tx, actor, action.interventionId);
  const expected = await expectedVersion(tx, actor, visit, action);
  const where = { interventionId: visit.id, agencyId: visit.agencyId };
  if (visit.status === action.to) {
    // Already there (another device of the technician, or the REST lifecycle): nothing to change.
    return { outcome: { status: 'applied', interventionVersion: visit.version, merged: true }, ...where, resultVersion: visit.version, effects: {} };
  }
  const verdict = checkTransition({ from: visit.status, to: action.to, role: 'technician', hasTechnician: true });
  if (!verdict.ok) throw conflict('status_changed', verdict.reason, { visit: visitState(visit, actor) }, where);
  if (action.to === 'en_route') {
    // Tomorrow's visit is not started today, unless the dispatcher moves it to today (planning/visit-day.ts).
    const planned = await tx.intervention.findUniqueOrThrow({
      where: { id: visit.id },
      select: { plannedStart: true, agency: { select: { timezone: true } } },
    });
    const later = laterPlannedDay(planned.plannedStart, planned.agency.timezone, now);
    if (later) throw conflict('other_day', laterDayRefusal(later), { visit: visitState(visit, actor), plannedDay: later }, where);
  }
  const at = deviceTime(action.at, now);
  const { count } = await tx.intervention.updateMany({
    where: { id: visit.id, version: visit.version, status: visit.status, technicianId: actor.technicianId },
    data: { status: action.to, version: { increment: 1 }, ...(action.to === 'on_site' ? { actualStart: at } : {}) },
  });
  if (count !== 1) throw new RaceError();
  const version = visit.version + 1;
  return {
    outcome: { status: 'applied', interventionVersion: version, merged: visit.version !== expected },
    ...where,
    resultVersion: version,
    effects: {
      interventionChanged: {
        interventionId: visit.id,
        agencyId: visit.agencyId,
        technicianId: actor.technicianId,
        sectorId: visit.site.sectorId,
        status: action.to,
        previousStatus: visit.status,
        version,
        source: 'technician',
        changedAt: now,
      },
    },
  };
}
