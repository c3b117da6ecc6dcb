// The live preview while a visit is dragged over the timeline: where it would
// go in the target technician's day, when they would arrive, and what it would
// cost — computed in the browser on every pointer move (no round trip), with
// the engine's own default travel rule (geo/travel.ts). The server has the
// last word when the move is saved; this is the dispatcher's instant estimate.
import { type LatLon, travel } from '../geo/travel.ts';
import type { DayShift } from './layout.ts';

export interface PlannedVisit {
  readonly interventionId: string;
  readonly at: LatLon | null;
  readonly start: number;
  readonly end: number;
}

export interface MovingVisit {
  readonly interventionId: string;
  readonly at: LatLon | null;
  readonly durationMinutes: number;
  /** Skills it needs at a minimum level; undefined while the details load. */
  readonly requiredSkills?: readonly { readonly skillId: string; readonly minLevel: number }[];
  /** Minutes of the day by which it must start (SLA), if any. */
  readonly deadline?: number | null;
  /** Its time windows that day (minutes), if any. */
  readonly windows?: readonly { readonly start: number; readonly end: number }[];
}

export interface TargetDay {
  readonly technicianId: string;
  readonly home: LatLon | null;
  readonly shift: DayShift | null;
  readonly skills: readonly { readonly skillId: string; readonly level: number }[];
  /** The day's visits in order (the moving one already left out). */
  readonly visits: readonly PlannedVisit[];
}

export type Problem = 'missing_skill' | 'no_shift' | 'overtime' | 'late_for_deadline' | 'outside_window' | 'no_location';

export interface Preview {
  /** 0-based position among the target's visits. */
  readonly position: number;
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
  readonly travelSeconds: number;
  /** Travel added to the tour by the insertion. */
  readonly extraTravelSeconds: number;
  /** Later visits pushed back, and the largest push. */
  readonly delayedVisits: number;
  readonly maxDelayMinutes: number;
  readonly overtimeMinutes: number;
  /** blocked: the server would refuse it; warning: possible but costly. */
  readonly verdict: 'ok' | 'warning' | 'blocked';
  readonly problems: readonly Problem[];
}

const secondsBetween = (a: LatLon | null, b: LatLon | null): number => (a && b ? travel(a, b).seconds : 0);

export function previewMove(target: TargetDay, visit: MovingVisit, desiredStart: number): Preview {
  const visits = target.visits;
  let position = visits.findIndex((v) => v.start > desiredStart);
  if (position < 0) position = visits.length;
  const prev = visits[position - 1];
  const next = visits[position];
  const dayStart = target.shift?.start ?? 8 * 60;
  const fromPlace = prev ? prev.at : target.home;
  const fromTime = prev ? prev.end : dayStart;
  const travelSeconds = secondsBetween(fromPlace, visit.at);
  const arrival = fromTime + travelSeconds / 60;
  const start = Math.max(desiredStart, arrival);
  const end = start + visit.durationMinutes;
  const toNext = next ? next.at : target.home;
  const extraTravelSeconds = travelSeconds + secondsBetween(visit.at, toNext) - secondsBetween(fromPlace, toNext);

  // Push the following visits back where they no longer fit (they keep their time otherwise).
  let cursor = end;
  let place = visit.at;
  let delayedVisits = 0;
  let maxDelayMinutes = 0;
  for (const v of visits.slice(position)) {
    const arrive = cursor + secondsBetween(place, v.at) / 60;
    const delay = arrive - v.start;
    if (delay > 0.5) {
      delayedVisits++;
      maxDelayMinutes = Math.max(maxDelayMinutes, delay);
    }
    cursor = Math.max(v.start, arrive) + (v.end - v.start);
    place = v.at;
  }
  const dayEnd = cursor + secondsBetween(place, target.home) / 60;
  const overtimeMinutes = target.shift ? Math.max(0, dayEnd - target.shift.end) : 0;

  const problems: Problem[] = [];
  const blocking = new Set<Problem>();
  const block = (p: Problem) => { problems.push(p); blocking.add(p); };
  if (!visit.at) block('no_location');
  if (!target.shift) block('no_shift');
  if (visit.requiredSkills?.some((r) => !target.skills.some((s) => s.skillId === r.skillId && s.level >= r.minLevel))) block('missing_skill');
  if (overtimeMinutes > 0.5) problems.push('overtime');
  if (visit.deadline != null && start > visit.deadline) problems.push('late_for_deadline');
  if (visit.windows && visit.windows.length > 0 && !visit.windows.some((w) => start >= w.start && start <= w.end)) problems.push('outside_window');
  const verdict = blocking.size > 0 ? 'blocked' : problems.length > 0 || delayedVisits > 0 ? 'warning' : 'ok';
  return {
    position, arrival, start, end, travelSeconds, extraTravelSeconds: Math.max(0, extraTravelSeconds),
    delayedVisits, maxDelayMinutes, overtimeMinutes, verdict, problems,
  };
}
