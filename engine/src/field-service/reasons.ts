/**
 * Why a visit has no tour, in machine-readable reasons checked by
 * construction (engine/README.md, "Field-service planning"): every check that
 * alone rules the visit out is reported; when none does, the first stage of
 * the chain (skills → date range → sector → reachability) that leaves no work
 * period; and when the visit could be done on its own by some period, the
 * days are simply full: `day_capacity`.
 */
import type { FieldServiceContext } from './context.ts';
import { visitDays } from './context.ts';
import type { Eligibility } from './eligibility.ts';
import type { UnassignedReason, UnassignedVisit, Visit } from './types.ts';

export function explainUnassigned(ctx: FieldServiceContext, visit: Visit, sector: string | undefined, e: Eligibility): UnassignedVisit {
  const reasons = reasonsOf(e);
  return { visit: visit.id, reasons, detail: reasons.map((r) => sentence(ctx, visit, sector, r)).join('; ') };
}

export function reasonsOf(e: Eligibility): UnassignedReason[] {
  if (e.reachable.length > 0) return ['day_capacity'];
  const out: UnassignedReason[] = [];
  if (!e.anySkilled) out.push('no_skill_level');
  if (!e.anyInRange) out.push('no_shift_in_date_range');
  if (!e.anyInSector) out.push('sector_rule');
  if (out.length > 0) return out;
  if (e.skilled.length === 0 || e.inRange.length === 0) return ['no_shift_in_date_range'];
  if (e.inSector.length === 0) return ['sector_rule'];
  return ['time_window_unreachable'];
}

function sentence(ctx: FieldServiceContext, visit: Visit, sector: string | undefined, reason: UnassignedReason): string {
  const skills = Object.entries(visit.skills ?? {})
    .map(([s, l]) => `${s} ≥ ${l}`)
    .join(', ');
  const [first, last] = visitDays(visit, ctx.problem.horizon.days);
  const range = first === last ? `on day ${first}` : `between day ${first} and day ${last}`;
  switch (reason) {
    case 'no_skill_level':
      return `no technician allowed to do it has ${skills || 'the required skills'}`;
    case 'no_shift_in_date_range':
      return `no suitable technician works ${range}`;
    case 'sector_rule':
      return `the hard sector rule: no suitable technician covers sector ${sector ?? '(none)'}`;
    case 'time_window_unreachable':
      return `no suitable technician can reach it within its time windows and their hours, even with nothing else to do`;
    case 'day_capacity':
      return `possible on its own, but the suitable technicians' days ${range} are full`;
  }
}

/**
 * A `day_capacity` visit whose class the capacity bound leaves short
 * (capacity/capacity-bound.ts): the technicians who hold its skills have no
 * hours left for it over its days, even ignoring routes. Other reasons stay
 * as they are: the visit could not be done even alone.
 */
export function withNoSkillCapacity(ctx: FieldServiceContext, visit: Visit, u: UnassignedVisit): UnassignedVisit {
  if (u.reasons.length !== 1 || u.reasons[0] !== 'day_capacity') return u;
  const skills = Object.entries(visit.skills ?? {})
    .map(([s, l]) => `${s} ≥ ${l}`)
    .join(', ');
  const [first, last] = visitDays(visit, ctx.problem.horizon.days);
  const range = first === last ? `on day ${first}` : `between day ${first} and day ${last}`;
  const who = skills ? `for ${skills}` : 'for it';
  return {
    ...u,
    detail: `${u.detail}; no capacity ${who} ${range}: the technicians able to do it have no hours left once work of more priority per hour is served, even ignoring routes`,
    noSkillCapacity: true,
  };
}
