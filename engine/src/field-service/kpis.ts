/**
 * Key figures of a plan for the board and the server: travel, service,
 * overtime, SLA compliance, unassigned by reason, utilisation per technician
 * and a balance index (Jain's fairness index of work time).
 */
import type { FieldServiceContext } from './context.ts';
import { type Kpis, type TechnicianUtilisation, type Tour, UNASSIGNED_REASONS, type UnassignedReason, type UnassignedVisit } from './types.ts';

export function planKpis(ctx: FieldServiceContext, tours: readonly Tour[], unassigned: readonly UnassignedVisit[]): Kpis {
  const { problem } = ctx;
  let travelTime = 0;
  let travelDistance = 0;
  let serviceTime = 0;
  let overtime = 0;
  let assigned = 0;
  const served = new Map<string, number>();
  const work = new Map<string, number>();
  for (const tour of tours) {
    travelTime += tour.travelTime;
    travelDistance += tour.travelDistance;
    serviceTime += tour.serviceTime;
    overtime += tour.overtime;
    work.set(tour.technician, (work.get(tour.technician) ?? 0) + tour.travelTime + tour.serviceTime);
    for (const stop of tour.stops) {
      served.set(stop.visit, stop.start);
      assigned++;
    }
  }

  let withDeadline = 0;
  let met = 0;
  let visits = 0;
  for (const v of problem.visits) {
    if (v.status === 'done') continue;
    visits++;
    if (v.slaDeadline === undefined) continue;
    withDeadline++;
    const start = served.get(v.id);
    if (start !== undefined && start <= v.slaDeadline) met++;
  }

  const unassignedByReason = Object.fromEntries(UNASSIGNED_REASONS.map((r) => [r, 0])) as Record<UnassignedReason, number>;
  for (const u of unassigned) for (const r of u.reasons) unassignedByReason[r]++;

  const available = new Map<string, number>();
  for (const p of ctx.periods) {
    const id = problem.technicians[p.technician]!.id;
    available.set(id, (available.get(id) ?? 0) + Math.max(0, p.end - p.pieceStart));
  }
  const utilisation: TechnicianUtilisation[] = problem.technicians
    .filter((t) => available.has(t.id) || work.has(t.id))
    .map((t) => {
      const a = available.get(t.id) ?? 0;
      const w = work.get(t.id) ?? 0;
      return { technician: t.id, available: a, work: w, utilisation: a > 0 ? Math.round((w / a) * 1000) / 1000 : 0 };
    });

  return {
    visits,
    assigned,
    unassigned: unassigned.length,
    travelTime,
    travelDistance,
    serviceTime,
    overtime,
    sla: { withDeadline, met, compliance: withDeadline === 0 ? 100 : Math.round((met / withDeadline) * 1000) / 10 },
    unassignedByReason,
    utilisation,
    balanceIndex: jain(utilisation.map((u) => u.work)),
  };
}

/** Jain's fairness index (Σx)² / (n Σx²): 1 when all equal, 1/n when one takes all; 1 for no work at all. */
export function jain(values: readonly number[]): number {
  const n = values.length;
  let sum = 0;
  let squares = 0;
  for (const x of values) {
    sum += x;
    squares += x * x;
  }
  if (n === 0 || squares === 0) return 1;
  return Math.round(((sum * sum) / (n * squares)) * 1000) / 1000;
}
