// Accepting a preview for some technicians only (issue 12: "accept per
// technician or all"). Their days become exactly what the preview proposes:
// the visits it gives them are taken from wherever they were (the queue, or
// another technician's tour, which loses that stop), and the visits it takes
// away from them go back to the queue until the technician the preview gives
// them to is accepted too. Nobody else's day changes otherwise.
//
// The rest of the preview stays acceptable, and is not recomputed: a
// recomputation would be another plan than the one the dispatcher reviewed.
// Instead, in the same transaction, the proposal's records are brought up to
// date with what this acceptance wrote (and only that: rows someone else
// changed keep their old versions, so accepting them later is refused as any
// stale preview is). The preview is decided (accepted) once no technician is
// left with a change.
import type { Prisma } from '../generated/prisma/client.ts';
import { acceptableProposal, changedSincePreview, type DecideDeps, PlanDecisionError } from './decide-plan.ts';
import { loadPlanningRecords } from './load-records.ts';
import type { Plan, PlannedTour } from './plan.ts';
import { planChanges } from './plan-changes.ts';
import { planPlacements } from './parts.ts';
import { type Proposal, proposalJson, readProposal } from './proposal.ts';
import type { InterventionRecord, TourRecord } from './records.ts';
import { afterStoring } from './run-planning.ts';
import { PlanConflictError, type StoredPlan, storePlan, type Tx } from './store-plan.ts';

/** A technician the caller named has nothing to accept in this preview (HTTP 422, naming the field). */
export class PlanSelectionError extends Error {
  override readonly name = 'PlanSelectionError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

export interface PartialAcceptance {
  /** Technicians whose days were written now. */
  readonly accepted: readonly string[];
  /** Technicians with changes still to decide (empty: the whole preview is now accepted). */
  readonly remaining: readonly string[];
}

export async function acceptTechnicians(deps: DecideDeps, runId: string, technicianIds: readonly string[], userId: string | null): Promise<PartialAcceptance> {
  const { prisma } = deps;
  const { run, proposal, now } = await acceptableProposal(deps, runId);
  const changes = planChanges(proposal);
  const selected = new Set<string>();
  technicianIds.forEach((id, i) => {
    if (!changes.some((c) => c.technicianId === id && c.changed)) {
      throw new PlanSelectionError(`technician ${id} has nothing to accept in this preview (no change, or accepted already)`, `technicianIds[${i}]`);
    }
    selected.add(id);
  });

  const part = partOf(proposal, selected);
  let remaining: string[] = [];
  let stored: StoredPlan;
  try {
    stored = await storePlan(
      prisma,
      { agencyId: run.agencyId, runId, ...part, scope: 'tours' },
      async (tx, written) => {
        const next = await withWritten(tx, run.agencyId, proposal, written, selected);
        remaining = [
          ...new Set(
            planChanges(next)
              .filter((c) => c.changed)
              .map((c) => c.technicianId),
          ),
        ];
        const { count } = await tx.planningRun.updateMany({
          where: { id: runId, status: 'succeeded', preview: true, decision: 'pending' },
          data: {
            proposal: proposalJson(next) as Prisma.InputJsonObject,
            ...(remaining.length === 0 ? { decision: 'accepted' as const, decidedAt: now, decidedById: userId } : {}),
          },
        });
        if (count !== 1) throw new PlanDecisionError('this preview was decided meanwhile by someone else', { code: 'plan.decided_meanwhile' });
      },
      // Two dispatchers accepting different technicians at once: the second waits, then finds the proposal it read outdated.
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM planning_runs WHERE id = ${runId} FOR UPDATE`;
        const current = await tx.planningRun.findUniqueOrThrow({ where: { id: runId }, select: { proposal: true, decision: true } });
        const accepted = current.decision === 'pending' ? (readProposal(current.proposal).accepted ?? []) : null;
        if (!accepted || accepted.length !== (proposal.accepted ?? []).length) {
          throw new PlanDecisionError('this preview was decided meanwhile by someone else', { code: 'plan.decided_meanwhile' });
        }
      },
    );
  } catch (error) {
    if (error instanceof PlanConflictError) throw changedSincePreview(error, proposal.records.days);
    throw error;
  }
  await afterStoring(deps, run.agencyId, stored, planPlacements(part.records, part.problem, part.plan));
  return { accepted: [...selected], remaining };
}

/**
 * The selected technicians' share of the proposal, as a plan storePlan writes
 * with scope `tours`: their proposed tours (an empty one where the preview
 * leaves a tour of theirs without a place in it), the visits those tours take
 * and the visits they lose.
 */
function partOf(proposal: Proposal, selected: ReadonlySet<string>): Pick<Proposal, 'records' | 'problem' | 'plan'> {
  const { records, problem, plan } = proposal;
  const tours: PlannedTour[] = plan.tours.filter((t) => selected.has(t.technicianId));
  for (const t of records.tours) {
    if (selected.has(t.technicianId) && !tours.some((p) => p.technicianId === t.technicianId && p.day === t.day)) {
      tours.push({ technicianId: t.technicianId, day: t.day, stops: [], kpis: emptyKpis() });
    }
  }
  const placed = new Set(tours.flatMap((t) => t.stops.map((s) => s.interventionId)));
  const leaving = records.interventions.filter((i) => i.stop && selected.has(i.stop.technicianId) && !placed.has(i.id)).map((i) => i.id);
  const ids = new Set([...placed, ...leaving]);
  const subPlan: Plan = { ...plan, tours };
  return {
    records: { ...records, tours: records.tours.filter((t) => selected.has(t.technicianId)) },
    problem: { jobs: problem.jobs.filter((j) => ids.has(j.interventionId)), excluded: problem.excluded.filter((e) => ids.has(e.interventionId)) },
    plan: subPlan,
  };
}

const emptyKpis = () => ({ stops: 0, travelSeconds: 0, travelMeters: 0, serviceSeconds: 0, waitingSeconds: 0, overtimeSeconds: 0, start: null, end: null });

/** The proposal with the rows this acceptance wrote read again (inside its transaction), and the technicians marked accepted. */
async function withWritten(tx: Tx, agencyId: string, proposal: Proposal, written: StoredPlan, selected: ReadonlySet<string>): Promise<Proposal> {
  const fresh = await loadPlanningRecords(tx, agencyId, proposal.records.days);
  const tourIds = new Set([...written.toursByDay.values()].flat());
  const freshTours = new Map(fresh.tours.map((t) => [t.id, t]));
  const oldTours = new Map(proposal.records.tours.map((t) => [t.id, t]));
  // Every visit on a tour written now, before or after, may have a new stop or sequence.
  const touched = new Set([...written.interventionsByDay.values()].flat());
  for (const id of tourIds) for (const s of [...(freshTours.get(id)?.stops ?? []), ...(oldTours.get(id)?.stops ?? [])]) touched.add(s.interventionId);
  const freshVisits = new Map(fresh.interventions.map((i) => [i.id, i]));

  const tours: TourRecord[] = proposal.records.tours.map((t) => (tourIds.has(t.id) ? (freshTours.get(t.id) ?? t) : t));
  for (const id of tourIds) if (!oldTours.has(id) && freshTours.has(id)) tours.push(freshTours.get(id)!);
  const interventions: InterventionRecord[] = proposal.records.interventions.map((i) => (touched.has(i.id) ? (freshVisits.get(i.id) ?? i) : i));
  return {
    ...proposal,
    records: { ...proposal.records, tours, interventions },
    accepted: [...new Set([...(proposal.accepted ?? []), ...selected])],
  };
}
