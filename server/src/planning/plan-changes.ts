// What a preview would change for each technician's day, read from its
// proposal alone: the tours and visits as they were when it was computed
// (records — after any technician accepted on their own, as that acceptance
// left them) against the proposed tours. Accepting refuses a plan that moved
// on since, so this is exactly what accepting would do.
import type { PlannedTour } from './plan.ts';
import { tourKey } from './plan.ts';
import type { Proposal } from './proposal.ts';
import type { InterventionRecord, LonLat, TourRecord } from './records.ts';
import type { IsoDay } from './time.ts';

/** Below a minute, a new start time is no change worth showing. */
const SHIFT_THRESHOLD_SECONDS = 60;

export type StopChange = 'in' | 'reordered' | 'shifted' | 'same';

export interface ProposedStopChange {
  readonly interventionId: string;
  readonly location: LonLat | null;
  readonly sequence: number;
  readonly plannedStart: Date | null;
  readonly plannedEnd: Date | null;
  readonly change: StopChange;
  readonly from?: string | null;
  readonly shiftSeconds?: number;
}

export interface LeavingStopChange {
  readonly interventionId: string;
  readonly location: LonLat | null;
  readonly to: string | null;
}

export interface TechnicianDayChanges {
  readonly technicianId: string;
  readonly day: IsoDay;
  readonly accepted: boolean;
  readonly changed: boolean;
  readonly stops: readonly ProposedStopChange[];
  readonly leaving: readonly LeavingStopChange[];
  readonly travelSecondsBefore: number;
  readonly travelSecondsAfter: number;
}

export function planChanges(proposal: Proposal): TechnicianDayChanges[] {
  const { records, plan } = proposal;
  const accepted = new Set(proposal.accepted ?? []);
  const visits = new Map(records.interventions.map((i) => [i.id, i]));
  const beforeTours = new Map(records.tours.map((t) => [tourKey(t.technicianId, t.day), t]));
  const afterTours = new Map(plan.tours.map((t) => [tourKey(t.technicianId, t.day), t]));
  // Where each visit is in the proposal, to say where a leaving visit goes.
  const proposedTechnician = new Map<string, string>();
  for (const t of plan.tours) for (const s of t.stops) proposedTechnician.set(s.interventionId, t.technicianId);

  const keys = new Set<string>();
  for (const t of records.tours) if (t.stops.length > 0) keys.add(tourKey(t.technicianId, t.day));
  for (const t of plan.tours) if (t.stops.length > 0) keys.add(tourKey(t.technicianId, t.day));

  const out: TechnicianDayChanges[] = [];
  for (const key of keys) {
    const before = beforeTours.get(key);
    const after = afterTours.get(key);
    const technicianId = (before ?? after)!.technicianId;
    const day = (before ?? after)!.day;
    out.push(dayChanges(technicianId, day, before, after, visits, proposedTechnician, accepted.has(technicianId)));
  }
  return out.sort((a, b) => a.day.localeCompare(b.day) || Number(b.changed) - Number(a.changed) || a.technicianId.localeCompare(b.technicianId));
}

function dayChanges(
  technicianId: string,
  day: IsoDay,
  before: TourRecord | undefined,
  after: PlannedTour | undefined,
  visits: ReadonlyMap<string, InterventionRecord>,
  proposedTechnician: ReadonlyMap<string, string>,
  accepted: boolean,
): TechnicianDayChanges {
  const beforeIds = [...(before?.stops ?? [])].sort((a, b) => a.sequence - b.sequence).map((s) => s.interventionId);
  const afterStops = after?.stops ?? [];
  const afterIds = new Set(afterStops.map((s) => s.interventionId));
  const beforeSet = new Set(beforeIds);
  // Relative order of the visits kept: a visit is reordered when its rank among them moves.
  const keptBefore = beforeIds.filter((id) => afterIds.has(id));
  const keptAfter = afterStops.map((s) => s.interventionId).filter((id) => beforeSet.has(id));

  const stops = afterStops.map((s): ProposedStopChange => {
    const visit = visits.get(s.interventionId);
    const base = {
      interventionId: s.interventionId,
      location: visit?.location ?? null,
      sequence: s.sequence,
      plannedStart: s.plannedStart,
      plannedEnd: s.plannedEnd,
    };
    if (!beforeSet.has(s.interventionId)) return { ...base, change: 'in', from: visit?.stop?.technicianId ?? visit?.technicianId ?? null };
    const oldStart = visit?.stop?.plannedStart ?? visit?.plannedStart ?? null;
    const shiftSeconds = oldStart && s.plannedStart ? Math.round((s.plannedStart.getTime() - oldStart.getTime()) / 1000) : 0;
    if (keptBefore.indexOf(s.interventionId) !== keptAfter.indexOf(s.interventionId)) return { ...base, change: 'reordered', shiftSeconds };
    if (Math.abs(shiftSeconds) >= SHIFT_THRESHOLD_SECONDS) return { ...base, change: 'shifted', shiftSeconds };
    return { ...base, change: 'same' };
  });
  const leaving = beforeIds
    .filter((id) => !afterIds.has(id))
    .map((id): LeavingStopChange => ({ interventionId: id, location: visits.get(id)?.location ?? null, to: proposedTechnician.get(id) ?? null }));
  return {
    technicianId,
    day,
    accepted,
    changed: !accepted && (leaving.length > 0 || stops.some((s) => s.change !== 'same')),
    stops,
    leaving,
    travelSecondsBefore: before?.kpis?.travelSeconds ?? 0,
    travelSecondsAfter: after?.kpis.travelSeconds ?? 0,
  };
}
