/**
 * Slots for a customer on the phone: the best N (day, arrival window,
 * technician) over the horizon, ranked by the added cost of serving the visit
 * there without pushing any planned visit out. The insertion machinery does
 * the work over every tour from the call's day on; each feasible position
 * yields an expected arrival, announced as a window of `windowLength`
 * starting at a multiple of `windowStep`. One slot per (day, window): the
 * cheapest technician for it.
 */
import { type InsertionContext, prepareResolved, evaluateAll, describeCandidate } from './insertion.ts';
import type { FieldServicePlan, PlanOptions, Slot, SlotRequest, Visit } from './types.ts';
import { parseFieldServiceProblem, parseRealtimeState, parseVisit } from './validate.ts';

export const DEFAULT_SLOT_COUNT = 5;
export const DEFAULT_WINDOW_LENGTH = 7200;
export const DEFAULT_WINDOW_STEP = 3600;

export function proposeSlots(problem: unknown, plan: FieldServicePlan, request: SlotRequest, options: Pick<PlanOptions, 'travelMatrix'> = {}): Slot[] {
  const parsed = parseFieldServiceProblem(problem);
  const visit = parseVisit(request.visit, parsed, 'request.visit');
  const state = parseRealtimeState(request.state ?? { now: 0 }, parsed, 'request.state');
  const ic = prepareResolved(parsed, plan, state, { days: 'all', travelMatrix: options.travelMatrix, extraVisits: [visit] });
  return slotsFrom(ic, visit, request);
}

/** Slots from a prepared context (`days: 'all'`, the visit's site in its travel table). */
export function slotsFrom(ic: InsertionContext, visit: Visit, request: SlotRequest): Slot[] {
  const count = request.count ?? DEFAULT_SLOT_COUNT;
  const length = request.windowLength ?? DEFAULT_WINDOW_LENGTH;
  const step = request.windowStep ?? DEFAULT_WINDOW_STEP;
  const found = evaluateAll(ic, visit, true);
  const best = new Map<string, Slot>();
  for (let c = 0; c < found; c++) {
    const candidate = describeCandidate(ic, visit, c);
    // The window starts on the step at or before the arrival, but never so early that the arrival falls outside it.
    // The customer cares about when the technician rings the bell: the start of service, after any wait.
    const eta = candidate.start;
    let from = Math.floor(eta / step) * step;
    if (eta - from > length) from = eta - length;
    const key = `${candidate.day}\u0000${from}`;
    const slot: Slot = {
      day: candidate.day,
      window: [from, from + length],
      technician: candidate.technician,
      eta,
      cost: candidate.score,
    };
    const previous = best.get(key);
    if (!previous || slot.cost < previous.cost) best.set(key, slot);
  }
  return [...best.values()].sort((a, b) => a.cost - b.cost || a.day - b.day || a.window[0] - b.window[0]).slice(0, count);
}
