// A preview's proposal as JSON (PlanningRun.proposal) and back: the plan,
// the visits it decides on, and the records it was computed from — with the
// intervention and tour versions read then, which accepting checks before
// writing anything (store-plan.ts's checkUnchanged).
import type { ConsideredVisits, Plan, PlannedStop, PlannedTour } from './plan.ts';
import type { InterventionRecord, PlanningRecords, StopRecord } from './records.ts';

export const PROPOSAL_FORMAT = 1;

export interface Proposal {
  readonly records: PlanningRecords;
  readonly problem: ConsideredVisits;
  readonly plan: Plan;
  /**
   * Technicians whose days were accepted on their own (accept-technicians.ts);
   * `records` then holds what those acceptances wrote, so the rest stays acceptable.
   */
  readonly accepted?: readonly string[];
}

/** Plain JSON (dates as ISO strings). Technicians are left out: storing does not read them. */
export function proposalJson(p: Proposal): object {
  return JSON.parse(
    JSON.stringify({
      format: PROPOSAL_FORMAT,
      records: { ...p.records, technicians: [] },
      problem: { jobs: p.problem.jobs, excluded: p.problem.excluded },
      plan: p.plan,
      accepted: p.accepted ?? [],
    }),
  ) as object;
}

export class ProposalFormatError extends Error {
  override readonly name = 'ProposalFormatError';
}

// A stored proposal is JSON this server wrote itself (proposalJson): read back field by field below, each checked
// where a wrong shape would matter, so the loose type stays local to this reader.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const date = (v: unknown): Date | null => (typeof v === 'string' ? new Date(v) : null);

export function readProposal(value: unknown): Proposal {
  const j = value as Json | null;
  if (!j || j.format !== PROPOSAL_FORMAT || !j.records || !j.problem || !j.plan) {
    throw new ProposalFormatError('the preview keeps no proposal this server can read: run a new preview');
  }
  const records: PlanningRecords = {
    ...(j.records as PlanningRecords),
    interventions: (j.records.interventions as Json[]).map((i): InterventionRecord => ({
      ...(i as InterventionRecord),
      slaDeadline: date(i.slaDeadline),
      timeWindows: (i.timeWindows as Json[]).map((w) => ({ start: new Date(w.start), end: new Date(w.end) })),
      plannedStart: date(i.plannedStart),
      plannedEnd: date(i.plannedEnd),
      actualStart: date(i.actualStart),
      actualEnd: date(i.actualEnd),
      stop: i.stop ? ({ ...(i.stop as StopRecord), plannedStart: date(i.stop.plannedStart), plannedEnd: date(i.stop.plannedEnd) } as StopRecord) : null,
    })),
  };
  const plan: Plan = {
    ...(j.plan as Plan),
    tours: (j.plan.tours as Json[]).map((t): PlannedTour => ({
      ...(t as PlannedTour),
      stops: (t.stops as Json[]).map((s): PlannedStop => ({
        ...(s as PlannedStop),
        plannedArrival: date(s.plannedArrival),
        plannedStart: date(s.plannedStart),
        plannedEnd: date(s.plannedEnd),
      })),
    })),
  };
  const accepted = Array.isArray(j.accepted) ? (j.accepted as unknown[]).filter((id): id is string => typeof id === 'string') : [];
  return { records, problem: { jobs: j.problem.jobs, excluded: j.problem.excluded }, plan, accepted };
}
