// The preview while a visit is dragged over the timeline comes from the
// server (POST /api/interventions/:id/evaluate-move): the engine times the
// target technician's tour with the visit in it — travel, windows, lunch, the
// end of the day — exactly as dropping it there stores it, and refuses what
// the save would refuse (an absent technician, a missing skill). Asked again,
// debounced, when the pointer rests on another row or time.
import { useEffect, useRef, useState } from 'react';
import type { MoveEvaluation } from '../api/endpoints.ts';
import { minutesSinceLocalMidnight } from '@tournee/contracts/zoned-time';

export type Problem =
  | 'absent'
  | 'missing_skill'
  | 'no_shift'
  | 'overtime'
  | 'late_for_deadline'
  | 'outside_window'
  | 'no_location'
  | 'no_room'
  | 'parts_unavailable'
  | 'pushed_out';

export interface Preview {
  /** Where the visit lands in the tour (the day's done visits included): what the drop sends. */
  readonly position: number;
  /** Minutes of the day. */
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
  /** Travel added to the tour by the move. */
  readonly extraTravelSeconds: number;
  readonly delayedVisits: number;
  readonly pushedOut: number;
  /** Overtime the move adds. */
  readonly overtimeMinutes: number;
  /** blocked: the server refuses it; warning: possible but costly. */
  readonly verdict: 'ok' | 'warning' | 'blocked';
  readonly problems: readonly Problem[];
  /** The server's sentence when it refuses (English, with ids: for logs, never shown). */
  readonly refusal: string | null;
  /** Refused because the technician is away that day: why (leave, sick, training, other). */
  readonly absence: 'leave' | 'sick' | 'training' | 'other' | null;
  /** Straight-line travel estimates (no road times on the server, or they failed). */
  readonly estimated: boolean;
}

/** Where the pointer rests: the technician's row and the minute of the day. */
export interface MoveTarget {
  readonly technicianId: string;
  readonly start: number;
}

const REFUSALS: Record<NonNullable<MoveEvaluation['refusal']>['reason'], Problem> = {
  no_skill: 'missing_skill',
  no_shift: 'no_shift',
  no_location: 'no_location',
  window: 'outside_window',
  capacity: 'no_room',
  parts_unavailable: 'parts_unavailable',
};

/** The server's evaluation in the timeline's terms (minutes of the board's day). */
export function previewOf(e: MoveEvaluation, day: string, timezone: string, fallbackStart: number): Preview {
  const minute = (iso: string | null) => (iso ? minutesSinceLocalMidnight(iso, day, timezone) : fallbackStart);
  const problems: Problem[] = [];
  if (e.refusal) problems.push(e.refusal.absence ? 'absent' : REFUSALS[e.refusal.reason]);
  const overtimeMinutes = Math.max(0, e.overtimeSeconds - e.overtimeBeforeSeconds) / 60;
  if (!e.refusal) {
    if (overtimeMinutes >= 1) problems.push('overtime');
    if (e.slaMet === false) problems.push('late_for_deadline');
    if (e.pushedOut.length > 0) problems.push('pushed_out');
    if (e.warnings.length > 0) problems.push('parts_unavailable');
  }
  const start = minute(e.plannedStart);
  return {
    position: e.position,
    arrival: minute(e.eta),
    start,
    end: e.plannedEnd ? minute(e.plannedEnd) : start,
    extraTravelSeconds: e.addedTravelSeconds,
    delayedVisits: e.delayed.length,
    pushedOut: e.pushedOut.length,
    overtimeMinutes,
    verdict: e.refusal ? 'blocked' : problems.length > 0 || e.delayed.length > 0 ? 'warning' : 'ok',
    problems,
    refusal: e.refusal?.message ?? null,
    absence: e.refusal?.absence ?? null,
    estimated: e.travelTimes === 'estimated',
  };
}

export const moveKey = (interventionId: string, target: MoveTarget): string => `${interventionId}|${target.technicianId}|${target.start}`;

/** How long the pointer rests on a place before the server is asked. */
export const PREVIEW_DEBOUNCE_MS = 120;

/**
 * The server's preview for the visit at the target, once the pointer has
 * rested there; null while it is being asked (or failed). Answers are kept
 * per place for the drag, so coming back to a place shows it at once.
 */
export function useMovePreview(
  interventionId: string | null,
  target: MoveTarget | null,
  evaluate: (interventionId: string, target: MoveTarget) => Promise<Preview>,
): { preview: Preview | null; pending: boolean; key: string | null } {
  const cache = useRef(new Map<string, Preview>());
  const [, setVersion] = useState(0);
  useEffect(() => {
    cache.current.clear();
  }, [interventionId]);
  const key = interventionId && target ? moveKey(interventionId, target) : null;
  // The effect runs per place (its key); what it asks with is read from here.
  const latest = useRef({ interventionId, target, evaluate });
  latest.current = { interventionId, target, evaluate };
  useEffect(() => {
    const { interventionId, target, evaluate } = latest.current;
    if (!interventionId || !target || !key || cache.current.has(key)) return;
    let live = true;
    const timer = setTimeout(() => {
      evaluate(interventionId, target).then(
        (p) => {
          cache.current.set(key, p);
          if (live) setVersion((v) => v + 1);
        },
        () => {},
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  const preview = key ? (cache.current.get(key) ?? null) : null;
  return { preview, pending: key !== null && preview === null, key };
}
