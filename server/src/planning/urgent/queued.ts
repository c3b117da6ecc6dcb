// A visit of the unassigned queue taken as an urgent request (issue 12): the
// same answer as a draft's — who can take it, why not the others, and when
// nobody fits the first slots of the coming days, overtime, a visit to bump, a
// neighbouring agency — ranked under the stored intervention's own id; and
// applying one of those places assigns THAT intervention (moved to the day
// and, for a neighbour, to that agency) in the plan's transaction. Nothing is
// created: the queue shrinks by one.
import type { z } from 'zod';
import type { UrgentAssignDecision, UrgentCommitAnswer } from '@tournee/contracts/api/urgent';
import type { Broadcaster } from '../../realtime/broadcaster.ts';
import { VersionConflictError } from '../assign.ts';
import { InsertionRefusedError, InterventionNotFoundError } from '../insertion.ts';
import { loadPlanningRecords } from '../load-records.ts';
import { PLANNABLE_STATUSES, type InterventionRecord } from '../records.ts';
import { dateColumnOfDay, dayOfDateColumn, type IsoDay, localDay } from '../time.ts';
import { placeUrgent, type UrgentCommitDeps } from './commit.ts';

export interface QueuedVisit {
  readonly agencyId: string;
  readonly record: InterventionRecord;
  /** The day it is ranked for: asked, else its earliest day if later than today, else today. */
  readonly day: IsoDay;
}

/** The stored visit as the engine's record; refused unless it waits in the queue (plannable, nobody's). */
export async function queuedVisit(deps: Pick<UrgentCommitDeps, 'prisma' | 'now'>, interventionId: string, day?: IsoDay): Promise<QueuedVisit> {
  const { prisma } = deps;
  const row = await prisma.intervention.findUnique({
    where: { id: interventionId },
    select: { agencyId: true, status: true, technicianId: true, earliestDate: true, agency: { select: { timezone: true } } },
  });
  if (!row) throw new InterventionNotFoundError(`intervention ${interventionId} not found`);
  if (!PLANNABLE_STATUSES.has(row.status) || row.technicianId !== null) {
    throw new InsertionRefusedError(`the intervention is not waiting in the queue (${row.status}${row.technicianId ? ', assigned' : ''})`);
  }
  const today = localDay(deps.now?.() ?? new Date(), row.agency.timezone);
  const earliest = row.earliestDate ? dayOfDateColumn(row.earliestDate) : today;
  const at = day ?? (earliest > today ? earliest : today);
  const records = await loadPlanningRecords(prisma, row.agencyId, [at]);
  const record = records.interventions.find((i) => i.id === interventionId);
  if (!record) throw new InterventionNotFoundError(`intervention ${interventionId} not found`);
  return { agencyId: row.agencyId, record, day: at };
}

/**
 * Puts the queued visit where the dispatcher chose (`agencyId`: the agency of the chosen technician, checked by the route).
 * `version`: the intervention's version the dispatcher saw (a stale one is a conflict, nothing written).
 */
export async function placeQueued(
  deps: UrgentCommitDeps,
  visit: QueuedVisit,
  version: number,
  decision: z.output<typeof UrgentAssignDecision>,
  agencyId: string,
): Promise<z.output<typeof UrgentCommitAnswer>> {
  const { record } = visit;
  if (record.version !== version) {
    const current = await deps.prisma.intervention.findUnique({ where: { id: record.id } });
    throw new VersionConflictError(`the intervention is at version ${record.version}, not ${version}: reload it`, current);
  }
  const answer = await placeUrgent(
    deps,
    {
      record,
      agencyId,
      // The chosen day within its dates (widened, never narrowed), and the neighbour's agency when one of theirs takes it.
      before: async (tx, day) => {
        const row = await tx.intervention.findUniqueOrThrow({ where: { id: record.id }, select: { agencyId: true, earliestDate: true, latestDate: true } });
        const date = dateColumnOfDay(day);
        const data = {
          ...(row.agencyId !== agencyId ? { agencyId } : {}),
          ...(row.earliestDate && row.earliestDate > date ? { earliestDate: date } : {}),
          ...(row.latestDate && row.latestDate < date ? { latestDate: date } : {}),
        };
        if (Object.keys(data).length > 0) await tx.intervention.update({ where: { id: record.id }, data });
      },
    },
    decision,
  );
  // The plan was published to the neighbour's boards; the visit's own agency's boards drop it from their queue.
  if (visit.agencyId !== agencyId) {
    const row = await deps.prisma.intervention.findUniqueOrThrow({
      where: { id: record.id },
      select: { status: true, version: true, updatedAt: true, site: { select: { sectorId: true } } },
    });
    (deps.broadcaster as Partial<Pick<Broadcaster, 'interventionChanged'>>).interventionChanged?.({
      interventionId: record.id,
      agencyId: visit.agencyId,
      technicianId: null,
      sectorId: row.site.sectorId,
      status: row.status,
      previousStatus: record.status,
      cancelReason: null,
      version: row.version,
      source: 'dispatcher',
      changedAt: row.updatedAt,
    });
  }
  return answer;
}
