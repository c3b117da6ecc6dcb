// Candidates for an urgent visit when the server cannot rank them (its
// insertion-candidates route missing or failing): every technician's day is
// tried as soon as possible with the timeline's estimate, the feasible ones
// first, then by arrival, then by the travel added. Pure.
import type { InsertionCandidate } from '../api/endpoints.ts';
import { type MovingVisit, previewMove, type Preview } from '../timeline/feasibility.ts';
import type { TimelineRow } from '../timeline/layout.ts';
import { zonedInstant } from '../geo/time.ts';

export interface RankedCandidate extends InsertionCandidate {
  readonly source: 'server' | 'estimate';
  readonly verdict?: Preview['verdict'];
  readonly problems?: Preview['problems'];
}

export function rankLocally(
  rows: readonly TimelineRow[],
  visit: MovingVisit,
  nowMinute: number,
  day: string,
  timezone: string,
  locate: (interventionId: string) => { lat: number; lon: number } | null,
): RankedCandidate[] {
  const order = { ok: 0, warning: 1, blocked: 2 } as const;
  const ranked = rows.map((row) => {
    const visits = row.bars
      .filter((b) => b.kind === 'visit' && b.interventionId !== visit.interventionId)
      .map((b) => ({ interventionId: (b as { interventionId: string }).interventionId, at: locate((b as { interventionId: string }).interventionId), start: b.start, end: b.end }))
      .sort((a, b) => a.start - b.start);
    const tech = row.technician;
    const earliest = Math.max(nowMinute, row.shift?.start ?? nowMinute);
    // Not before a visit already under way: the first free slot after the visits that started.
    const busyUntil = visits.filter((v) => v.start < earliest).reduce((m, v) => Math.max(m, v.end), earliest);
    const preview = previewMove(
      { technicianId: tech.id, home: tech.homeLat != null && tech.homeLon != null ? { lat: tech.homeLat, lon: tech.homeLon } : null, shift: row.shift, skills: tech.skills, visits },
      visit,
      busyUntil,
    );
    return { row, preview };
  });
  ranked.sort((a, b) => order[a.preview.verdict] - order[b.preview.verdict] || a.preview.arrival - b.preview.arrival || a.preview.extraTravelSeconds - b.preview.extraTravelSeconds);
  return ranked.map(({ row, preview }) => ({
    source: 'estimate',
    technicianId: row.technician.id,
    tourId: row.tour?.id ?? null,
    position: preview.position,
    eta: zonedInstant(day, preview.arrival, timezone).toISOString(),
    plannedStart: zonedInstant(day, preview.start, timezone).toISOString(),
    extraTravelSeconds: preview.extraTravelSeconds,
    delayedStops: preview.delayedVisits,
    delaySeconds: Math.round(preview.maxDelayMinutes * 60),
    overtimeSeconds: Math.round(preview.overtimeMinutes * 60),
    verdict: preview.verdict,
    problems: preview.problems,
  }));
}
