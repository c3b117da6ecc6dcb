// The dispatcher decides on an urgent request: only now is the intervention
// created. Saved to the queue on purpose, it is a plain request. Assigned, it
// is created and put into the technician's tour in ONE transaction (storePlan's
// `before`), so a refused assignment — the day changed, the place is gone, the
// overtime was not confirmed — leaves nothing behind. Forcing lets the day run
// up to MAX_FORCED_OVERTIME_MINUTES late; a bumped visit leaves the tour in
// the same transaction, then goes to the technician chosen for it (or stays
// in the queue if that no longer fits).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { MAX_FORCED_OVERTIME_MINUTES, type UrgentCommitAnswer, type UrgentDecision } from '@tournee/contracts/api/urgent';
import { flagInterventionCoverage } from '../../back-office/warranties/detect.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { assignIntervention, type AssignDeps } from '../assign.ts';
import { draftInsertionDay, InsertionRefusedError, type InsertionDeps, timeMove } from '../insertion.ts';
import { type Broadcaster, newQueuedInterventionChange } from '../../realtime/broadcaster.ts';
import { syncReservations } from '../parts.ts';
import { publishPlan } from '../publish.ts';
import { storePlan, type Tx } from '../store-plan.ts';
import { dateColumnOfDay, type IsoDay, localDay } from '../time.ts';
import type { InterventionRecord } from '../records.ts';
import { DraftReferenceError, draftRecord, type UrgentDraftInput } from './draft.ts';

type Decision = z.output<typeof UrgentDecision>;
type AssignDecision = Extract<Decision, { kind: 'assign' }>;
type CommitAnswer = z.output<typeof UrgentCommitAnswer>;

export type UrgentCommitDeps = AssignDeps & InsertionDeps;

/** The intervention row a draft becomes (status requested; the plan's write then assigns it). */
function createData(id: string, agencyId: string, draft: UrgentDraftInput, day: IsoDay): Prisma.InterventionUncheckedCreateInput {
  return {
    id,
    agencyId,
    siteId: draft.siteId,
    kind: 'corrective',
    problemDescription: draft.problemDescription,
    priority: draft.priority,
    estimatedDurationMinutes: draft.estimatedDurationMinutes,
    ...(draft.slaDeadline ? { slaDeadline: new Date(draft.slaDeadline) } : {}),
    earliestDate: dateColumnOfDay(day),
    latestDate: dateColumnOfDay(day),
    requiredSkills: { create: draft.requiredSkills.map((s) => ({ skillId: s.skillId, minLevel: s.minLevel })) },
  };
}

/** `agencyId`: the agency the request is created in — the draft's, or the neighbour's whose technician takes it (checked by the route). */
export async function commitUrgent(deps: UrgentCommitDeps, draft: UrgentDraftInput, decision: Decision, agencyId: string): Promise<CommitAnswer> {
  const { prisma } = deps;
  const now = deps.now?.() ?? new Date();
  const id = randomUUID();
  if (decision.kind === 'queue') {
    const agency = await prisma.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { timezone: true } });
    const day = decision.day ?? localDay(now, agency.timezone);
    const row = await prisma.intervention.create({ data: createData(id, agencyId, draft, day), include: { site: { select: { sectorId: true } } } });
    await flag(deps, id);
    // Boards add it to their queue (main.ts's broadcaster does this; a plan-only one, in tests, may not).
    (deps.broadcaster as Partial<Pick<Broadcaster, 'interventionChanged'>>).interventionChanged?.(newQueuedInterventionChange(row));
    return {
      interventionId: id,
      status: 'requested',
      agencyId,
      technicianId: null,
      day: null,
      plannedStart: null,
      overtimeMinutes: 0,
      pushedOut: [],
      bumped: null,
    };
  }

  const record = await draftRecord(prisma, draft, id);
  const answer = await placeUrgent(
    deps,
    { record, agencyId, before: (tx, day) => tx.intervention.create({ data: createData(id, agencyId, draft, day) }).then(() => {}) },
    decision,
  );
  await flag(deps, id);
  return answer;
}

/** A visit to put into a tour as the dispatcher decided: a draft created by `before`, or a stored one (`before` moves it to the day, the agency). */
export interface Placement {
  readonly record: InterventionRecord;
  /** The agency whose technician takes it. */
  readonly agencyId: string;
  /** In the plan's transaction, before it is written (the day is the decision's). */
  readonly before: (tx: Tx, day: IsoDay) => Promise<void>;
}

/**
 * Into the chosen technician's tour in one transaction: a refusal (the place is gone, the overtime not confirmed) writes nothing.
 * The bumped visit leaves the tour in the same transaction, then goes to `bumpedTo` if that still fits.
 */
