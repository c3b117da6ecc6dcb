// The day's indicators, from the same rows the timeline draws. Pure.
import type { InterventionView, TourView } from '../api/types.ts';
import type { TimelineRow } from '../timeline/layout.ts';

export interface Kpis {
  readonly travelSeconds: number;
  readonly travelMeters: number;
  /** Time on site over shift time, technicians with a shift that day. */
  readonly utilization: number | null;
  /**
   * Visits planned to start by their SLA deadline, among those that have one; a visit left unplanned whose
   * deadline falls by the end of the day counts as missed (its deadline will pass with nobody on the way).
   */
  readonly slaCompliance: number | null;
  readonly slaMissed: number;
  readonly unassigned: number;
  readonly overtimeMinutes: number;
  /** Coefficient of variation of working minutes across technicians (0 = even). */
  readonly imbalance: number | null;
  readonly visits: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function computeKpis(
  rows: readonly TimelineRow[],
  tours: Readonly<Record<string, TourView>>,
  interventions: Readonly<Record<string, InterventionView>>,
  /** End of the day shown (epoch ms): unplanned visits due by then are missed deadlines. */
  dayEnd: number = Number.NEGATIVE_INFINITY,
): Kpis {
  let travelSeconds = 0;
  let travelMeters = 0;
  for (const tour of Object.values(tours)) {
    const kTravel = num(tour.kpis.travelSeconds);
    travelSeconds += kTravel || tour.stops.reduce((n, s) => n + (s.travelSeconds ?? 0), 0);
    travelMeters += num(tour.kpis.travelMeters) || tour.stops.reduce((n, s) => n + (s.travelMeters ?? 0), 0);
  }
  let work = 0;
  let available = 0;
  let overtimeMinutes = 0;
  const loads: number[] = [];
  for (const row of rows) {
    const visitMinutes = row.bars.reduce((n, b) => n + (b.kind === 'visit' ? b.end - b.start : 0), 0);
    const travelMinutes = row.bars.reduce((n, b) => n + (b.kind === 'travel' ? b.end - b.start : 0), 0);
    if (row.overtime) overtimeMinutes += row.overtime.end - row.overtime.start;
    if (!row.shift) continue;
    work += visitMinutes;
    available += row.shift.end - row.shift.start - row.shift.breakMinutes;
    loads.push(visitMinutes + travelMinutes);
  }
  const onTour = new Set<string>();
  for (const tour of Object.values(tours)) for (const s of tour.stops) onTour.add(s.interventionId);
  let withSla = 0;
  let missed = 0;
  let unassigned = 0;
  for (const i of Object.values(interventions)) {
    if (i.status === 'cancelled') continue;
    const waiting = !onTour.has(i.id) && (i.status === 'requested' || i.status === 'planned');
    if (waiting) unassigned++;
    if (i.slaDeadline && onTour.has(i.id)) {
      withSla++;
      if (i.plannedStart && Date.parse(i.plannedStart) > Date.parse(i.slaDeadline)) missed++;
    } else if (i.slaDeadline && waiting && Date.parse(i.slaDeadline) <= dayEnd) {
      withSla++;
      missed++;
    }
  }
  const mean = loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : 0;
  const sd = loads.length ? Math.sqrt(loads.reduce((a, b) => a + (b - mean) ** 2, 0) / loads.length) : 0;
  return {
    travelSeconds,
    travelMeters,
    utilization: available > 0 ? work / available : null,
    slaCompliance: withSla > 0 ? (withSla - missed) / withSla : null,
    slaMissed: missed,
    unassigned,
    overtimeMinutes,
    imbalance: mean > 0 ? sd / mean : null,
    visits: onTour.size,
  };
}