export async function placeUrgent(deps: UrgentCommitDeps, placement: Placement, decision: AssignDecision): Promise<CommitAnswer> {
  const { prisma } = deps;
  const { record, agencyId } = placement;
  const id = record.id;
  const d = await draftInsertionDay(
    deps,
    { agencyId, record },
    {
      day: decision.day,
      ...(decision.force ? { overtimeAllowanceSeconds: MAX_FORCED_OVERTIME_MINUTES * 60 } : {}),
      ...(decision.bump ? { without: [decision.bump] } : {}),
    },
  );
  const bumped = decision.bump ? d.records.interventions.find((i) => i.id === decision.bump) : undefined;
  if (decision.bump) {
    const ok =
      bumped?.stop?.technicianId === decision.technicianId &&
      bumped.stop.day === d.day &&
      (bumped.status === 'planned' || bumped.status === 'assigned') &&
      !bumped.pinned &&
      bumped.priority < record.priority;
    if (!ok)
      throw new DraftReferenceError('decision.bump', 'must be a visit of lower priority, neither pinned nor under way, on that technician’s tour that day');
  }
  if (decision.bumpedTo && !decision.bump) throw new DraftReferenceError('decision.bumpedTo', 'only with decision.bump');
  if (decision.bumpedTo === decision.technicianId) throw new DraftReferenceError('decision.bumpedTo', 'must be another technician');

  const move = timeMove(d, decision.technicianId, decision.position === undefined ? {} : { position: decision.position });
  if (!move.plan) throw new InsertionRefusedError(`${move.refusal?.message ?? 'the move is refused'} (${move.refusal?.reason ?? 'no_shift'})`);
  const overtimeMinutes = Math.ceil(move.overtimeSeconds / 60);
  if (!decision.force && move.overtimeSeconds > move.overtimeBeforeSeconds) {
    throw new InsertionRefusedError(`the technician's day would end ${overtimeMinutes} min past their hours: confirm with force`);
  }
  const tour = move.plan.tours[0]!;
  const inTour = new Set(tour.stops.map((s) => s.interventionId));
  const out = [...move.pushedOut, ...(bumped ? [bumped.id] : [])];
  const unassigned = [...move.plan.unassigned, ...(bumped ? [{ interventionId: bumped.id, reason: 'capacity' as const }] : [])];
  const stored = await storePlan(
    prisma,
    {
      agencyId,
      runId: null,
      records: {
        ...d.records,
        interventions: [record, ...d.records.interventions.filter((i) => i.id !== id && (inTour.has(i.id) || out.includes(i.id)))],
        tours: d.records.tours.filter((t) => t.technicianId === decision.technicianId && t.day === d.day),
      },
      problem: { jobs: tour.stops.filter((s) => s.planned).map((s) => ({ interventionId: s.interventionId })), excluded: unassigned },
      plan: { ...move.plan, unassigned },
      scope: 'tours',
      assign: new Set([id]),
    },
    undefined,
    (tx: Tx) => placement.before(tx, d.day),
  );
  await publishPlan(prisma, deps.broadcaster, agencyId, stored, 'urgent_insertion');
  const placements = new Map<string, string | null>([[id, decision.technicianId], ...out.map((o) => [o, null] as [string, null])]);
  await syncReservations(prisma, agencyId, placements).catch((error: unknown) => deps.log?.(`urgent ${id} stored, parts not synced: ${String(error)}`));

  // The bumped visit to the technician chosen for it: a second step, it stays in the queue if that no longer fits.
  let bumpedTo: string | null = null;
  if (bumped && decision.bumpedTo) {
    try {
      await assignIntervention(deps, { interventionId: bumped.id, technicianId: decision.bumpedTo, day: d.day });
      bumpedTo = decision.bumpedTo;
    } catch (error) {
      deps.log?.(`bumped visit ${bumped.id} left in the queue: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const row = await prisma.intervention.findUniqueOrThrow({ where: { id }, select: { plannedStart: true } });
  return {
    interventionId: id,
    status: 'assigned',
    agencyId,
    technicianId: decision.technicianId,
    day: d.day,
    plannedStart: row.plannedStart?.toISOString() ?? null,
    overtimeMinutes,
    pushedOut: out.filter((o) => o !== bumped?.id || bumpedTo === null),
    bumped: bumped ? { interventionId: bumped.id, technicianId: bumpedTo } : null,
  };
}

/** The warranty flag, as the intervention form's creation computes it; recomputable later, so a failure loses nothing. */
async function flag(deps: { prisma: PrismaClient; log?: (message: string) => void }, id: string): Promise<void> {
  await flagInterventionCoverage(deps.prisma, id, { occasion: 'request' }).catch((error: unknown) =>
    deps.log?.(`urgent ${id} created, its warranty flag not computed: ${error instanceof Error ? error.message : String(error)}`),
  );
}
